package pipeline

import (
	"context"
	"sync"
	"time"

	"github.com/parleyhq/parley/translate"
)

const (
	// maxBatch bounds the messages written in one transaction.
	maxBatch = 128
	// batchTimeout bounds one batch's transaction.
	batchTimeout = 15 * time.Second
)

type acceptReq struct {
	ctx  context.Context
	in   Inbound
	det  translate.Detection
	done chan acceptResult // buffered: the batch never waits on a caller
}

type acceptResult struct {
	acc Accepted
	err error
}

// batcher runs one batch at a time. A request that finds nothing running
// runs its own batch at once, so a quiet gateway never waits; requests that
// arrive meanwhile queue up and go together in the next batch, which a new
// goroutine runs, so no caller is kept serving others.
type batcher struct {
	run func([]*acceptReq)

	mu      sync.Mutex
	queue   []*acceptReq
	running bool
}

func (b *batcher) submit(r *acceptReq) {
	b.mu.Lock()
	b.queue = append(b.queue, r)
	if b.running {
		b.mu.Unlock()
		return
	}
	b.running = true
	b.mu.Unlock()
	if b.next() {
		go b.drain()
	}
}

// next runs the next batch and reports whether more are waiting; when none
// are, it stops the batcher.
func (b *batcher) next() bool {
	b.mu.Lock()
	n := min(len(b.queue), maxBatch)
	batch := b.queue[:n:n]
	b.queue = b.queue[n:]
	b.mu.Unlock()
	b.run(batch)
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) == 0 {
		b.running = false
		return false
	}
	return true
}

func (b *batcher) drain() {
	for b.next() {
	}
}
