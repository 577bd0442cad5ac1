package gateway

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

var errUnauthorized = &Error{Status: http.StatusUnauthorized, Code: "unauthorized",
	Message: "missing or wrong bearer token"}

var errLoopbackOnly = &Error{Status: http.StatusUnauthorized, Code: "unauthorized",
	Message: "no API token is configured, so only loopback clients may call this; set PARLEY_API_TOKEN"}

// requireToken checks "Authorization: Bearer <token>" in constant time. With
// no token configured it admits loopback clients only, judged by the TCP peer
// address and never by forwarding headers.
func requireToken(token string) echo.MiddlewareFunc {
	want := sha256.Sum256([]byte(token))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if token == "" {
				if !isLoopback(c.Request().RemoteAddr) {
					return errLoopbackOnly
				}
				return next(c)
			}
			scheme, got, ok := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				return errUnauthorized
			}
			// Comparing digests keeps the comparison constant-time even
			// when the lengths differ.
			have := sha256.Sum256([]byte(strings.TrimSpace(got)))
			if subtle.ConstantTimeCompare(have[:], want[:]) != 1 {
				return errUnauthorized
			}
			return next(c)
		}
	}
}

func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
