package detect

import (
	"context"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// listDetector loads Spanish and Portuguese with the test word lists in
// testdata/wordlists, once per test binary.
var listDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: []string{"es", "pt"}, Wordlists: "testdata/wordlists"})
})

func TestWordlistsTipShortTexts(t *testing.T) {
	with, err := listDetector()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := with.Stats()
	checkRead(t, "word lists", st.Wordlists, "es", "pt")
	// Both lists rank "que" first; neither has "xyzzyq".
	checkTips(t, with, "word lists", []tip{
		{"día", "es"},      // Portuguese writes "dia"
		{"gracias", "es"},  // only Spanish lists it
		{"voce", "pt"},     // only Portuguese lists "você"
		{"favor de", "es"}, // "de" is common in both, "favor" only in Spanish
		{"obrigado", "pt"}, // only Portuguese lists it
	}, "que", "xyzzyq")
}

func TestReadWordlist(t *testing.T) {
	in := strings.Join([]string{
		"\ufeff# a comment after a byte order mark takes no rank",
		"Sie 120",        // rank 1, kept in lower case
		"sie\t100",       // rank 2: "sie" keeps rank 1
		"straße",         // rank 3: "straße" and "strasse"
		"",               // blank
		"Ελλάδα",         // another script: skipped, no rank
		"12345",          // not a letter: skipped
		"café\u00a077 x", // rank 4: "café" and "cafe"
		"Oder\r",         // rank 5: a CRLF line ending
	}, "\n")
	wl, size, err := readWordlist(strings.NewReader(in), scriptLatin, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint16{"sie": 1, "straße": 3, "strasse": 3, "café": 4, "cafe": 4, "oder": 5}
	if got := newWordlist(want, 5); !maps.Equal(wl.rank, got.rank) || wl.n != 5 {
		t.Errorf("readWordlist() = %v (n %d), want the hashes of %v (n 5)", wl.rank, wl.n, want)
	}
	// The letters are those of the words kept, in lower case.
	if got, want := string(sortedLetters(wl.letters)), "acdefiorstßé"; got != want {
		t.Errorf("readWordlist() letters = %q, want %q", got, want)
	}
	// The size counts a newline after the last line, and not the "\r"
	// that the line reader drops.
	if size != len(in) {
		t.Errorf("readWordlist() read %d bytes, want %d", size, len(in))
	}
	// German's list also ranks its words as typed without umlauts.
	de, _, err := readWordlist(strings.NewReader("grüße\nstraße\n"), scriptLatin, true)
	if err != nil {
		t.Fatal(err)
	}
	if de.rankOf(wordHash("gruesse")) != 1 || de.rankOf(wordHash("strasse")) != 2 {
		t.Errorf("readWordlist(digraphs) ranks gruesse %d and strasse %d, want 1 and 2", de.rankOf(wordHash("gruesse")), de.rankOf(wordHash("strasse")))
	}
	other, _, err := readWordlist(strings.NewReader("grüße\n"), scriptLatin, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := other.rankOf(wordHash("gruesse")); r != 0 {
		t.Errorf("readWordlist(no digraphs) ranks gruesse %d, want unlisted", r)
	}
	if _, _, err := readWordlist(strings.NewReader("Ελλάδα\n# only a comment\n"), scriptLatin, false); err == nil {
		t.Error("readWordlist(no word in the script) succeeded, want an error")
	}
}

// sortedLetters returns the letters of a set, sorted.
func sortedLetters(set map[rune]bool) []rune {
	return slices.Sorted(maps.Keys(set))
}

// newWordlist returns a list of n words that ranks the words of ranks.
func newWordlist(ranks map[string]uint16, n int) wordlist {
	wl := wordlist{rank: map[uint64]uint16{}, n: n, letters: map[rune]bool{}}
	for w, r := range ranks {
		wl.rank[wordHash(w)] = r
		for _, l := range w {
			wl.letters[l] = true
		}
	}
	return wl
}

func TestFrequencyEvidence(t *testing.T) {
	lists := wordlists{
		"es": newWordlist(map[string]uint16{"que": 1, "día": 10, "dia": 10}, 100),
		"pt": newWordlist(map[string]uint16{"que": 1, "dia": 5}, 50),
	}
	const w = 0.5
	tests := []struct {
		text string
		want []float64 // es, pt, ms (no list: moves with es, the leader on a tie)
	}{
		// "día" with its accent is not in the Portuguese list: rank 51.
		{"día", []float64{0, -w * math.Log(51.0/10), 0}},
		// Without it, Portuguese ranks it better.
		{"dia", []float64{-w * math.Log(10.0/5), 0, -w * math.Log(10.0/5)}},
		{"que", []float64{0, 0, 0}},
		// No list has it: nothing changes.
		{"zzz", []float64{0, 0, 0}},
	}
	// A word ranked first in one list and missing from a list of 10,000
	// costs log(10,001) = 9.2 nats but is capped.
	long := wordlists{"es": newWordlist(map[string]uint16{"que": 1}, 10000), "pt": newWordlist(map[string]uint16{"de": 1}, 10000)}
	ev := evidence{langs: []string{"es", "pt"}, scores: make([]float64, 2)}
	frequencyEvidence(dictionaryWords("que"), &ev, long, w)
	if want := -w * maxFrequencyGap; ev.scores[0] != 0 || math.Abs(ev.scores[1]-want) > 1e-9 {
		t.Errorf("frequencyEvidence(que, long lists) scores = %v, want [0 %v]", ev.scores, want)
	}
	// A language far behind is not looked up: it loses as if the word
	// were missing from its list, here as much as a word can cost.
	far := evidence{langs: []string{"es", "pt"}, scores: []float64{0, -farBehind - 1}}
	frequencyEvidence(dictionaryWords("dia"), &far, lists, w)
	if want := []float64{0, -farBehind - 1 - w*maxFrequencyGap}; !scoresNear(far.scores, want) {
		t.Errorf("frequencyEvidence(dia, pt far behind) scores = %v, want %v", far.scores, want)
	}
	for _, tt := range tests {
		ev := evidence{langs: []string{"es", "pt", "ms"}, scores: make([]float64, 3)}
		frequencyEvidence(dictionaryWords(tt.text), &ev, lists, w)
		if !scoresNear(ev.scores, tt.want) {
			t.Errorf("frequencyEvidence(%q) scores = %v, want %v", tt.text, ev.scores, tt.want)
		}
	}
}

func TestLoadWordlistsChoosesFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("es.txt", "que\nde\n")
	write("pt.txt", "# nothing but a comment\n") // fails, is reported
	write("he.txt", "של\nזה\n")                  // alone in its script: not read
	// en has no file: skipped without a word.
	byScript := map[script][]string{scriptLatin: {"en", "es", "pt"}, scriptHebrew: {"he"}}
	lists, files, err := loadWordlists(dir, byScript)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Language != "es" || files[0].Err != nil || files[0].Stems != 2 ||
		files[1].Language != "pt" || files[1].Err == nil {
		t.Errorf("loadWordlists() files = %+v, want es read (2 words) and pt failed", files)
	}
	if _, ok := lists["es"]; !ok || len(lists) != 1 {
		t.Errorf("loadWordlists() lists = %v, want es only", lists)
	}
	if _, _, err := loadWordlists(filepath.Join(dir, "missing"), byScript); err == nil {
		t.Error("loadWordlists(missing directory) succeeded, want an error")
	}
}

// scoresNear reports whether the scores are want's, up to rounding.
func scoresNear(scores, want []float64) bool {
	if len(scores) != len(want) {
		return false
	}
	for i := range want {
		if math.Abs(scores[i]-want[i]) > 1e-9 {
			return false
		}
	}
	return true
}

// German's list also ranks its words as typed without umlauts; no other
// language's does.
func TestLoadWordlistsReadsGermanDigraphs(t *testing.T) {
	dir := t.TempDir()
	for _, l := range []string{"de", "nl"} {
		if err := os.WriteFile(filepath.Join(dir, l+".txt"), []byte("grüße\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lists, _, err := loadWordlists(dir, map[script][]string{scriptLatin: {"de", "nl"}})
	if err != nil {
		t.Fatal(err)
	}
	if de, nl := lists["de"].rankOf(wordHash("gruesse")), lists["nl"].rankOf(wordHash("gruesse")); de != 1 || nl != 0 {
		t.Errorf("gruesse ranks %d in German's list and %d in Dutch's, want 1 and unlisted", de, nl)
	}
}
