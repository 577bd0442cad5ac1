package hunspell

import "testing"

// A German-like dictionary that compounds by place, as de_DE does: a
// pseudo-root takes an empty suffix that makes it a compound beginning,
// end forms are only-in-compound entries of their own, and an affix inside
// a compound needs the permit flag.
const germanAff = `SET UTF-8
COMPOUNDBEGIN x
COMPOUNDMIDDLE y
COMPOUNDEND z
COMPOUNDPERMITFLAG c
ONLYINCOMPOUND o
NEEDAFFIX h
FORBIDDENWORD d
COMPOUNDMIN 2

# an empty suffix that makes a pseudo-root a compound beginning
SFX j Y 1
SFX j   0     0/xoc      .

# plural -n
SFX N Y 1
SFX N   0     n          .

# a linking -s, allowed inside a compound
SFX s Y 1
SFX s   0     s/xyc      .
`

const germanDic = `9
liefer/hj
adresse/N
adresse/oz
haus/xyz
tür/oz
zahlung/s
bestätigung/oz
ei/xz
frau/xzd
`

func TestCompounds(t *testing.T) {
	d := load(t, germanAff, germanDic, nil)
	checkWords(t, d,
		[]string{
			"lieferadresse",          // begin by an empty suffix, end entry
			"haustür", "haushaustür", // a stem for any place, three parts
			"zahlungsbestätigung", // a linking suffix that permits itself inside
			"adresse", "adressen", // the plain word and its suffix
		},
		[]string{
			"liefer",             // a pseudo-root alone
			"tür", "bestätigung", // only in compounds
			"türhaus",            // tür may end a compound, not begin it
			"adressehaus",        // adresse has no begin flag
			"lieferadressen",     // the end entry has no -n
			"zahlungbestätigung", // zahlung begins nothing without -s
			"eihaus", "hausei",   // parts of two letters split too much
			"frauhaus", "haus" + "xyzzy", // forbidden words; a fragment
		})
}
