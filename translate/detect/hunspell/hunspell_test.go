package hunspell

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// lowerNoAccents folds as the detector does: lower case, accents dropped.
func lowerNoAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func load(t *testing.T, aff, dic string, fold func(string) string) *Dictionary {
	t.Helper()
	d, err := Load(strings.NewReader(aff), strings.NewReader(dic), fold)
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	return d
}

func checkWords(t *testing.T, d *Dictionary, known, unknown []string) {
	t.Helper()
	for _, w := range known {
		if !d.Known(w) {
			t.Errorf("Known(%q) = false, want true", w)
		}
	}
	for _, w := range unknown {
		if d.Known(w) {
			t.Errorf("Known(%q) = true, want false", w)
		}
	}
}

// An English-like dictionary exercising the rules in the default flag
// format: suffixes with strip and conditions, prefixes, cross products,
// two suffixes, and the special flags.
const englishAff = `SET UTF-8
NEEDAFFIX N
FORBIDDENWORD F
ONLYINCOMPOUND C

# plural: -s, but y after a consonant becomes -ies
SFX S Y 3
SFX S   0     s          [^sxy]
SFX S   y     ies        [^aeiou]y
SFX S   0     es         [sx]

# -ed, a suffix after which -ly may follow (continuation class L)
SFX D Y 2
SFX D   0     ed/L       [^e]
SFX D   0     d/L        e

SFX L Y 1
SFX L   0     ly         .

# un-, which combines with suffixes
PFX U Y 1
PFX U   0     un         .

# re-, which does not
PFX R N 1
PFX R   0     re         .
`

const englishDic = `9
order/SD
city/S
box/S
pass/S
do/UR
mark/UDS
fix/NS
irregardless/F
comp/C
`

func TestDictionaryAffixes(t *testing.T) {
	d := load(t, englishAff, englishDic, nil)
	checkWords(t, d,
		[]string{
			"order", "orders", "ordered", // stems and suffixes
			"city", "cities", "boxes", "passes", // strip and conditions
			"undo", "redo", "unmark", "unmarks", // prefixes, cross product
			"markedly", "orderedly", // two suffixes by continuation class
			"fixes", // a suffix on a stem that needs one
		},
		[]string{
			"citys", "boxs", "ordery", // conditions refuse
			"redos",        // re- does not cross with -s, do has no S anyway
			"remarks",      // mark has no R
			"cityly",       // L only follows D
			"fix",          // NEEDAFFIX: not a word alone
			"irregardless", // FORBIDDENWORD
			"comp",         // ONLYINCOMPOUND
			"orde", "rder", // fragments
			"", "s", "un", // empty and affixes alone
		})
}

func TestDictionaryFlagFormats(t *testing.T) {
	tests := []struct {
		name, aff, dic string
		known, unknown []string
	}{{
		name:    "long",
		aff:     "FLAG long\nSFX Aa Y 1\nSFX Aa 0 s .\nSFX Bb Y 1\nSFX Bb 0 ed .\n",
		dic:     "2\nwalk/AaBb\ntalk/Bb\n",
		known:   []string{"walks", "walked", "talked"},
		unknown: []string{"talks"},
	}, {
		name:    "num",
		aff:     "FLAG num\nSFX 101 Y 1\nSFX 101 0 ler .\nSFX 7 Y 1\nSFX 7 0 de .\n",
		dic:     "2\nev/101,7\nkitap/7\n",
		known:   []string{"evler", "evde", "kitapde"},
		unknown: []string{"kitapler"},
	}, {
		name:    "UTF-8 characters",
		aff:     "FLAG UTF-8\nSFX Ñ Y 1\nSFX Ñ 0 es .\n",
		dic:     "1\nmes/Ñ\n",
		known:   []string{"mes", "meses"},
		unknown: []string{"mess"},
	}, {
		name: "aliases",
		aff:  "FLAG long\nAF 2\nAF AaBb # 1\nAF Bb # 2\nSFX Aa Y 1\nSFX Aa 0 s .\nSFX Bb Y 1\nSFX Bb 0 ed .\n",
		dic:  "2\nwalk/1\ntalk/2\n",
		known: []string{
			"walks", "walked", "talked",
		},
		unknown: []string{"talks"},
	}, {
		name:    "numeric aliases",
		aff:     "FLAG num\nAF 2\nAF 7\nAF 7,101\nSFX 101 Y 1\nSFX 101 0 ler .\nSFX 7 Y 1\nSFX 7 0 de .\n",
		dic:     "2\nev/2\nkitap/1\n",
		known:   []string{"evler", "evde", "kitapde"},
		unknown: []string{"kitapler"},
	}, {
		name:    "a block counting more entries than it has loses no setting after it",
		aff:     "SFX A Y 5\nSFX A 0 s .\nFORBIDDENWORD F\nPFX B Y 1\nPFX B 0 re .\n",
		dic:     "2\nwalk/AB\nwalkin/F\n",
		known:   []string{"walks", "rewalk", "rewalks"},
		unknown: []string{"walkin"},
	}, {
		name:    "homonyms keep their own flags",
		aff:     "ONLYINCOMPOUND o\nSFX A Y 1\nSFX A 0 s .\nSFX B Y 1\nSFX B 0 ed .\n",
		dic:     "3\nwalk/A\nwalk/B\nbremse/oA\nbremse\n",
		known:   []string{"walk", "walks", "walked", "bremse"},
		unknown: []string{"walkeds", "bremses"},
	}, {
		name:    "a header-shaped line ends a block and entries must follow their header",
		aff:     "SFX A Y 3\nSFX A 0 s .\n\n# comment\nSFX A 0 ed .\nSFX B Y 1\nSFX A 0 ing .\nSFX B 0 er .\n",
		dic:     "1\nwalk/AB\n",
		known:   []string{"walks", "walked"},
		unknown: []string{"walking", "walker"},
	}, {
		name:    "circumfixes, and suffixes that need another affix or a compound",
		aff:     "CIRCUMFIX X\nNEEDAFFIX N\nONLYINCOMPOUND C\nPFX P Y 1\nPFX P 0 ge/X .\nSFX S Y 1\nSFX S 0 t/X .\nSFX T Y 1\nSFX T 0 s/C .\nSFX U Y 1\nSFX U 0 ung/NV .\nSFX V Y 1\nSFX V 0 en .\n",
		dic:     "1\nmach/PSTU\n",
		known:   []string{"mach", "gemacht", "machungen"},
		unknown: []string{"machs", "gemach", "macht", "machung", "machen"},
	}, {
		name:    "a prefix that adds nothing",
		aff:     "PFX P Y 1\nPFX P a 0 a\n",
		dic:     "1\nabc/P\n",
		known:   []string{"abc", "bc"},
		unknown: []string{"c"},
	}, {
		name:  "a negative count line",
		aff:   "SET UTF-8\n",
		dic:   "-1\nword\n",
		known: []string{"word"},
	}, {
		name:    "escaped slash, morphology and a byte-order mark",
		aff:     "SET UTF-8\n",
		dic:     "\ufeff3\nand\\/or\tpo:conj\nhello st:hello\n# a comment\n",
		known:   []string{"and/or", "hello"},
		unknown: []string{"and", "po:conj", "st:hello"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkWords(t, load(t, tt.aff, tt.dic, nil), tt.known, tt.unknown)
		})
	}
}

func TestDictionaryCharsetIgnoreAndFold(t *testing.T) {
	// Polish in ISO 8859-2, as Debian ships it.
	aff := "SET ISO8859-2\nSFX A Y 1\nSFX A ie ia ie\n"
	dic := "2\nzamówienie/A\nłódź\n"
	enc := charmap.ISO8859_2.NewEncoder()
	affB, err := enc.String(aff)
	if err != nil {
		t.Fatal(err)
	}
	dicB, err := enc.String(dic)
	if err != nil {
		t.Fatal(err)
	}
	d := load(t, affB, dicB, lowerNoAccents)
	checkWords(t, d,
		[]string{"zamówienie", "zamówienia", "Zamowienia", "ZAMÓWIENIE", "łódź"},
		[]string{"zamówienii", "zamowienie2"})

	// Arabic: IGNORE drops the short vowels from the dictionary and the
	// word alike.
	ar := load(t, "SET UTF-8\nIGNORE َُِ\n", "1\nكَتَبَ\n", nil)
	checkWords(t, ar, []string{"كتب", "كَتَبَ", "كَتب"}, []string{"كتاب"})

	// A negated condition keeps its meaning on folded stems: "not ć" always
	// holds there, "not a" still refuses a.
	pl := load(t, "SET UTF-8\nSFX N Y 1\nSFX N 0 om [^aćńośź]\n", "2\nstyropian/N\nkobieta/N\n", lowerNoAccents)
	checkWords(t, pl, []string{"styropianom"}, []string{"kobietaom"})

	// Folded conditions: the condition é matches a folded e.
	fr := load(t, "SET UTF-8\nSFX A Y 1\nSFX A é ée é\n", "1\ncommandé/A\n", lowerNoAccents)
	checkWords(t, fr, []string{"commandée", "commandee", "commande"}, []string{"commandeee"})
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, aff, dic, want string }{
		{"no words", "SET UTF-8\n", "0\n", "no words"},
		{"unknown character set", "SET EBCDIC\n", "1\na\n", "unsupported character set"},
		{"unclosed condition", "SFX A Y 1\nSFX A 0 s [abc\n", "1\na/A\n", "unclosed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.aff), strings.NewReader(tt.dic), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	d := load(t, englishAff, englishDic, nil)
	st := d.Stats()
	if st.Stems != 9 || st.Suffixes != 6 || st.Prefixes != 2 || st.Bytes <= 0 {
		t.Errorf("Stats() = %+v, want 9 stems, 6 suffixes, 2 prefixes and some bytes", st)
	}
}

func BenchmarkKnown(b *testing.B) {
	d, err := Load(strings.NewReader(englishAff), strings.NewReader(englishDic), nil)
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"orders", "unmarks", "markedly", "nothing", "cities"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d.Known(words[i%len(words)])
	}
}

// FuzzLoad feeds Load broken and hostile files: it may refuse them, but it
// must not panic, and what it loads must answer Known for any word.
func FuzzLoad(f *testing.F) {
	f.Add(englishAff, englishDic, "unmarks")
	f.Add("FLAG long\nAF 1\nAF AaBb\nSFX Aa Y 1\nSFX Aa 0 s/Bb [^s]\n", "1\nwalk/1\n", "walks")
	f.Add("FLAG num\nSFX 1 Y 1\nSFX 1 ab cd/2,3 [ab]b\nPFX 2 Y 1\nPFX 2 0 x .\n", "2\nab/1,2\n\\/x/1\n", "xcd")
	f.Add("SET ISO8859-2\nIGNORE a\nSFX A Y 2\nSFX A 0 0 [\n", "1\n\xb1/A\n", "\xb1")
	f.Add("SFX A Y 99\nSFX A y ies [^aeiou]y\nPFX", "x\n/\n//\n\\", "ies")
	f.Fuzz(func(t *testing.T, aff, dic, word string) {
		d, err := Load(strings.NewReader(aff), strings.NewReader(dic), lowerNoAccents)
		if err != nil {
			return
		}
		d.Known(word)
		d.Known(strings.Repeat(word, 40))
		d.Stats()
	})
}

// FuzzKnown looks up arbitrary text, as customers write it, in a loaded
// dictionary: no panic, and for ASCII words the answer does not depend on
// case (the detector's own fold is fuzzed in package detect).
func FuzzKnown(f *testing.F) {
	d, err := Load(strings.NewReader(englishAff), strings.NewReader(englishDic), lowerNoAccents)
	if err != nil {
		f.Fatal(err)
	}
	for _, w := range []string{"orders", "UNMARKS", "\xff\xfe", "cities\x00", "é́́́", strings.Repeat("s", 300)} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if isASCII(w) && d.Known(w) != d.Known(strings.ToUpper(w)) {
			t.Errorf("Known(%q) depends on case", w)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
