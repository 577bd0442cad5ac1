package detect

import (
	"testing"

	"github.com/parleyhq/parley/translate"
)

func TestInNoLanguage(t *testing.T) {
	d := &Detector{}
	lists := wordlists{"es": newWordlist(map[string]uint16{"que": 1, "de": 2, "no": 3, "pedido": 4}, 4)}
	d.lists.Store(&lists)
	tests := []struct {
		text string
		want bool
	}{
		{"que de no pedido", false},
		{"que de ni pedido", false},     // 3 of 4 known
		{"que pide ni pido", true},      // 1 of 4
		{"que pedido ni pido", false},   // 2 of 4: half is enough
		{"que ñandú ñu ni", false},      // words with ñ, which no listed word has, are left out: 1 of 2
		{"ñandú ñu ñandú ñu", false},    // no word left
		{"x y z", false},                // a single letter is not a word
		{"pide ni pido pedido x", true}, // 1 of 4
	}
	for _, tt := range tests {
		if got := d.inNoLanguage(Clean(tt.text), "es", 0.5); got != tt.want {
			t.Errorf("inNoLanguage(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if d.inNoLanguage(Clean("pide ni pido"), "pt", 0.5) {
		t.Error("inNoLanguage(pt, which has no data) = true, want false")
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
