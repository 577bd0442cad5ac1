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
	ctx context.Context
	in  Inbound
	det translate.Detection
	// lastCustomer is when the customer wrote before this message; nil on
	// a new conversation.
	lastCustomer *time.Time
	// priorLanguage is the conversation's language before this message.
	priorLanguage string
	done          chan acceptResult // buffered: the batch never waits on a caller
}

type acceptResult struct {
	acc Accepted
	err error
}

// batcher runs up to slots batches at a time. A request that finds a slot
// free runs its own batch at once, so a quiet gateway never waits; requests
// that arrive while every slot is busy queue up and go together in the next
// batch, which a new goroutine runs, so no caller is kept serving others.
type batcher struct {
	run   func([]*acceptReq)
	slots int

	mu      sync.Mutex
	queue   []*acceptReq
	running int
}

func (b *batcher) submit(r *acceptReq) {
	b.mu.Lock()
	b.queue = append(b.queue, r)
	if b.running >= b.slots {
		b.mu.Unlock()
		return
	}
	b.running++
	b.mu.Unlock()
	if b.next() {
		go b.drain()
	}
}

// next runs the next batch, if any, and reports whether more are waiting;
// when none are, it gives its slot back.
func (b *batcher) next() bool {
	b.mu.Lock()
	n := min(len(b.queue), maxBatch)
	batch := b.queue[:n:n]
	b.queue = b.queue[n:]
	b.mu.Unlock()
	if n > 0 {
		b.run(batch)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) == 0 {
		b.running--
		return false
	}
	return true
}

func (b *batcher) drain() {
	for b.next() {
	}
}
