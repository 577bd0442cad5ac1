package detect

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed vocab.txt
var vocabText string

// vocabulary is support vocabulary per language: the words customers use in
// helpdesk messages. lingua's models are trained on general text; these
// words are what tips a two-word message like "obrigado pedido".
type vocabulary struct {
	// words maps a lower-case word, and its accent-stripped spelling, to the
	// languages that use it.
	words map[string][]string
	// substrings holds entries for scripts written without spaces.
	substrings map[string][]string
}

// newVocabulary indexes the embedded vocabulary for the given languages.
func newVocabulary(langs []string) vocabulary {
	v := vocabulary{words: map[string][]string{}, substrings: map[string][]string{}}
	for _, line := range strings.Split(vocabText, "\n") {
		lang, list, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") || !slices.Contains(langs, lang) {
			continue
		}
		spaceless := languageScript(lang) == scriptCJK || languageScript(lang) == scriptThai
		for _, w := range strings.Fields(list) {
			if spaceless {
				add(v.substrings, w, lang)
				continue
			}
			add(v.words, w, lang)
			if inSecondScript(lang, scriptLatin) {
				// Serbian's entries hold in Latin letters too.
				lw := serbianLatin.Replace(w)
				add(v.words, lw, lang)
				addStripped(v.words, lw, lang)
			}
			if languageScript(lang) == scriptLatin {
				addStripped(v.words, w, lang)
			}
		}
	}
	return v
}

// minStrippedLen is the shortest accent-stripped spelling indexed.
const minStrippedLen = 4

// addStripped records that lang uses w, a Latin-script word, without its
// accents too. Short stripped spellings ("la" from Vietnamese "là") are
// common words of other languages; only longer ones tell.
func addStripped(m map[string][]string, w, lang string) {
	if s := stripAccents(w); s != w && len(s) >= minStrippedLen {
		add(m, s, lang)
	}
}

// add records that lang uses w, once.
func add(m map[string][]string, w, lang string) {
	if !slices.Contains(m[w], lang) {
		m[w] = append(m[w], lang)
	}
}

// hits counts, per language, how many words of c are in its vocabulary; a
// word written with one of its apostrophe patterns ("dell'ordine") counts
// as apostropheHits words.
func (v vocabulary) hits(c Cleaned) map[string]int {
	out := map[string]int{}
	if c.script == scriptCJK || c.script == scriptThai {
		for w, langs := range v.substrings {
			if strings.Contains(c.Text, w) {
				for _, l := range langs {
					out[l]++
				}
			}
		}
		return out
	}
	for _, w := range strings.Fields(c.Text) {
		langs := v.lookUp(w, c.script)
		if len(langs) == 0 && strings.Contains(w, "'") {
			// Grammar no neighbour shares: worth two words. The word
			// after an elision is a word of its own ("l'ordine"), for
			// the languages that elide only: "dell'email" is no
			// English.
			for _, l := range apostropheLanguages(w) {
				out[l] += apostropheHits
			}
			if rest, eliding := elision(w); eliding != nil {
				langs = slices.DeleteFunc(slices.Clone(v.lookUp(rest, c.script)), func(l string) bool { return !slices.Contains(eliding, l) })
			}
		}
		for _, l := range langs {
			out[l]++
		}
	}
	return out
}

// lookUp returns the languages whose vocabulary has w, a word of a text in
// script s: as written, else, in Latin script, without its accents, and in
// Arabic script without its vowel marks ("شُكْرًا"), then, for Persian typed
// with Arabic's yeh and kaf, in Persian's spelling (see letterFolds).
func (v vocabulary) lookUp(w string, s script) []string {
	langs, ok := v.words[w]
	switch {
	case ok:
	case s == scriptLatin:
		langs = v.words[stripAccents(w)]
	case s == scriptArabic:
		bare := stripMarks(w)
		if langs, ok = v.words[bare]; !ok && utf8.RuneCountInString(bare) >= minPersianLen {
			langs = v.words[persianLetters.Replace(bare)]
		}
	}
	return langs
}

// apostropheHits is how many vocabulary words a word written with a
// language's apostrophe pattern counts as (see apostropheLanguages). Two
// keeps more single words right than one or three on the interface-text
// tuning set, at the same error.
const apostropheHits = 2

// minPersianLen is the shortest word of Arabic letters looked up in
// Persian's spelling: "كي" ("so that" in Arabic) would find Persian "کی".
const minPersianLen = 3

// persianLetters writes Arabic's yeh and kaf as Persian's, so that "كار"
// finds the Persian vocabulary's "کار" while Persian's own letters never
// find an Arabic word.
var persianLetters = strings.NewReplacer("ي", "ی", "ك", "ک")

// letterFolds are Latin letters that do not decompose into a base letter and
// a combining mark, and Persian's yeh and kaf, which fold to Arabic's: a
// Persian customer on an Arabic keyboard layout types ي and ك for ی and ک,
// and the Persian dictionary and word list must still know the word (the
// vocabulary looks such words up through persianLetters instead).
var letterFolds = strings.NewReplacer("ł", "l", "ø", "o", "đ", "d", "ı", "i", "ß", "ss", "æ", "ae", "œ", "oe", "ی", "ي", "ک", "ك")

// stripAccents returns w without diacritics: "devolución" → "devolucion",
// the way customers on a foreign keyboard type it. The letter folds come
// after the marks are gone, so that "ǣ" (æ with a macron) becomes "ae" too.
func stripAccents(w string) string { return letterFolds.Replace(stripMarks(w)) }

// stripMarks returns w without its combining marks: accents, and the vowel
// marks of Arabic script.
func stripMarks(w string) string {
	d := norm.NFD.String(w)
	var b strings.Builder
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
