# Parley: a static binary on a distroless image. The build command is the
# one .ci/run runs, so CI tests it. The build stage is Debian 12, like the
# CI machines and the distroless base, so that .ci/dictionaries installs the
# packages it was tested with.
FROM golang:1.26-bookworm AS build
# Hunspell dictionaries and common-word lists sharpen detection of short
# messages.
COPY .ci/dictionaries /tmp/dictionaries
RUN sh /tmp/dictionaries
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/parley . && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/parley /parley
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /usr/share/hunspell /usr/share/hunspell
COPY --from=build /usr/share/parley/wordlists /usr/share/parley/wordlists
# SQLite lives in /data unless PARLEY_DATABASE_URL points at PostgreSQL.
VOLUME /data
WORKDIR /data
ENV PARLEY_ADDR=0.0.0.0:8080 \
    PARLEY_DATABASE_URL=/data/parley.db \
    PARLEY_LOG_FORMAT=json \
    GOMEMLIMIT=900MiB
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/parley"]
CMD ["serve"]
