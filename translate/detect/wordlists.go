package detect

import (
	"bufio"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordlists holds, per language, its most common words ranked by
// frequency: a folded word maps to its rank, 1 for the most common. Where
// a dictionary knows whether a word exists in a language, a word list
// tells how likely the language is to use it: "das" is a Dutch word, but
// German writes it a hundred times as often.
type wordlists map[string]wordlist

// wordlist is one language's ranked words and how many there are. Words
// are kept as 64-bit hashes: a tenth of the memory of the strings, and a
// collision is as unlikely as it is harmless (one word's rank is off).
type wordlist struct {
	rank map[uint64]uint16
	n    int
	// letters are the letters the listed words are written with.
	letters map[rune]bool
}

// wordSeed seeds the hashes of the words of every list and message.
var wordSeed = maphash.MakeSeed()

// wordHash is the key of w in a wordlist.
func wordHash(w string) uint64 { return maphash.String(wordSeed, w) }

// rankOf returns the rank of the word whose wordHash is h, 0 if it is not
// listed.
func (wl wordlist) rankOf(h uint64) int { return int(wl.rank[h]) }

// maxWordlistWords caps how many words of a list are read: ranks are
// uint16, and past the first tens of thousands a rank says little.
const maxWordlistWords = 50000

// Ranks must fit a uint16.
const _ uint16 = maxWordlistWords

// loadWordlists reads from dir the word lists of langs whose script
// another of langs also uses: ll.txt, one word per line, most common first.
// Anything after the word on its line (a count) is ignored, and so are
// lines that do not start with a letter of the language's script. A list
// that cannot be read, or has a line over 64 KiB, is reported and skipped.
func loadWordlists(dir string, byScript map[script][]string) (wordlists, []DictionaryFile, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("word lists: %w", err)
	}
	lists, files := readLanguageFiles(dir, ".txt", sharedScript(byScript), func(l string, r io.Reader) (wordlist, int, int, error) {
		wl, size, err := readWordlist(r, languageScript(l), digraphLanguages[l])
		return wl, wl.n, size, err
	})
	return wordlists(lists), files, nil
}

// readLanguageFiles reads dir/ll.ext, for each language ll of langs that
// has one, with read, which returns what it read, how many entries and how
// many bytes. A file that cannot be opened or read is reported with its
// error and left out.
func readLanguageFiles[T any](dir, ext string, langs []string, read func(lang string, r io.Reader) (T, int, int, error)) (map[string]T, []DictionaryFile) {
	out := map[string]T{}
	var files []DictionaryFile
	for _, l := range langs {
		path := filepath.Join(dir, l+ext)
		f, err := os.Open(path)
		if os.IsNotExist(err) {
			continue
		}
		df := DictionaryFile{Language: l, Path: path}
		var v T
		var stems, size int
		if err == nil {
			v, stems, size, err = read(l, f)
			f.Close()
		}
		if err != nil {
			df.Err = err
			files = append(files, df)
			continue
		}
		df.Stems, df.Bytes = stems, size
		files = append(files, df)
		out[l] = v
	}
	return out, files
}

// readWordlist reads a ranked word list of a language written in script s;
// words in another script (English names in a Russian list, a Serbian list
// in Latin letters) are skipped without taking a rank. Each word is kept in lower case
// and folded: a message that writes "dia" may mean "día", but one that
// writes "día" does not mean Portuguese "dia". A word met twice ("Sie" and
// "sie") keeps its better rank. It returns the bytes read.
func readWordlist(r io.Reader, s script, digraphs bool) (wordlist, int, error) {
	wl := wordlist{rank: map[uint64]uint16{}, letters: map[rune]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	size, rank := 0, 0
	for sc.Scan() && rank < maxWordlistWords {
		line := sc.Text()
		size += len(line) + 1
		if size == len(line)+1 {
			line = strings.TrimPrefix(line, "\ufeff") // a byte order mark
		}
		w := line
		if f := strings.FieldsFunc(line, unicode.IsSpace); len(f) > 0 {
			w = f[0]
		}
		if first, _ := utf8.DecodeRuneInString(w); !utf8.ValidString(w) || scriptOf(first) != s {
			continue
		}
		rank++
		lower := strings.ToLower(w)
		for _, r := range lower {
			if unicode.IsLetter(r) {
				wl.letters[r] = true
			}
		}
		keys := [3]string{lower, foldWord(lower), ""}
		if digraphs {
			keys[2] = umlautSpelling.Replace(lower)
		}
		for _, k := range keys {
			if k == "" {
				continue
			}
			if _, ok := wl.rank[wordHash(k)]; !ok {
				wl.rank[wordHash(k)] = uint16(rank)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return wordlist{}, 0, err
	}
	if rank == 0 {
		return wordlist{}, 0, errors.New("no words in the language's script")
	}
	wl.n = rank
	return wl, size, nil
}

// umlautSpelling writes a German word as it is typed without a German
// keyboard: "grüße" as "gruesse".
var umlautSpelling = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// logFreq is the log-probability of a word of rank r by Zipf's law, up to
// a constant that is the same for every language.
func logFreq(r int) float64 { return -math.Log(float64(r)) }

// frequencyEvidence weighs each of words by how common it is in each
// candidate language: a language loses weight times the log of how many
// times rarer the word is there than in the language that uses it most. A
// word missing from a language's list counts as if ranked just after its
// last word. Words no list has (names, typos) change nothing. A word costs
// at most maxFrequencyGap nats before weighting, so that one word cannot
// outvote the rest of a message. Languages already far behind are not
// looked up, as in dictionaryEvidence: they lose the most a word can cost,
// which only widens a gap they could not close. A language without a list
// moves with the leading language that has one (see moveWithLeader).
func frequencyEvidence(words []textWord, ev *evidence, lists wordlists, weight float64) {
	n := len(ev.langs)
	lf := make([]float64, n)
	has := make([]bool, n) // judged by the lists
	for i, l := range ev.langs {
		// A list is in its language's own script: in its second
		// script the language moves with the leader.
		_, has[i] = lists[l]
		has[i] = has[i] && !inSecondScript(l, ev.script)
	}
	look := lookUp(ev, has)
	loss := make([]float64, n)
	for _, w := range words {
		h := w.hash
		best, listed := math.Inf(-1), false
		for i, l := range ev.langs {
			if !look[i] {
				continue
			}
			wl := lists[l]
			if r := wl.rankOf(h); r > 0 {
				lf[i], listed = logFreq(r), true
			} else {
				lf[i] = logFreq(wl.n + 1)
			}
			best = math.Max(best, lf[i])
		}
		if !listed {
			continue
		}
		for i := range loss {
			switch {
			case look[i]:
				loss[i] += math.Min(best-lf[i], maxFrequencyGap)
			case has[i]:
				loss[i] += maxFrequencyGap
			}
		}
	}
	moveWithLeader(ev, has, loss)
	for i := range ev.scores {
		ev.scores[i] -= weight * loss[i]
	}
}

// maxFrequencyGap caps, in nats before weighting, what one word can cost a
// language.
const maxFrequencyGap = 8
