// Package translate holds Parley's language layer contracts: the Detector
// that decides which language a text is in and the Translator that turns text
// from one language into another. Providers live in subpackages.
package translate

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Undetermined is the BCP 47 tag for "cannot tell".
const Undetermined = "und"

// Source says how a language decision was made.
type Source string

// The ways a language decision can be made, strongest last.
const (
	SourceDefault      Source = "default"      // nothing else was known
	SourceHint         Source = "hint"         // a locale hint from the helpdesk decided
	SourceConversation Source = "conversation" // the conversation's earlier messages decided
	SourceDetected     Source = "detected"     // the text itself decided
	SourceOverride     Source = "override"     // an agent or API call set it explicitly
)

// Candidate is one language the detector considered, with its confidence in
// [0, 1].
type Candidate struct {
	Language   string  `json:"language"`
	Confidence float64 `json:"confidence"`
}

// Detection is the outcome of deciding one text's language.
type Detection struct {
	// Language is a BCP 47 tag, or Undetermined when the evidence does not
	// separate the candidates; a close call that a detector answers anyway
	// carries a low Confidence.
	Language string `json:"language"`
	// Confidence is in [0, 1].
	Confidence float64 `json:"confidence"`
	// Source says which evidence decided.
	Source Source `json:"source"`
	// Candidates lists the strongest languages considered, best first.
	Candidates []Candidate `json:"candidates"`
	// Romanized names the language (ISO 639-1) of a text written in Latin
	// letters in a language normally written in another script (Russian
	// "spasibo", Hindi "kab aayega"), when the detector recognizes one.
	// Such a text is in none of the configured languages: Language is then
	// Undetermined unless a hint or the conversation decides it.
	Romanized string `json:"romanized,omitempty"`
}

// Prior is what a conversation already knows about its customer's language.
type Prior struct {
	Language   string
	Confidence float64
	Source     Source
}

// DetectInput is everything known when a message's language is decided.
type DetectInput struct {
	// Text is the message as the customer wrote it (plain text).
	Text string
	// Hints are locale tags from the helpdesk (contact locale, browser
	// language, Accept-Language, widget language), strongest first.
	Hints []string
	// Conversation is the conversation's current decision; nil on a new one.
	Conversation *Prior
}

// Detector decides which language a text is in.
type Detector interface {
	// Detect returns the decision for in. Text it cannot tell yields Language
	// Undetermined with a nil error; an error means the context ended or the
	// detector is unusable.
	Detect(ctx context.Context, in DetectInput) (Detection, error)
}

// Request asks for one text to be translated.
type Request struct {
	Text string
	// From is the source language tag; empty lets the provider decide.
	From string
	// To is the target language tag.
	To string
	// Strict asks for the stricter instructions used after an answer failed
	// its checks. Providers that take no instructions ignore it.
	Strict bool
	// Conversation identifies the conversation the text belongs to, so that
	// usage can be recorded against it; empty for one-off calls.
	Conversation string
}

// Usage is what one call cost, in the provider's own unit.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
	Characters       int
}

// Result is a translation.
type Result struct {
	Text     string
	From     string
	To       string
	Provider string
	Model    string
	Usage    Usage
	// Cached reports that the text came from the cache, not a provider call.
	Cached bool
}

// Translator turns text from one language into another.
type Translator interface {
	// Translate translates req. Failures wrap ErrUnavailable (worth retrying
	// later), ErrRateLimited (see RateLimitError for when) or ErrRejected
	// (the provider refused this request and will refuse it again).
	Translate(ctx context.Context, req Request) (Result, error)
	// Name is the provider's name as stored with each translation ("openai").
	Name() string
}

// Errors that providers wrap.
var (
	ErrUnavailable = errors.New("translate: provider unavailable")
	ErrRateLimited = errors.New("translate: rate limited")
	ErrRejected    = errors.New("translate: request rejected")
	ErrOff         = errors.New("translate: translation is off")
)

// RateLimitError carries the provider's Retry-After. It matches
// ErrRateLimited with errors.Is.
type RateLimitError struct {
	RetryAfter time.Duration
	Err        error
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("translate: rate limited, retry after %s: %v", e.RetryAfter, e.Err)
}

// Is reports whether target is ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Unwrap returns the underlying error.
func (e *RateLimitError) Unwrap() error { return e.Err }
