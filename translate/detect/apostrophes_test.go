package detect

import (
	"slices"
	"testing"
)

func TestApostropheLanguages(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		// Elision before a vowel or an h, in the languages that elide
		// that word.
		{"l'adresse", []string{"fr", "it", "ca"}},
		{"l'hôtel", []string{"fr", "it", "ca"}},
		{"qu'il", []string{"fr"}},
		{"quelqu'un", []string{"fr"}},
		{"d'aujourd'hui", []string{"fr", "it", "ca"}}, // the first apostrophe counts
		{"dell'ordine", []string{"it"}},
		{"un'altra", []string{"it"}},
		{"qual'è", []string{"it"}},
		{"l'paquete", nil}, // no elision before a consonant
		// English contractions; 's is English and Dutch after a long
		// vowel, English alone after a mute e, English, Dutch and German
		// after a name, and German alone after a few verbs.
		{"don't", []string{"en"}},
		{"can't", []string{"en"}},
		{"we're", []string{"en"}},
		{"i'm", []string{"en"}},
		{"it's", []string{"en"}},
		{"where's", []string{"en"}},
		{"phone's", []string{"en"}},
		{"hat's", []string{"en", "nl", "de"}}, // German hat es, or a possessive
		{"foto's", []string{"en", "nl"}},
		{"café's", []string{"en", "nl"}},
		{"geht's", []string{"de"}},
		{"jan's", []string{"en", "nl", "de"}},
		{"let's", []string{"en"}},
		{"tv's", []string{"en", "nl"}},
		{"z'n", []string{"nl"}},
		{"zo'n", []string{"nl"}},
		{"d'r", []string{"nl"}},
		// Turkish endings after a name, not after an elided word, and a
		// lone vowel only after a consonant.
		{"ankara'ya", []string{"tr"}},
		{"istanbul'a", []string{"tr"}},
		{"ali'nin", []string{"tr"}},
		{"bey'e", []string{"tr"}}, // y is a consonant
		{"l'a", []string{"fr", "it", "ca"}},
		{"hawai'i", nil},
		{"shi'a", nil},
		{"a'da", nil}, // a name of one letter
		// Ukrainian's apostrophe; Russian typed with an apostrophe for ъ
		// writes е after it, or я and ю after its own prefixes.
		{"м'ясо", []string{"uk"}},
		{"з'явився", []string{"uk"}},
		{"об'єкт", []string{"uk"}},
		{"від'їзд", []string{"uk"}},
		{"об'ект", nil},
		{"об'ясните", nil},
		{"раз'ясните", nil},
		{"из'яли", nil},
		{"пред'явите", nil},
		{"необ'ятный", nil},
		{"поб'ють", []string{"uk"}}, // об ends a root here, not a prefix
		{"новоз'явлений", []string{"uk"}},
		// Nothing to go on.
		{"o'clock", nil},
		{"rock'n'roll", nil},
		{"adresse", nil},
		{"'s", nil},
	}
	for _, tt := range tests {
		if got := apostropheLanguages(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("apostropheLanguages(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestLetterRunsDropElisions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"dell'Ordine", []string{"Ordine"}},
		{"l'adresse, s'il vous plaît", []string{"adresse", "il", "vous", "plaît"}},
		{"don't", []string{"don", "t"}},
		{"ankara'ya", []string{"ankara", "ya"}},
		{"rock'n'roll e-mail", []string{"rock", "n", "roll", "e", "mail"}},
	}
	for _, tt := range tests {
		if got := slices.Collect(letterRuns(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("letterRuns(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// The caller's limit stops the scan.
	n := 0
	for range letterRuns("l'un l'autre d'ici") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("letterRuns went on after the caller stopped")
	}
}
