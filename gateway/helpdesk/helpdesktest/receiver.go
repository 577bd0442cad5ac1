package helpdesktest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// TB is the part of testing.TB that NewReceiver and CheckPostError use; the
// package does not import testing, since the fakes that use it also serve
// benchmarks.
type TB interface {
	Helper()
	Cleanup(func())
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Connector is what a Receiver needs of a helpdesk client: checking a
// webhook's signature and turning its body into events.
type Connector interface {
	Verify(header http.Header, body []byte, now time.Time) error
	Parse(header http.Header, body []byte) ([]helpdesk.Event, error)
}

// Receiver is a webhook endpoint for client tests: it verifies and parses
// every webhook with a connector, as the gateway does, and keeps the events.
type Receiver struct {
	// URL is where to send webhooks.
	URL string

	c      Connector
	mu     sync.Mutex
	events []helpdesk.Event
}

// NewReceiver starts a Receiver for c, closed when the test ends. It answers
// 401 to a webhook c does not verify and 400 to one it cannot parse.
func NewReceiver(t TB, c Connector) *Receiver {
	t.Helper()
	r := &Receiver{c: c}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.URL = srv.URL
	return r
}

// Events returns the events received so far, in the order they came.
func (r *Receiver) Events() []helpdesk.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]helpdesk.Event(nil), r.events...)
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, fmt.Sprintf("read webhook: %v", err), http.StatusBadRequest)
		return
	}
	if err := r.c.Verify(req.Header, body, time.Now()); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	evs, err := r.c.Parse(req.Header, body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, evs...)
}

// CheckPostError checks a post a fake was set up to fail: call names the
// call that returned err (e.g. "Note()"), which must be want with a
// Retry-After of wantRetry (0 for none), and posts is how many posts the fake
// recorded, which must be none. A wrong error stops the test.
func CheckPostError(t TB, call string, err, want error, wantRetry time.Duration, posts int) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s error = %v, want %v", call, err, want)
	}
	if got, _ := helpdesk.RetryAfter(err); got != wantRetry {
		t.Errorf("RetryAfter(%v) = %v, want %v", err, got, wantRetry)
	}
	if posts != 0 {
		t.Errorf("posts = %d, want none", posts)
	}
}
