// Package chatwoottest is a fake Chatwoot for tests: an httptest server that
// speaks Chatwoot's messages API, records what is posted, and sends a signed
// message_created webhook back for every message posted, as Chatwoot does.
// It also builds signed webhooks from Chatwoot's documented payloads.
package chatwoottest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

//go:embed testdata/*.json
var examples embed.FS

// Example returns a documented Chatwoot webhook payload from testdata by
// file name without ".json", e.g. "message_created_incoming". It panics on an
// unknown name, which is a bug in the test.
func Example(name string) []byte { return helpdesktest.Example(examples, "chatwoottest", name) }

// Headers returns the headers Chatwoot sends with a webhook body signed with
// secret at time at.
func Headers(secret string, body []byte, at time.Time, delivery string) http.Header {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Chatwoot-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	h.Set("X-Chatwoot-Timestamp", ts)
	if delivery != "" {
		h.Set("X-Chatwoot-Delivery", delivery)
	}
	return h
}

// NewWebhookRequest builds the POST Chatwoot would send to url with body,
// signed with secret now.
func NewWebhookRequest(url, secret string, body []byte, delivery string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = Headers(secret, body, time.Now(), delivery)
	return req, nil
}
