package helpdesktest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Webhooks runs the webhooks a fake sends back in the background and
// records their outcomes. The zero value is ready; it is safe for concurrent
// use.
type Webhooks struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	sent []error
}

// Go runs send in the background and records the error it returns.
func (h *Webhooks) Go(send func() error) {
	h.wg.Go(func() {
		err := send()
		h.mu.Lock()
		defer h.mu.Unlock()
		h.sent = append(h.sent, err)
	})
}

// Wait waits for the webhooks in flight.
func (h *Webhooks) Wait() { h.wg.Wait() }

// Errors waits for the webhooks in flight and returns the outcome of every
// one sent (nil for a 2xx answer), in the order they finished.
func (h *Webhooks) Errors() []error {
	h.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]error(nil), h.sent...)
}

// Send posts body to url with header, giving up after 10 seconds, and
// reports a non-2xx answer as an error.
func Send(ctx context.Context, url string, header http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook request: %w", err)
	}
	req.Header = header
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}
