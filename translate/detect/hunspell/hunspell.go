// Package hunspell answers whether a word belongs to a language, from the
// Hunspell dictionaries that spell checkers use (a .aff file of affix rules
// and a .dic file of stems with their affix flags, as Debian installs them
// under /usr/share/hunspell).
//
// It reads the part of the format that decides whether a word exists: the
// character set, the flag formats and aliases, prefixes and suffixes with
// their conditions, cross products, a second suffix by continuation class,
// the NEEDAFFIX, FORBIDDENWORD, ONLYINCOMPOUND and IGNORE settings, and
// compounds by their begin, middle and end flags (see compound.go). It
// ignores the CHECKCOMPOUND* restrictions, COMPOUNDRULE, suggestions,
// morphology and ICONV, so it knows a little less, and accepts a few more
// compounds, than a spell checker does. Words are compared after
// a fold function the caller gives (for example lower case without
// accents), applied to stems, affixes and conditions alike.
//
// Stems are kept as 64-bit hashes in a pointer-free table: a dictionary of
// 300,000 stems takes about 6 MiB.
package hunspell

import (
	"bufio"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Dictionary is one language's dictionary. It is safe for concurrent use.
type Dictionary struct {
	fold   func(string) string
	ignore []rune
	stems  stemTable
	// flagSets holds each distinct set of flags once, sorted.
	flagSets [][]flag
	// suffixes and prefixes are indexed by the text they add.
	suffixes map[string][]*affix
	prefixes map[string][]*affix
	// maxSuffix and maxPrefix are the longest added texts, in bytes.
	maxSuffix, maxPrefix int
	// continued holds the classes some suffix allows after it: only a
	// suffix of such a class can be the outer one of two.
	continued map[flag]bool
	// Special flags; zero when the dictionary does not use them.
	needAffix, forbidden, onlyInCompound, circumfix flag
	// comp holds the compounding settings (see compound.go).
	comp compounding
	// homonyms lists the flag sets of stems the .dic lists more than once
	// (see stemTable); ids[i] is i, so that a stem listed once yields its
	// flag set without allocating.
	homonyms [][]uint32
	ids      []uint32
}

// flag is an affix class or a special marker. Zero means none.
type flag uint32

// affix is one PFX or SFX rule.
type affix struct {
	flag   flag
	cross  bool
	strip  string
	add    string
	cond   []condElem
	cont   []flag // continuation classes, sorted
	prefix bool
}

// condElem is one position of an affix condition: a character, a set of
// characters, its complement, or any character.
type condElem struct {
	any bool
	neg bool
	set []rune
}

func (e condElem) match(r rune) bool {
	if e.any {
		return true
	}
	return slices.Contains(e.set, r) != e.neg
}

// Stats describes a loaded dictionary.
type Stats struct {
	Stems    int
	Prefixes int
	Suffixes int
	// Bytes is the approximate memory of the stems table and affix rules.
	Bytes int
}

// Stats returns the dictionary's size.
func (d *Dictionary) Stats() Stats {
	s := Stats{Stems: d.stems.n, Bytes: d.stems.bytes()}
	for _, l := range d.suffixes {
		s.Suffixes += len(l)
	}
	for _, l := range d.prefixes {
		s.Prefixes += len(l)
	}
	s.Bytes += (s.Suffixes + s.Prefixes) * 96
	for _, f := range d.flagSets {
		s.Bytes += 24 + 4*len(f)
	}
	return s
}

// Load reads a dictionary from its .aff and .dic files. fold (lower case
// without accents, say) is applied to every stem, affix and condition, and
// by Known to the word; nil keeps words as they are.
func Load(aff, dic io.Reader, fold func(string) string) (*Dictionary, error) {
	if fold == nil {
		fold = func(s string) string { return s }
	}
	affText, err := readText(aff, nil)
	if err != nil {
		return nil, fmt.Errorf("hunspell: read .aff: %w", err)
	}
	d := &Dictionary{fold: fold, suffixes: map[string][]*affix{}, prefixes: map[string][]*affix{}, continued: map[flag]bool{}}
	p := &affParser{d: d, mode: flagChar, sets: map[string]uint32{}}
	enc, err := p.parse(affText)
	if err != nil {
		return nil, err
	}
	dicText, err := readText(dic, enc)
	if err != nil {
		return nil, fmt.Errorf("hunspell: read .dic: %w", err)
	}
	if err := p.parseDic(dicText); err != nil {
		return nil, err
	}
	return d, nil
}

// readText reads all of r, decoded from enc (nil: UTF-8, or the .aff's SET
// once known), without a byte-order mark.
func readText(r io.Reader, enc encoding.Encoding) (string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	if enc != nil {
		if b, err = enc.NewDecoder().Bytes(b); err != nil {
			return "", err
		}
	}
	return strings.TrimPrefix(string(b), "\ufeff"), nil
}

// flagMode is how a file writes flags (the FLAG setting).
type flagMode int

const (
	flagChar flagMode = iota // one character per flag (the default, and UTF-8)
	flagLong                 // two characters per flag
	flagNum                  // decimal numbers separated by commas
)

// affParser holds the state of reading one dictionary.
type affParser struct {
	d       *Dictionary
	mode    flagMode
	aliases [][]flag // AF, numbered from 1
	sets    map[string]uint32
}

// charsets maps the SET names Hunspell dictionaries use to decoders.
var charsets = map[string]encoding.Encoding{
	"UTF-8":            unicode.UTF8,
	"ISO8859-1":        charmap.ISO8859_1,
	"ISO8859-2":        charmap.ISO8859_2,
	"ISO8859-3":        charmap.ISO8859_3,
	"ISO8859-4":        charmap.ISO8859_4,
	"ISO8859-5":        charmap.ISO8859_5,
	"ISO8859-6":        charmap.ISO8859_6,
	"ISO8859-7":        charmap.ISO8859_7,
	"ISO8859-8":        charmap.ISO8859_8,
	"ISO8859-9":        charmap.ISO8859_9,
	"ISO8859-10":       charmap.ISO8859_10,
	"ISO8859-13":       charmap.ISO8859_13,
	"ISO8859-14":       charmap.ISO8859_14,
	"ISO8859-15":       charmap.ISO8859_15,
	"KOI8-R":           charmap.KOI8R,
	"KOI8-U":           charmap.KOI8U,
	"microsoft-cp1250": charmap.Windows1250,
	"microsoft-cp1251": charmap.Windows1251,
	"microsoft-cp1252": charmap.Windows1252,
	"microsoft-cp1253": charmap.Windows1253,
	"microsoft-cp1254": charmap.Windows1254,
	"microsoft-cp1255": charmap.Windows1255,
	"microsoft-cp1256": charmap.Windows1256,
	"microsoft-cp1257": charmap.Windows1257,
	"microsoft-cp1258": charmap.Windows1258,
	"TIS620-2533":      charmap.Windows874,
}

// parse reads the .aff text and returns the encoding its SET names for the
// .dic file. A .aff in a legacy encoding is decoded again once SET is known.
func (p *affParser) parse(text string) (encoding.Encoding, error) {
	var enc encoding.Encoding
	if set := settingOf(text, "SET"); set != "" && set != "UTF-8" {
		e, ok := charsets[set]
		if !ok || e == nil {
			return nil, fmt.Errorf("hunspell: unsupported character set %q", set)
		}
		enc = e
		b, err := e.NewDecoder().String(text)
		if err != nil {
			return nil, fmt.Errorf("hunspell: decode .aff as %s: %w", set, err)
		}
		text = b
	}
	switch settingOf(text, "FLAG") {
	case "long":
		p.mode = flagLong
	case "num":
		p.mode = flagNum
	}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		f := strings.Fields(lines[i])
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "AF":
			if p.aliases == nil {
				// The first AF line gives the count of those that follow.
				n, _ := strconv.Atoi(f[1])
				p.aliases = make([][]flag, 0, min(max(n, 0), 1<<16))
				continue
			}
			p.aliases = append(p.aliases, p.parseFlags(f[1]))
		case "IGNORE":
			p.d.ignore = []rune(f[1])
		case "NEEDAFFIX", "PSEUDOROOT":
			p.d.needAffix = p.one(f[1])
		case "FORBIDDENWORD":
			p.d.forbidden = p.one(f[1])
		case "ONLYINCOMPOUND":
			p.d.onlyInCompound = p.one(f[1])
		case "CIRCUMFIX":
			p.d.circumfix = p.one(f[1])
		case "COMPOUNDFLAG":
			p.d.comp.any = p.one(f[1])
		case "COMPOUNDBEGIN":
			p.d.comp.begin = p.one(f[1])
		case "COMPOUNDMIDDLE":
			p.d.comp.middle = p.one(f[1])
		case "COMPOUNDEND":
			p.d.comp.end = p.one(f[1])
		case "COMPOUNDPERMITFLAG":
			p.d.comp.permit = p.one(f[1])
		case "COMPOUNDFORBIDFLAG":
			p.d.comp.forbid = p.one(f[1])
		case "COMPOUNDMIN":
			p.d.comp.min, _ = strconv.Atoi(f[1])
		case "COMPOUNDWORDMAX":
			p.d.comp.max, _ = strconv.Atoi(f[1])
		case "PFX", "SFX":
			if err := p.affixBlock(lines, i, f); err != nil {
				return nil, err
			}
		}
	}
	return enc, nil
}

// settingOf returns the value of the first line "NAME value" in text.
func settingOf(text, name string) string {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == name {
			return f[1]
		}
	}
	return ""
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// affixBlock reads the entries of a PFX or SFX block when lines[i] is its
// header ("SFX A Y 3": flag, cross product, count); an entry line is left
// alone. Entries are the lines right after the header (blank lines and
// comments aside) of the same kind and flag, up to the count; the block ends
// early at any other line, so that a wrong count can neither swallow the
// settings after it nor read another block's entries.
func (p *affParser) affixBlock(lines []string, i int, head []string) error {
	if !isAffixHeader(head) {
		return nil
	}
	count, _ := strconv.Atoi(head[3])
	fl := p.one(head[1])
	cross := head[2] == "Y"
	prefix := head[0] == "PFX"
	for j := i + 1; j < len(lines) && count > 0; j++ {
		f := strings.Fields(lines[j])
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 || f[0] != head[0] || f[1] != head[1] || isAffixHeader(f) {
			return nil
		}
		count--
		a, err := p.entry(f, fl, cross, prefix)
		if err != nil {
			return fmt.Errorf("hunspell: .aff line %d: %w", j+1, err)
		}
		if prefix {
			p.d.prefixes[a.add] = append(p.d.prefixes[a.add], a)
			p.d.maxPrefix = max(p.d.maxPrefix, len(a.add))
		} else {
			p.d.suffixes[a.add] = append(p.d.suffixes[a.add], a)
			p.d.maxSuffix = max(p.d.maxSuffix, len(a.add))
			for _, c := range a.cont {
				p.d.continued[c] = true
			}
		}
	}
	return nil
}

// isAffixHeader reports whether fields are a PFX or SFX block header:
// "SFX A Y 3", maybe followed by a comment.
func isAffixHeader(f []string) bool {
	if len(f) < 4 || (len(f) > 4 && !strings.HasPrefix(f[4], "#")) || (f[2] != "Y" && f[2] != "N") {
		return false
	}
	_, err := strconv.Atoi(f[3])
	return err == nil
}

// entry parses "SFX A strip add[/flags] condition".
func (p *affParser) entry(f []string, fl flag, cross, prefix bool) (*affix, error) {
	strip, add, cond := f[2], f[3], "."
	if len(f) >= 5 {
		cond = f[4]
	}
	if strip == "0" {
		strip = ""
	}
	var cont []flag
	if a, flags, ok := strings.Cut(add, "/"); ok {
		add = a
		cont = p.flags(flags)
		slices.Sort(cont)
	}
	if add == "0" {
		add = ""
	}
	a := &affix{
		flag: fl, cross: cross, prefix: prefix, cont: cont,
		strip: p.d.normalize(strip), add: p.d.normalize(add),
	}
	if cond != "." {
		elems, err := p.d.condition(cond)
		if err != nil {
			return nil, err
		}
		a.cond = elems
	}
	return a, nil
}

// condition compiles an affix condition such as "[^aeiou]y" or ".".
func (d *Dictionary) condition(s string) ([]condElem, error) {
	var out []condElem
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '.':
			out = append(out, condElem{any: true})
		case '[':
			j := i + 1
			e := condElem{}
			if j < len(rs) && rs[j] == '^' {
				e.neg = true
				j++
			}
			for ; j < len(rs) && rs[j] != ']'; j++ {
				f := d.foldRune(rs[j])
				if e.neg && (len(f) != 1 || f[0] != rs[j]) {
					// A folded stem never holds a letter the fold
					// changes ("ć"), so "not ć" always holds; "not c"
					// would refuse stems the rule allows.
					continue
				}
				e.set = append(e.set, f...)
			}
			if j == len(rs) {
				return nil, fmt.Errorf("condition %q: unclosed [", s)
			}
			out = append(out, e)
			i = j
		default:
			f := d.foldRune(rs[i])
			if len(f) != 1 {
				// A letter that folds to two (ß → ss) matches either.
				f = append(f, rs[i])
			}
			out = append(out, condElem{set: f})
		}
	}
	return out, nil
}

// foldRune folds one character of a condition.
func (d *Dictionary) foldRune(r rune) []rune {
	f := []rune(d.fold(string(r)))
	if len(f) == 0 {
		return []rune{r}
	}
	return f
}

// normalize folds s and drops the characters IGNORE names.
func (d *Dictionary) normalize(s string) string {
	return d.fold(d.dropIgnored(s))
}

// dropIgnored drops the characters IGNORE names.
func (d *Dictionary) dropIgnored(s string) string {
	if len(d.ignore) == 0 || !strings.ContainsAny(s, string(d.ignore)) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if slices.Contains(d.ignore, r) {
			return -1
		}
		return r
	}, s)
}

// one parses a single flag.
func (p *affParser) one(s string) flag {
	f := p.parseFlags(s)
	if len(f) == 0 {
		return 0
	}
	return f[0]
}

// flags parses a flag field, resolving an AF alias number.
func (p *affParser) flags(s string) []flag {
	if len(p.aliases) > 0 && isNumber(s) {
		n, _ := strconv.Atoi(s)
		if n >= 1 && n <= len(p.aliases) {
			return p.aliases[n-1]
		}
		return nil
	}
	return p.parseFlags(s)
}

func (p *affParser) parseFlags(s string) []flag {
	var out []flag
	switch p.mode {
	case flagNum:
		for _, part := range strings.Split(s, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(part)); err == nil && n > 0 {
				out = append(out, flag(n))
			}
		}
	case flagLong:
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, flag(rs[i])<<16|flag(rs[i+1]))
		}
	default:
		for _, r := range s {
			out = append(out, flag(r))
		}
	}
	return out
}

// parseDic reads the stems. The first line is a count, which is only a hint.
func (p *affParser) parseDic(text string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	first := true
	type entry struct {
		h   uint64
		set uint32
	}
	var entries []entry
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if f := strings.Fields(line); len(f) == 1 && isNumber(f[0]) {
				n, _ := strconv.Atoi(f[0])
				entries = make([]entry, 0, min(max(n, 0), 1<<22))
				continue
			}
		}
		word, flags, ok := splitDicLine(line)
		if !ok {
			continue
		}
		word = p.d.normalize(word)
		if word == "" {
			continue
		}
		fl := p.flags(flags)
		entries = append(entries, entry{h: hashString(word), set: p.internSet(fl)})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("hunspell: read .dic: %w", err)
	}
	if len(entries) == 0 {
		return errors.New("hunspell: the .dic file has no words")
	}
	p.d.stems = newStemTable(len(entries))
	for _, e := range entries {
		old, ok := p.d.stems.get(e.h)
		if !ok {
			p.d.stems.put(e.h, e.set)
			continue
		}
		// The same stem twice (homonyms, or two spellings that fold
		// alike): each entry keeps its own flags, as a word can be a
		// compound part in one entry and a word of its own in another.
		if old&homonymBit == 0 {
			p.d.homonyms = append(p.d.homonyms, []uint32{old})
			old = homonymBit | uint32(len(p.d.homonyms)-1)
			p.d.stems.put(e.h, old)
		}
		k := old &^ homonymBit
		if !slices.Contains(p.d.homonyms[k], e.set) {
			p.d.homonyms[k] = append(p.d.homonyms[k], e.set)
		}
	}
	p.d.ids = make([]uint32, len(p.d.flagSets))
	for i := range p.d.ids {
		p.d.ids[i] = uint32(i)
	}
	return nil
}

// splitDicLine splits "word/flags morphology" into word and flags. A slash
// escaped as "\/" belongs to the word.
func splitDicLine(line string) (word, flags string, ok bool) {
	line = strings.TrimRight(line, "\r")
	if line == "" || line[0] == '\t' || line[0] == '#' || line[0] == ' ' {
		return "", "", false
	}
	if i := strings.IndexAny(line, "\t "); i >= 0 {
		line = line[:i]
	}
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '/':
			return strings.ReplaceAll(line[:i], `\/`, "/"), line[i+1:], line[:i] != ""
		}
	}
	return strings.ReplaceAll(line, `\/`, "/"), "", true
}

// internSet stores a set of flags once and returns its number.
func (p *affParser) internSet(fl []flag) uint32 {
	fl = slices.Clone(fl)
	slices.Sort(fl)
	fl = slices.Compact(fl)
	var b strings.Builder
	for _, f := range fl {
		b.WriteString(strconv.FormatUint(uint64(f), 36))
		b.WriteByte(',')
	}
	key := b.String()
	if id, ok := p.sets[key]; ok {
		return id
	}
	id := uint32(len(p.d.flagSets))
	p.d.flagSets = append(p.d.flagSets, fl)
	p.sets[key] = id
	return id
}

// seed is fixed for the process: tables are built and read in it.
var seed = maphash.MakeSeed()

// hashString hashes a stem; zero is reserved for empty slots.
func hashString(s string) uint64 {
	return nonZero(maphash.String(seed, s))
}

func hashBytes(b []byte) uint64 {
	return nonZero(maphash.Bytes(seed, b))
}

func nonZero(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// homonymBit marks a stemTable value that indexes Dictionary.homonyms
// rather than flagSets.
const homonymBit = 1 << 31

// stemTable maps stem hashes to flag sets with open addressing.
type stemTable struct {
	keys []uint64
	vals []uint32
	mask uint64
	n    int
}

func newStemTable(n int) stemTable {
	size := 1
	for size < n*3/2+1 {
		size <<= 1
	}
	return stemTable{keys: make([]uint64, size), vals: make([]uint32, size), mask: uint64(size - 1)}
}

func (t *stemTable) get(h uint64) (uint32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (t *stemTable) put(h uint64, v uint32) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = h, v
			t.n++
			return
		}
	}
}

func (t *stemTable) bytes() int { return len(t.keys) * 12 }

// Known reports whether word is a word of the dictionary: a stem, or a stem
// with a prefix, a suffix, both, or two suffixes, as the rules allow.
func (d *Dictionary) Known(word string) bool {
	return d.KnownFolded(d.fold(word))
}

// KnownFolded is Known for a word the caller has already folded with the
// dictionary's fold function, to fold once for several dictionaries.
func (d *Dictionary) KnownFolded(w string) bool {
	if len(d.ignore) > 0 {
		w = d.dropIgnored(w)
	}
	if w == "" {
		return false
	}
	ids := d.entries([]byte(w))
	for _, id := range ids {
		if d.has(d.flagSets[id], d.forbidden) {
			return false
		}
	}
	for _, id := range ids {
		if fl := d.flagSets[id]; !d.has(fl, d.needAffix) && !d.has(fl, d.onlyInCompound) {
			return true
		}
	}
	return d.suffixed(w, nil, 0) || d.prefixed(w) || d.compound(w)
}

// entries returns the flag sets (as indexes into flagSets) of each entry
// the .dic has for stem.
func (d *Dictionary) entries(stem []byte) []uint32 {
	v, ok := d.stems.get(hashBytes(stem))
	switch {
	case !ok:
		return nil
	case v&homonymBit != 0:
		return d.homonyms[v&^homonymBit]
	default:
		return d.ids[v : v+1]
	}
}

// takes reports whether some entry of stem takes suffix or prefix a, and,
// for a suffix after prefix pfx, that prefix too.
func (d *Dictionary) takes(stem []byte, a, pfx *affix) bool {
	for _, id := range d.entries(stem) {
		fl := d.flagSets[id]
		if !d.has(fl, a.flag) || d.has(fl, d.forbidden) || d.has(fl, d.onlyInCompound) {
			continue
		}
		if pfx == nil || d.has(fl, pfx.flag) || d.has(a.cont, pfx.flag) {
			return true
		}
	}
	return false
}

// has reports whether the sorted set holds f (never for f zero).
func (d *Dictionary) has(set []flag, f flag) bool {
	if f == 0 {
		return false
	}
	_, ok := slices.BinarySearch(set, f)
	return ok
}

// suffixed reports whether w is a stem with one suffix, or two. With pfx
// set, the suffix must combine with that prefix (cross product). With
// outer set, w is itself the result of stripping a suffix of class outer,
// which this suffix must allow as continuation.
func (d *Dictionary) suffixed(w string, pfx *affix, outer flag) bool {
	var buf [128]byte
	pfxCircumfix := pfx != nil && d.has(pfx.cont, d.circumfix)
	for i := len(w); i > 0 && i >= len(w)-d.maxSuffix; i-- {
		if i < len(w) && !utf8.RuneStart(w[i]) {
			continue
		}
		for _, a := range d.suffixes[w[i:]] {
			if pfx != nil && !a.cross || outer != 0 && !d.has(a.cont, outer) || d.has(a.cont, d.onlyInCompound) {
				continue
			}
			// A circumfix suffix comes only with a circumfix prefix.
			if d.has(a.cont, d.circumfix) != pfxCircumfix {
				continue
			}
			stem := append(append(buf[:0], w[:i]...), a.strip...)
			if !matchEnd(a.cond, stem) {
				continue
			}
			// A suffix that needs another affix has one only after a
			// prefix or inside a second suffix.
			alone := !d.has(a.cont, d.needAffix) || pfx != nil || outer != 0
			if alone && d.takes(stem, a, pfx) {
				return true
			}
			if outer == 0 && pfx == nil && d.continued[a.flag] && d.suffixed(string(stem), nil, a.flag) {
				return true
			}
		}
	}
	return false
}

// prefixed reports whether w is a stem with a prefix, and maybe a suffix.
func (d *Dictionary) prefixed(w string) bool {
	var buf [128]byte
	for i := 0; i < len(w) && i <= d.maxPrefix; i++ {
		if !utf8.RuneStart(w[i]) {
			continue
		}
		for _, a := range d.prefixes[w[:i]] {
			if d.has(a.cont, d.onlyInCompound) {
				continue
			}
			rest := append(append(buf[:0], a.strip...), w[i:]...)
			if !matchStart(a.cond, rest) {
				continue
			}
			alone := !d.has(a.cont, d.circumfix) && !d.has(a.cont, d.needAffix)
			if alone && d.takes(rest, a, nil) {
				return true
			}
			if a.cross && d.suffixed(string(rest), a, 0) {
				return true
			}
		}
	}
	return false
}

// matchEnd reports whether the stem ends with characters matching cond.
func matchEnd(cond []condElem, stem []byte) bool {
	for k := len(cond) - 1; k >= 0; k-- {
		r, size := utf8.DecodeLastRune(stem)
		if size == 0 || !cond[k].match(r) {
			return false
		}
		stem = stem[:len(stem)-size]
	}
	return true
}

// matchStart reports whether the stem starts with characters matching cond.
func matchStart(cond []condElem, stem []byte) bool {
	for _, e := range cond {
		r, size := utf8.DecodeRune(stem)
		if size == 0 || !e.match(r) {
			return false
		}
		stem = stem[size:]
	}
	return true
}
