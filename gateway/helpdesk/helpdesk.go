// Package helpdesk holds the normalized types that every helpdesk connector
// turns its webhooks into, and the errors connectors share. One subpackage per
// helpdesk parses and verifies that vendor's webhooks and posts notes and
// replies through its API.
//
// A webhook route uses a connector in four steps: read the raw body once
// (ReadBody), Verify it over those exact bytes (an ErrSignature is a
// 401; ErrUnverified means the operator turned the check off: log it and go
// on), Parse it into Events (ErrIgnored is a 200 that changes nothing,
// ErrPayload a 400), then store each Event under its DedupeKey and enqueue
// it. Posting is the Client's Reply and Note, which never retry: their
// errors wrap ErrTemporary (retry later, after RetryAfter when given) or
// ErrPermanent.
package helpdesk

import "errors"

// Errors that connectors wrap.
var (
	// ErrSignature means a webhook's signature is missing, stale or wrong.
	ErrSignature = errors.New("helpdesk: bad signature")
	// ErrPayload means a webhook body cannot be parsed.
	ErrPayload = errors.New("helpdesk: malformed payload")
	// ErrIgnored means a well-formed webhook that Parley does not act on
	// (another event type, an activity message).
	ErrIgnored = errors.New("helpdesk: event ignored")
	// ErrPermanent means the helpdesk refused a post and will refuse it again
	// (a deleted conversation, a bad token).
	ErrPermanent = errors.New("helpdesk: permanent failure")
	// ErrTemporary means a post failed in a way worth retrying later.
	ErrTemporary = errors.New("helpdesk: temporary failure")
	// ErrUnverified means a webhook was accepted without checking its
	// signature because the operator turned verification off for that
	// helpdesk. Callers must log it loudly and may then go on to Parse.
	ErrUnverified = errors.New("helpdesk: signature not verified (verification disabled)")
)
