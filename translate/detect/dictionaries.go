package detect

import (
	"fmt"
	"iter"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate/detect/hunspell"
)

// dictionaries holds the Hunspell dictionaries of the languages that share
// their script with another configured language: only there can a
// dictionary tell languages apart. A word is known to a language when any
// of its dictionaries (pt_PT and pt_BR, say) knows it.
type dictionaries map[string][]*hunspell.Dictionary

// DictionaryFile is one dictionary Load read, or failed to.
type DictionaryFile struct {
	Language string
	Path     string // the .dic file, symbolic links resolved
	Stems    int
	Bytes    int
	Err      error
}

// loadDictionaries reads from dir the Hunspell dictionaries (name.aff and
// name.dic, named ll.dic or ll_CC.dic as Debian and LibreOffice name them)
// of langs whose script another of langs also uses. Links to the same file
// are read once. A dictionary that does not parse is reported and skipped.
func loadDictionaries(dir string, byScript map[script][]string) (dictionaries, []DictionaryFile, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.dic"))
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("dictionaries: %w", err)
	}
	shared := map[string]bool{}
	for _, l := range sharedScript(byScript) {
		shared[l] = true
	}
	slices.Sort(names)
	seen := map[string]bool{}
	out := dictionaries{}
	var files []DictionaryFile
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".dic")
		lang, _, _ := strings.Cut(base, "_")
		lang = strings.ToLower(lang)
		if !shared[lang] || !scriptFits(base, lang, byScript) {
			continue
		}
		real, err := filepath.EvalSymlinks(name)
		if err != nil || seen[real] {
			continue
		}
		seen[real] = true
		f := DictionaryFile{Language: lang, Path: real}
		d, err := loadDictionary(strings.TrimSuffix(name, ".dic"))
		if err != nil {
			f.Err = err
			files = append(files, f)
			continue
		}
		st := d.Stats()
		f.Stems, f.Bytes = st.Stems, st.Bytes
		files = append(files, f)
		out[lang] = append(out[lang], d)
	}
	return out, files, nil
}

// scriptSubtags are the ISO 15924 subtags dictionary names carry
// (sr_Latn_RS), by script.
var scriptSubtags = map[string]script{"Latn": scriptLatin, "Cyrl": scriptCyrillic, "Arab": scriptArabic}

// scriptFits reports whether a dictionary named like sr_Latn_RS is written
// in a script Parley detects lang in, byScript telling which (Serbian in
// Latin letters too when Croatian is configured, see secondScripts); a
// name without a script subtag fits.
func scriptFits(base, lang string, byScript map[script][]string) bool {
	for _, part := range strings.Split(base, "_")[1:] {
		if s, ok := scriptSubtags[part]; ok {
			return slices.Contains(byScript[s], lang)
		}
	}
	return true
}

// loadDictionary reads path.aff and path.dic. It runs in the background
// loader: a reader bug on a strange file must cost that file, not the
// process.
func loadDictionary(path string) (d *hunspell.Dictionary, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("read %s: %v", path, r)
		}
	}()
	aff, err := os.Open(path + ".aff")
	if err != nil {
		return nil, err
	}
	defer aff.Close()
	dic, err := os.Open(path + ".dic")
	if err != nil {
		return nil, err
	}
	defer dic.Close()
	return hunspell.Load(aff, dic, foldWord)
}

// foldWord is how dictionary words and message words are compared: lower
// case without accents, the way customers type on a foreign keyboard.
func foldWord(w string) string {
	w = strings.ToLower(w)
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return stripAccents(w)
		}
	}
	return w
}

// maxDictionaryWords caps how many words of a text are looked up: beyond a
// few words lingua's n-grams are sure enough, and each look-up costs about
// a microsecond per dictionary.
const maxDictionaryWords = 8

// dictionaryEvidence takes away weight from each candidate language per
// word of the text its dictionaries do not know. Words no candidate knows
// (names, brands, typos) change nothing. Languages already far behind are
// not looked up: they lose as if they knew no word, which only widens a
// gap they could not close. A language without a dictionary (Debian has
// none for Malay) moves with the leading language that has one: neither
// punished for words it cannot look up, which would hand Malay's shared
// words to Indonesian, nor spared while the leader pays, which would hand
// Indonesian's to Malay.
func dictionaryEvidence(words []textWord, ev *evidence, dicts dictionaries, weight float64) {
	if len(words) == 0 {
		return
	}
	n := len(ev.langs)
	has := make([]bool, n)
	for i, l := range ev.langs {
		// A language in its second script takes its stand-in's loss
		// (see moveWithStandIn): its words are not looked up.
		has[i] = len(dicts[l]) > 0 && !inSecondScript(l, ev.script)
	}
	look := lookUp(ev, has)
	unknown := make([]float64, n)
	known := make([]bool, n)
	for _, w := range words {
		anyKnows := false
		for i, l := range ev.langs {
			known[i] = false
			if !look[i] {
				continue
			}
			for _, d := range dicts[l] {
				if w.knownTo(d, l) {
					known[i], anyKnows = true, true
					break
				}
			}
		}
		if !anyKnows {
			continue
		}
		for i := range ev.langs {
			if has[i] && !known[i] {
				unknown[i]++
			}
		}
	}
	moveWithLeader(ev, has, unknown)
	moveWithStandIn(ev, unknown)
	for i := range ev.scores {
		ev.scores[i] -= weight * unknown[i]
	}
}

// moveWithStandIn gives each language in its second script (Serbian in
// Latin letters) the loss of the language that stands in for it there:
// Serbian's dictionary in Latin letters holds far more words than
// Croatian's, Croatian forms among them, and would outvote Croatian on any
// Croatian text. Only the spellings croatianEvidence weighs tell the two
// apart.
func moveWithStandIn(ev *evidence, loss []float64) {
	for i, j := range standIns(ev) {
		loss[i] = loss[j]
	}
}

// moveWithLeader gives each language without data (has false) the loss of
// the best-scoring language with data, so that the data neither raises nor
// lowers it against the leader.
func moveWithLeader(ev *evidence, has []bool, loss []float64) {
	leader := -1
	for i, s := range ev.scores {
		if has[i] && (leader < 0 || s > ev.scores[leader]) {
			leader = i
		}
	}
	if leader < 0 {
		return
	}
	for i := range loss {
		if !has[i] {
			loss[i] = loss[leader]
		}
	}
}

// sharedScript returns, sorted, the languages of byScript that share their
// script with another: only there can language data tell languages apart.
func sharedScript(byScript map[script][]string) []string {
	var out []string
	for _, langs := range byScript {
		if len(langs) > 1 {
			out = append(out, langs...)
		}
	}
	slices.Sort(out)
	return out
}

// lookUp returns which of ev's languages the dictionaries or word lists
// look words up for: those that have the data (has) and are within
// farBehind of the best.
func lookUp(ev *evidence, has []bool) []bool {
	best := math.Inf(-1)
	for _, s := range ev.scores {
		best = math.Max(best, s)
	}
	look := make([]bool, len(has))
	for i, s := range ev.scores {
		look[i] = has[i] && s > best-farBehind
	}
	return look
}

// farBehind is how far, in log-odds, a language may trail the best before
// the dictionaries and word lists no longer look it up: e^-8 is a
// posterior of 3e-4. It was 12 until the default 34 languages spent half
// of their detection time in the dictionaries; at 8, no answer on the
// tuning corpus (with the 20 languages of the benchmark or the 34 default
// ones) or on lingua's test set changed, and a short message costs about
// half as much.
const farBehind = 8

// maxDictionaryWordBytes is the longest word looked up; no dictionary
// stem comes near it, and a 20,000-letter "word" would cost milliseconds.
const maxDictionaryWordBytes = 64

// textWord is a word of a message in lower case, folded as foldWord folds
// it, and the wordHash of its lower case, which the word lists and the
// lexicons look up. digraphs is the folded word with German's ae, oe and
// ue read as the umlauts they stand for ("gruesse" → "grusse", as "grüße"
// folds), or "" when it has none.
type textWord struct {
	lower, folded, digraphs string
	hash                    uint64
}

// umlautDigraphs reads the ae, oe and ue that German writers type for ä, ö
// and ü without a German keyboard as the plain vowels the umlauts fold to,
// but for the ue of aue and eue, which German writes as such (Dauer,
// Steuer, neue): "Steuererklaerung" is "steuererklarung".
var umlautDigraphs = strings.NewReplacer("aue", "aue", "eue", "eue", "ae", "a", "oe", "o", "ue", "u")

// digraphLanguages are the languages whose writers type ae, oe and ue for
// umlauts.
var digraphLanguages = map[string]bool{"de": true}

// knownTo reports whether d, a dictionary of lang, knows w.
func (w textWord) knownTo(d *hunspell.Dictionary, lang string) bool {
	return d.KnownFolded(w.folded) || w.digraphs != "" && digraphLanguages[lang] && d.KnownFolded(w.digraphs)
}

// newTextWord makes the textWord of lower, a word in lower case.
func newTextWord(lower string) textWord {
	tw := textWord{lower: lower, folded: foldWord(lower), hash: wordHash(lower)}
	if d := umlautDigraphs.Replace(tw.folded); d != tw.folded {
		tw.digraphs = d
	}
	return tw
}

// dictionaryWords returns up to maxDictionaryWords words of two or more
// letters. Apostrophes and hyphens split words ("l'adresse" gives
// "adresse"); marks, such as Devanagari vowel signs, belong to their word.
func dictionaryWords(text string) []textWord { return textWords(text, maxDictionaryWords) }

// textWords returns up to limit words of text of two or more letters, as
// dictionaryWords describes.
func textWords(text string, limit int) []textWord {
	var out []textWord
	for w := range letterRuns(text) {
		if utf8.RuneCountInString(w) < 2 || len(w) > maxDictionaryWordBytes {
			continue
		}
		out = append(out, newTextWord(strings.ToLower(w)))
		if len(out) == limit {
			break
		}
	}
	return out
}

// letterRuns yields the runs of letters and marks of text, leaving out the
// articles and prepositions elided before an apostrophe ("l'adresse" gives
// "adresse" alone; see withoutElision). Other words with an apostrophe give
// their parts ("don't": "don", "t").
func letterRuns(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for f := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' }) {
			if !strings.Contains(f, "'") {
				if !yield(f) {
					return
				}
				continue
			}
			for part := range strings.SplitSeq(withoutElision(f), "'") {
				if part != "" && !yield(part) {
					return
				}
			}
		}
	}
}
