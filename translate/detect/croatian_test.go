package detect

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/parleyhq/parley/translate"
)

// serbianDetector loads Croatian and Serbian with the test dictionaries in
// testdata/hunspell (hr_HR and sr_Latn_RS), once per test binary.
var serbianDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: []string{"hr", "sr"}, Dictionaries: "testdata/hunspell"})
})

// spellingCase is a word and some of the spellings the other language
// could write for it (want), or must not (not).
type spellingCase struct {
	word string
	want []string // among the spellings
	not  []string
}

// checkSpellings runs spellings (named name) over tests.
func checkSpellings(t *testing.T, name string, spellings func(string) []string, tests []spellingCase) {
	t.Helper()
	for _, tt := range tests {
		got := spellings(tt.word)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s(%q) = %q, want it to hold %q", name, tt.word, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%s(%q) = %q, want it without %q", name, tt.word, got, w)
			}
		}
	}
}

func TestSerbianSpellings(t *testing.T) {
	checkSpellings(t, "serbianSpellings", serbianSpellings, []spellingCase{
		{"vrijeme", []string{"vreme"}, nil},
		{"mjesto", []string{"mesto"}, nil},
		{"rjesenje", []string{"resenje"}, []string{"rjesene"}}, // the j of nj is no reflex
		{"htio", nil, []string{"hteo"}},                        // "bio" is Serbian as well
		{"linije", nil, []string{"line"}},                      // the ending of linija
		{"djeluje", []string{"deluje"}, nil},
		{"registrirati", []string{"registrovati", "registrisati"}, nil},
		{"funkcionira", []string{"funkcionise", "funkcionuje"}, nil},
		{"njega", nil, []string{"nega"}},
		{"ljeto", nil, []string{"leto"}},
		{"bolje", nil, []string{"bole"}},
		{"moje", nil, []string{"moe"}},
		{"ira", nil, []string{"ise"}}, // too short a stem
		{"uopce", []string{"uopste"}, nil},
		{"opci", []string{"opsti"}, nil},
		{"opciju", nil, []string{"opstiju"}}, // "option" in both
	})
}

func TestCroatianSpellings(t *testing.T) {
	checkSpellings(t, "croatianSpellings", croatianSpellings, []spellingCase{
		{"vreme", []string{"vrijeme"}, nil},
		{"mesto", []string{"mjesto"}, nil},
		{"hteo", []string{"htio"}, nil},
		{"sedeo", []string{"sjedio", "sedio"}, nil},
		{"video", []string{"vidio"}, nil},
		{"deo", []string{"dio"}, nil},   // "part": Croatian "dio"
		{"baeo", nil, []string{"baio"}}, // -eo after a vowel is no participle
		{"uopste", []string{"uopce"}, nil},
		{"opstina", []string{"opcina"}, nil},
		{"registrovati", []string{"registrirati"}, nil},
	})
}

func TestSerbianVocabularyInLatinLetters(t *testing.T) {
	v := newVocabulary([]string{"hr", "sr"})
	for w, want := range map[string][]string{
		"поруџбина":  {"sr"},
		"porudžbina": {"sr"},
		"porudzbina": {"sr"}, // typed without its háček
		"gde":        {"sr"},
		"gdje":       {"hr"},
		"hvala":      {"sr", "hr"},
		"uopšte":     {"sr"}, // from Cyrillic уопште
		"uopste":     {"sr"},
		"vreme":      {"sr"}, // written in Latin letters: Bulgarian writes време too
		"uopće":      {"hr"},
	} {
		got := v.lookUp(w, scriptOf([]rune(w)[0]))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("vocabulary look-up of %q = %v, want %v", w, got, want)
		}
	}
}

func TestSerbianInLatinLetters(t *testing.T) {
	d, err := serbianDetector()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := d.Stats()
	checkRead(t, "dictionaries", st.Dictionaries, "hr", "sr")
	ctx := context.Background()
	tests := []struct {
		name, text, hint, want string
	}{
		{"Serbian in Cyrillic", "где је моја поруџбина", "", "sr"},
		{"ekavian words Croatian does not know", "vreme lepo", "", "sr"},
		{"Serbian vocabulary", "gde je moja porudzbina", "", "sr"},
		{"ijekavian words", "vrijeme lijepo", "", "hr"},
		{"Croatian vocabulary", "gdje je moja narudžba", "", "hr"},
		// Both reach the vocabulary cap before "porudzbinu" tells.
		{"Serbian vocabulary past the cap", "zelim povrat novca za porudzbinu", "", "sr"},
		{"Croatian vocabulary past the cap", "zelim povrat novca za narudzbu", "", "hr"},
		{"a verb in -irati", "registrirati", "", "hr"},
		// The telling word is the ninth: past the words the other
		// dictionaries weigh.
		{"a late ekavian word", "paket stigao hvala paket stigao hvala paket stigao lepo", "", "sr"},
		{"a verb in -ovati", "registrovati", "", "sr"},
		{"an ekavian participle", "sedeo", "", "sr"},
		{"an ijekavian participle", "sjedio", "", "hr"},
		{"opšt", "opšti", "", "sr"},
		{"opć against a Serbian hint", "opći", "sr", "hr"},
		{"opcija, both languages' word, with a Serbian hint", "opciju", "sr", "sr"},
		{"words both write", "hvala paket", "", "hr"}, // the lean
		{"words both write, Serbian hint", "hvala paket", "sr", "sr"},
		{"words both write, Croatian hint", "hvala paket", "hr", "hr"},
	}
	for _, tt := range tests {
		in := translate.DetectInput{Text: tt.text}
		if tt.hint != "" {
			in.Hints = []string{tt.hint}
		}
		got, err := d.Detect(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Language != tt.want {
			t.Errorf("%s: Detect(%q, hint %q) = %s (%v, romanized %q), want %s", tt.name, tt.text, tt.hint, got.Language, got.Candidates, got.Romanized, tt.want)
		}
		if tt.hint == "" && tt.want == "hr" && tt.name == "words both write" {
			if len(got.Candidates) < 2 || got.Candidates[1].Language != "sr" || got.Confidence > 0.7 {
				t.Errorf("%s: %s at %.2f with candidates %v, want a lean under 0.7 with sr second", tt.name, got.Language, got.Confidence, got.Candidates)
			}
		}
	}
}

// Without Croatian, Serbian is detected in Cyrillic only: lingua has no
// Serbian model in Latin letters to stand in for it.
func TestSerbianLatinNeedsCroatian(t *testing.T) {
	d, err := New(Config{Languages: []string{"sr", "ru", "pl"}})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(d.byScript[scriptLatin], "sr") {
		t.Errorf("Latin candidates %v hold sr without hr", d.byScript[scriptLatin])
	}
	d, err = New(Config{Languages: []string{"sr", "hr", "ru"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(d.byScript[scriptLatin], "sr") || !slices.Contains(d.byScript[scriptCyrillic], "sr") {
		t.Errorf("candidates by script %v, want sr in Latin and Cyrillic", d.byScript)
	}
}

// A text that says nothing between Croatian and Serbian is no answer of its
// own, at any length: hints and the conversation come before the lean, and
// a conversation in a third language still switches to the pair.
func TestSerbianLeanYields(t *testing.T) {
	d, err := serbianDetector()
	if err != nil {
		t.Fatal(err)
	}
	const long = "hvala paket stigao hvala" // four words, no telling spelling
	tests := []struct {
		name   string
		in     translate.DetectInput
		want   string
		source translate.Source
	}{
		{"lean", translate.DetectInput{Text: long}, "hr", translate.SourceDetected},
		{"Serbian hint", translate.DetectInput{Text: long, Hints: []string{"sr"}}, "sr", translate.SourceHint},
		{"Serbian conversation", translate.DetectInput{Text: long, Conversation: &translate.Prior{Language: "sr", Confidence: 0.9, Source: translate.SourceDetected}}, "sr", translate.SourceConversation},
		{"English conversation", translate.DetectInput{Text: long, Conversation: &translate.Prior{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}}, "hr", translate.SourceDetected},
		{"English conversation, Serbian text", translate.DetectInput{Text: "gde je moja porudzbina", Conversation: &translate.Prior{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}}, "sr", translate.SourceDetected},
		{"English conversation, Serbian hint", translate.DetectInput{Text: long, Hints: []string{"sr"}, Conversation: &translate.Prior{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}}, "sr", translate.SourceDetected},
	}
	for _, tt := range tests {
		got, err := d.Detect(context.Background(), tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Language != tt.want || got.Source != tt.source {
			t.Errorf("%s: %s from %s (%v), want %s from %s", tt.name, got.Language, got.Source, got.Candidates, tt.want, tt.source)
		}
	}
}

// A hint for Croatian lifts the pair against a third language even when
// the text's Serbian spelling has taken Croatian's weight; between the two
// it moves the odds by the hint's weight alone.
func TestLiftPair(t *testing.T) {
	langs := []string{"sr", "hr", "cs"}
	const w = 1.5
	text := []float64{0, -3, -0.5} // Serbian spelling; Czech close behind
	scores := slices.Clone(text)
	scores[1] += w // as fusedScores adds a hint
	liftPair(scores, []string{"hr"}, langs, 0, 1, w)
	mass := func(s []float64) float64 { return math.Log(math.Exp(s[0]) + math.Exp(s[1])) }
	if got, want := mass(scores), mass(text)+w; math.Abs(got-want) > 1e-9 {
		t.Errorf("pair weight %.3f, want %.3f (the text's and the hint's)", got, want)
	}
	if got, want := scores[1]-scores[0], text[1]-text[0]+w; math.Abs(got-want) > 1e-9 {
		t.Errorf("Croatian's odds over Serbian %.3f, want %.3f", got, want)
	}
	if scores[2] != text[2] {
		t.Errorf("Czech's score %.3f changed, want %.3f", scores[2], text[2])
	}
	if max(scores[0], scores[1]) <= scores[2] {
		t.Errorf("scores %v: the pair's best is not above Czech", scores)
	}
	// A gap beyond what math.Exp holds stays finite.
	far := []float64{0, -800 + w, -0.5}
	liftPair(far, []string{"hr"}, langs, 0, 1, w)
	for _, x := range far {
		if math.IsInf(x, 0) || math.IsNaN(x) {
			t.Errorf("scores %v after a gap of 800, want them finite", far)
			break
		}
	}
	// Both named: each keeps its own hint.
	both := []float64{0 + w, -3 + w/2, -0.5}
	want := slices.Clone(both)
	liftPair(both, []string{"sr", "hr"}, langs, 0, 1, w)
	if !slices.Equal(both, want) {
		t.Errorf("with both hinted scores %v, want %v unchanged", both, want)
	}
}

// A Croatian hint on a text with a Serbian spelling stays with the pair,
// Slovak and Czech close behind notwithstanding. (Four small languages:
// the detector is not worth sharing.)
func TestCroatianHintLiftsThePair(t *testing.T) {
	d, err := Open(context.Background(), Config{Languages: []string{"hr", "sr", "cs", "sk"}, Dictionaries: "testdata/hunspell"})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string][]string{
		"registrovati": {"hr", "sr"},
		"lepo mesto":   {"hr", "sr"},
	} {
		got, err := d.Detect(context.Background(), translate.DetectInput{Text: text, Hints: []string{"hr"}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(want, got.Language) {
			t.Errorf("Detect(%q, hint hr) = %s (%v), want one of %v", text, got.Language, got.Candidates, want)
		}
	}
}
