package translate

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkLanguage rejects an output whose language is clearly not the target.
// Outputs with too few letters to tell pass.
func (v *Verifier) checkLanguage(ctx context.Context, req Request, out string) (string, error) {
	want := BaseLanguage(req.To)
	if want == "" || v.detector == nil {
		return "", nil
	}
	sample := withoutTokens(out)
	if letters(sample) < v.cfg.MinLetters {
		return "", nil
	}
	d, err := v.detector.Detect(ctx, DetectInput{Text: sample})
	if err != nil {
		return "", fmt.Errorf("check translation language: %w", err)
	}
	got := BaseLanguage(d.Language)
	if got == "" || got == Undetermined || got == want {
		return "", nil
	}
	for _, c := range d.Candidates {
		if BaseLanguage(c.Language) == want && c.Confidence >= 0.8*d.Confidence {
			return "", nil
		}
	}
	// A close call that the target language, given as a hint, settles for
	// itself is not clearly another language: a few kanji that Chinese and
	// Japanese both write lean Chinese on their own, and a Japanese hint
	// makes them Japanese. Text that is clearly another language stays so
	// against any hint.
	if h, err := v.detector.Detect(ctx, DetectInput{Text: sample, Hints: []string{req.To}}); err == nil && BaseLanguage(h.Language) == want {
		return "", nil
	}
	from := BaseLanguage(req.From)
	if from == "" {
		if src, err := v.detector.Detect(ctx, DetectInput{Text: withoutTokens(req.Text)}); err == nil {
			from = BaseLanguage(src.Language)
		}
	}
	if got == from {
		return fmt.Sprintf("the model answered in %s instead of translating into %s",
			LanguageName(got), LanguageName(want)), nil
	}
	return fmt.Sprintf("the translation is in %s, not %s", LanguageName(got), LanguageName(want)), nil
}

// checkLength rejects outputs far shorter or longer than a translation of
// the input can be: a model that answered, obeyed or rambled.
func (v *Verifier) checkLength(req Request, out string) string {
	in, got := Weight(req.Text), Weight(out)
	if in == 0 {
		return ""
	}
	ratio := float64(got) / float64(in)
	short := in >= 20 && ratio < v.cfg.MinRatio
	long := (in >= 20 && ratio > v.cfg.MaxRatio) || (in < 20 && got > 20+4*in)
	switch {
	case short:
		return fmt.Sprintf("the translation is much shorter than the message (%d characters for %d)",
			utf8.RuneCountInString(out), utf8.RuneCountInString(req.Text))
	case long:
		return fmt.Sprintf("the translation is much longer than the message (%d characters for %d)",
			utf8.RuneCountInString(out), utf8.RuneCountInString(req.Text))
	}
	return ""
}

// checkKept rejects outputs that lost a link, an address or a number of the
// input: order and tracking numbers must reach the agent unchanged.
func checkKept(req Request, out string) string {
	lower := strings.ToLower(out)
	for _, l := range Links(req.Text) {
		if !strings.Contains(lower, l) {
			return fmt.Sprintf("the translation lost %q", l)
		}
	}
	digits := joinDigitGroups(ASCIIDigits(out))
	for _, n := range numbers(req.Text) {
		if !strings.Contains(digits, n) {
			return fmt.Sprintf("the translation lost the number %s", n)
		}
	}
	return ""
}

// joinDigitGroups removes group separators between digits ("10 000",
// "10.000", "10,000" → "10000"), which translations may add.
func joinDigitGroups(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		sep := strings.ContainsRune(" ,.'\u00a0\u202f", c)
		if sep && i > 0 && i+1 < len(r) && unicode.IsDigit(r[i-1]) && unicode.IsDigit(r[i+1]) {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

var labelPattern = regexp.MustCompile(`(?i)^\s*(?:here(?:'s| is) (?:the|your|my) translation[^:\n]{0,40}|(?:the )?translation(?: into [a-z]+| \([a-z\-]+\))?|translated text|übersetzung|traduction|traducción|traduzione|tradução|перевод|переклад|tłumaczenie|çeviri|翻译|翻訳|الترجمة|תרגום)\s*[:：]\s*`)

// quotePairs are the wrappers models put around a whole answer.
var quotePairs = [][2]string{
	{`"`, `"`}, {"“", "”"}, {"„", "“"}, {"«", "»"}, {"'", "'"}, {"「", "」"}, {"『", "』"}, {"```", "```"},
}

// StripWrappers removes what models put around an answer — a label such as
// "Translation:", surrounding quotes, a code fence — unless the input itself
// had it.
func StripWrappers(in, out string) string {
	out = strings.TrimSpace(out)
	in = strings.TrimSpace(in)
	for range 3 {
		before := out
		if loc := labelPattern.FindStringIndex(out); loc != nil && !labelPattern.MatchString(in) {
			out = strings.TrimSpace(out[loc[1]:])
		}
		out = stripQuotes(in, out)
		if out == before {
			break
		}
	}
	return out
}

func stripQuotes(in, out string) string {
	if quotedWhole(in) {
		return out // the message itself is a quotation
	}
	for _, q := range quotePairs {
		if len(out) < len(q[0])+len(q[1]) || !strings.HasPrefix(out, q[0]) || !strings.HasSuffix(out, q[1]) {
			continue
		}
		if strings.HasPrefix(in, q[0]) && strings.HasSuffix(in, q[1]) {
			continue
		}
		inner := out[len(q[0]) : len(out)-len(q[1])]
		if q[0] == "```" {
			// Drop the fence's language name line.
			if i := strings.IndexByte(inner, '\n'); i >= 0 && !strings.ContainsAny(inner[:i], " \t") {
				inner = inner[i+1:]
			}
		} else if strings.Contains(inner, q[1]) {
			continue // quotes inside the text, not around it
		}
		return strings.TrimSpace(inner)
	}
	return out
}

// quotedWhole reports whether s starts with an opening quote and ends with
// a closing one, in any script's style.
func quotedWhole(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return len(s) > 1 && strings.ContainsRune("\"“„«'「『‚‘", first) && strings.ContainsRune("\"”“»'」』’‘", last)
}
