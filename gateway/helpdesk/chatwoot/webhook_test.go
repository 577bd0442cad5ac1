package chatwoot

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
)

const secret = "whsec-test"

func TestVerify(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := chatwoottest.Example("message_created_incoming")
	good := chatwoottest.Headers(secret, body, now, "d-1")
	tests := []struct {
		name   string
		secret string
		header http.Header
		body   []byte
		want   error
	}{
		{"good", secret, good, body, nil},
		{"signed a minute ago", secret, chatwoottest.Headers(secret, body, now.Add(-time.Minute), ""), body, nil},
		{"wrong secret", "other", good, body, helpdesk.ErrSignature},
		{"tampered body", secret, good, append([]byte(" "), body...), helpdesk.ErrSignature},
		{"missing signature", secret, without(good, HeaderSignature), body, helpdesk.ErrSignature},
		{"missing timestamp", secret, without(good, HeaderTimestamp), body, helpdesk.ErrSignature},
		{"timestamp changed", secret, with(good, HeaderTimestamp, strconv.FormatInt(now.Unix()-1, 10)), body, helpdesk.ErrSignature},
		{"stale", secret, chatwoottest.Headers(secret, body, now.Add(-6*time.Minute), ""), body, helpdesk.ErrSignature},
		{"from the future", secret, chatwoottest.Headers(secret, body, now.Add(6*time.Minute), ""), body, helpdesk.ErrSignature},
		{"bare hex without prefix", secret, with(good, HeaderSignature, good.Get(HeaderSignature)[len("sha256="):]), body, helpdesk.ErrSignature},
		{"no secret configured", "", good, body, helpdesk.ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.header, tt.body, now)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestClientVerifyOptOut(t *testing.T) {
	now := time.Now()
	body := chatwoottest.Example("message_created_incoming")
	c := newClient(t, Config{URL: "http://chatwoot.invalid", APIToken: "t", InsecureSkipSignature: true})
	err := c.Verify(http.Header{}, body, now)
	if !errors.Is(err, helpdesk.ErrUnverified) || errors.Is(err, helpdesk.ErrSignature) {
		t.Errorf("Verify(unsigned) with the opt-out = %v, want ErrUnverified only", err)
	}
	c = newClient(t, Config{URL: "http://chatwoot.invalid", APIToken: "t", WebhookSecret: secret, InsecureSkipSignature: true})
	if err := c.Verify(chatwoottest.Headers(secret, body, now, ""), body, now); err != nil {
		t.Errorf("Verify(signed) with the opt-out = %v, want nil", err)
	}
	c = newClient(t, Config{URL: "http://chatwoot.invalid", APIToken: "t", WebhookSecret: secret})
	if err := c.Verify(http.Header{}, body, now); !errors.Is(err, helpdesk.ErrSignature) {
		t.Errorf("Verify(unsigned) without the opt-out = %v, want ErrSignature", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no url", Config{APIToken: "t", WebhookSecret: "s"}},
		{"relative url", Config{URL: "chat.example.com", APIToken: "t", WebhookSecret: "s"}},
		{"no token", Config{URL: "https://c.example", WebhookSecret: "s"}},
		{"no secret", Config{URL: "https://c.example", APIToken: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); !errors.Is(err, ErrConfig) {
				t.Errorf("New(%+v) = %v, want ErrConfig", tt.cfg, err)
			}
		})
	}
}

func without(h http.Header, key string) http.Header {
	h = h.Clone()
	h.Del(key)
	return h
}

func with(h http.Header, key, value string) http.Header {
	h = h.Clone()
	h.Set(key, value)
	return h
}

func newClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v) = %v", cfg, err)
	}
	return c
}
