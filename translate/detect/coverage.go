package detect

import (
	"unicode"

	"github.com/parleyhq/parley/translate/detect/hunspell"
)

// maxShareWords caps how many words inNoLanguage looks up: enough to see
// past a long message's first words (a greeting, a product name, a quoted
// header) at the cost of one language's look-ups.
const maxShareWords = 32

// inNoLanguage reports whether lang's language data (its Hunspell
// dictionaries, its word list and its lexicon) knows fewer than the share
// min of words (a text's first maxShareWords words of two letters or
// more, see evidence), leaving out words with a letter that none of the
// language's listed words has, which are garbled (Turkish "yılında" read in
// the wrong character set as "yýlýnda") or names and say nothing either
// way. It is false when lang lacks a dictionary or a word list, or no word
// is left.
//
// A message in one of the configured languages is mostly words its
// language knows; a message in none of them is not, and n-grams still pick
// the nearest configured language: Russian written in Latin letters
// ("zdravstvuyte, ya ne poluchil posylku") reads as Turkish, Hindi in Latin
// letters ("kya aap meri madad kar sakte hain") as Turkish too. decide
// answers such a text from the hints or the conversation, or not at all,
// rather than guess.
func (d *Detector) inNoLanguage(words []textWord, lang string, min float64) bool {
	dicts, list, hasList, lex := d.languageData(lang)
	// The check needs a dictionary, which knows a language's inflected
	// forms (a 10,000-word list knows too few of Finnish's or Czech's),
	// and a word list, whose letters leave garbled words out.
	if len(dicts) == 0 || !hasList || min <= 0 {
		return false
	}
	known, n := 0, 0
	for _, w := range words {
		if !writtenWith(w.lower, list.letters) {
			continue
		}
		n++
		if knowsWord(lang, dicts, list, lex, w) {
			known++
			// Known words are most of an ordinary message: stop once
			// the rest cannot bring the share under min.
			if float64(known) >= min*float64(len(words)) {
				return false
			}
		}
	}
	return n > 0 && float64(known) < min*float64(n)
}

// knowsWord reports whether any of lang's data knows w.
func knowsWord(lang string, dicts []*hunspell.Dictionary, list wordlist, lex lexicon, w textWord) bool {
	for _, d := range dicts {
		if w.knownTo(d, lang) {
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

// lexiconOf tells what one language's data knows of a word.
type lexiconOf struct {
	// knows reports whether its dictionaries, word list or lexicon know
	// the word.
	knows func(textWord) bool
	// uses reports whether its word list ranks the word among the
	// language's common words, or, for a language without a list,
	// whether its dictionaries or lexicon know it. Dictionaries hold
	// names and loanwords of every language ("Gaya", "shalom", "habibi");
	// a word list of common words far fewer.
	uses func(textWord) bool
}

// knower returns what lang's language data knows, or false when lang has
// none.
func (d *Detector) knower(lang string) (lexiconOf, bool) {
	dicts, list, _, lex := d.languageData(lang)
	if len(dicts) == 0 && list.rank == nil && lex == nil {
		return lexiconOf{}, false
	}
	knows := func(w textWord) bool { return knowsWord(lang, dicts, list, lex, w) }
	uses := knows
	if list.rank != nil {
		uses = func(w textWord) bool { return list.rankOf(w.hash) > 0 }
	}
	return lexiconOf{knows: knows, uses: uses}, true
}

// languageData returns what is loaded of lang's dictionaries, word list
// (hasList reports whether it has one) and lexicon.
func (d *Detector) languageData(lang string) (dicts []*hunspell.Dictionary, list wordlist, hasList bool, lex lexicon) {
	if p := d.dicts.Load(); p != nil {
		dicts = (*p)[lang]
	}
	if p := d.lists.Load(); p != nil {
		list, hasList = (*p)[lang]
	}
	if p := d.lexs.Load(); p != nil {
		lex = (*p)[lang]
	}
	return dicts, list, hasList, lex
}
