package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parleyhq/parley/gateway/store"
)

// chromiumPath is Debian's chromium, which CI installs.
const chromiumPath = "/usr/bin/chromium"

// TestBrowserDirection loads a thread in a real browser and checks the
// direction the browser computed for each text block: what dir="auto" and
// the stylesheet promise, as a reader sees it.
func TestBrowserDirection(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no browser at %s; install Debian's chromium to run this test", chromiumPath)
		}
		t.Fatalf("CI is set but %s is missing: %v", chromiumPath, err)
	}
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := seed(t, db)
	// httptest listens on 127.0.0.1, so the loopback-only mode admits the
	// browser without credentials.
	srv := httptest.NewServer(newServer(t, "", db, translationOf(t, db)))
	t.Cleanup(srv.Close)

	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	url := fmt.Sprintf("%s/conversations/%d", srv.URL, f.thread)
	if err := chromedp.Do(bctx, chromedp.Navigate(url), chromedp.Query("#m"+fmt.Sprint(f.english))); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	tests := []struct {
		name, expr, want string
	}{
		{"arabic original", directionOf(fmt.Sprintf("#m%d .original .text", f.arabic)), "rtl"},
		{"its english translation", directionOf(fmt.Sprintf("#m%d .translation .text", f.arabic)), "ltr"},
		{"arabic acknowledgement", directionOf(fmt.Sprintf("#m%d .delivery .text", f.arabic)), "rtl"},
		{"english agent message", directionOf(fmt.Sprintf("#m%d .original .text", f.english)), "ltr"},
		{"russian original", directionOf(fmt.Sprintf("#m%d .original .text", f.bad)), "ltr"},
		// The stylesheet loaded despite the strict CSP: the columns are a grid.
		{"stylesheet applies", fmt.Sprintf("getComputedStyle(document.querySelector(%q)).display",
			fmt.Sprintf("#m%d .pair", f.arabic)), "grid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chromedp.Run(bctx, chromedp.Evaluate[string](tt.expr))
			if err != nil {
				t.Fatalf("evaluate %s: %v", tt.expr, err)
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.expr, got, tt.want)
			}
		})
	}
}

func directionOf(selector string) string {
	return fmt.Sprintf("getComputedStyle(document.querySelector(%q)).direction", selector)
}
