package helpdesk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds one call to a helpdesk API when a connector's Config
// gives none.
const DefaultTimeout = 10 * time.Second

// maxResponse bounds how much of a helpdesk's answer is read.
const maxResponse = 1 << 20

// HTTPError is a helpdesk API call that did not succeed. It wraps
// ErrTemporary (429, 5xx, network errors, timeouts) or ErrPermanent (other
// 4xx), so callers test it with errors.Is and read RetryAfter when the
// helpdesk asked for a pause.
type HTTPError struct {
	// Op names the call, e.g. "POST /api/v1/ticket_articles".
	Op string
	// Status is the HTTP status, 0 when no response arrived.
	Status int
	// RetryAfter is the pause the helpdesk asked for in Retry-After, 0 if
	// none.
	RetryAfter time.Duration
	// Body is the start of the response body, for the log.
	Body string
	// Err is ErrTemporary or ErrPermanent, joined with the transport error
	// when there is one.
	Err error
}

// Error implements error.
func (e *HTTPError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": status %d", e.Status)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Body != "" {
		fmt.Fprintf(&b, ": %s", e.Body)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the sentinel (and transport error) behind e.
func (e *HTTPError) Unwrap() error { return e.Err }

// RetryAfter returns the pause a helpdesk asked for before the next attempt,
// and whether it asked for one.
func RetryAfter(err error) (time.Duration, bool) {
	var he *HTTPError
	if errors.As(err, &he) && he.RetryAfter > 0 {
		return he.RetryAfter, true
	}
	return 0, false
}

// Do sends req with hc and returns the response body of a 2xx answer. Any
// other outcome is an *HTTPError: 408, 425, 429 and 5xx, timeouts and
// network errors are temporary, other statuses permanent. Do never retries:
// the caller's job queue does, after RetryAfter when given.
func Do(ctx context.Context, hc *http.Client, req *http.Request) ([]byte, error) {
	op := req.Method + " " + req.URL.Path
	resp, err := hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, &HTTPError{Op: op, Err: errors.Join(ErrTemporary, err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, &HTTPError{Op: op, Status: resp.StatusCode, Err: errors.Join(ErrTemporary, err)}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return body, nil
	}
	he := &HTTPError{Op: op, Status: resp.StatusCode, Body: snippet(body), Err: ErrPermanent}
	if temporaryStatus(resp.StatusCode) {
		he.Err = ErrTemporary
		he.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return nil, he
}

// NewJSONRequest builds a request with a JSON body (nil for none) and the
// JSON content headers.
func NewJSONRequest(method, url string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return nil, fmt.Errorf("%w: build request: %v", ErrPermanent, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// ParseRetryAfter reads a Retry-After value, either delay seconds or an HTTP
// date, relative to now. It returns 0 for a missing or unreadable value.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

func temporaryStatus(code int) bool {
	return code == http.StatusRequestTimeout || code == http.StatusTooEarly ||
		code == http.StatusTooManyRequests || code >= 500
}

func snippet(b []byte) string {
	const max = 300
	s := strings.ToValidUTF8(strings.TrimSpace(string(b)), "")
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "") + "…"
	}
	return s
}

// NewHTTPClient returns hc (or a new client) with a timeout: hc's own, else
// timeout, else DefaultTimeout. hc itself is not changed.
func NewHTTPClient(hc *http.Client, timeout time.Duration) *http.Client {
	if hc == nil {
		hc = &http.Client{}
	}
	if hc.Timeout != 0 {
		return hc
	}
	c := *hc
	c.Timeout = timeout
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	return &c
}
