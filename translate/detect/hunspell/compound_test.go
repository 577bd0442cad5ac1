package hunspell

import (
	"strings"
	"testing"
)

// A German-like dictionary that compounds by place, as de_DE does: a
// pseudo-root takes an empty suffix that makes it a compound beginning,
// end forms are only-in-compound entries of their own, and an affix inside
// a compound needs the permit flag.
const germanAff = `SET UTF-8
COMPOUNDBEGIN x
COMPOUNDMIDDLE y
COMPOUNDEND z
COMPOUNDPERMITFLAG c
COMPOUNDFORBIDFLAG q
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

# -e, a plain suffix: at the end of a compound only
SFX p Y 1
SFX p   0     e          .

# -k, kept out of compounds
SFX k Y 1
SFX k   0     k/q        .

# -m, which needs a further affix
SFX m Y 1
SFX m   0     m/h        .

# un-, a plain prefix: at the start of a compound only
PFX u Y 1
PFX u   0     un         .
`

const germanDic = `12
liefer/hj
adresse/N
adresse/oz
haus/xyzpkmu
tür/oz
zahlung/s
bestätigung/oz
ei/xz
frau/xzd
zahl/hxz
mitte/oy
auto
`

func TestCompounds(t *testing.T) {
	d := load(t, germanAff, germanDic, nil)
	checkWords(t, d,
		[]string{
			"lieferadresse",          // begin by an empty suffix, end entry
			"haustür", "haushaustür", // a stem for any place, three parts
			"zahlungsbestätigung", // a linking suffix that permits itself inside
			"adresse", "adressen", // the plain word and its suffix
			"haushause",    // a plain suffix on the last part
			"unhaustür",    // a plain prefix on the first part
			"hausmittetür", // a middle-only part in the middle
			"hausk",        // the forbid flag keeps -k out of compounds only
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
			"hausehaus",                // a plain suffix inside needs the permit flag
			"hausunhaus",               // so does a prefix
			"haushausk",                // -k may not be in a compound
			"haushausm",                // -m needs a further affix
			"zahlhaus",                 // zahl needs an affix, in a compound too
			"mittehaus",                // mitte only in the middle
			"hausmitte",                // and cannot end
			"hausauto",                 // auto has no compound flag
			strings.Repeat("haus", 17), // too long to split
		})
}

// A dictionary with one flag for any place in a compound, as nb_NO has.
const anyPlaceAff = `SET UTF-8
COMPOUNDFLAG Z
COMPOUNDMIN 3
`

const anyPlaceDic = `3
båt/Z
hus/Z
bil
`

func TestCompoundFlag(t *testing.T) {
	d := load(t, anyPlaceAff, anyPlaceDic, nil)
	checkWords(t, d,
		[]string{"båthus", "husbåt", "båthusbåt"},
		[]string{"bilhus", "husbil", "båthusbåthus"}) // bil has no flag; four parts
}
