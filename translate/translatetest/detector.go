// Package translatetest holds fakes for testing translation: a small
// language detector, a token counter, a fake model that translates or obeys
// injected instructions, and httptest servers speaking the OpenAI
// chat-completions and DeepL wire formats.
package translatetest

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/parleyhq/parley/translate"
)

// stopwords are frequent short words of the Latin-script languages the
// Detector knows.
var stopwords = map[string][]string{
	"en": strings.Fields("the and is are was were to of in on for with you your my me i it this that have has not be please can could would will do does did we our what when where how there from at an a if but or so all any just thanks thank hello hi order"),
	"de": strings.Fields("der die das und ist sind war nicht ich sie du wir mit für auf ein eine einen dem den zu von bitte danke haben hat wurde noch kein keine mein meine ihr ihre ihnen wie was wann wo auch aber oder hallo mir mich es"),
	"fr": strings.Fields("le la les et est sont été pas je vous tu nous avec pour sur un une des du de au aux ce cette mon ma mes votre vos merci bonjour ne que qui quand où aussi mais ou il elle"),
	"es": strings.Fields("el la los las y es son fue no yo usted tú nosotros con para por un una unos del de al este esta mi mis su sus gracias hola que qué cuando donde también pero o me lo muy"),
	"it": strings.Fields("il lo la gli le e è sono era non io lei tu noi con per su un una del della di al questo questa mio mia suo sua grazie ciao che quando dove anche ma o mi ho ha"),
	"pt": strings.Fields("o a os as e é são foi não eu você nós com para por um uma do da de ao este esta meu minha seu sua obrigado olá que quando onde também mas ou me tenho tem"),
	"nl": strings.Fields("de het een en is zijn was niet ik u jij wij met voor op van te dit dat mijn uw bedankt hallo wanneer waar ook maar of heb heeft"),
	"pl": strings.Fields("w na nie jest są był się z do że jak ale czy mój moja pan pani dziękuję dzień dobry proszę mam ma co kiedy gdzie też lub"),
	"tr": strings.Fields("ve bir bu da de ne için ile ben siz biz değil var yok mı mi çok teşekkür merhaba lütfen benim sizin ama veya nasıl nerede"),
}

// Detector is a small, deterministic stand-in for the lingua detector:
// the script decides for Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese
// and Korean; stopwords decide among the Latin-script languages. It
// returns Undetermined when it has no evidence.
type Detector struct{}

var _ translate.Detector = Detector{}

// Detect returns the language of in.Text; hints and the conversation are
// ignored.
func (Detector) Detect(_ context.Context, in translate.DetectInput) (translate.Detection, error) {
	scores := scriptScores(in.Text)
	if share := scores["latin"]; share > 0 {
		hits := latinScores(in.Text)
		sum := 0
		for _, n := range hits {
			sum += n
		}
		for lang, n := range hits {
			if n > 0 {
				scores[lang] = share * float64(n) / float64(sum)
			}
		}
		delete(scores, "latin")
	}
	var cands []translate.Candidate
	total := 0.0
	for lang, s := range scores {
		if s > 0 {
			cands = append(cands, translate.Candidate{Language: lang, Confidence: s})
			total += s
		}
	}
	if total == 0 {
		return translate.Detection{Language: translate.Undetermined, Source: translate.SourceDetected}, nil
	}
	for i := range cands {
		cands[i].Confidence /= total
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].Confidence != cands[j].Confidence {
			return cands[i].Confidence > cands[j].Confidence
		}
		return cands[i].Language < cands[j].Language
	})
	d := translate.Detection{Language: cands[0].Language, Confidence: cands[0].Confidence, Source: translate.SourceDetected, Candidates: cands}
	if len(cands) > 1 && cands[1].Confidence == cands[0].Confidence {
		d.Language = translate.Undetermined
	}
	return d, nil
}

// scriptScores counts letters by script; Latin letters are pooled under
// "latin" as a share of all letters.
func scriptScores(s string) map[string]float64 {
	counts := map[string]float64{}
	n := 0.0
	ukrainian := strings.ContainsAny(strings.ToLower(s), "іїєґ")
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		switch {
		case unicode.Is(unicode.Cyrillic, r) && ukrainian:
			counts["uk"]++
		case unicode.Is(unicode.Cyrillic, r):
			counts["ru"]++
		case unicode.Is(unicode.Greek, r):
			counts["el"]++
		case unicode.Is(unicode.Arabic, r):
			counts["ar"]++
		case unicode.Is(unicode.Hebrew, r):
			counts["he"]++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			counts["ja"]++
		case unicode.Is(unicode.Hangul, r):
			counts["ko"]++
		case unicode.Is(unicode.Han, r):
			counts["zh"]++
		case unicode.Is(unicode.Latin, r):
			counts["latin"]++
		}
	}
	// Japanese mixes kanji with kana: any kana makes the Han letters Japanese.
	if counts["ja"] > 0 {
		counts["ja"] += counts["zh"]
		delete(counts, "zh")
	}
	for k := range counts {
		counts[k] /= n
	}
	return counts
}

// latinScores counts stopword hits per Latin-script language, plus hits
// for letters only one of them uses.
func latinScores(s string) map[string]int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	out := map[string]int{}
	for lang, list := range stopwords {
		set := map[string]bool{}
		for _, w := range list {
			set[w] = true
		}
		for _, w := range words {
			if set[w] {
				out[lang]++
			}
		}
	}
	lower := strings.ToLower(s)
	for lang, letters := range map[string]string{"de": "ßäöü", "es": "ñ¿¡", "fr": "çèêœ", "pt": "ãõ", "pl": "łąęśżźń", "tr": "ğşı"} {
		for _, r := range letters {
			out[lang] += 2 * strings.Count(lower, string(r))
		}
	}
	return out
}
