package gateway_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/store/storetest"
)

// BenchmarkCreateMessage measures accepting one new customer message through
// the real gateway, pipeline and store, on each engine, with the detector
// deciding the language and the queue working jobs in the background.
func BenchmarkCreateMessage(b *testing.B) {
	for engine, dsn := range storetest.DSNs(b) {
		b.Run(string(engine), func(b *testing.B) {
			h := newHarness(b, harnessOpts{dsn: dsn, detector: sharedDetector(b)})
			run := time.Now().UnixNano() // b.Run calls this again on the same database
			b.ResetTimer()
			for i := range b.N {
				rec := h.do(request{method: "POST", path: "/v1/messages",
					body: fmt.Sprintf(`{"conversation_id":"c%d","text":"Wo ist meine Bestellung? Sie sollte gestern ankommen.","author":"customer","external_id":"e%d-%d"}`, i%100, run, i)})
				if rec.Code != http.StatusCreated {
					b.Fatalf("POST = %d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
