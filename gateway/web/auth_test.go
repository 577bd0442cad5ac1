package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/web"
)

func TestRequireAuth(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	withToken := newServer(t, "s3cret", db, translationOf(t, db))
	loopbackOnly := newServer(t, "", db, translationOf(t, db))

	tests := []struct {
		name       string
		srv        http.Handler
		remote     string
		header     map[string]string
		user, pass string
		basic      bool
		wantStatus int
	}{
		{name: "no credentials", srv: withToken, remote: "192.0.2.1:5000", wantStatus: http.StatusUnauthorized},
		{name: "no credentials from loopback", srv: withToken, remote: "127.0.0.1:5000", wantStatus: http.StatusUnauthorized},
		{name: "wrong password", srv: withToken, remote: "192.0.2.1:5000", basic: true, user: "agent", pass: "guess",
			wantStatus: http.StatusUnauthorized},
		{name: "token as user name", srv: withToken, remote: "192.0.2.1:5000", basic: true, user: "s3cret",
			wantStatus: http.StatusUnauthorized},
		{name: "longer password", srv: withToken, remote: "192.0.2.1:5000", basic: true, pass: "s3cret2",
			wantStatus: http.StatusUnauthorized},
		{name: "bearer token", srv: withToken, remote: "192.0.2.1:5000",
			header: map[string]string{"Authorization": "Bearer s3cret"}, wantStatus: http.StatusUnauthorized},
		{name: "right password", srv: withToken, remote: "192.0.2.1:5000", basic: true, user: "agent", pass: "s3cret",
			wantStatus: http.StatusOK},
		{name: "right password, any user", srv: withToken, remote: "192.0.2.1:5000", basic: true, pass: "s3cret",
			wantStatus: http.StatusOK},
		{name: "loopback v4", srv: loopbackOnly, remote: "127.0.0.1:5000", wantStatus: http.StatusOK},
		{name: "loopback v6", srv: loopbackOnly, remote: "[::1]:5000", wantStatus: http.StatusOK},
		{name: "remote", srv: loopbackOnly, remote: "192.0.2.1:5000", wantStatus: http.StatusForbidden},
		{name: "remote claiming loopback", srv: loopbackOnly, remote: "192.0.2.1:5000",
			header: map[string]string{"X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1",
				"Forwarded": "for=127.0.0.1"}, wantStatus: http.StatusForbidden},
		{name: "remote with a password", srv: loopbackOnly, remote: "192.0.2.1:5000", basic: true, pass: "",
			wantStatus: http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = tt.remote
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			if tt.basic {
				req.SetBasicAuth(tt.user, tt.pass)
			}
			rec := httptest.NewRecorder()
			tt.srv.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("GET / from %s = %d, want %d", tt.remote, res.StatusCode, tt.wantStatus)
			}
			checkSecurityHeaders(t, res)
			wantChallenge := ""
			if tt.wantStatus == http.StatusUnauthorized {
				wantChallenge = `Basic realm="Parley"`
			}
			if got := res.Header.Get("WWW-Authenticate"); got != wantChallenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, wantChallenge)
			}
			if tt.wantStatus == http.StatusOK && !strings.Contains(string(body), "Recent conversations") {
				t.Errorf("GET / = 200 without the list page:\n%s", body)
			}
			if tt.wantStatus != http.StatusOK && !strings.Contains(string(body), "<title>") {
				t.Errorf("GET / = %d without an HTML error page:\n%s", res.StatusCode, body)
			}
		})
	}
}

func TestRequireAuthGuardsAssets(t *testing.T) {
	srv := newServer(t, "s3cret", failingReader{}, nil)
	req := httptest.NewRequest(http.MethodGet, web.AssetPrefix+"parley.css", nil)
	req.RemoteAddr = "127.0.0.1:5000"
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("GET %sparley.css without credentials = %d, want 401", web.AssetPrefix, rec.Code)
	}
}
