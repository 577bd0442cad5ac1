package templates

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// Data is what a message template may insert. Every field is optional; a
// template reads only the ones its message documents. JSON names match the
// placeholders so `parley render --data '{"Name":"Ana"}'` works.
type Data struct {
	// Name is the customer's name as the helpdesk gives it.
	Name string `json:"Name,omitempty"`
	// Ticket is the ticket or order reference ("#4821").
	Ticket string `json:"Ticket,omitempty"`
	// Within is the rendered duration phrase ("within 2 hours").
	Within string `json:"Within,omitempty"`
	// Day is the weekday name in the customer's language ("Monday").
	Day string `json:"Day,omitempty"`
	// OnDay is the weekday as used in a sentence: "on Monday", "tomorrow",
	// "today" in the customer's language.
	OnDay string `json:"OnDay,omitempty"`
	// Time is the clock time in the customer's locale format ("12:30 PM"),
	// followed by its offset from UTC ("12:30 PM (UTC+1)") when it is in the
	// business's zone rather than one the helpdesk gave for the customer.
	Time string `json:"Time,omitempty"`
	// Count selects the plural form of plural messages and is printed as
	// {{.Count}}.
	Count int `json:"Count,omitempty"`
	// Language is a language's name in the reader's language ("Russian").
	Language string `json:"Language,omitempty"`
	// Tag is a BCP 47 language tag ("ru").
	Tag string `json:"Tag,omitempty"`
	// Provider is the translation provider's name ("openai").
	Provider string `json:"Provider,omitempty"`
	// Reason says why a translation failed.
	Reason string `json:"Reason,omitempty"`
}

// view is Data as templates see it: Count as localized digits and inserted
// values isolated for right-to-left languages.
type view struct {
	Name, Ticket, Within, Day, OnDay, Time, Count string
	Language, Tag, Provider, Reason               string
}

// sampleView fills every field so that loading can execute each template
// once and catch unknown placeholders before a customer would.
var sampleView = view{
	Name: "Ana", Ticket: "#1", Within: "within 1 hour", Day: "Monday", OnDay: "on Monday",
	Time: "9:00", Count: "1", Language: "English", Tag: "en", Provider: "p", Reason: "r",
}

// newView prepares d for a template in a language written with the given
// script direction and digits.
func newView(d *Data, rtl bool, digits *[10]rune) view {
	v := view{
		Name: d.Name, Ticket: d.Ticket, Within: d.Within, Day: d.Day, OnDay: d.OnDay,
		Time: d.Time, Count: localDigits(countString(d.Count), digits),
		Language: d.Language, Tag: d.Tag, Provider: d.Provider, Reason: d.Reason,
	}
	if rtl {
		// Values that come from outside the catalog, or numbers, may hold
		// left-to-right runs; isolating them keeps "#4821" from turning
		// into "4821#" and a Latin name from pulling punctuation with it.
		v.Name = Isolate(v.Name)
		v.Ticket = Isolate(v.Ticket)
		v.Time = Isolate(v.Time)
		v.Count = Isolate(v.Count)
		v.Language = Isolate(v.Language)
		v.Tag = Isolate(v.Tag)
		v.Provider = Isolate(v.Provider)
		v.Reason = Isolate(v.Reason)
	}
	return v
}

// Bidi isolation marks: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
const (
	FSI = '\u2068'
	PDI = '\u2069'
)

// Isolate wraps s in FSI…PDI when it would not display as one unit inside
// a right-to-left sentence: when it holds left-to-right letters ("Ana",
// "A-1029") or numbers mixed with other signs ("#4821", "+1 555"). Plain
// numbers and clock times, right-to-left text, empty strings and values
// already isolated are returned unchanged.
func Isolate(s string) string {
	if s == "" || !needsIsolation(s) {
		return s
	}
	if strings.HasPrefix(s, string(FSI)) && strings.HasSuffix(s, string(PDI)) {
		return s
	}
	return string(FSI) + s + string(PDI)
}

func needsIsolation(s string) bool {
	digits, other := false, false
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return true
		case bidi.EN, bidi.AN:
			digits = true
		case bidi.CS, bidi.WS, bidi.R, bidi.AL:
			// ":" "." "," and spaces inside a number or a time, and
			// right-to-left letters ("١٢:٣٠ م") keep their order.
		default:
			other = true
		}
	}
	return digits && other
}

// localDigits rewrites ASCII digits with a locale's native digits; nil
// digits keeps s.
func localDigits(s string, digits *[10]rune) string {
	if digits == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = digits[r-'0']
		}
		b.WriteRune(r)
	}
	return b.String()
}
