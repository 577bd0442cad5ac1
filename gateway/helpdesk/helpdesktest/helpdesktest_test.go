package helpdesktest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

func TestFaultsQueueInOrder(t *testing.T) {
	var q helpdesktest.Faults
	if _, ok := q.NextFault(); ok {
		t.Fatal("NextFault() on a zero Faults = a fault, want none")
	}
	q.FailNext(helpdesktest.Fault{Status: 429, RetryAfter: "7"})
	q.FailNext(helpdesktest.Fault{Status: 500})
	for _, want := range []int{429, 500} {
		if f, ok := q.NextFault(); !ok || f.Status != want {
			t.Errorf("NextFault() = %+v, %v, want status %d", f, ok, want)
		}
	}
	if _, ok := q.NextFault(); ok {
		t.Error("NextFault() after the queue emptied = a fault, want none")
	}
}

func TestFaultsGone(t *testing.T) {
	var q helpdesktest.Faults
	if q.Gone(3) {
		t.Error("Gone(3) on a zero Faults = true")
	}
	q.Delete(3)
	if !q.Gone(3) || q.Gone(4) {
		t.Errorf("Gone(3), Gone(4) after Delete(3) = %v, %v, want true, false", q.Gone(3), q.Gone(4))
	}
}

func TestDelayGivesUpWithTheRequest(t *testing.T) {
	var q helpdesktest.Faults
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if !q.Delay(r) {
		t.Error("Delay() without a delay = false, want true")
	}
	q.SetDelay(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if q.Delay(r.WithContext(ctx)) {
		t.Error("Delay() of an ended request = true, want false")
	}
	q.SetDelay(time.Millisecond)
	if !q.Delay(r) {
		t.Error("Delay() of a live request = false, want true")
	}
}

func TestFaultWrite(t *testing.T) {
	w := httptest.NewRecorder()
	helpdesktest.Fault{Status: 429, RetryAfter: "12"}.Write(w, "error")
	if w.Code != 429 || w.Header().Get("Retry-After") != "12" || strings.TrimSpace(w.Body.String()) != `{"error":"Too Many Requests"}` {
		t.Errorf("Write() = %d, Retry-After %q, %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	w = httptest.NewRecorder()
	helpdesktest.Fault{Status: 500}.Write(w, "code")
	if _, ok := w.Header()["Retry-After"]; ok || w.Code != 500 {
		t.Errorf("Write() without RetryAfter = %d, header %v", w.Code, w.Header())
	}
}

func TestWebhooksRecordEveryOutcome(t *testing.T) {
	var h helpdesktest.Webhooks
	boom := errors.New("boom")
	h.Go(func() error { return nil })
	h.Go(func() error { return boom })
	errs := h.Errors()
	if len(errs) != 2 || !errors.Is(errors.Join(errs...), boom) {
		t.Errorf("Errors() = %v, want nil and boom", errs)
	}
}

func TestSend(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Test") != "yes" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.WriteHeader(code)
	}))
	defer srv.Close()
	h := http.Header{"X-Test": {"yes"}}
	if err := helpdesktest.Send(context.Background(), srv.URL+"/204", h, []byte("{}")); err != nil {
		t.Errorf("Send() to a 204 = %v, want nil", err)
	}
	if err := helpdesktest.Send(context.Background(), srv.URL+"/500", h, []byte("{}")); err == nil {
		t.Error("Send() to a 500 = nil, want an error")
	}
}

// connector verifies a body "signed" and parses it into one event with the
// body as text, or fails with ErrPayload on "bad".
type connector struct{}

func (connector) Verify(h http.Header, _ []byte, _ time.Time) error {
	if h.Get("X-Signed") == "" {
		return helpdesk.ErrSignature
	}
	return nil
}

func (connector) Parse(_ http.Header, body []byte) ([]helpdesk.Event, error) {
	if string(body) == "bad" {
		return nil, helpdesk.ErrPayload
	}
	return []helpdesk.Event{{Text: string(body)}}, nil
}

func TestReceiver(t *testing.T) {
	r := helpdesktest.NewReceiver(t, connector{})
	tests := []struct {
		body   string
		signed bool
		want   int
	}{
		{"unsigned", false, http.StatusUnauthorized},
		{"bad", true, http.StatusBadRequest},
		{"hello", true, http.StatusOK},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodPost, r.URL, strings.NewReader(tt.body))
		if tt.signed {
			req.Header.Set("X-Signed", "1")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("POST %q = %d, want %d", tt.body, resp.StatusCode, tt.want)
		}
	}
	if evs := r.Events(); len(evs) != 1 || evs[0].Text != "hello" {
		t.Errorf("Events() = %+v, want the one from hello", evs)
	}
}
