package detect

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
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
// bounded time and memory. The work budget counts every step of the
// search over the whole file: Apertium's Malay and Indonesian analysers
// take about 150,000 for their 11,500 forms each, and an analyser that
// builds compounds (Danish, Norwegian) loops back to its start and is
// refused within a second.
const (
	maxLexiconForms = 1 << 20
	maxLexiconRunes = 40
	maxLexiconWork  = 1 << 21
	maxLexiconArcs  = 1 << 22
)

// loadLexicons reads from dir the analysers of langs whose script another
// of langs also uses: ll.att, an lttoolbox transducer as lt-print prints it
// (AT&T text format: "from to input output weight" per transition, "state
// weight" per final state, sections separated by "--"; ε or @0@ for no
// symbol). An analyser that cannot be read is reported and skipped.
func loadLexicons(dir string, byScript map[script][]string) (lexicons, []DictionaryFile) {
	lexs, files := readLanguageFiles(dir, ".att", sharedScript(byScript), func(_ string, r io.Reader) (lexicon, int, int, error) {
		lex, size, err := readLexicon(r)
		return lex, len(lex), size, err
	})
	return lexicons(lexs), files
}

// arc is a transition of an analyser: its input symbol ("" for none) and
// the state it leads to.
type arc struct {
	in string
	to int
}

// errLexiconTooBig is returned for an analyser with more paths or arcs than
// the limits allow.
var errLexiconTooBig = errors.New("too many paths")

// readLexicon reads an analyser in AT&T text format and returns the word
// forms it accepts: the input sides of its paths from state 0 to a final
// state, in each section, made of letters alone. It returns the bytes read.
func readLexicon(r io.Reader) (lexicon, int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	lex := lexicon{}
	size, narcs := 0, 0
	work := maxLexiconWork
	arcs := map[int][]arc{}
	final := map[int]bool{}
	flush := func() error {
		err := lexiconForms(arcs, final, lex, &work)
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
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(strings.TrimRight(line, "\t"), "\t")
		switch len(f) {
		case 1, 2:
			s, err := strconv.Atoi(strings.TrimSpace(f[0]))
			if err != nil || s < 0 {
				return nil, 0, fmt.Errorf("line %q: not a final state", line)
			}
			final[s] = true
		case 4, 5:
			from, err1 := strconv.Atoi(f[0])
			to, err2 := strconv.Atoi(f[1])
			if err1 != nil || err2 != nil || from < 0 || to < 0 {
				return nil, 0, fmt.Errorf("line %q: not a transition", line)
			}
			if narcs++; narcs > maxLexiconArcs {
				return nil, 0, errLexiconTooBig
			}
			in := f[2]
			if in == "ε" || in == "@0@" || in == "<eps>" {
				in = ""
			}
			arcs[from] = append(arcs[from], arc{in: in, to: to})
		default:
			return nil, 0, fmt.Errorf("line %q: neither a transition nor a final state", line)
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

// lexiconForms adds to lex the letter-only forms of one section's paths,
// spending work, shared by the file's sections, on every step. Paths
// through a symbol that is not a single letter (punctuation, digits, a tag
// on the input side) are dropped; so are forms past maxLexiconRunes, which
// also ends cycles.
func lexiconForms(arcs map[int][]arc, final map[int]bool, lex lexicon, work *int) error {
	type item struct {
		state int
		form  string
		runes int
	}
	// A state is reached once per form; seen keys on the form's hash so
	// that it holds no strings.
	type key struct {
		state int
		form  uint64
	}
	seen := map[key]bool{}
	stack := []item{{}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if *work--; *work < 0 {
			return errLexiconTooBig
		}
		if final[it.state] && it.runes > 1 {
			if len(lex) >= maxLexiconForms {
				return errLexiconTooBig
			}
			lex[wordHash(strings.ToLower(it.form))] = struct{}{}
		}
		for _, a := range arcs[it.state] {
			n := utf8.RuneCountInString(a.in)
			if a.in != "" && (n != 1 || !isLexiconLetter(a.in)) || it.runes+n > maxLexiconRunes {
				continue
			}
			next := item{state: a.to, form: it.form + a.in, runes: it.runes + n}
			k := key{next.state, wordHash(next.form)}
			if seen[k] {
				continue
			}
			seen[k] = true
			stack = append(stack, next)
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
// its own does not, for at most maxLexiconHits words. Words every lexicon
// knows, or none does, change nothing, and languages without a lexicon are
// not touched. A language that lacks a form loses against every candidate,
// not only against the language whose lexicon has it; the cap keeps a gap
// in a small lexicon from costing more than a hint or a conversation weighs.
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
		h := w.hash
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
		ev.scores[i] -= weight * math.Min(loss[i], maxLexiconHits)
	}
}

// maxLexiconHits caps how many words a lexicon can count against a
// language.
const maxLexiconHits = 3
