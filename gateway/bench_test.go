package gateway_test

import (
	"fmt"
	"net/http"
	"testing"
)

// BenchmarkCreateMessage measures accepting one new customer message through
// the real gateway, pipeline and SQLite store, with the queue working jobs in
// the background.
func BenchmarkCreateMessage(b *testing.B) {
	h := newHarness(b, harnessOpts{})
	b.ResetTimer()
	for i := range b.N {
		rec := h.do(request{method: "POST", path: "/v1/messages",
			body: fmt.Sprintf(`{"conversation_id":"c%d","text":"Wo ist meine Bestellung?","author":"customer","external_id":"e%d"}`, i%100, i)})
		if rec.Code != http.StatusCreated {
			b.Fatalf("POST = %d %s", rec.Code, rec.Body)
		}
	}
}
