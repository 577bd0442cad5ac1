package chatwoot

import (
	"net/http"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
)

// BenchmarkVerifyParse measures what a /hooks/chatwoot request costs before
// the store: signature check and parse of a documented payload.
func BenchmarkVerifyParse(b *testing.B) {
	body := chatwoottest.Example("message_created_incoming")
	now := time.Now()
	h := chatwoottest.Headers(secret, body, now, "d")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(secret, h, body, now); err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(http.Header{}, body, 0); err != nil {
			b.Fatal(err)
		}
	}
}
