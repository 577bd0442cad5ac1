package detect

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed romanized.txt
var romanizedText string

// romanizedWords maps a lower-case word to the languages that write it in
// Latin letters instead of their own script, in the order romanized.txt
// lists them.
// Words listed for "any" map to an empty list: customers mix them into
// any language ("ok", "order", "refund").
var romanizedWords = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(romanizedText, "\n") {
		lang, list, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(list) {
			if lang == "any" {
				m[w] = []string{}
				continue
			}
			add(m, w, lang)
		}
	}
	return m
})

// romanizedLanguage names the language that a Latin-script text is
// written in when it is one normally written in another script, typed in
// Latin letters (Russian "privet, gde moy zakaz", Hindi "mera order kab
// aayega", Arabic "3ayez a3mel refund"), or returns "" when it is not.
// Such a text is in none of the configured languages, whatever their
// n-grams say: lingua reads "zdravstvuyte, kogda budet dostavka" as
// Croatian.
//
// text is the cleaned text, raw the text as written, and best what the
// text's best Latin-script language knows. A word of the romanized
// vocabulary counts for its languages unless best uses it commonly ("hai"
// is Italian as well as Hindi; the Polish dictionary's "kuch" and the
// English one's "Gaya" are no reason to doubt Hindi); a word best knows and
// the vocabulary does not counts against. The text is romanized when its
// language has more words than best knows: "thank you habibi" stays
// English, "bhai reply karo" does not. A word with an apostrophe is looked
// up whole ("den'gi" as "dengi"), never by its parts ("aujourd'hui" holds
// no Hindi "hui"). Words that mix letters with the digits Arabic writers
// use for letters Latin lacks ("ma3lesh", "3ayez") count for Arabic, from
// raw: cleaning drops anything with a digit.
func romanizedLanguage(text, raw string, best lexiconOf) string {
	vocab := romanizedWords()
	counts := map[string]int{}
	var order []string
	count := func(langs []string) {
		for _, l := range langs {
			if counts[l] == 0 {
				order = append(order, l)
			}
			counts[l]++
		}
	}
	against, n := 0, 0
words:
	for f := range strings.FieldsSeq(text) {
		for part := range strings.SplitSeq(strings.ToLower(f), "-") {
			if utf8.RuneCountInString(part) < 2 {
				continue
			}
			if n++; n > maxShareWords {
				break words
			}
			langs, listed := vocab[strings.ReplaceAll(part, "'", "")]
			switch {
			case listed && len(langs) == 0:
				// A word of any language.
			case listed:
				if !knowsAny(part, best.uses) {
					count(langs)
				}
			case knowsAny(part, best.knows):
				against++
			}
		}
	}
	if strings.ContainsAny(raw, "2356789") {
		for _, tok := range digitWords(raw) {
			if langs, ok := vocab[tok]; ok {
				count(langs)
			} else if arabizi(tok) {
				count([]string{"ar"})
			}
		}
	}
	top := ""
	for _, l := range order {
		if top == "" || counts[l] > counts[top] {
			top = l
		}
	}
	if top == "" || counts[top] <= against {
		return ""
	}
	return top
}

// knowsAny reports whether knows knows word, or with an apostrophe, any
// of its parts.
func knowsAny(word string, knows func(textWord) bool) bool {
	if knows(newTextWord(word)) {
		return true
	}
	if !strings.Contains(word, "'") {
		return false
	}
	for part := range letterRuns(word) {
		if knows(newTextWord(part)) {
			return true
		}
	}
	return false
}

// maxDigitWords caps how many words with digits romanizedLanguage reads.
const maxDigitWords = 32

// digitWords returns the lower-case words of raw, up to maxDigitWords,
// that mix letters with digits.
func digitWords(raw string) []string {
	var out []string
	for f := range strings.FieldsFuncSeq(raw, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if strings.ContainsFunc(f, unicode.IsDigit) && strings.ContainsFunc(f, unicode.IsLetter) {
			out = append(out, strings.ToLower(f))
			if len(out) == maxDigitWords {
				break
			}
		}
	}
	return out
}

// arabizi reports whether w, a lower-case word with a digit, is written
// the way Arabic is in Latin letters: one of the digits that stand for
// Arabic letters (2 for hamza, 3 for ain, 5 for kha, 6 for ta, 7 for ha, 8
// for qaf, 9 for sad) between Latin letters, with three letters or more
// ("la2i", "ma3lesh"). Codes have fewer letters, more digits or a digit at
// an end ("b2b", "mp3", "h264", "ps5", "win10").
func arabizi(w string) bool {
	rs := []rune(w)
	letters, digits := 0, 0
	inside := false
	for i, r := range rs {
		switch {
		case r >= 'a' && r <= 'z':
			letters++
		case strings.ContainsRune("2356789", r):
			digits++
			if i > 0 && i < len(rs)-1 && isASCIILetter(rs[i-1]) && isASCIILetter(rs[i+1]) {
				inside = true
			}
		default:
			return false
		}
	}
	return digits == 1 && inside && letters >= 3
}

// isASCIILetter reports whether r is a lower-case ASCII letter.
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' }
