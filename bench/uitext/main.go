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
	// markup is what is not prose in a catalog string: printf verbs,
	// placeholders, tags, entities and keyboard accelerators.
	markup = regexp.MustCompile(`%[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|\{[^}]*\}|<[^>]*>|&\w+;|[_&](\pL)`)
	word   = regexp.MustCompile(`\pL+(?:['’]\pL+)*`)
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
// read.
func build(locale, out, l, half string, seed uint64) (int, error) {
	dirs := localeDirs[l]
	if dirs == nil {
		dirs = []string{l}
	}
	singles, pairs, sentences := map[string]bool{}, map[string]bool{}, map[string]bool{}
	catalogs := 0
	for _, d := range dirs {
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
				text = markup.ReplaceAllString(text, " $1")
				var ws []string
				for _, w := range word.FindAllString(text, -1) {
					if utf8.RuneCountInString(w) > 1 && !inSource[strings.ToLower(w)] {
						ws = append(ws, w)
					}
				}
				for i, w := range ws {
					singles[w] = true
					if i > 0 {
						pairs[ws[i-1]+" "+w] = true
					}
				}
				if len(ws) >= 6 && len(text) < 300 {
					sentences[strings.Join(strings.Fields(text), " ")] = true
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, k := range []struct {
		kind  string
		lines map[string]bool
		max   int
	}{{"sentences", sentences, maxSentences}, {"word-pairs", pairs, maxPairs}, {"single-words", singles, maxSingles}} {
		lines := sample(k.lines, k.max, rng)
		if err := os.MkdirAll(filepath.Join(out, k.kind), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(out, k.kind, l+".txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			return 0, err
		}
	}
	return catalogs, nil
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
// the first plural form of each, without message contexts. Catalogs not in
// UTF-8 are refused.
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
		if i := bytes.IndexByte(s, 4); i >= 0 {
			s = s[i+1:] // after the context
		}
		return string(s), true
	}
	var out [][2]string
	for i := range n {
		src, ok1 := str(orig, i)
		text, ok2 := str(trans, i)
		if !ok1 || !ok2 {
			return nil, errors.New("truncated")
		}
		if src == "" {
			// The header names the charset.
			if !strings.Contains(strings.ToLower(text), "charset=utf-8") {
				return nil, errors.New("not UTF-8")
			}
			continue
		}
		if utf8.ValidString(src) && utf8.ValidString(text) {
			out = append(out, [2]string{src, text})
		}
	}
	return out, nil
}
