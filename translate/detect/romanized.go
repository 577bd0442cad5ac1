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
// lists them. Words listed for "any" map to an empty list: customers mix
// them into any language ("ok", "order", "refund").
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
// aayega", Arabic "3ayez arga3 el flous"), or returns "" when it is not.
// Such a text is in none of the configured languages, whatever their
// n-grams say: lingua reads "zdravstvuyte, kogda budet dostavka" as
// Croatian.
//
// best is what the text's best Latin-script language knows. Each of the
// first maxShareWords words of c weighs:
//   - a word of the romanized vocabulary counts for its languages unless
//     best uses it commonly ("hai" is Italian as well as Hindi; the Polish
//     dictionary's "kuch" and the English one's "Gaya" are no reason to
//     doubt Hindi);
//   - a word best knows and the vocabulary does not counts against;
//   - a word of any language ("ok", "refund") counts for neither, and a
//     capitalized vocabulary word after the first (a name: "thanks Lena",
//     a German noun: "der Kurier") does not count for its languages,
//     unless most words are capitalized (see marksNames);
//   - a word with an apostrophe is looked up whole ("den'gi" as "dengi"),
//     never by its parts ("aujourd'hui" holds no Hindi "hui").
//
// Words that mix letters with the digits Arabic and Greek writers use for
// letters Latin lacks count too (see c.digitWords and arabizi). The text is
// romanized when its language has more words than there are against, and
// either best knows one of them not at all or two or more count: "thank
// you habibi" stays English, "bhai reply karo" does not, "kartka" stays
// Polish, whose dictionary knows it although its word list does not, and
// "kuch hua" is Hindi although the Polish dictionary knows both words.
func romanizedLanguage(c Cleaned, best lexiconOf) string {
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
	against, n, i := 0, 0, -1
	unknown := false // a counted word best knows not at all
	names := marksNames(c.capitals)
words:
	for f := range strings.FieldsSeq(c.Text) {
		i++
		name := names && i > 0 && c.capitals[i]
		for part := range strings.SplitSeq(f, "-") {
			if utf8.RuneCountInString(part) < 2 {
				continue
			}
			if n++; n > maxShareWords {
				break words
			}
			langs, listed := vocab[strings.ReplaceAll(part, "'", "")]
			if listed && (len(langs) == 0 || name) {
				// A word of any language, or a name.
				continue
			}
			forms := lookUpForms(part)
			switch {
			case listed:
				if !knowsAny(forms, best.uses) {
					count(langs)
					unknown = unknown || !knowsAny(forms, best.knows)
				}
			case knowsAny(forms, best.knows):
				against++
			}
		}
	}
	var shaped int // Arabizi-shaped words outside the vocabulary
	for _, w := range c.digitWords {
		// Codes and postcodes are written in capitals ("3AL-778",
		// "LA2 6AB"); a word is at most capitalized.
		if _, size := utf8.DecodeRuneInString(w); strings.ToLower(w[size:]) != w[size:] {
			continue
		}
		lower := strings.ToLower(w)
		if langs, ok := vocab[lower]; ok {
			count(langs)
			unknown = true
		} else if arabizi(lower) {
			shaped++
		}
	}
	top := ""
	for _, l := range order {
		if top == "" || counts[l] > counts[top] {
			top = l
		}
	}
	if top == "" || !unknown && counts[top] < 2 {
		return ""
	}
	// A code or a product name can have the shape ("ab3cd", "ps5pro"):
	// shaped words only add to Arabic's lead over the words against.
	lead := counts[top]
	if top == "ar" {
		lead += shaped
	}
	if lead <= against {
		return ""
	}
	return top
}

// marksNames reports whether capitals, a text's words' first letters,
// mark names: whether at most half of the words are capitalized ("thanks
// Lena"). In Title Case and in capitals ("Bhai Where Is My Order", "KUCH
// HUA") they mark nothing.
func marksNames(capitals []bool) bool {
	n := 0
	for _, c := range capitals {
		if c {
			n++
		}
	}
	return 2*n <= len(capitals)
}

// knowsNothing is the lexicon of a text with no language to look words up
// in.
func knowsNothing(textWord) bool { return false }

// lookUpForms returns the forms of word that are looked up: the word, and
// with an apostrophe, its parts as well.
func lookUpForms(word string) []textWord {
	forms := []textWord{newTextWord(word)}
	if strings.Contains(word, "'") {
		for part := range letterRuns(word) {
			forms = append(forms, newTextWord(part))
		}
	}
	return forms
}

// knowsAny reports whether knows knows any of forms.
func knowsAny(forms []textWord, knows func(textWord) bool) bool {
	for _, w := range forms {
		if knows(w) {
			return true
		}
	}
	return false
}

// letterDigits are the digits Arabic and Greek writers type for letters
// Latin lacks: 2 for hamza, 3 for ain, 5 for kha, 6 for ta, 7 for ha, 8
// for qaf or theta, 9 for sad.
const letterDigits = "2356789"

// maxDigitWords caps how many words with digits digitWords returns.
const maxDigitWords = 32

// digitWords returns, as written, up to maxDigitWords words of text that
// mix letters with letterDigits, leaving out links, e-mail addresses,
// mentions, tags, paths and file or domain names ("shop.com/o/ab3cd",
// "SPRING5SALE@x.io").
func digitWords(text string) []string {
	if !strings.ContainsAny(text, letterDigits) {
		return nil
	}
	var out []string
	for field := range strings.FieldsSeq(text) {
		if strings.ContainsAny(field, "@#/\\") || strings.HasPrefix(strings.ToLower(field), "www.") || dotted(field) {
			continue
		}
		for w := range strings.FieldsFuncSeq(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if strings.ContainsAny(w, letterDigits) && strings.ContainsFunc(w, unicode.IsLetter) {
				out = append(out, w)
				if len(out) == maxDigitWords {
					return out
				}
			}
		}
	}
	return out
}

// dotted reports whether field has a dot between two letters or digits,
// as domain and file names do ("shop.com", "photo2.jpg").
func dotted(field string) bool {
	for i := 1; i+1 < len(field); i++ {
		if field[i] == '.' && isAlnum(field[i-1]) && isAlnum(field[i+1]) {
			return true
		}
	}
	return false
}

// isAlnum reports whether b is an ASCII letter or digit.
func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// arabizi reports whether w, a lower-case word with a digit, is written
// the way Arabic is in Latin letters: one of the digits that stand for
// Arabic letters (2, 3, 5, 6, 7 or 9; not 8, which English chat writes for
// "ate": "l8er", "gr8") between Latin letters, with three letters or more
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
		case r >= '0' && r <= '9':
			digits++
			if strings.ContainsRune("235679", r) && i > 0 && i < len(rs)-1 && isASCIILetter(rs[i-1]) && isASCIILetter(rs[i+1]) {
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
