package web_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/web"
)

// TestMountedOnEcho mounts the pages the way the gateway's route table does
// and checks that every route reaches them.
func TestMountedOnEcho(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := seed(t, db)

	e := echo.New()
	pages := echo.WrapHandler(web.RequireAuth("s3cret")(web.New(web.Deps{
		Store: db, TranslationOf: translationOf(t, db), Logger: slog.New(slog.DiscardHandler)})))
	e.GET("/", pages)
	e.GET("/conversations/:id", pages)
	e.GET(web.AssetPrefix+"*", pages)

	tests := []struct {
		path       string
		wantStatus int
		wantType   string
	}{
		{"/", http.StatusOK, "text/html; charset=utf-8"},
		{fmt.Sprintf("/conversations/%d", f.thread), http.StatusOK, "text/html; charset=utf-8"},
		{"/conversations/abc", http.StatusNotFound, "text/html; charset=utf-8"},
		{"/conversations/424242", http.StatusNotFound, "text/html; charset=utf-8"},
		{web.AssetPrefix + "parley.css", http.StatusOK, "text/css; charset=utf-8"},
		{web.AssetPrefix + "missing.css", http.StatusNotFound, "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.RemoteAddr = "192.0.2.7:5000"
			req.SetBasicAuth("agent", "s3cret")
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus || rec.Header().Get("Content-Type") != tt.wantType {
				t.Errorf("GET %s = %d %q, want %d %q", tt.path, rec.Code, rec.Header().Get("Content-Type"),
					tt.wantStatus, tt.wantType)
			}
		})
	}
}
