package gateway_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
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

// BenchmarkCreateMessageParallel is BenchmarkCreateMessage with 16 clients
// at once, as the ingest bench drives it over HTTP.
func BenchmarkCreateMessageParallel(b *testing.B) {
	for engine, dsn := range storetest.DSNs(b) {
		b.Run(string(engine), func(b *testing.B) {
			h := newHarness(b, harnessOpts{dsn: dsn, detector: sharedDetector(b)})
			run := time.Now().UnixNano()
			var seq atomic.Int64
			b.SetParallelism(8) // 8 per core: 16 clients on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := seq.Add(1)
					rec := h.do(request{method: "POST", path: "/v1/messages",
						body: fmt.Sprintf(`{"conversation_id":"c%d","text":"Wo ist meine Bestellung? Sie sollte gestern ankommen.","author":"customer","external_id":"p%d-%d"}`, i%100, run, i)})
					if rec.Code != http.StatusCreated {
						b.Errorf("POST = %d %s", rec.Code, rec.Body)
						return
					}
				}
			})
		})
	}
}
