// Command uitext builds a second detection test set from the translated
// user-interface text that a Debian machine already holds: the gettext
// catalogs under /usr/share/locale. It writes the layout of lingua's test
// set (sentences/, word-pairs/ and single-words/, one ll.txt per language),
// so that bench/detect -mode lingua -testdata DIR measures on it.
//
// Interface text is not customer text, but it is written by people, in
// every language Parley detects (Malay, Norwegian and Serbian among them,
// which lingua's 20-language set lacks), and it is not the text any of
// Parley's language data was built from. Which catalogs a machine has
// depends on its installed packages; the command prints how many it read
// per language, so that a result can be compared only with one read from
// the same catalogs.
//
// -half splits the catalogs in two by their file name (a package's catalogs
// fall in the same half in every language): "tune" to choose weights on,
// "test" to measure with afterwards, "all" (the default) for both.
//
// Usage: go run ./bench/uitext -out DIR [-half all|tune|test] [-langs default] [-locale /usr/share/locale]
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate/detect"
)

// Lines per language and kind.
const (
	maxSentences = 300
	maxPairs     = 1000
	maxSingles   = 1000
)

// localeDirs are the catalog directories read for a language, where they
// are not the language's code. English is the catalogs' source text,
// taken from the German ones.
var localeDirs = map[string][]string{
	"en": {"de"}, "pt": {"pt", "pt_BR"}, "zh": {"zh_CN", "zh_TW"}, "nb": {"nb", "nb_NO"},
}

var (
	// markup is what is not prose in a catalog string: printf verbs
	// (%s, %1$s, %'d, %.*s, %lu, %(name)s), placeholders, tags and entities.
	markup = regexp.MustCompile(`%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z]|%\([^)]*\)[a-zA-Z]|\{[^}]*\}|<[^>]*>|&\w+;`)
	// accelerator marks a keyboard shortcut inside a word ("_Open",
	// "Ö&ffnen").
	accelerator = regexp.MustCompile(`[_&](\pL)`)
	// word is a run of letters and their marks (Devanagari vowel signs,
	// Arabic shadda), with inner apostrophes.
	word = regexp.MustCompile(`\pL[\pL\pM]*(?:['’]\pL[\pL\pM]*)*`)
)

func main() {
	out := flag.String("out", "", "directory to write the test set to")
	langs := flag.String("langs", "default", `languages ("default" for the default set)`)
	locale := flag.String("locale", "/usr/share/locale", "gettext catalog directory")
	seed := flag.Uint64("seed", 7, "random seed for the sample")
	half := flag.String("half", "all", `which catalogs: "all", "tune" or "test"`)
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "uitext: -out is required")
		os.Exit(2)
	}
	codes := detect.DefaultLanguages
	if *langs != "default" {
		codes = strings.Split(*langs, ",")
	}
	if *half != "all" && *half != "tune" && *half != "test" {
		fmt.Fprintf(os.Stderr, "uitext: -half is %q, want all, tune or test\n", *half)
		os.Exit(2)
	}
	for _, l := range codes {
		n, err := build(*locale, *out, l, *half, *seed)
		if err != nil {
			fmt.Fprintf(os.Stderr, "uitext: %s: %v\n", l, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d catalogs\n", l, n)
	}
}

// build writes language l's three files and returns how many catalogs it
// read. The test half leaves out lines the tuning half also has (a word
// both halves' catalogs use).
func build(locale, out, l, half string, seed uint64) (int, error) {
	sets, catalogs := collect(locale, l, half)
	if catalogs == 0 {
		return 0, fmt.Errorf("no catalogs in %s", filepath.Join(locale, strings.Join(dirsOf(l), ",")))
	}
	if half == "test" {
		tune, _ := collect(locale, l, "tune")
		for i := range sets {
			for line := range tune[i] {
				delete(sets[i], line)
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for i, kind := range kinds {
		lines := sample(sets[i], maxLines[i], rng)
		if err := os.MkdirAll(filepath.Join(out, kind), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(out, kind, l+".txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			return 0, err
		}
	}
	return catalogs, nil
}

// The kinds of line, in lingua's directory names, and how many of each are
// kept per language at most.
var (
	kinds    = [3]string{"sentences", "word-pairs", "single-words"}
	maxLines = [3]int{maxSentences, maxPairs, maxSingles}
)

// prose removes markup and accelerators from a catalog string.
func prose(text string) string {
	return accelerator.ReplaceAllString(markup.ReplaceAllString(text, " "), "$1")
}

// dirsOf returns the catalog directories of language l.
func dirsOf(l string) []string {
	if dirs := localeDirs[l]; dirs != nil {
		return dirs
	}
	return []string{l}
}

// collect reads language l's catalogs of one half ("all" for both) and
// returns its distinct sentences, word pairs and single words, aligned with
// kinds, and how many catalogs it read. Words that the English source
// string also has (untranslated names, commands) are left out of pairs and
// single words; sentences are kept whole.
func collect(locale, l, half string) ([3]map[string]bool, int) {
	sets := [3]map[string]bool{{}, {}, {}}
	catalogs := 0
	for _, d := range dirsOf(l) {
		names, _ := filepath.Glob(filepath.Join(locale, d, "LC_MESSAGES", "*.mo"))
		for _, name := range names {
			if strings.HasPrefix(filepath.Base(name), "iso_") {
				continue // country and language names
			}
			if half != "all" && halfOf(filepath.Base(name)) != half {
				continue
			}
			entries, err := readMO(name)
			if err != nil {
				continue
			}
			catalogs++
			for _, e := range entries {
				src, text := e[0], e[1]
				if l == "en" {
					src, text = "", src
				} else if text == "" || text == src {
					continue
				}
				inSource := map[string]bool{}
				for _, w := range word.FindAllString(src, -1) {
					inSource[strings.ToLower(w)] = true
				}
				text = prose(text)
				var ws []string
				for _, w := range word.FindAllString(text, -1) {
					if utf8.RuneCountInString(w) > 1 && !inSource[strings.ToLower(w)] {
						ws = append(ws, w)
					}
				}
				if len(ws) >= 6 && len(text) < 300 {
					sets[0][strings.Join(strings.Fields(text), " ")] = true
				}
				for i, w := range ws {
					if i > 0 {
						sets[1][ws[i-1]+" "+w] = true
					}
					sets[2][w] = true
				}
			}
		}
	}
	return sets, catalogs
}

// halfOf assigns a catalog to the tuning or the test half by its name.
func halfOf(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	if h.Sum32()%2 == 0 {
		return "tune"
	}
	return "test"
}

// sample returns up to n of set's lines, chosen at random but the same for
// the same seed.
func sample(set map[string]bool, n int, rng *rand.Rand) []string {
	lines := make([]string, 0, len(set))
	for s := range set {
		lines = append(lines, s)
	}
	slices.Sort(lines)
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	return lines[:min(n, len(lines))]
}

// readMO reads a GNU gettext catalog: its source and translated strings,
// the first plural form of each, without message contexts. Catalogs whose
// header names another charset than UTF-8 are refused.
func readMO(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 20 {
		return nil, errors.New("too short")
	}
	var order binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		order = binary.LittleEndian
	case 0xde120495:
		order = binary.BigEndian
	default:
		return nil, errors.New("not a gettext catalog")
	}
	n, orig, trans := order.Uint32(b[8:]), order.Uint32(b[12:]), order.Uint32(b[16:])
	str := func(table uint32, i uint32) (string, bool) {
		at := uint64(table) + 8*uint64(i)
		if at+8 > uint64(len(b)) {
			return "", false
		}
		size, off := uint64(order.Uint32(b[at:])), uint64(order.Uint32(b[at+4:]))
		if off+size > uint64(len(b)) {
			return "", false
		}
		s := b[off : off+size]
		if i := bytes.IndexByte(s, 0); i >= 0 {
			s = s[:i] // the first plural form
		}
		return string(s), true
	}
	// source drops a message's context ("context\x04message").
	source := func(s string) string {
		if i := strings.IndexByte(s, 4); i >= 0 {
			return s[i+1:]
		}
		return s
	}
	var out [][2]string
	for i := range n {
		src, ok1 := str(orig, i)
		text, ok2 := str(trans, i)
		if !ok1 || !ok2 {
			return nil, errors.New("truncated")
		}
		if src == "" {
			// The header names the charset; without one, the strings
			// must be valid UTF-8 to count.
			h := strings.ToLower(text)
			if strings.Contains(h, "charset=") && !strings.Contains(h, "charset=utf-8") && !strings.Contains(h, "charset=utf8") {
				return nil, errors.New("not UTF-8")
			}
			continue
		}
		src = source(src)
		if src != "" && utf8.ValidString(src) && utf8.ValidString(text) {
			out = append(out, [2]string{src, text})
		}
	}
	return out, nil
}
