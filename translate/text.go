package translate

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Patterns for the parts of a text that every translation copies unchanged.
var (
	urlPattern   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"'()\[\]{}«»“”]+[^\s<>"'()\[\]{}«»“”.,;:!?]`)
	emailPattern = regexp.MustCompile(`(?i)\b[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}\b`)
	digitPattern = regexp.MustCompile(`\d{4,}`)
)

// Links returns the URLs and e-mail addresses in s, lower-cased, in order.
func Links(s string) []string {
	var out []string
	for _, m := range urlPattern.FindAllString(s, -1) {
		out = append(out, strings.ToLower(m))
	}
	for _, m := range emailPattern.FindAllString(s, -1) {
		out = append(out, strings.ToLower(m))
	}
	return out
}

// numbers returns the runs of four or more digits in s (order and tracking
// numbers, years, amounts), after mapping every script's digits to ASCII.
func numbers(s string) []string {
	return digitPattern.FindAllString(ASCIIDigits(s), -1)
}

// ASCIIDigits maps decimal digits of any script (Arabic-Indic, Persian,
// Devanagari, full-width…) to ASCII, so that "١٢٣٤٥" and "12345" compare
// equal.
func ASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 || !unicode.IsDigit(r) {
			return r
		}
		// Unicode lays out every decimal digit block from zero to nine.
		for zero := r; zero > r-10; zero-- {
			if !unicode.IsDigit(zero - 1) {
				return '0' + (r - zero)
			}
		}
		return r
	}, s)
}

// Weight is the length of s in Latin-letter equivalents: spaces do not
// count, and a Han, kana or Hangul character counts as the several Latin
// letters it usually stands for, so that length ratios compare across
// scripts.
func Weight(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case unicode.Is(unicode.Han, r):
			n += 3
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n += 2
		default:
			n++
		}
	}
	return n
}

// letters counts the letters in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// withoutTokens removes links, e-mail addresses and digit runs, which say
// nothing about a text's language.
func withoutTokens(s string) string {
	s = urlPattern.ReplaceAllString(s, " ")
	s = emailPattern.ReplaceAllString(s, " ")
	return digitPattern.ReplaceAllString(s, " ")
}

// LanguageName returns the English name of a language tag ("ru" → "Russian"),
// or the tag itself when it is unknown.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.English.Tags().Name(t); name != "" {
		return name
	}
	return tag
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
