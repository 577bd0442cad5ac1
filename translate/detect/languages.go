package detect

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pemistahl/lingua-go"
)

// ErrUnknownLanguage is wrapped when a configured language code is not one the
// detector has a model for.
var ErrUnknownLanguage = errors.New("detect: unknown language")

// ErrTooFewLanguages is returned when fewer than two languages are configured:
// with one language there is nothing to detect.
var ErrTooFewLanguages = errors.New("detect: at least two languages are needed")

// DefaultLanguages is the language set used when none is configured: the
// languages shops hear most, from Western Europe to East Asia. Each language
// costs memory (about 5 MiB of n-gram table; 167 MiB for this set); trim the
// set with PARLEY_LANGUAGES to the languages your customers write.
var DefaultLanguages = []string{
	"en", "de", "es", "fr", "it", "nl", "pt", "pl", "ru", "uk", "tr", "ar",
	"he", "fa", "hi", "zh", "ja", "ko", "vi", "id", "th", "ms", "cs", "ro",
	"hu", "el", "sv", "da", "fi", "nb", "bg", "sr", "hr", "sk",
}

// aliases maps codes people write to the ISO 639-1 code lingua knows.
var aliases = map[string]string{
	"no": "nb", // Norwegian is written Bokmål by most customers
	"iw": "he",
	"in": "id",
}

// ParseLanguages parses a comma-separated list of ISO 639-1 codes, as in
// PARLEY_LANGUAGES. Codes are case-insensitive, may carry a region
// ("pt-BR") which is ignored, and are returned lower case without duplicates
// in the order given. An empty string yields DefaultLanguages. Unknown codes
// are reported all at once in an error wrapping ErrUnknownLanguage.
func ParseLanguages(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return slices.Clone(DefaultLanguages), nil
	}
	var out, unknown []string
	for _, field := range strings.Split(s, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		code, ok := baseCode(field)
		if !ok {
			unknown = append(unknown, field)
			continue
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrUnknownLanguage, strings.Join(unknown, ", "))
	}
	if len(out) < 2 {
		return nil, ErrTooFewLanguages
	}
	return out, nil
}

// baseCode returns the ISO 639-1 code lingua knows for a tag such as "pt-BR"
// or "NO", and whether there is one.
func baseCode(tag string) (string, bool) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if a, ok := aliases[tag]; ok {
		tag = a
	}
	if len(tag) != 2 {
		return "", false
	}
	if lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(tag)) == lingua.Unknown {
		return "", false
	}
	return tag, true
}

// linguaLanguages converts validated codes to lingua languages.
func linguaLanguages(codes []string) []lingua.Language {
	out := make([]lingua.Language, 0, len(codes))
	for _, c := range codes {
		out = append(out, lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(c)))
	}
	return out
}

// code returns the lower-case ISO 639-1 code of a lingua language.
func code(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}
