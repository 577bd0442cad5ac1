package helpdesk

import (
	"fmt"
	"io"
)

// MaxBody is the largest webhook body Parley reads. Helpdesk webhooks are a
// few kilobytes; e-mail articles with inline HTML can reach a few hundred.
const MaxBody = 2 << 20

// ReadBody reads a webhook body of at most limit bytes (MaxBody when limit
// is 0 or less). A longer body wraps ErrPayload, so nothing is half-read
// into Verify, which must see the exact bytes the helpdesk signed.
func ReadBody(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxBody
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read webhook body: %v", ErrPayload, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: webhook body larger than %d bytes", ErrPayload, limit)
	}
	return b, nil
}
