package helpdesktest

import (
	"net/http"
	"sync"
	"time"
)

// Fault is an answer a fake gives instead of creating a post.
type Fault struct {
	Status     int
	RetryAfter string
}

// Write answers with f's status, its Retry-After header when set, and a JSON
// body {key: status text}.
func (f Fault) Write(w http.ResponseWriter, key string) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	WriteJSON(w, f.Status, map[string]any{key: http.StatusText(f.Status)})
}

// Faults is what a test has told a fake to get wrong: faults to answer
// posts with, a delay before every answer, and deleted tickets or
// conversations. A fake embeds it so that FailNext, SetDelay and Delete are
// its own methods, and calls Delay, NextFault and Gone while it serves. The
// zero value is ready; it is safe for concurrent use.
type Faults struct {
	mu     sync.Mutex
	faults []Fault
	delay  time.Duration
	gone   map[int64]bool
}

// FailNext makes the next post answer with f instead of succeeding; faults
// queue up in order.
func (q *Faults) FailNext(f Fault) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.faults = append(q.faults, f)
}

// SetDelay makes every answer wait d first.
func (q *Faults) SetDelay(d time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.delay = d
}

// Delete makes posts to a ticket or conversation answer 404, like a deleted
// one.
func (q *Faults) Delete(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.gone == nil {
		q.gone = map[int64]bool{}
	}
	q.gone[id] = true
}

// Delay waits the delay set with SetDelay and reports whether the request
// is still there to answer: false if it ended first.
func (q *Faults) Delay(r *http.Request) bool {
	q.mu.Lock()
	d := q.delay
	q.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// NextFault takes the next fault queued with FailNext, if any.
func (q *Faults) NextFault() (Fault, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.faults) == 0 {
		return Fault{}, false
	}
	f := q.faults[0]
	q.faults = q.faults[1:]
	return f, true
}

// Gone reports whether id was deleted with Delete.
func (q *Faults) Gone(id int64) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.gone[id]
}
