package translate

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrCheckFailed marks a translation that came back but failed Parley's
// checks (wrong language, implausible length, a repeated prompt…). It is
// never shown as a translation; CheckError says why.
var ErrCheckFailed = errors.New("translate: translation failed its checks")

// CheckError is a translation rejected by its checks. It matches
// ErrCheckFailed with errors.Is.
type CheckError struct {
	// Reason is a sentence for people: "the model answered in Russian
	// instead of translating into English".
	Reason string
	// Usage is what the rejected attempts cost.
	Usage Usage
}

func (e *CheckError) Error() string { return "translate: translation rejected: " + e.Reason }

// Is reports whether target is ErrCheckFailed.
func (e *CheckError) Is(target error) bool { return target == ErrCheckFailed }

// VerifyConfig tunes the checks. Zero values take the defaults.
type VerifyConfig struct {
	// MinLetters is how many letters an output needs before its language is
	// checked (default 16): shorter texts do not tell.
	MinLetters int
	// MinRatio and MaxRatio bound the output's weight (see Weight) over the
	// input's for inputs of at least 20 (defaults 0.4 and 2.6).
	MinRatio, MaxRatio float64
	// Prompts are the instructions sent to the model; an output that repeats
	// six words in a row from one of them, not found in the input, is
	// rejected.
	Prompts []string
	// NoRetry skips the stricter retry, for providers that take no
	// instructions and would answer the same way again.
	NoRetry bool
}

func (c VerifyConfig) withDefaults() VerifyConfig {
	if c.MinLetters == 0 {
		c.MinLetters = 16
	}
	if c.MinRatio == 0 {
		c.MinRatio = 0.4
	}
	if c.MaxRatio == 0 {
		c.MaxRatio = 2.6
	}
	return c
}

// Verifier checks translations before anyone sees them, and wraps a
// Translator so that a failed check is retried once with the stricter
// prompt (Request.Strict) and a second failure returns a *CheckError. A
// request already marked Strict is the retry and gets one attempt.
type Verifier struct {
	next     Translator
	detector Detector
	cfg      VerifyConfig
	shingles map[string]bool
}

var _ Translator = (*Verifier)(nil)

// NewVerifier wraps next. detector decides the language of outputs.
func NewVerifier(next Translator, detector Detector, cfg VerifyConfig) *Verifier {
	cfg = cfg.withDefaults()
	v := &Verifier{next: next, detector: detector, cfg: cfg, shingles: map[string]bool{}}
	for _, p := range cfg.Prompts {
		for _, s := range shingles(p) {
			v.shingles[s] = true
		}
	}
	return v
}

// Name returns the wrapped provider's name.
func (v *Verifier) Name() string { return v.next.Name() }

// Translate translates req and checks the answer; see Verifier. Provider
// failures are returned as they are, without a retry.
func (v *Verifier) Translate(ctx context.Context, req Request) (Result, error) {
	var spent Usage
	var reason string
	attempts := 2
	if req.Strict || v.cfg.NoRetry {
		attempts = 1 // already the retry, or a retry would not differ
	}
	for attempt := 0; attempt < attempts; attempt++ {
		try := req
		try.Strict = req.Strict || attempt > 0
		res, err := v.next.Translate(ctx, try)
		spent = spent.Add(res.Usage)
		var ce *CheckError
		switch {
		case errors.As(err, &ce):
			spent = spent.Add(ce.Usage)
			reason = ce.Reason
			continue
		case err != nil:
			return Result{}, err
		}
		text, err := v.Check(ctx, req, res.Text)
		if errors.As(err, &ce) {
			reason = ce.Reason
			continue
		}
		if err != nil {
			return Result{}, err
		}
		res.Text, res.Usage = text, spent
		return res, nil
	}
	return Result{}, &CheckError{Reason: reason, Usage: spent}
}

// Check cleans out (strips wrappers such as quotes or "Translation:") and
// checks it as a translation of req. It returns the cleaned text, or a
// *CheckError saying what is wrong; any other error comes from the detector.
func (v *Verifier) Check(ctx context.Context, req Request, out string) (string, error) {
	text := StripWrappers(req.Text, out)
	checks := []func(Request, string) string{
		checkEmpty, v.checkEcho, checkLinksAdded, checkAssistant,
	}
	for _, check := range checks {
		if reason := check(req, text); reason != "" {
			return "", &CheckError{Reason: reason}
		}
	}
	reason, err := v.checkLanguage(ctx, req, text)
	if err != nil {
		return "", err
	}
	if reason != "" {
		return "", &CheckError{Reason: reason}
	}
	for _, check := range []func(Request, string) string{checkExcerpt, v.checkLength, checkKept, checkConcepts} {
		if reason := check(req, text); reason != "" {
			return "", &CheckError{Reason: reason}
		}
	}
	return text, nil
}

func checkEmpty(_ Request, out string) string {
	if strings.TrimSpace(out) == "" {
		return "the translation is empty"
	}
	return ""
}

// checkEcho rejects outputs that repeat the instructions: a model that was
// talked into revealing its prompt.
func (v *Verifier) checkEcho(req Request, out string) string {
	if len(v.shingles) == 0 {
		return ""
	}
	in := map[string]bool{}
	for _, s := range shingles(req.Text) {
		in[s] = true
	}
	for _, s := range shingles(out) {
		if v.shingles[s] && !in[s] {
			return "the model repeated its instructions instead of translating"
		}
	}
	return ""
}

// shingles returns every run of six consecutive words of s.
func shingles(s string) []string {
	w := words(s)
	var out []string
	for i := 0; i+6 <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+6], " "))
	}
	return out
}

// checkLinksAdded rejects outputs with a link or address the input lacks:
// a translation never adds one, an obeyed instruction often does.
func checkLinksAdded(req Request, out string) string {
	have := map[string]bool{}
	for _, l := range Links(req.Text) {
		have[l] = true
	}
	for _, l := range Links(out) {
		if !have[l] {
			return fmt.Sprintf("the translation adds %q, which is not in the message", l)
		}
	}
	return ""
}

// assistantPhrases are things a model says about itself, never part of a
// translation unless the message said them too.
var assistantPhrases = []string{
	"as an ai", "as a language model", "i'm an ai", "i am an ai", "i am a language model",
	"i'm a language model", "i cannot comply", "i can't comply", "i cannot assist",
	"i can't assist", "i can't help with that", "i cannot help with that",
	"i'm sorry, but i can", "i am sorry, but i can", "i'm unable to translate",
	"i cannot translate", "i can't translate", "here is the translation", "here's the translation",
}

func checkAssistant(req Request, out string) string {
	lo, li := normalizeQuotes(strings.ToLower(out)), normalizeQuotes(strings.ToLower(req.Text))
	for _, p := range assistantPhrases {
		if strings.Contains(lo, p) && !strings.Contains(li, p) {
			return "the model answered the message instead of translating it"
		}
	}
	return ""
}

func normalizeQuotes(s string) string {
	return strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(s)
}
