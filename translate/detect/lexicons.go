package detect

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexicons holds, per language, the word forms of a morphological analyser
// written for a pair of close languages, such as Apertium's for Indonesian
// and Malay. Each side knows the forms its language writes; a form one side
// knows and the other does not (Malay "kerana", "akaun"; Indonesian
// "karena", "akun") tells the two apart where n-grams, dictionaries and word
// lists cannot: Debian has no Malay dictionary, and the Indonesian one knows
// most Malay words.
type lexicons map[string]lexicon

// lexicon is one language's word forms, as wordHash keys of their lower
// case.
type lexicon map[uint64]struct{}

// Limits on reading an analyser, so that a damaged or hostile file costs
// bounded time and memory. Apertium's Malay and Indonesian analysers need
// about 100,000 visits for their 11,500 forms each; an analyser that
// builds compounds (Danish, Norwegian) loops back to its start and is
// refused within a second.
const (
	maxLexiconForms  = 1 << 20
	maxLexiconRunes  = 40
	maxLexiconVisits = 1 << 19
)

// loadLexicons reads from dir the analysers of langs whose script another
// of langs also uses: ll.att, an lttoolbox transducer printed by lt-print
// (AT&T text format: "from to input output weight" per transition, "state
// weight" per final state, sections separated by "--"). An analyser that
// cannot be read is reported and skipped.
func loadLexicons(dir string, byScript map[script][]string) (lexicons, []DictionaryFile) {
	out := lexicons{}
	var files []DictionaryFile
	for _, l := range sharedScript(byScript) {
		path := filepath.Join(dir, l+".att")
		f, err := os.Open(path)
		if os.IsNotExist(err) {
			continue
		}
		df := DictionaryFile{Language: l, Path: path}
		var lex lexicon
		if err == nil {
			lex, df.Bytes, err = readLexicon(f)
			f.Close()
		}
		if err != nil {
			df.Err = err
			files = append(files, df)
			continue
		}
		df.Stems = len(lex)
		files = append(files, df)
		out[l] = lex
	}
	return out, files
}

// arc is a transition of an analyser: its input symbol ("" for none) and
// the state it leads to.
type arc struct {
	in string
	to int
}

// readLexicon reads an analyser in AT&T text format and returns the word
// forms it accepts: the input sides of its paths from state 0 to a final
// state, in each section, made of letters alone. It returns the bytes read.
func readLexicon(r io.Reader) (lexicon, int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	lex := lexicon{}
	size := 0
	arcs := map[int][]arc{}
	final := map[int]bool{}
	flush := func() error {
		err := lexiconForms(arcs, final, lex)
		arcs, final = map[int][]arc{}, map[int]bool{}
		return err
	}
	for sc.Scan() {
		line := sc.Text()
		size += len(line) + 1
		if strings.TrimSpace(line) == "--" {
			if err := flush(); err != nil {
				return nil, 0, err
			}
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case len(f) >= 4:
			from, err1 := strconv.Atoi(f[0])
			to, err2 := strconv.Atoi(f[1])
			if err1 != nil || err2 != nil || from < 0 || to < 0 {
				return nil, 0, fmt.Errorf("line %q: not a transition", line)
			}
			in := f[2]
			if in == "ε" || in == "@0@" {
				in = ""
			}
			arcs[from] = append(arcs[from], arc{in: in, to: to})
		case len(f) >= 1 && strings.TrimSpace(f[0]) != "":
			s, err := strconv.Atoi(strings.TrimSpace(f[0]))
			if err != nil || s < 0 {
				return nil, 0, fmt.Errorf("line %q: not a final state", line)
			}
			final[s] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if err := flush(); err != nil {
		return nil, 0, err
	}
	if len(lex) == 0 {
		return nil, 0, errors.New("no word forms")
	}
	return lex, size, nil
}

// lexiconForms adds to lex the letter-only forms of one section's paths.
// Paths through a symbol that is not a letter (punctuation, digits, a tag
// on the input side) are dropped; so are forms past maxLexiconRunes, which
// also ends cycles.
func lexiconForms(arcs map[int][]arc, final map[int]bool, lex lexicon) error {
	type item struct {
		state int
		form  string
		runes int
	}
	seen := map[item]bool{}
	stack := []item{{}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[it] {
			continue
		}
		if seen[it] = true; len(seen) > maxLexiconVisits {
			return errors.New("too many paths")
		}
		if final[it.state] && it.runes > 1 {
			if len(lex) >= maxLexiconForms {
				return errors.New("too many word forms")
			}
			lex[wordHash(strings.ToLower(it.form))] = struct{}{}
		}
		for _, a := range arcs[it.state] {
			n := utf8.RuneCountInString(a.in)
			if a.in != "" && (n != 1 || !isLexiconLetter(a.in)) || it.runes+n > maxLexiconRunes {
				continue
			}
			stack = append(stack, item{state: a.to, form: it.form + a.in, runes: it.runes + n})
		}
	}
	return nil
}

// isLexiconLetter reports whether the one-character symbol s is a letter or
// a mark.
func isLexiconLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// lexiconEvidence takes weight from each candidate language with a
// lexicon, per word of the text that another candidate's lexicon knows and
// its own does not. Words every lexicon knows, or none does, change
// nothing, and languages without a lexicon are not touched: the lexicons
// only decide between the languages they were written for.
func lexiconEvidence(words []textWord, ev *evidence, lex lexicons, weight float64) {
	n := len(ev.langs)
	has := make([]bool, n)
	count := 0
	for i, l := range ev.langs {
		if _, has[i] = lex[l]; has[i] {
			count++
		}
	}
	if count < 2 {
		return
	}
	loss := make([]float64, n)
	known := make([]bool, n)
	for _, w := range words {
		h := wordHash(w.lower)
		k := 0
		for i, l := range ev.langs {
			known[i] = false
			if has[i] {
				_, known[i] = lex[l][h]
				if known[i] {
					k++
				}
			}
		}
		if k == 0 || k == count {
			continue
		}
		for i := range loss {
			if has[i] && !known[i] {
				loss[i]++
			}
		}
	}
	for i := range ev.scores {
		ev.scores[i] -= weight * loss[i]
	}
}
