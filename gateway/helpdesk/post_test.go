package helpdesk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestDo(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantErr    error
		wantRetry  time.Duration
	}{
		{"ok", 200, "", nil, 0},
		{"created", 201, "", nil, 0},
		{"rate limited", 429, "7", ErrTemporary, 7 * time.Second},
		{"rate limited without header", 429, "", ErrTemporary, 0},
		{"server error", 500, "", ErrTemporary, 0},
		{"unavailable with retry", 503, "2", ErrTemporary, 2 * time.Second},
		{"not found", 404, "", ErrPermanent, 0},
		{"unauthorized", 401, "", ErrPermanent, 0},
		{"unprocessable", 422, "", ErrPermanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(`{"ok":true}`))
			}))
			defer srv.Close()
			req, err := NewJSONRequest("POST", srv.URL+"/x", []byte(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			body, err := Do(context.Background(), srv.Client(), req)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("Do() error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && string(body) != `{"ok":true}` {
				t.Errorf("Do() body = %q, want the response body", body)
			}
			got, ok := RetryAfter(err)
			if got != tt.wantRetry || ok != (tt.wantRetry > 0) {
				t.Errorf("RetryAfter(%v) = %v, %v, want %v", err, got, ok, tt.wantRetry)
			}
		})
	}
}

func TestDoTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	hc := &http.Client{Timeout: 50 * time.Millisecond}
	req, _ := NewJSONRequest("GET", srv.URL, nil)
	_, err := Do(context.Background(), hc, req)
	if !errors.Is(err, ErrTemporary) {
		t.Errorf("Do() against a hung server error = %v, want ErrTemporary", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := ParseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheckUnixTimestamp(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"now", "1800000000", true},
		{"4 minutes old", "1799999760", true},
		{"6 minutes old", "1799999640", false},
		{"6 minutes ahead", "1800000360", false},
		{"missing", "", false},
		{"garbage", "yesterday", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckUnixTimestamp(tt.in, now)
			if tt.ok != (err == nil) || (err != nil && !errors.Is(err, ErrSignature)) {
				t.Errorf("CheckUnixTimestamp(%q) = %v, want ok=%v", tt.in, err, tt.ok)
			}
		})
	}
}

func TestDedupeKey(t *testing.T) {
	a := Event{Source: "chatwoot", Conversation: "1:2", MessageID: "9", DeliveryID: "d1"}
	b := a
	b.DeliveryID = "d2"
	if a.DedupeKey() != b.DedupeKey() {
		t.Errorf("DedupeKey differs for one message delivered twice: %q vs %q", a.DedupeKey(), b.DedupeKey())
	}
	c := Event{Source: "chatwoot", Conversation: "1:2", Kind: KindConversationOpened, DeliveryID: "d1"}
	d := c
	d.DeliveryID = "d2"
	if c.DedupeKey() == d.DedupeKey() {
		t.Errorf("DedupeKey(%+v) equals DedupeKey of another delivery", c)
	}
}

func TestReadBody(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		limit int64
		want  error
	}{
		{"small", "{}", 10, nil},
		{"exactly the limit", "0123456789", 10, nil},
		{"one byte over", "0123456789x", 10, ErrPayload},
		{"default limit", "{}", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadBody(strings.NewReader(tt.body), tt.limit)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("ReadBody() error = %v, want %v", err, tt.want)
			}
			if err == nil && string(got) != tt.body {
				t.Errorf("ReadBody() = %q, want %q", got, tt.body)
			}
		})
	}
}
