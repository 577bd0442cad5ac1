package detect

import (
	"unicode"

	"github.com/parleyhq/parley/translate/detect/hunspell"
)

// maxShareWords caps how many words knownShare looks up: enough to see
// past a long message's first words (a greeting, a product name, a quoted
// header) at the cost of one language's look-ups.
const maxShareWords = 32

// knownShare returns the share of c's words (the first maxShareWords of
// two letters or more) that lang's language data knows: its Hunspell
// dictionaries, its word list or its lexicon. Words with a letter that none
// of the listed words has are left out: they are garbled (Turkish "yılında"
// read in the wrong character set as "yýlýnda") or names, and say nothing
// either way. ok is false when lang has no data loaded or no word is left.
//
// A message in one of the configured languages is mostly words its
// language knows; a message in none of them is not, and n-grams still pick
// the nearest configured language: Russian written in Latin letters
// ("privet, gde moy zakaz") reads as English, Hindi in Latin letters as
// Turkish, Tagalog as English. decide answers such a text from the hints or
// the conversation, or not at all, rather than guess.
func (d *Detector) knownShare(c Cleaned, lang string) (share float64, ok bool) {
	var dicts dictionaries
	var list wordlist
	var lex lexicon
	hasList := false
	if p := d.dicts.Load(); p != nil {
		dicts = *p
	}
	if p := d.lists.Load(); p != nil {
		list, hasList = (*p)[lang]
	}
	if p := d.lexs.Load(); p != nil {
		lex = (*p)[lang]
	}
	if len(dicts[lang]) == 0 && !hasList && lex == nil {
		return 0, false
	}
	words := textWords(c.Text, maxShareWords)
	if len(words) == 0 {
		return 0, false
	}
	known, n := 0, 0
	for _, w := range words {
		if hasList && !writtenWith(w.lower, list.letters) {
			continue
		}
		n++
		if knowsWord(dicts[lang], list, lex, w) {
			known++
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(known) / float64(n), true
}

// knowsWord reports whether any of a language's data knows w.
func knowsWord(dicts []*hunspell.Dictionary, list wordlist, lex lexicon, w textWord) bool {
	for _, d := range dicts {
		if d.KnownFolded(w.folded) {
			return true
		}
	}
	if list.rank != nil && list.rankOf(w.hash) > 0 {
		return true
	}
	_, ok := lex[w.hash]
	return ok
}

// writtenWith reports whether every letter of w is among letters.
func writtenWith(w string, letters map[rune]bool) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !letters[r] {
			return false
		}
	}
	return true
}
