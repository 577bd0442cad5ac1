package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
)

// RequireAuth guards the agent page. Browsers cannot send bearer tokens, so
// it takes HTTP Basic auth whose password is token, with any user name, and
// answers 401 with a Basic challenge otherwise. With no token configured it
// admits loopback clients only, judged by the TCP peer address and never by
// forwarding headers, and refuses the rest with 403.
func RequireAuth(token string) func(http.Handler) http.Handler {
	want := sha256.Sum256([]byte(token))
	p := parsePages()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			setSecurityHeaders(w.Header())
			if token == "" {
				if !isLoopback(r.RemoteAddr) {
					p.renderError(w, http.StatusForbidden)
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			_, password, ok := r.BasicAuth()
			// Comparing digests keeps the comparison constant-time even when
			// the lengths differ.
			have := sha256.Sum256([]byte(password))
			if !ok || subtle.ConstantTimeCompare(have[:], want[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Basic realm="Parley"`)
				p.renderError(w, http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
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
