package detect

import (
	"context"
	"sync"
	"testing"

	"github.com/parleyhq/parley/translate"
)

// shareWords returns the words of text that inNoLanguage weighs, as
// evidence collects them.
func shareWords(text string) []textWord { return textWords(Clean(text).Text, maxShareWords) }

func TestInNoLanguage(t *testing.T) {
	dict, err := loadDictionary("testdata/hunspell/es_ES")
	if err != nil {
		t.Fatal(err)
	}
	d := &Detector{}
	lists := wordlists{"es": newWordlist(map[string]uint16{"que": 1, "de": 2, "no": 3, "pedido": 4, "casas": 5, "sobre": 6}, 6)}
	d.lists.Store(&lists)
	tests := []struct {
		text string
		want bool
	}{
		{"que de no pedido", false},
		{"que de ni pedido", false},         // 3 of 4 known
		{"que pide ni pido", true},          // 1 of 4
		{"que pedido ni pido", false},       // 2 of 4: half is enough
		{"casa reposaba ni pido", false},    // the dictionary knows two
		{"que ñandú ñu ni", false},          // words with ñ, which no listed word has, are left out: 1 of 2
		{"ñandú ñu ñandú ñu", false},        // no word left
		{"x y z", false},                    // a single letter is not a word
		{"pide ni pido pedido x", true},     // 1 of 4
		{"pide ni pido gracias nada", true}, // 1 of 5
	}
	// Without a dictionary the check is off: a word list alone knows too
	// few of a language's forms.
	if d.inNoLanguage(shareWords("pide ni pido"), "es", 0.5) {
		t.Error("inNoLanguage(es, a word list but no dictionary) = true, want false")
	}
	dicts := dictionaries{"es": {dict}}
	d.dicts.Store(&dicts)
	for _, tt := range tests {
		if got := d.inNoLanguage(shareWords(tt.text), "es", 0.5); got != tt.want {
			t.Errorf("inNoLanguage(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if d.inNoLanguage(shareWords("pide ni pido"), "pt", 0.5) {
		t.Error("inNoLanguage(pt, which has no data) = true, want false")
	}
	// The share is min's: 3 of 4 is not under 0.75, 2 of 4 is.
	if d.inNoLanguage(shareWords("que de ni pedido"), "es", 0.75) || !d.inNoLanguage(shareWords("que pedido ni pido"), "es", 0.75) {
		t.Error("inNoLanguage(min 0.75) does not compare the share with min")
	}
	// Words past the eighth count: 10 of 18 known.
	if long := "ni pido pide nada cosa rosa pera boca que de no pedido casas sobre que de no"; d.inNoLanguage(shareWords(long), "es", 0.5) {
		t.Errorf("inNoLanguage(%q) = true, want false: it looks past the first eight words", long)
	}
	// A lexicon knows words too.
	lexs := lexicons{"es": lexicon{wordHash("pido"): {}, wordHash("pide"): {}}}
	d.lexs.Store(&lexs)
	if text := "que pide ni pido"; d.inNoLanguage(shareWords(text), "es", 0.5) {
		t.Errorf("inNoLanguage(%q) = true with a lexicon that knows pide and pido, want false", text)
	}
}

// dataDetector loads Spanish and Portuguese with the test dictionaries and
// word lists, once per test binary.
var dataDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: []string{"es", "pt"}, Dictionaries: "testdata/hunspell", Wordlists: "testdata/wordlists"})
})

// A text of four words or more that the best language's data barely knows
// is in none of the configured languages: Russian in Latin letters is
// neither Spanish nor Portuguese.
func TestDetectForeignText(t *testing.T) {
	d, err := dataDetector()
	if err != nil {
		t.Fatal(err)
	}
	const foreign = "privet gde moy zakaz"
	ru := &translate.Prior{Language: "ru", Confidence: 0.9, Source: translate.SourceDetected}
	guess := &translate.Prior{Language: "es", Confidence: 0.49, Source: translate.SourceDetected}
	hinted := &translate.Prior{Language: "ru", Confidence: 0.5, Source: translate.SourceHint}
	tests := []fusionCase{
		{"alone", foreign, nil, nil, translate.Undetermined, translate.SourceDefault},
		{"with a hint", foreign, []string{"ru-RU"}, nil, "ru", translate.SourceHint},
		{"with two hints", foreign, []string{"ru-RU", "es"}, nil, "ru", translate.SourceHint},
		{"in a russian conversation", foreign, nil, ru, "ru", translate.SourceConversation},
		// A guess carried over from an unsure message is not an answer.
		{"after a guess", foreign, nil, guess, translate.Undetermined, translate.SourceDefault},
		{"after a hint", foreign, nil, hinted, "ru", translate.SourceConversation},
		// The test lists know these words.
		{"known words", "que de no gracias pedido", nil, nil, "es", translate.SourceDetected},
		// A script no configured language uses has no best language.
		{"greek", "πού είναι η παραγγελία μου", nil, nil, translate.Undetermined, translate.SourceDefault},
		// Words past the eighth count: 10 of 18 known.
		{"known words after eight unknown", "ni pido pide nada cosa rosa pera sede que de no pedido gracias casa que de no favor", nil, nil, "es", translate.SourceDetected},
		// Two or three words are not checked: too often names.
		{"three words", "gracias padepokan widura", nil, nil, "es", translate.SourceDetected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(t.Context(), tt.input())
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
			// The nearest configured languages are not the text's:
			// none is listed, so none becomes the conversation's.
			if tt.text == foreign && len(got.Candidates) != 0 {
				t.Errorf("Detect(%q) candidates = %v, want none", tt.text, got.Candidates)
			}
		})
	}
}
