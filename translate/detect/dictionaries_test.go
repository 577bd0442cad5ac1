package detect

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/detect/hunspell"
)

// dictDetector loads Spanish and Portuguese with the test dictionaries in
// testdata/hunspell, once per test binary.
var dictDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: []string{"es", "pt"}, Dictionaries: "testdata/hunspell"})
})

// confidenceOf returns the confidence Detect gives lang for text.
func confidenceOf(t *testing.T, d *Detector, text, lang string) float64 {
	t.Helper()
	got, err := d.Detect(context.Background(), translate.DetectInput{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got.Candidates {
		if c.Language == lang {
			return c.Confidence
		}
	}
	return 0
}

func TestDictionariesTipShortTexts(t *testing.T) {
	with, err := dictDetector()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := with.Stats()
	checkRead(t, "dictionaries", st.Dictionaries, "es", "pt")
	// casa is in both test dictionaries, xyzzyq in neither.
	checkTips(t, with, "dictionaries", []tip{
		{"reposaba", "es"},           // es: reposar + -aba
		{"repousava", "pt"},          // pt: repousar + -ava
		{"reposacion", "es"},         // es, without its accent
		{"obrigado pedido", "pt"},    // two pt stems
		{"gracias pedir casa", "es"}, // casa is both, the rest es
	}, "casa", "xyzzyq")
}

// checkRead checks that files were read without error and are those of
// langs, in order.
func checkRead(t *testing.T, kind string, files []DictionaryFile, langs ...string) {
	t.Helper()
	var got []string
	for _, f := range files {
		if f.Err != nil {
			t.Errorf("%s %s: %v", kind, f.Path, f.Err)
		}
		got = append(got, f.Language)
	}
	if !slices.Equal(got, langs) {
		t.Errorf("%s read for %v, want %v", kind, got, langs)
	}
}

// tip is a text whose language some language data should make surer.
type tip struct{ text, lang string }

// checkTips checks that with (a detector with some language data) is surer
// of each tip's language than the same models without the data, and that
// neutral texts (which the data does not tell apart) keep Spanish's
// confidence as it was.
func checkTips(t *testing.T, with *Detector, data string, tips []tip, neutral ...string) {
	t.Helper()
	without := testDetector(t) // the same models, no language data
	for _, tt := range tips {
		before := confidenceOf(t, without, tt.text, tt.lang)
		after := confidenceOf(t, with, tt.text, tt.lang)
		if after <= before {
			t.Errorf("confidence of %s in %q: %.3f with %s, %.3f without; want higher with", tt.lang, tt.text, after, data, before)
		}
	}
	for _, text := range neutral {
		before := confidenceOf(t, without, text, "es")
		after := confidenceOf(t, with, text, "es")
		if diff := after - before; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("confidence of es in %q: %.6f with %s, %.6f without; want equal", text, after, data, before)
		}
	}
}

func TestLoadDictionariesChoosesFiles(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("testdata/hunspell/es_ES.aff", "es_ES.aff")
	copyFile("testdata/hunspell/es_ES.dic", "es_ES.dic")
	// A regional link to the same files is read once.
	for _, ext := range []string{".aff", ".dic"} {
		if err := os.Symlink(filepath.Join(dir, "es_ES"+ext), filepath.Join(dir, "es_MX"+ext)); err != nil {
			t.Fatal(err)
		}
	}
	// Hebrew is alone in its script: no dictionary can help, none is read.
	copyFile("testdata/hunspell/es_ES.aff", "he_IL.aff")
	copyFile("testdata/hunspell/es_ES.dic", "he_IL.dic")
	// Serbian in Latin letters, when Parley detects Serbian in Cyrillic, is
	// not read.
	copyFile("testdata/hunspell/es_ES.aff", "sr_Latn_RS.aff")
	copyFile("testdata/hunspell/es_ES.dic", "sr_Latn_RS.dic")
	// A language that is not configured is not read.
	copyFile("testdata/hunspell/pt_PT.aff", "it_IT.aff")
	copyFile("testdata/hunspell/pt_PT.dic", "it_IT.dic")
	// A broken dictionary is reported and skipped.
	copyFile("testdata/hunspell/pt_PT.aff", "pt_PT.aff")
	if err := os.WriteFile(filepath.Join(dir, "pt_PT.dic"), []byte("0\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	d, err := New(Config{Languages: []string{"es", "pt", "he", "sr", "ru"}})
	if err != nil {
		t.Fatal(err)
	}
	dicts, files, err := loadDictionaries(dir, d.byScript)
	if err != nil {
		t.Fatal(err)
	}
	if len(dicts["es"]) != 1 || len(dicts["pt"]) != 0 || len(dicts["he"]) != 0 || len(dicts["it"]) != 0 || len(dicts["sr"]) != 0 {
		t.Errorf("loaded dictionaries: es %d, pt %d, he %d, it %d, sr %d; want only one for es",
			len(dicts["es"]), len(dicts["pt"]), len(dicts["he"]), len(dicts["it"]), len(dicts["sr"]))
	}
	if len(files) != 2 || files[0].Language != "es" || files[0].Err != nil || files[0].Stems != 4 ||
		files[1].Language != "pt" || files[1].Err == nil {
		t.Errorf("files = %+v, want es_ES read with 4 stems and pt_PT failed", files)
	}

	if _, _, err := loadDictionaries(filepath.Join(dir, "missing"), d.byScript); err == nil {
		t.Error("loadDictionaries(missing directory) error = nil, want one")
	}
}

func TestFoldWord(t *testing.T) {
	tests := map[string]string{
		"Łódź": "lodz", "łódź": "lodz", "ŁATWO": "latwo", "Øl": "ol", "Æble": "aeble",
		"Devolución": "devolucion", "STRASSE": "strasse", "Straße": "strasse", "Заказ": "заказ",
		"کار": "كار", "یک": "يك", "شُكراً": "شكرا",
	}
	for in, want := range tests {
		if got := foldWord(in); got != want {
			t.Errorf("foldWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzFoldWord checks that folding ignores case and folds once for all:
// the detector folds a word once and the dictionaries compare it as is.
func FuzzFoldWord(f *testing.F) {
	for _, w := range []string{"Łódź", "İstanbul", "ǅemal", "Æble", "ΣΊΣΥΦΟΣ", "\xff"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if !utf8.ValidString(w) {
			return
		}
		once := foldWord(w)
		if twice := foldWord(once); twice != once {
			t.Errorf("foldWord(%q) = %q, but folding that again gives %q", w, once, twice)
		}
	})
}

func TestDictionaryWords(t *testing.T) {
	tw := func(lower, folded string) textWord {
		return textWord{lower: lower, folded: folded, hash: wordHash(lower)}
	}
	got := dictionaryWords("L'Adresse de la Commande, s'il vous plaît: a b c d e f g h i j k l m n o p")
	want := []textWord{tw("adresse", "adresse"), tw("de", "de"), tw("la", "la"), tw("commande", "commande"),
		tw("il", "il"), tw("vous", "vous"), tw("plaît", "plait")}
	if !slices.Equal(got, want) {
		t.Errorf("dictionaryWords() = %v, want %v", got, want)
	}
	// German's ae, oe and ue are read as umlauts on the side.
	if got := dictionaryWords("Gruesse zurueck"); len(got) != 2 || got[0].digraphs != "grusse" || got[1].digraphs != "zuruck" {
		t.Errorf("dictionaryWords(Gruesse zurueck) = %+v, want digraphs grusse and zuruck", got)
	}
	long := dictionaryWords("uno dos tres cuatro cinco seis siete ocho nueve diez")
	if len(long) != maxDictionaryWords {
		t.Errorf("dictionaryWords(10 words) gave %d, want the first %d", len(long), maxDictionaryWords)
	}
	if got := dictionaryWords("किताब " + strings.Repeat("a", 65) + " ok"); !slices.Equal(got, []textWord{tw("किताब", "किताब"), tw("ok", "ok")}) {
		t.Errorf("dictionaryWords(Hindi word, 65-letter word, ok) = %v, want the Hindi word whole and ok", got)
	}
}

func TestDictionaryEvidenceMovesLanguagesWithoutWithLeader(t *testing.T) {
	es, err := loadDictionary("testdata/hunspell/es_ES")
	if err != nil {
		t.Fatal(err)
	}
	pt, err := loadDictionary("testdata/hunspell/pt_PT")
	if err != nil {
		t.Fatal(err)
	}
	dicts := dictionaries{"es": {es}, "pt": {pt}}
	// es knows "reposaba", pt does not, ms has no dictionary at all: it
	// loses what pt, the leader, loses.
	ev := evidence{langs: []string{"es", "pt", "ms"}, scores: []float64{-1, 0, -0.5}}
	dictionaryEvidence(dictionaryWords("reposaba"), &ev, dicts, 2)
	if want := []float64{-1, -2, -2.5}; !slices.Equal(ev.scores, want) {
		t.Errorf("dictionaryEvidence(reposaba) scores = %v, want %v", ev.scores, want)
	}
	// With es leading, ms loses nothing, as es does.
	ev = evidence{langs: []string{"es", "pt", "ms"}, scores: []float64{0, -1, -0.5}}
	dictionaryEvidence(dictionaryWords("reposaba"), &ev, dicts, 2)
	if want := []float64{0, -3, -0.5}; !slices.Equal(ev.scores, want) {
		t.Errorf("dictionaryEvidence(reposaba, es leading) scores = %v, want %v", ev.scores, want)
	}
}

// German typed without umlauts ("gruesse" for "grüße") is German to a
// German dictionary, and to no other language's.
func TestKnownToReadsUmlautDigraphs(t *testing.T) {
	d, err := hunspell.Load(strings.NewReader("SET UTF-8\n"), strings.NewReader("2\ngrüße\nzurück\n"), foldWord)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word, lang string
		want       bool
	}{
		{"gruesse", "de", true},
		{"Zurueck", "de", true},
		{"grüße", "de", true},
		{"gruesse", "nl", false},
		{"grusse", "nl", true}, // folded, as any language reads it
		{"grueße", "de", true},
		{"gruesen", "de", false},
	} {
		w := dictionaryWords(tt.word)[0]
		if got := w.knownTo(d, tt.lang); got != tt.want {
			t.Errorf("knownTo(%q, %s) = %v, want %v", tt.word, tt.lang, got, tt.want)
		}
	}
}

// A German word typed without umlauts costs the other languages, and not
// German, as the word itself would; and it counts as German in the check
// for messages in none of the languages.
func TestUmlautDigraphsInEvidence(t *testing.T) {
	load := func(dic string) *hunspell.Dictionary {
		d, err := hunspell.Load(strings.NewReader("SET UTF-8\n"), strings.NewReader(dic), foldWord)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	dicts := dictionaries{"de": {load("2\nzurück\ngrüße\n")}, "nl": {load("1\nterug\n")}}
	ev := evidence{langs: []string{"de", "nl"}, scores: []float64{0, 0}}
	dictionaryEvidence(dictionaryWords("zurueck"), &ev, dicts, 2)
	if !scoresNear(ev.scores, []float64{0, -2}) {
		t.Errorf("dictionaryEvidence(zurueck) scores = %v, want [0 -2]", ev.scores)
	}
	d := &Detector{}
	d.dicts.Store(&dicts)
	lists := wordlists{"de": newWordlist(map[string]uint16{"und": 1}, 1)}
	for _, r := range "zurückgße" {
		lists["de"].letters[r] = true
	}
	d.lists.Store(&lists)
	if text := "zurueck gruesse zurueck gruesse"; d.inNoLanguage(shareWords(text), "de", 0.5) {
		t.Errorf("inNoLanguage(%q, de) = true, want false", text)
	}
}
