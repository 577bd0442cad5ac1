package detect

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testAnalyser is an analyser as lt-print prints one: a first section of
// punctuation, then words with tags on the output side, a tag on the input
// side, an upper-case form and a cycle.
const testAnalyser = "0\t1\t.\t.\t0.000000\t\n" +
	"1\t0.000000\n" +
	"--\n" +
	"0\t1\tk\tk\t0.000000\t\n" +
	"1\t2\te\te\t0.000000\t\n" +
	"2\t3\tr\tr\t0.000000\t\n" +
	"3\t4\ta\ta\t0.000000\t\n" +
	"4\t5\tn\tn\t0.000000\t\n" +
	"5\t6\ta\ta\t0.000000\t\n" +
	"6\t7\tε\t<cnjsub>\t0.000000\t\n" +
	"0\t8\t<n>\t<n>\t0.000000\t\n" +
	"8\t9\tq\tq\t0.000000\t\n" +
	"0\t10\tK\tK\t0.000000\t\n" +
	"10\t11\tL\tL\t0.000000\t\n" +
	"0\t12\tx\tx\t0.000000\t\n" +
	"12\t12\ta\ta\t0.000000\t\n" +
	"7\t0.000000\n" +
	"9\t0.000000\n" +
	"11\t0.000000\n" +
	"12\t0.000000\n"

func TestReadLexicon(t *testing.T) {
	lex, size, err := readLexicon(strings.NewReader(testAnalyser))
	if err != nil {
		t.Fatal(err)
	}
	if size != len(testAnalyser) {
		t.Errorf("readLexicon() size = %d, want %d", size, len(testAnalyser))
	}
	has := func(w string) bool { _, ok := lex[wordHash(w)]; return ok }
	for _, w := range []string{"kerana", "kl", "xa", "xaaa", "x" + strings.Repeat("a", maxLexiconRunes-1)} {
		if !has(w) {
			t.Errorf("lexicon lacks %q", w)
		}
	}
	for _, w := range []string{".", "q", "x", "kera", "x" + strings.Repeat("a", maxLexiconRunes)} {
		if has(w) {
			t.Errorf("lexicon has %q", w)
		}
	}
	// A compounding analyser, whose forms loop back to the start, has more
	// paths than are worth reading; here none ends, so only the work
	// budget can stop it.
	var loop strings.Builder
	for r := 'a'; r <= 'z'; r++ {
		fmt.Fprintf(&loop, "0\t0\t%c\t%c\t0.000000\n", r, r)
	}
	loop.WriteString("0\t1\t.\t.\t0.000000\n1\t0.000000\n")
	if _, _, err := readLexicon(strings.NewReader(loop.String())); !errors.Is(err, errLexiconTooBig) {
		t.Errorf("readLexicon(a loop over every letter) error = %v, want %v", err, errLexiconTooBig)
	}
	// The same arc many times over is followed once.
	same := strings.Repeat("0\t0\ta\ta\t0.000000\n", 100000) + "0\t0.000000\n"
	if lex, _, err := readLexicon(strings.NewReader(same)); err != nil || len(lex) != maxLexiconRunes-1 {
		t.Errorf("readLexicon(one arc 100,000 times) = %d forms, %v; want %d forms", len(lex), err, maxLexiconRunes-1)
	}
	// Each section starts afresh: no arc or final state carries over.
	sections := analyserOf("xy") + "--\n" + analyserOf("klm")
	lex, _, err = readLexicon(strings.NewReader(sections))
	if _, ok := lex[wordHash("klm")]; err != nil || !ok || len(lex) != 2 {
		t.Errorf("readLexicon(two sections) = %d forms, %v; want xy and klm", len(lex), err)
	}
	// A symbol of two letters is not a letter.
	if lex, _, err := readLexicon(strings.NewReader("0\t1\tab\tab\t0\n1\t2\tc\tc\t0\n2\t0\n0\t3\td\td\t0\n3\t4\te\te\t0\n4\t0\n")); err != nil || len(lex) != 1 {
		t.Errorf("readLexicon(a two-letter symbol) = %d forms, %v; want de alone", len(lex), err)
	}
	for name, text := range map[string]string{
		"three fields":       "0\t1\ta\n1\t0\n",
		"a line over 64 KiB": analyserOf("abc") + "0\t1\t" + strings.Repeat("a", 70000) + "\ta\t0\n",
		"not a transition":   "0\tone\ta\ta\t0\n",
		"not a final state":  "0\t1\ta\ta\t0\nlast\n",
		"no word forms":      "0\t1\t.\t.\t0\n1\t0\n",
		"empty":              "",
	} {
		if _, _, err := readLexicon(strings.NewReader(text)); err == nil {
			t.Errorf("readLexicon(%s) succeeded, want an error", name)
		}
	}
}

func TestLexiconEvidence(t *testing.T) {
	lexs := lexicons{
		"id": lexicon{wordHash("karena"): {}, wordHash("dan"): {}},
		"ms": lexicon{wordHash("kerana"): {}, wordHash("dan"): {}},
	}
	const w = 2
	tests := []struct {
		text string
		want []float64 // id, ms, en
	}{
		{"kerana", []float64{-w, 0, 0}},
		{"karena dan karena", []float64{0, -2 * w, 0}},
		{"dan", []float64{0, 0, 0}},   // both know it
		{"hello", []float64{0, 0, 0}}, // neither does
		{"kerana karena", []float64{-w, -w, 0}},
		{"karena karena karena karena karena", []float64{0, -maxLexiconHits * w, 0}},
	}
	for _, tt := range tests {
		ev := evidence{langs: []string{"id", "ms", "en"}, scores: make([]float64, 3)}
		lexiconEvidence(dictionaryWords(tt.text), &ev, lexs, w)
		if !scoresNear(ev.scores, tt.want) {
			t.Errorf("lexiconEvidence(%q) scores = %v, want %v", tt.text, ev.scores, tt.want)
		}
	}
	// One language with a lexicon among the candidates has nothing to
	// be told apart from.
	ev := evidence{langs: []string{"id", "en"}, scores: make([]float64, 2)}
	lexiconEvidence(dictionaryWords("karena kerana"), &ev, lexs, w)
	if ev.scores[0] != 0 || ev.scores[1] != 0 {
		t.Errorf("lexiconEvidence(one lexicon) scores = %v, want zeros", ev.scores)
	}
}

// analyserOf prints, as lt-print would, an analyser that accepts words:
// one chain of states per word.
func analyserOf(words ...string) string {
	var arcs, finals strings.Builder
	next := 1
	for _, w := range words {
		from := 0
		for _, r := range w {
			fmt.Fprintf(&arcs, "%d\t%d\t%c\t%c\t0.000000\n", from, next, r, r)
			from, next = next, next+1
		}
		fmt.Fprintf(&finals, "%d\t0.000000\n", from)
	}
	return arcs.String() + finals.String()
}

// writeLexicons writes a Malay and an Indonesian analyser into a new
// directory, and returns it.
func writeLexicons(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"ms.att": analyserOf("kerana", "akaun", "tidak", "boleh"),
		"id.att": analyserOf("karena", "akun", "tidak", "bisa"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLexiconsTellMalayFromIndonesian(t *testing.T) {
	dir := writeLexicons(t)
	byScript := map[script][]string{scriptLatin: {"id", "ms"}}
	lexs, files := loadLexicons(dir, byScript)
	if len(files) != 2 || files[0].Language != "id" || files[0].Stems != 4 || files[0].Err != nil ||
		files[1].Language != "ms" || files[1].Stems != 4 || files[1].Err != nil || len(lexs) != 2 {
		t.Fatalf("loadLexicons() files = %+v, want id and ms with 4 forms each", files)
	}
	ctx := context.Background()
	with, err := Open(ctx, Config{Languages: []string{"id", "ms"}, Wordlists: dir})
	if err != nil {
		t.Fatal(err)
	}
	without, err := Open(ctx, Config{Languages: []string{"id", "ms"}})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := with.Stats()
	checkRead(t, "lexicons", st.Lexicons, "id", "ms")
	for _, tt := range []tip{{"tidak boleh kerana akaun", "ms"}, {"tidak bisa karena akun", "id"}} {
		before := confidenceOf(t, without, tt.text, tt.lang)
		after := confidenceOf(t, with, tt.text, tt.lang)
		if after <= before {
			t.Errorf("confidence of %s in %q: %.3f with lexicons, %.3f without; want higher with", tt.lang, tt.text, after, before)
		}
	}
	// Forms both lexicons know change nothing.
	if a, b := confidenceOf(t, with, "tidak", "id"), confidenceOf(t, without, "tidak", "id"); math.Abs(a-b) > 1e-9 {
		t.Errorf("confidence of id in \"tidak\": %.6f with lexicons, %.6f without; want equal", a, b)
	}
	// An ll.att that is a directory is reported too.
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, "id.att"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, files := loadLexicons(other, byScript); len(files) != 1 || files[0].Err == nil {
		t.Errorf("loadLexicons(id.att a directory) files = %+v, want id failed", files)
	}
	// A broken analyser is reported and the other still read.
	if err := os.WriteFile(filepath.Join(dir, "id.att"), []byte("0\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lexs, files = loadLexicons(dir, byScript)
	if len(files) != 2 || files[0].Err == nil || files[1].Err != nil || len(lexs) != 1 {
		t.Errorf("loadLexicons(broken id.att) files = %+v, want id failed and ms read", files)
	}
}

// The analysers .ci/dictionaries installs, where they are installed: each
// knows its language's forms and not the other's.
func TestInstalledLexicons(t *testing.T) {
	const dir = "/usr/share/parley/wordlists"
	if _, err := os.Stat(filepath.Join(dir, "ms.att")); err != nil {
		t.Skip("no lexicons installed (sh .ci/dictionaries installs them)")
	}
	lexs, files := loadLexicons(dir, map[script][]string{scriptLatin: {"id", "ms"}})
	for _, f := range files {
		if f.Err != nil || f.Stems < 5000 {
			t.Errorf("lexicon %s: %d forms, %v; want thousands", f.Path, f.Stems, f.Err)
		}
	}
	knows := func(l, w string) bool { _, ok := lexs[l][wordHash(w)]; return ok }
	for _, tt := range []struct{ word, only string }{
		{"kerana", "ms"}, {"akaun", "ms"}, {"bahawa", "ms"},
		{"karena", "id"}, {"akun", "id"}, {"bahwa", "id"},
	} {
		other := map[string]string{"ms": "id", "id": "ms"}[tt.only]
		if !knows(tt.only, tt.word) || knows(other, tt.word) {
			t.Errorf("%q: known to ms %v, to id %v; want to %s only", tt.word, knows("ms", tt.word), knows("id", tt.word), tt.only)
		}
	}
	for _, w := range []string{"saya", "tidak", "dan"} {
		if !knows("ms", w) || !knows("id", w) {
			t.Errorf("%q: known to ms %v, to id %v; want both", w, knows("ms", w), knows("id", w))
		}
	}
}
