package helpdesk

import (
	"crypto/hmac"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxSkew is how far a signed webhook's timestamp may be from the clock
// before it is rejected as stale (or from the future).
const MaxSkew = 5 * time.Minute

// EqualSecret compares a received secret or signature with the expected one
// in constant time.
func EqualSecret(got, want string) bool {
	return hmac.Equal([]byte(got), []byte(want))
}

// CheckUnixTimestamp parses a unix-seconds timestamp header and rejects it
// when it is further than MaxSkew from now. Errors wrap ErrSignature.
func CheckUnixTimestamp(v string, now time.Time) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return fmt.Errorf("%w: missing timestamp", ErrSignature)
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q is not unix seconds", ErrSignature, v)
	}
	return CheckTime(time.Unix(sec, 0), now)
}

// CheckTime rejects a signing time further than MaxSkew from now. Errors
// wrap ErrSignature.
func CheckTime(t, now time.Time) error {
	d := now.Sub(t)
	if d > MaxSkew || d < -MaxSkew {
		return fmt.Errorf("%w: timestamp %s is %s away from now", ErrSignature, t.UTC().Format(time.RFC3339), d.Round(time.Second))
	}
	return nil
}
