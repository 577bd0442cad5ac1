package detect

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Several languages write an apostrophe inside a word, each in its own
// grammar: French and Italian elide an article or a preposition before a
// vowel ("l'adresse", "dell'ordine"), English contracts ("don't", "it's"),
// Dutch shortens ("z'n", "foto's"), Turkish puts case endings after a name
// ("İstanbul'da"), and Ukrainian writes the apostrophe as a letter between
// a labial and a iotated vowel ("п'ять"). lingua's n-grams see none of it:
// "l'archive" alone was English, "nell'output" English, "don't" unsure. A
// word that follows one of these patterns counts as a vocabulary word of
// the languages whose pattern it is (see vocabulary.hits).

// elisions are the words French, Italian and Catalan shorten before a
// vowel or an h, by language.
var elisions = map[string][]string{
	"fr": {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"},
	"it": {"l", "d", "c", "s", "m", "t", "v", "n", "un", "dell", "nell", "all", "dall", "sull", "coll", "pell", "quest", "quell", "com", "dov", "cos", "anch", "bell", "sant", "tutt", "nessun", "qualcun", "qual"},
	"ca": {"l", "d", "s", "m", "n", "t"},
}

// turkishEndings are the case and possessive endings Turkish writes after
// an apostrophe on a name or a number ("Ankara'ya", "Ali'nin").
var turkishEndings = splitSet("a e ı i u ü ya ye yı yi yu yü da de ta te dan den tan ten ın in un ün nın nin nun nün yla yle la le dır dir dur dür daki deki taki teki ndan nden nda nde lar ler ları leri")

// englishBeforeS are the words English contracts with is or us ("it's",
// "let's"), which no other language writes with 's.
var englishBeforeS = splitSet("it that what let he she there where here who how everything nothing something someone everyone")

// germanBeforeS are the words after which German speech writes 's for
// "es" ("wie geht's?") and English writes no 's.
var germanBeforeS = splitSet("geht gibt wie macht klappt passt steht kommt wird")

// Ukrainian writes an apostrophe after б, п, в, м, ф and р, and after the
// prefixes з-, від-, об- (ukrainianBefore), before я, ю, є and ї. Russian
// writes ъ there, and a Russian typing an apostrophe for it writes one
// before я and ю too, after its own prefixes ("об'явление", "раз'яснить",
// "из'ять"): before я and ю, the apostrophe counts for Ukrainian only after
// none of them (russianHardSign). Russian never writes є or ї.
const (
	ukrainianBefore = "бпвмфрзд"
	ukrainianOnly   = "єї"
	ukrainianShared = "яю"
)

// russianHardSign are the Russian prefixes, ending in one of
// ukrainianBefore, after which Russian writes ъ before я or ю: at the start
// of a word, or after не- ("необъяснимый"). Ukrainian writes some of them
// too ("об'ява", "пред'явити"); such a word counts for neither.
var russianHardSign = splitSet("об из раз без пред под над вз воз суб ад")

// splitSet returns the space-separated words of s as a set.
func splitSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

// apostropheLanguages returns the languages whose grammar writes w, a
// lower-case word with an apostrophe (written ', as Clean writes them all)
// after its first letter ("l'adresse"); nil for a word without one or that
// no pattern fits. Only the first apostrophe counts ("d'aujourd'hui").
func apostropheLanguages(w string) []string {
	before, after, ok := strings.Cut(w, "'")
	if !ok || before == "" || after == "" {
		return nil
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if strings.ContainsRune(ukrainianBefore, last) {
		switch {
		case strings.ContainsRune(ukrainianOnly, first):
			return []string{"uk"}
		case strings.ContainsRune(ukrainianShared, first) && !russianHardSign[strings.TrimPrefix(before, "не")]:
			return []string{"uk"}
		}
		return nil
	}
	out := elidingLanguages(before, after)
	switch {
	case after == "t" && strings.HasSuffix(before, "n"), after == "re" || after == "ve" || after == "ll" || after == "m" || after == "d":
		// don't, we're, I've, you'll, I'm, I'd
		out = append(out, "en")
	case after == "s" && germanBeforeS[before]:
		// wie geht's
		out = append(out, "de")
	case after == "s" && englishBeforeS[before]:
		// it's, what's, let's
		out = append(out, "en")
	case after == "s" && (strings.ContainsRune("aiouyé", last) || !strings.ContainsAny(before, "aeiouyé")):
		// Anna's, tv's: English, and Dutch, which writes 's after a
		// long vowel (foto's, menu's, café's) and an abbreviation
		out = append(out, "en", "nl")
	case after == "s" && last == 'e':
		// phone's: Dutch writes no apostrophe after a mute e (types)
		out = append(out, "en")
	case after == "s":
		// Peter's, Jan's: the possessive of a name, which English,
		// Dutch and German writers all put an apostrophe in
		out = append(out, "en", "nl", "de")
	case after == "n" && (before == "z" || before == "m" || before == "zo" || before == "d") || after == "r" && before == "d":
		// z'n, m'n, zo'n, d'r
		out = append(out, "nl")
	}
	if len(out) == 0 && utf8.RuneCountInString(before) >= 2 && turkishEnding(last, after) {
		out = append(out, "tr")
	}
	return out
}

// turkishEnding reports whether after is an ending Turkish writes after a
// name ending in last: a lone vowel only after a consonant ("İstanbul'a"
// but "Ankara'ya"), which keeps "hawai'i" and "shi'a" out.
func turkishEnding(last rune, after string) bool {
	if !turkishEndings[after] {
		return false
	}
	return utf8.RuneCountInString(after) > 1 || !strings.ContainsRune(turkishVowels, last)
}

// turkishVowels are the vowels of Turkish (y is a consonant: "Bey'e").
const turkishVowels = "aeıioöuüâîû"

// elidingLanguages returns the languages in which before is a word elided
// before after ("l" before "adresse"): after starts with a vowel or an h.
func elidingLanguages(before, after string) []string {
	first, _ := utf8.DecodeRuneInString(after)
	if !strings.ContainsRune(elidedBefore, first) {
		return nil
	}
	var out []string
	for _, l := range elidingOrder {
		if slices.Contains(elisions[l], before) {
			out = append(out, l)
		}
	}
	return out
}

// elidingOrder lists the languages of elisions in a fixed order.
var elidingOrder = []string{"fr", "it", "ca"}

// elidedBefore are the letters a word starts with for the word before it
// to be elided.
const elidedBefore = "aeiouyàâäéèêëîïôöùûüh"

// withoutElision returns a word of text as the dictionaries know it: the
// word after an elided article or preposition ("adresse" for "l'adresse",
// "ordine" for "dell'ordine"), which is grammar rather than a word of its
// own; any other word as it is.
func withoutElision(w string) string {
	rest, _ := elision(w)
	return rest
}

// elision splits off an elided article or preposition: it returns the word
// after it and the languages that elide it there ("ordine" and Italian for
// "dell'ordine"), or w and nil when w has none.
func elision(w string) (rest string, eliding []string) {
	before, after, ok := strings.Cut(w, "'")
	if !ok {
		return w, nil
	}
	if eliding = elidingLanguages(strings.ToLower(before), strings.ToLower(after)); eliding == nil {
		return w, nil
	}
	return after, eliding
}
