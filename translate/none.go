package translate

import "context"

// None is the translator used when no provider is configured
// (PARLEY_TRANSLATOR=none). Every call fails with ErrOff, so that notes and
// the agent page can say plainly that translation is off and show the
// original.
type None struct{}

var _ Translator = None{}

// Translate returns ErrOff.
func (None) Translate(context.Context, Request) (Result, error) { return Result{}, ErrOff }

// Name returns "none".
func (None) Name() string { return "none" }
