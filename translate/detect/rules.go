package detect

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// lingua's rule engine, as lingua-go v1.4.0 runs it before its n-gram
// models: a word written in letters only one language uses decides for that
// language, and the alphabet and the letters of a text narrow the
// languages its models judge. The scorer in score_ngrams.go runs the same
// rules so that its confidences are lingua's own; TestScorerMatchesLingua
// holds the two together.

// linguaWordsRE is how lingua splits a text into words; splitLinguaWords
// does the same without the regular expression engine.
var linguaWordsRE = regexp.MustCompile(`\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}|\p{L}+`)

// splitLinguaWords returns what linguaWordsRE.FindAllString(text, -1)
// returns: each Han, Hangul, Hiragana or Katakana character is a word of
// its own, and any other letter starts a word that runs to the next
// character that is not a letter.
func splitLinguaWords(text string) []string {
	var words []string
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
			words = append(words, text[i:i+size])
			i += size
		case unicode.IsLetter(r):
			j := i + size
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			words = append(words, text[i:j])
			i = j
		default:
			i += size
		}
	}
	return words
}

// alphabet is one of lingua's alphabets, in lingua's order.
type alphabet struct {
	name  string
	table *unicode.RangeTable
	// only is the one language that writes it, among all of lingua's
	// languages; Unknown when several do.
	only lingua.Language
}

var alphabets = []alphabet{
	{"Arabic", unicode.Arabic, lingua.Unknown},
	{"Armenian", unicode.Armenian, lingua.Armenian},
	{"Bengali", unicode.Bengali, lingua.Bengali},
	{"Cyrillic", unicode.Cyrillic, lingua.Unknown},
	{"Devanagari", unicode.Devanagari, lingua.Unknown},
	{"Georgian", unicode.Georgian, lingua.Georgian},
	{"Greek", unicode.Greek, lingua.Greek},
	{"Gujarati", unicode.Gujarati, lingua.Gujarati},
	{"Gurmukhi", unicode.Gurmukhi, lingua.Punjabi},
	{"Han", unicode.Han, lingua.Unknown},
	{"Hangul", unicode.Hangul, lingua.Korean},
	{"Hebrew", unicode.Hebrew, lingua.Hebrew},
	{"Hiragana", unicode.Hiragana, lingua.Japanese},
	{"Katakana", unicode.Katakana, lingua.Japanese},
	{"Latin", unicode.Latin, lingua.Unknown},
	{"Tamil", unicode.Tamil, lingua.Tamil},
	{"Telugu", unicode.Telugu, lingua.Telugu},
	{"Thai", unicode.Thai, lingua.Thai},
}

// languageAlphabets are the alphabets of lingua's languages not written in
// Latin letters.
var languageAlphabets = map[lingua.Language][]string{
	lingua.Belarusian: {"Cyrillic"}, lingua.Bulgarian: {"Cyrillic"}, lingua.Kazakh: {"Cyrillic"},
	lingua.Macedonian: {"Cyrillic"}, lingua.Mongolian: {"Cyrillic"}, lingua.Russian: {"Cyrillic"},
	lingua.Serbian: {"Cyrillic"}, lingua.Ukrainian: {"Cyrillic"},
	lingua.Arabic: {"Arabic"}, lingua.Persian: {"Arabic"}, lingua.Urdu: {"Arabic"},
	lingua.Hindi: {"Devanagari"}, lingua.Marathi: {"Devanagari"},
	lingua.Armenian: {"Armenian"}, lingua.Bengali: {"Bengali"}, lingua.Chinese: {"Han"},
	lingua.Georgian: {"Georgian"}, lingua.Greek: {"Greek"}, lingua.Gujarati: {"Gujarati"},
	lingua.Hebrew: {"Hebrew"}, lingua.Japanese: {"Hiragana", "Katakana", "Han"}, lingua.Korean: {"Hangul"},
	lingua.Punjabi: {"Gurmukhi"}, lingua.Tamil: {"Tamil"}, lingua.Telugu: {"Telugu"}, lingua.Thai: {"Thai"},
}

func alphabetsOf(l lingua.Language) []string {
	if a, ok := languageAlphabets[l]; ok {
		return a
	}
	return []string{"Latin"}
}

// uniqueLetters are letters that only one of lingua's languages writes.
var uniqueLetters = map[lingua.Language]string{
	lingua.Azerbaijani: "Əə", lingua.Catalan: "Ïï", lingua.Czech: "ĚěŘřŮů", lingua.Esperanto: "ĈĉĜĝĤĥĴĵŜŝŬŭ",
	lingua.German: "ß", lingua.Hungarian: "ŐőŰű", lingua.Kazakh: "ӘәҒғҚқҢңҰұ", lingua.Latvian: "ĢģĶķĻļŅņ",
	lingua.Lithuanian: "ĖėĮįŲų", lingua.Macedonian: "ЃѓЅѕЌќЏџ", lingua.Marathi: "ळ", lingua.Mongolian: "ӨөҮү",
	lingua.Polish: "ŁłŃńŚśŹź", lingua.Romanian: "Țţ", lingua.Serbian: "ЂђЋћ", lingua.Slovak: "ĹĺĽľŔŕ",
	lingua.Spanish: "¿¡", lingua.Ukrainian: "ҐґЄєЇї",
	lingua.Vietnamese: "ẰằẦầẲẳẨẩẴẵẪẫẮắẤấẠạẶặẬậỀềẺẻỂểẼẽỄễẾếỆệỈỉĨĩỊịƠơỒồỜờỎỏỔổỞởỖỗỠỡỐốỚớỘộỢợƯưỪừỦủỬửŨũỮữỨứỤụỰựỲỳỶỷỸỹỴỵ",
	lingua.Yoruba:     "ŌōṢṣ",
}

// sharedLetters are letters that a few of lingua's languages write.
var sharedLetters = []struct {
	letters string
	langs   []lingua.Language
}{
	{"Ãã", []lingua.Language{lingua.Portuguese, lingua.Vietnamese}},
	{"ĄąĘę", []lingua.Language{lingua.Lithuanian, lingua.Polish}},
	{"Żż", []lingua.Language{lingua.Polish, lingua.Romanian}},
	{"Îî", []lingua.Language{lingua.French, lingua.Romanian}},
	{"Ññ", []lingua.Language{lingua.Basque, lingua.Spanish}},
	{"ŇňŤť", []lingua.Language{lingua.Czech, lingua.Slovak}},
	{"Ăă", []lingua.Language{lingua.Romanian, lingua.Vietnamese}},
	{"İıĞğ", []lingua.Language{lingua.Azerbaijani, lingua.Turkish}},
	{"ЈјЉљЊњ", []lingua.Language{lingua.Macedonian, lingua.Serbian}},
	{"ẸẹỌọ", []lingua.Language{lingua.Vietnamese, lingua.Yoruba}},
	{"ÐðÞþ", []lingua.Language{lingua.Icelandic, lingua.Turkish}},
	{"Ûû", []lingua.Language{lingua.French, lingua.Hungarian}},
	{"Ōō", []lingua.Language{lingua.Maori, lingua.Yoruba}},
	{"ĀāĒēĪī", []lingua.Language{lingua.Latvian, lingua.Maori, lingua.Yoruba}},
	{"Şş", []lingua.Language{lingua.Azerbaijani, lingua.Romanian, lingua.Turkish}},
	{"Ďď", []lingua.Language{lingua.Czech, lingua.Romanian, lingua.Slovak}},
	{"Ćć", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Polish}},
	{"Đđ", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Vietnamese}},
	{"Іі", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Ukrainian}},
	{"Ìì", []lingua.Language{lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Øø", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk}},
	{"Ūū", []lingua.Language{lingua.Latvian, lingua.Lithuanian, lingua.Maori, lingua.Yoruba}},
	{"Ëë", []lingua.Language{lingua.Afrikaans, lingua.Albanian, lingua.Dutch, lingua.French}},
	{"ÈèÙù", []lingua.Language{lingua.French, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Êê", []lingua.Language{lingua.Afrikaans, lingua.French, lingua.Portuguese, lingua.Vietnamese}},
	{"Õõ", []lingua.Language{lingua.Estonian, lingua.Hungarian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ôô", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Slovak, lingua.Vietnamese}},
	{"ЁёЫыЭэ", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"ЩщЪъ", []lingua.Language{lingua.Bulgarian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"Òò", []lingua.Language{lingua.Catalan, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Ææ", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Icelandic, lingua.Nynorsk}},
	{"Åå", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk, lingua.Swedish}},
	{"Ýý", []lingua.Language{lingua.Czech, lingua.Icelandic, lingua.Slovak, lingua.Turkish, lingua.Vietnamese}},
	{"Ää", []lingua.Language{lingua.Estonian, lingua.Finnish, lingua.German, lingua.Slovak, lingua.Swedish}},
	{"Àà", []lingua.Language{lingua.Catalan, lingua.French, lingua.Italian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ââ", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Romanian, lingua.Turkish, lingua.Vietnamese}},
	{"Üü", []lingua.Language{lingua.Azerbaijani, lingua.Catalan, lingua.Estonian, lingua.German, lingua.Hungarian,
		lingua.Spanish, lingua.Turkish}},
	{"ČčŠšŽž", []lingua.Language{lingua.Bosnian, lingua.Czech, lingua.Croatian, lingua.Latvian, lingua.Lithuanian,
		lingua.Slovak, lingua.Slovene}},
	{"Çç", []lingua.Language{lingua.Albanian, lingua.Azerbaijani, lingua.Basque, lingua.Catalan, lingua.French,
		lingua.Portuguese, lingua.Turkish}},
	{"Öö", []lingua.Language{lingua.Azerbaijani, lingua.Estonian, lingua.Finnish, lingua.German, lingua.Hungarian,
		lingua.Icelandic, lingua.Swedish, lingua.Turkish}},
	{"Óó", []lingua.Language{lingua.Catalan, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Polish,
		lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
	{"ÁáÍíÚú", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.Icelandic, lingua.Irish, lingua.Hungarian,
		lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
}

// rules runs lingua's rule engine over a set of languages; indices are
// positions in that set.
type rules struct {
	langs []lingua.Language
	// single lists the alphabets that one language of the set alone
	// writes, with that language.
	single []singleAlphabet
	// unique lists the set's languages with letters of their own.
	unique []int
	// alphabetLangs lists, per alphabet index, the set's languages that
	// write it.
	alphabetLangs [][]int
	// shared maps each letter of sharedLetters to the set's languages of
	// its group (within the alphabet the text is filtered to).
	shared map[rune][]int
}

type singleAlphabet struct {
	table *unicode.RangeTable
	lang  int
}

func newRules(langs []lingua.Language) *rules {
	r := &rules{langs: langs, alphabetLangs: make([][]int, len(alphabets)), shared: map[rune][]int{}}
	idx := func(l lingua.Language) int { return slices.Index(langs, l) }
	for a, al := range alphabets {
		if i := idx(al.only); al.only != lingua.Unknown && i >= 0 {
			r.single = append(r.single, singleAlphabet{al.table, i})
		}
		for i, l := range langs {
			if slices.Contains(alphabetsOf(l), al.name) {
				r.alphabetLangs[a] = append(r.alphabetLangs[a], i)
			}
		}
	}
	for i, l := range langs {
		if uniqueLetters[l] != "" {
			r.unique = append(r.unique, i)
		}
	}
	for _, s := range sharedLetters {
		var in []int
		for _, l := range s.langs {
			if i := idx(l); i >= 0 {
				in = append(in, i)
			}
		}
		for _, c := range s.letters {
			r.shared[c] = in
		}
	}
	return r
}

// Pseudo-indices for the rule engine's verdicts on words.
const (
	ruleUnknown  = -1
	ruleChinese  = -2 // Chinese, whether in the set or not
	ruleJapanese = -3
)

// index maps a pseudo-index for Chinese or Japanese to the set's index, or
// returns i.
func (r *rules) index(i int) int {
	switch i {
	case ruleChinese:
		return slices.Index(r.langs, lingua.Chinese)
	case ruleJapanese:
		return slices.Index(r.langs, lingua.Japanese)
	}
	return i
}

// key is the rule engine's key for language i: Chinese and Japanese go by
// their pseudo-indices.
func (r *rules) key(i int) int {
	switch r.langs[i] {
	case lingua.Chinese:
		return ruleChinese
	case lingua.Japanese:
		return ruleJapanese
	}
	return i
}

func isJapaneseLetter(c rune) bool {
	return unicode.In(c, unicode.Hiragana, unicode.Katakana, unicode.Han)
}

// decide is lingua's detectLanguageWithRules: the language that the words'
// letters alone decide, or ruleUnknown (or a pseudo-index for a language
// outside the set, which then gets no confidence at all).
func (r *rules) decide(words []string) int {
	var total, counts tally
	for _, word := range words {
		counts = counts[:0]
		for _, c := range word {
			matched := false
			for _, a := range r.single {
				if unicode.Is(a.table, c) {
					counts.add(r.key(a.lang))
					matched = true
					break
				}
			}
			if matched {
				continue
			}
			switch {
			case unicode.Is(unicode.Han, c):
				counts.add(ruleChinese)
			case isJapaneseLetter(c):
				counts.add(ruleJapanese)
			case unicode.In(c, unicode.Latin, unicode.Cyrillic, unicode.Devanagari):
				for _, i := range r.unique {
					if strings.ContainsRune(uniqueLetters[r.langs[i]], c) {
						counts.add(i)
					}
				}
			}
		}
		switch len(counts) {
		case 0:
			total.add(ruleUnknown)
		case 1:
			if r.index(counts[0].key) >= 0 {
				total.add(counts[0].key)
			} else {
				total.add(ruleUnknown)
			}
		default:
			if counts.has(ruleChinese) && counts.has(ruleJapanese) {
				total.add(ruleJapanese)
				continue
			}
			top, first, second := counts.topTwo()
			if first > second && r.index(top) >= 0 {
				total.add(top)
			} else {
				total.add(ruleUnknown)
			}
		}
	}
	if float64(total.get(ruleUnknown)) < float64(len(words))*0.5 {
		total = total.without(ruleUnknown)
	}
	switch len(total) {
	case 0:
		return ruleUnknown
	case 1:
		return total[0].key
	case 2:
		if total.has(ruleChinese) && total.has(ruleJapanese) {
			return ruleJapanese
		}
	}
	top, first, second := total.topTwo()
	if first == second {
		return ruleUnknown
	}
	return top
}

// tally counts occurrences of a few keys.
type tally []struct{ key, n int }

func (t *tally) add(key int) {
	for i := range *t {
		if (*t)[i].key == key {
			(*t)[i].n++
			return
		}
	}
	*t = append(*t, struct{ key, n int }{key, 1})
}

func (t tally) get(key int) int {
	for _, e := range t {
		if e.key == key {
			return e.n
		}
	}
	return 0
}

func (t tally) has(key int) bool { return t.get(key) > 0 }

func (t tally) without(key int) tally {
	return slices.DeleteFunc(t, func(e struct{ key, n int }) bool { return e.key == key })
}

// topTwo returns the key with the highest count (the lowest key among
// equals), its count and the second highest count; t holds two keys or
// more.
func (t tally) topTwo() (top, first, second int) {
	s := slices.Clone(t)
	sort.Slice(s, func(i, j int) bool {
		if s[i].n != s[j].n {
			return s[i].n > s[j].n
		}
		return s[i].key < s[j].key
	})
	return s[0].key, s[0].n, s[1].n
}

// filter is lingua's filterLanguagesByRules: the languages of the set that
// the words' alphabet and letters leave in the running.
func (r *rules) filter(words []string) []int {
	all := make([]int, len(r.langs))
	for i := range all {
		all[i] = i
	}
	detected := map[int]int{}
	for _, word := range words {
		for a, al := range alphabets {
			if allIn(word, al.table) {
				detected[a]++
				break
			}
		}
	}
	if len(detected) == 0 {
		return all
	}
	if len(detected) > 1 {
		distinct := map[int]bool{}
		for _, n := range detected {
			distinct[n] = true
		}
		if len(distinct) == 1 {
			return all
		}
	}
	best := mostFrequent(detected)
	filtered := r.alphabetLangs[best]
	// A word counts once for each distinct shared letter in it.
	counts := map[int]int{}
	var seen []rune
	for _, word := range words {
		seen = seen[:0]
		for _, c := range word {
			langs, ok := r.shared[c]
			if !ok || slices.Contains(seen, c) {
				continue
			}
			seen = append(seen, c)
			for _, i := range langs {
				if slices.Contains(filtered, i) {
					counts[i]++
				}
			}
		}
	}
	var subset []int
	for i, n := range counts {
		if float64(n) >= float64(len(words))*0.5 {
			subset = append(subset, i)
		}
	}
	if len(subset) > 0 {
		slices.Sort(subset)
		return subset
	}
	return filtered
}

// mostFrequent returns the key with the highest count, the lowest key
// among equals.
func mostFrequent(counts map[int]int) int {
	best, bestN := -1, -1
	for k, n := range counts {
		if n > bestN || (n == bestN && k < best) {
			best, bestN = k, n
		}
	}
	return best
}

// allIn reports whether word is made of letters of table only.
func allIn(word string, table *unicode.RangeTable) bool {
	if word == "" {
		return false
	}
	for _, c := range word {
		if !unicode.Is(table, c) {
			return false
		}
	}
	return true
}

// letterCount counts the letters of words.
func letterCount(words []string) int {
	n := 0
	for _, w := range words {
		n += utf8.RuneCountInString(w)
	}
	return n
}
