package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// decodeJSON reads a JSON object body of at most limit bytes into dst. It
// answers 415 for another content type, 413 for a larger body, 400 for
// malformed JSON, and 422 naming the field for text that is not UTF-8.
func decodeJSON(c echo.Context, limit int64, dst any) error {
	r := c.Request()
	mediaType, _, err := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if err != nil || mediaType != echo.MIMEApplicationJSON {
		return &Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Message: "send the body as application/json"}
	}
	body, err := readBody(c, limit)
	if err != nil {
		return err
	}
	if !utf8.Valid(body) {
		// encoding/json would silently replace the bad bytes; find the
		// field instead and refuse.
		return invalid(badUTF8Field(body), "is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return badJSON(err)
	}
	if dec.More() {
		return &Error{Status: http.StatusBadRequest, Code: "bad_json", Message: "the body holds more than one JSON value"}
	}
	return nil
}

// readBody reads the whole body, refusing more than limit bytes with a 413.
func readBody(c echo.Context, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, &Error{Status: http.StatusRequestEntityTooLarge, Code: "body_too_large",
			Message: "the body is larger than the limit of " + formatBytes(limit)}
	}
	if err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Code: "bad_request", Message: "could not read the body"}
	}
	return body, nil
}

func badJSON(err error) *Error {
	msg := "the body is not valid JSON"
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		msg = "field " + typeErr.Field + " has the wrong type: want " + typeErr.Type.String()
	case errors.As(err, &typeErr):
		msg = "the body must be a JSON object"
	case errors.As(err, &syntaxErr):
		msg = "the body is not valid JSON: " + syntaxErr.Error()
	case errors.Is(err, io.EOF):
		msg = "the body is empty"
	}
	return &Error{Status: http.StatusBadRequest, Code: "bad_json", Message: msg}
}

// badUTF8Field names the top-level field whose value holds invalid UTF-8.
func badUTF8Field(body []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) == nil {
		for name, raw := range fields {
			if !utf8.Valid(raw) {
				return name
			}
		}
	}
	return "body"
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
