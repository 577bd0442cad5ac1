package detect

import (
	"slices"
	"strings"
)

// serbianLatin writes Serbian Cyrillic in Serbian Latin letters, letter
// for letter: "поруџбина" → "porudžbina".
var serbianLatin = strings.NewReplacer(
	"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "ђ", "đ", "е", "e", "ж", "ž", "з", "z",
	"и", "i", "ј", "j", "к", "k", "л", "l", "љ", "lj", "м", "m", "н", "n", "њ", "nj", "о", "o",
	"п", "p", "р", "r", "с", "s", "т", "t", "ћ", "ć", "у", "u", "ф", "f", "х", "h", "ц", "c",
	"ч", "č", "џ", "dž", "ш", "š",
)

// croatianEvidence tells Croatian from Serbian in Latin letters by their
// spellings. The reflex of the old vowel yat: Croatian writes "lijepo",
// "vrijeme", "mjesec", "htio" (ijekavian) where Serbian writes "lepo",
// "vreme", "mesec", "hteo" (ekavian). Croatian "opći", "uopće" where
// Serbian writes "opšti", "uopšte". And verbs borrowed with -irati:
// Croatian "registrirati", "funkcionira" where Serbian writes
// "registrovati", "funkcioniše". Serbian's dictionary in Latin letters
// knows both spellings (Serbs in Bosnia and Montenegro write ijekavian)
// and many other Croatian forms, Croatian's knows its own, so the
// dictionaries alone do not tell the two apart (see moveWithStandIn). A
// word counts against Serbian, as dictionaryEvidence counts a word a
// language does not know, when Croatian's dictionary knows it and Serbian's
// knows a Serbian spelling of it that Croatian's does not; against
// Croatian when Serbian's knows it, Croatian's does not, and Croatian's
// knows a Croatian spelling of it. It reads all of words (up to
// maxShareWords), not only the first maxDictionaryWords: the two are a
// close call however long the text, and a long message may show its
// spelling late ("…mogu li da ih zamenim?").
func croatianEvidence(words []textWord, ev *evidence, dicts dictionaries, weight float64) {
	hr, sr := slices.Index(ev.langs, "hr"), slices.Index(ev.langs, "sr")
	if hr < 0 || sr < 0 || ev.script != scriptLatin || len(dicts["hr"]) == 0 || len(dicts["sr"]) == 0 {
		return
	}
	if slices.Max(ev.scores)-max(ev.scores[hr], ev.scores[sr]) > farBehind {
		// Neither can catch up: telling them apart changes nothing.
		return
	}
	knows := func(lang, folded string) bool {
		for _, d := range dicts[lang] {
			if d.KnownFolded(folded) {
				return true
			}
		}
		return false
	}
	// A word that another candidate's dictionary knows is no spelling of the
	// two: English "menu" is no ekavian "mijenu", Slovak "mesto" no
	// ekavian "mjesto".
	// This costs ekavian words that a third language writes too
	// (Romanian "vreme", Czech "cena"): a wrong answer costs more.
	others := func(folded string) bool {
		for _, l := range ev.langs {
			if l != "hr" && l != "sr" && knows(l, folded) {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		if sp := serbianSpellings(w.folded); len(sp) > 0 && knows("hr", w.folded) && !others(w.folded) {
			if slices.ContainsFunc(sp, func(e string) bool { return knows("sr", e) && !knows("hr", e) }) {
				ev.scores[sr] -= weight
				continue
			}
		}
		if cp := croatianSpellings(w.folded); len(cp) > 0 && !knows("hr", w.folded) && knows("sr", w.folded) && !others(w.folded) {
			if slices.ContainsFunc(cp, func(c string) bool { return knows("hr", c) }) {
				ev.scores[hr] -= weight
			}
		}
	}
}

// croatianSpellings returns the spellings Croatian could write for w, a
// Serbian word in lower case without accents: each e after a consonant as
// "ije" or "je" ("vreme" → "vrijeme", "mesto" → "mjesto"); a past
// participle in -eo after a consonant in -io, with or without one such e
// ("hteo" → "htio", "sedeo" → "sjedio"); "opšt" as "opć" ("uopšte" →
// "uopće"); and a verb form with -ov- or -is- with -ir-.
func croatianSpellings(w string) []string {
	out := ijekavianSpellings(w)
	if stem, ok := strings.CutSuffix(w, "eo"); ok && stem != "" && consonant(stem[len(stem)-1]) {
		io := stem + "io"
		out = append(out, io)
		out = append(out, ijekavianSpellings(io)...)
	}
	if strings.Contains(w, "opst") {
		out = append(out, strings.ReplaceAll(w, "opst", "opc"))
	}
	for _, e := range irEndings {
		for _, sr := range e.sr {
			if stem, ok := strings.CutSuffix(w, sr); ok && len(stem) >= 3 {
				out = append(out, stem+e.hr)
			}
		}
	}
	return out
}

// ijekavianSpellings returns w, a word in lower case without accents, with
// one e after a consonant written "ije" or "je".
func ijekavianSpellings(w string) []string {
	var out []string
	for i := 1; i < len(w); i++ {
		if w[i] == 'e' && consonant(w[i-1]) {
			out = append(out, w[:i]+"ije"+w[i+1:], w[:i]+"je"+w[i+1:])
		}
	}
	return out
}

// serbianSpellings returns the spellings Serbian could write for w, a
// Croatian word in lower case without accents: ekavianSpellings, "opć" as
// "opšt" ("uopće" → "uopšte"), and for a verb form with -ir- the same form
// with -ov- or -is- ("registrirati" → "registrovati", "funkcionira" →
// "funkcionise").
func serbianSpellings(w string) []string {
	out := ekavianSpellings(w)
	if strings.Contains(w, "opc") && !strings.Contains(w, "opcij") {
		// "opcija" (option) is both languages' word, and Serbian's
		// dictionary knows "opštija" (more general).
		out = append(out, strings.ReplaceAll(w, "opc", "opst"))
	}
	for _, e := range irEndings {
		if stem, ok := strings.CutSuffix(w, e.hr); ok && len(stem) >= 3 {
			for _, sr := range e.sr {
				out = append(out, stem+sr)
			}
		}
	}
	return out
}

// irEndings are the endings of Croatian verbs in -irati, with Serbian's for
// verbs in -isati and -ovati, without accents.
var irEndings = []struct {
	hr string
	sr []string
}{
	{"irati", []string{"isati", "ovati"}},
	{"ira", []string{"ise", "uje"}},
	{"iram", []string{"isem", "ujem"}},
	{"iras", []string{"ises", "ujes"}},
	{"iramo", []string{"isemo", "ujemo"}},
	{"irate", []string{"isete", "ujete"}},
	{"iraju", []string{"isu", "uju"}},
	{"irao", []string{"isao", "ovao"}},
	{"irala", []string{"isala", "ovala"}},
	{"iralo", []string{"isalo", "ovalo"}},
	{"irali", []string{"isali", "ovali"}},
	{"iran", []string{"isan", "ovan"}},
	{"irana", []string{"isana", "ovana"}},
	{"irano", []string{"isano", "ovano"}},
	{"irani", []string{"isani", "ovani"}},
}

// ekavianSpellings returns the spellings of w, an ijekavian word in lower
// case without accents, with one reflex of yat written as Serbian writes
// it: "ije" and "je" after a consonant as "e" ("vrijeme" → "vreme",
// "mjesto" → "mesto"). A "je" after l or n is left alone: there the j
// belongs to lj or nj, as in "njega"; so is a final "ije", which is mostly
// the ending of nouns in -ija ("linije", "Srbije"). A final "io" ("htio",
// Serbian "hteo") is left alone too: "bio" is Serbian as well.
func ekavianSpellings(w string) []string {
	var out []string
	for i := 1; i+1 < len(w); i++ {
		if w[i] != 'j' || w[i+1] != 'e' {
			continue
		}
		switch p := w[i-1]; {
		case p == 'i' && i >= 2 && consonant(w[i-2]):
			if i+2 < len(w) {
				out = append(out, w[:i-1]+w[i+1:])
			}
		case consonant(p) && p != 'l' && p != 'n':
			out = append(out, w[:i]+w[i+1:])
		}
	}
	return out
}

// consonant reports whether b is an ASCII consonant letter.
func consonant(b byte) bool {
	return b >= 'a' && b <= 'z' && strings.IndexByte("aeiou", b) < 0
}
