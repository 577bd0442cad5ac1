// Package helpdesk holds the normalized types that every helpdesk connector
// turns its webhooks into, and the errors connectors share. One subpackage per
// helpdesk parses and verifies that vendor's webhooks and posts notes and
// replies through its API.
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
