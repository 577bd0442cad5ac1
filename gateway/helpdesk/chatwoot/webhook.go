package chatwoot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Webhook headers Chatwoot sends.
const (
	HeaderSignature = "X-Chatwoot-Signature"
	HeaderTimestamp = "X-Chatwoot-Timestamp"
	HeaderDelivery  = "X-Chatwoot-Delivery"
)

// Sign returns the X-Chatwoot-Signature value for a body sent at timestamp
// ts (unix seconds as a string): "sha256=" and the hex HMAC-SHA256 of
// "<ts>.<body>" keyed with the secret.
func Sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a webhook's signature over the raw body in constant time
// and rejects timestamps more than helpdesk.MaxSkew from now. Errors wrap
// helpdesk.ErrSignature.
func Verify(secret string, header http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return fmt.Errorf("%w: no chatwoot webhook secret configured", helpdesk.ErrSignature)
	}
	sig := header.Get(HeaderSignature)
	if sig == "" {
		return fmt.Errorf("%w: missing %s", helpdesk.ErrSignature, HeaderSignature)
	}
	ts := header.Get(HeaderTimestamp)
	if err := helpdesk.CheckUnixTimestamp(ts, now); err != nil {
		return err
	}
	if !helpdesk.EqualSecret(sig, Sign(secret, ts, body)) {
		return fmt.Errorf("%w: %s does not match the body", helpdesk.ErrSignature, HeaderSignature)
	}
	return nil
}

// Verify checks a webhook with the configured secret. When the Config turns
// signature checks off, a webhook that does not verify yields an error
// wrapping helpdesk.ErrUnverified (and not ErrSignature): the caller logs it
// and goes on.
func (c *Client) Verify(header http.Header, body []byte, now time.Time) error {
	err := Verify(c.cfg.WebhookSecret, header, body, now)
	if err != nil && c.cfg.InsecureSkipSignature {
		return fmt.Errorf("%w: chatwoot webhook accepted unsigned (PARLEY_CHATWOOT_INSECURE_SKIP_SIGNATURE): %v", helpdesk.ErrUnverified, err)
	}
	return err
}
