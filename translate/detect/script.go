package detect

import "unicode"

// script is a writing system; languages are grouped by the script they are
// written in so that a Cyrillic text is never weighed as Portuguese.
type script uint8

// The scripts the detector tells apart. CJK joins Han and kana, which
// Japanese mixes within one word.
const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptHebrew
	scriptDevanagari
	scriptCJK
	scriptHangul
	scriptThai
	scriptGreek
	scriptArmenian
	scriptGeorgian
	scriptBengali
	scriptGujarati
	scriptGurmukhi
	scriptTamil
	scriptTelugu
	scriptOther
)

// scriptTables lists the Unicode ranges of each script, checked in order.
var scriptTables = []struct {
	s      script
	tables []*unicode.RangeTable
}{
	{scriptLatin, []*unicode.RangeTable{unicode.Latin}},
	{scriptCyrillic, []*unicode.RangeTable{unicode.Cyrillic}},
	{scriptArabic, []*unicode.RangeTable{unicode.Arabic}},
	{scriptHebrew, []*unicode.RangeTable{unicode.Hebrew}},
	{scriptDevanagari, []*unicode.RangeTable{unicode.Devanagari}},
	{scriptCJK, []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana}},
	{scriptHangul, []*unicode.RangeTable{unicode.Hangul}},
	{scriptThai, []*unicode.RangeTable{unicode.Thai}},
	{scriptGreek, []*unicode.RangeTable{unicode.Greek}},
	{scriptArmenian, []*unicode.RangeTable{unicode.Armenian}},
	{scriptGeorgian, []*unicode.RangeTable{unicode.Georgian}},
	{scriptBengali, []*unicode.RangeTable{unicode.Bengali}},
	{scriptGujarati, []*unicode.RangeTable{unicode.Gujarati}},
	{scriptGurmukhi, []*unicode.RangeTable{unicode.Gurmukhi}},
	{scriptTamil, []*unicode.RangeTable{unicode.Tamil}},
	{scriptTelugu, []*unicode.RangeTable{unicode.Telugu}},
}

// scriptOf returns the script of a letter, scriptNone for a non-letter.
func scriptOf(r rune) script {
	if !unicode.IsLetter(r) {
		return scriptNone
	}
	if r < 0x250 {
		return scriptLatin
	}
	for _, st := range scriptTables {
		for _, t := range st.tables {
			if unicode.Is(t, r) {
				return st.s
			}
		}
	}
	if r == 0x30FC { // katakana prolonged sound mark is "Common"
		return scriptCJK
	}
	return scriptOther
}

// languageScripts maps the lingua languages not written in Latin script to
// their script; every other language is Latin.
var languageScripts = map[string]script{
	"ar": scriptArabic, "fa": scriptArabic, "ur": scriptArabic,
	"be": scriptCyrillic, "bg": scriptCyrillic, "kk": scriptCyrillic, "mk": scriptCyrillic,
	"mn": scriptCyrillic, "ru": scriptCyrillic, "sr": scriptCyrillic, "uk": scriptCyrillic,
	"he": scriptHebrew, "hi": scriptDevanagari, "mr": scriptDevanagari,
	"zh": scriptCJK, "ja": scriptCJK, "ko": scriptHangul, "th": scriptThai, "el": scriptGreek,
	"hy": scriptArmenian, "ka": scriptGeorgian, "bn": scriptBengali, "gu": scriptGujarati,
	"pa": scriptGurmukhi, "ta": scriptTamil, "te": scriptTelugu,
}

// secondScripts are the languages written as much in a second script that
// lingua has no model of, with the language whose n-grams stand in for
// theirs there. Serbian is written in Latin letters as often as in
// Cyrillic, and lingua's Serbian model is Cyrillic only; Serbian in Latin
// letters is spelled as Croatian is, so Croatian's n-gram score stands for
// both and the dictionaries, the vocabulary and a few spellings tell them
// apart (see croatianEvidence). The second script counts only when the stand-in
// is configured too.
var secondScripts = map[string]struct {
	script script
	via    string
}{"sr": {scriptLatin, "hr"}}

// inSecondScript reports whether s is lang's second script.
func inSecondScript(lang string, s script) bool {
	ss, ok := secondScripts[lang]
	return ok && ss.script == s
}

// languageScript returns the script a language is written in.
func languageScript(code string) script {
	if s, ok := languageScripts[code]; ok {
		return s
	}
	return scriptLatin
}

// isKana reports whether r is hiragana or katakana, which only Japanese uses.
func isKana(r rune) bool {
	return unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 0x30FC
}
