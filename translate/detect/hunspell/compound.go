package hunspell

import "unicode/utf8"

// compounding holds a dictionary's compounding settings: German, Dutch,
// the Scandinavian languages and Hungarian write words such as
// "Lieferadresse" that no dictionary lists, but that split into parts the
// dictionary marks as fit to begin, continue or end a compound.
type compounding struct {
	// any marks stems that may stand anywhere in a compound (COMPOUNDFLAG);
	// begin, middle and end mark stems for one place (COMPOUNDBEGIN…).
	any, begin, middle, end flag
	// permit lets an affix stand inside a compound (a suffix on a part
	// other than the last, a prefix on one other than the first); forbid
	// keeps an affix out of compounds.
	permit, forbid flag
	// min is the least number of letters of a part (COMPOUNDMIN), max the
	// most parts (COMPOUNDWORDMAX); zero means Hunspell's default.
	min, max int
}

// Parts are at least minPart letters, whatever the dictionary allows:
// shorter ones ("öl", "ei") split almost any word, which says nothing
// about its language; and at most maxParts, which bounds the work.
const (
	minPart  = 3
	maxParts = 3
)

// maxCompoundBytes is the longest word split into parts: the work grows
// with the square of the length.
const maxCompoundBytes = 64

// where is a part's place in a compound.
type where int

const (
	first where = iota
	inside
	last
)

// compound reports whether w splits into two or more parts that the
// dictionary allows at their places.
func (d *Dictionary) compound(w string) bool {
	c := &d.comp
	if c.any == 0 && (c.begin == 0 || c.end == 0) || len(w) > maxCompoundBytes {
		return false
	}
	most := maxParts
	if c.max > 1 && c.max < most {
		most = c.max
	}
	return d.compoundFrom(w, first, most)
}

// compoundFrom reports whether w is a part at place at, followed by up to
// parts-1 more parts, the last of which ends the compound.
func (d *Dictionary) compoundFrom(w string, at where, parts int) bool {
	least := max(d.comp.min, minPart)
	letters := utf8.RuneCountInString(w)
	head := 0 // letters in w[:i]
	for i := range w {
		if i == 0 {
			continue
		}
		head++
		if head < least {
			continue
		}
		if letters-head < least {
			break
		}
		if !d.part(w[:i], at) {
			continue
		}
		if d.part(w[i:], last) {
			return true
		}
		if parts > 2 && d.compoundFrom(w[i:], inside, parts-1) {
			return true
		}
	}
	return false
}

// part reports whether p, a stem or a stem with one affix, may stand at
// place at of a compound.
func (d *Dictionary) part(p string, at where) bool {
	c := &d.comp
	role := [...]flag{first: c.begin, inside: c.middle, last: c.end}[at]
	fits := func(fl, cont []flag) bool {
		return d.has(fl, role) || d.has(cont, role) || d.has(fl, c.any) || d.has(cont, c.any)
	}
	for _, id := range d.entries([]byte(p)) {
		if fl := d.flagSets[id]; !d.has(fl, d.forbidden) && !d.has(fl, d.needAffix) && fits(fl, nil) {
			return true
		}
	}
	var buf [128]byte
	for i := len(p); i > 0 && i >= len(p)-d.maxSuffix; i-- {
		if i < len(p) && !utf8.RuneStart(p[i]) {
			continue
		}
		for _, a := range d.suffixes[p[i:]] {
			if !d.affixFits(a, at != last) {
				continue
			}
			stem := append(append(buf[:0], p[:i]...), a.strip...)
			if matchEnd(a.cond, stem) && d.partTakes(stem, a, fits) {
				return true
			}
		}
	}
	for i := 0; i < len(p) && i <= d.maxPrefix; i++ {
		if !utf8.RuneStart(p[i]) {
			continue
		}
		for _, a := range d.prefixes[p[:i]] {
			if !d.affixFits(a, at != first) {
				continue
			}
			rest := append(append(buf[:0], a.strip...), p[i:]...)
			if matchStart(a.cond, rest) && d.partTakes(rest, a, fits) {
				return true
			}
		}
	}
	return false
}

// affixFits reports whether affix a may stand on a part of a compound:
// never with the forbid flag or when it needs a further affix (a part has
// one at most), and inside the compound only with the permit flag.
func (d *Dictionary) affixFits(a *affix, inside bool) bool {
	if d.has(a.cont, d.comp.forbid) || d.has(a.cont, d.needAffix) {
		return false
	}
	return !inside || d.has(a.cont, d.comp.permit)
}

// partTakes reports whether some entry of stem takes affix a and, with it,
// fits its place in a compound.
func (d *Dictionary) partTakes(stem []byte, a *affix, fits func(fl, cont []flag) bool) bool {
	for _, id := range d.entries(stem) {
		fl := d.flagSets[id]
		if d.has(fl, a.flag) && !d.has(fl, d.forbidden) && fits(fl, a.cont) {
			return true
		}
	}
	return false
}
