package detect

import (
	"testing"

	"github.com/parleyhq/parley/translate"
)

func TestKnownShare(t *testing.T) {
	d := &Detector{}
	lists := wordlists{"es": newWordlist(map[string]uint16{"que": 1, "de": 2, "no": 3, "pedido": 4}, 4)}
	d.lists.Store(&lists)
	tests := []struct {
		text  string
		share float64
		ok    bool
	}{
		{"que de no pedido", 1, true},
		{"que de ni pedido", 0.75, true},
		// "ñandú" has letters no listed word has: left out.
		{"que ñandú", 1, true},
		{"ñandú", 0, false},
		// A single letter is not a word.
		{"x", 0, false},
	}
	for _, tt := range tests {
		share, ok := d.knownShare(Clean(tt.text), "es")
		if share != tt.share || ok != tt.ok {
			t.Errorf("knownShare(%q) = %v, %v; want %v, %v", tt.text, share, ok, tt.share, tt.ok)
		}
	}
	if _, ok := d.knownShare(Clean("que de no pedido"), "pt"); ok {
		t.Error("knownShare(pt, which has no data) ok = true, want false")
	}
}

// A text of four words or more that the best language's data barely knows
// is in none of the configured languages: Russian in Latin letters is
// neither Spanish nor Portuguese.
func TestDetectForeignText(t *testing.T) {
	d, err := listDetector()
	if err != nil {
		t.Fatal(err)
	}
	const foreign = "privet gde moy zakaz"
	ru := &translate.Prior{Language: "ru", Confidence: 0.9, Source: translate.SourceDetected}
	tests := []struct {
		name string
		in   translate.DetectInput
		lang string
		src  translate.Source
	}{
		{"alone", translate.DetectInput{Text: foreign}, translate.Undetermined, translate.SourceDetected},
		{"with a hint", translate.DetectInput{Text: foreign, Hints: []string{"ru-RU"}}, "ru", translate.SourceHint},
		{"in a russian conversation", translate.DetectInput{Text: foreign, Conversation: ru}, "ru", translate.SourceConversation},
		// The test lists know these words.
		{"known words", translate.DetectInput{Text: "que de no gracias pedido"}, "es", translate.SourceDetected},
		// Two or three words are not checked: too often names.
		{"three words", translate.DetectInput{Text: "gracias privet gde"}, "es", translate.SourceDetected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(t.Context(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Language != tt.lang || got.Source != tt.src {
				t.Errorf("Detect(%q) = %s (%s, %v), want %s (%s)", tt.in.Text, got.Language, got.Source, got.Candidates, tt.lang, tt.src)
			}
		})
	}
}
