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
		{"l’hôtel", []string{"fr", "it", "ca"}},
		{"qu'il", []string{"fr"}},
		{"quelqu'un", []string{"fr"}},
		{"dell'ordine", []string{"it"}},
		{"un'altra", []string{"it"}},
		{"l'paquete", nil}, // no elision before a consonant
		// English contractions; 's is Dutch after a vowel and German
		// after a few verbs.
		{"don't", []string{"en"}},
		{"can't", []string{"en"}},
		{"we're", []string{"en"}},
		{"i'm", []string{"en"}},
		{"it's", []string{"en"}},
		{"foto's", []string{"en", "nl"}},
		{"geht's", []string{"en", "de"}},
		{"z'n", []string{"nl"}},
		{"zo'n", []string{"nl"}},
		// Turkish endings after a name, not after an elided word.
		{"ankara'ya", []string{"tr"}},
		{"ali'nin", []string{"tr"}},
		{"l'a", []string{"fr", "it", "ca"}},
		// Ukrainian's apostrophe letter; Russian typed with an
		// apostrophe for ъ has е after it.
		{"м'ясо", []string{"uk"}},
		{"з'явився", []string{"uk"}},
		{"об'ект", nil},
		// Nothing to go on.
		{"o'clock", nil},
		{"rock'n'roll", nil},
		{"adresse", nil},
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
		{"l’adresse, s'il vous plaît", []string{"adresse", "il", "vous", "plaît"}},
		{"don't", []string{"don", "t"}},
		{"ankara'ya", []string{"ankara", "ya"}},
		{"rock'n'roll e-mail", []string{"rock", "n", "roll", "e", "mail"}},
	}
	for _, tt := range tests {
		if got := letterRuns(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("letterRuns(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
