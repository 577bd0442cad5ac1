package detect

import (
	"math"
	"strings"

	"golang.org/x/text/language"

	"github.com/parleyhq/parley/translate"
)

// hintOnlyConfidence is the confidence of a decision a hint makes alone,
// when the text has no letters.
const hintOnlyConfidence = 0.5

// maxCandidates is how many candidates a Detection lists.
const maxCandidates = 3

// minForeignSize is the shortest text that decide checks for words its
// language does not know (see inNoLanguage): two or three words are too often
// names ("padepokan widura", "جنیفر بیانسه") that no dictionary knows.
const minForeignSize = sizeShort

// decide fuses the text's evidence with the hints and the conversation.
// The order of precedence: an override (handled by Detect); the
// conversation, which only a clear text moves (see decideWithPrior); a
// clear text; the hints; the text's lean; and finally "und". A text in none
// of the configured languages leaves the decision to the conversation and
// the hints.
func (d *Detector) decide(c Cleaned, ev evidence, in translate.DetectInput) translate.Detection {
	hints := normalizeHints(in.Hints)
	prior := in.Conversation
	if prior != nil && !known(prior.Language) {
		prior = nil
	}
	text := posterior(ev.langs, ev.scores)
	textLang := ""
	leaning := ev.leanOver != "" && len(text) > 0 && unseparated(text, ev.lean, ev.leanOver)
	if len(text) > 0 && text[0].p >= d.th.Answer[sizeOf(c)] && !leaning {
		textLang = text[0].lang
	}
	fused := posterior(ev.langs, d.fusedScores(ev, hints, prior))
	out := translate.Detection{Language: translate.Undetermined, Source: translate.SourceDetected, Candidates: candidates(fused)}
	// A text of four words or more that its best language barely knows is
	// in none of the configured languages (Russian in Latin letters,
	// Tagalog): it says nothing about the language, as if it had no letters.
	foreign := len(text) > 0 && sizeOf(c) >= minForeignSize && d.inNoLanguage(ev.words, text[0].lang, d.th.Coverage)
	// So is a language of another script typed in Latin letters, however
	// short: "spasibo" is no more Indonesian than "privet, gde moy zakaz"
	// is Slovak.
	switch {
	case c.script == scriptLatin && len(text) > 0:
		lang := text[0].lang
		if inSecondScript(lang, c.script) {
			// Serbian's dictionary in Latin letters knows too much to
			// vouch for a word ("zdraste", "menja": Russian typed in
			// Latin letters reads as ekavian Serbian); Croatian's
			// speaks for both.
			lang = secondScripts[lang].via
		}
		if best, ok := d.knower(lang); ok {
			out.Romanized = romanizedLanguage(c, best)
			foreign = foreign || out.Romanized != ""
		}
	case c.Letters == 0 && len(c.digitWords) > 0:
		// "ma3lesh" alone: cleaning leaves no letters, so the text already
		// says nothing; it may still say which language it is in.
		out.Romanized = romanizedLanguage(c, lexiconOf{knows: knowsNothing, uses: knowsNothing})
	}

	if foreign {
		// Its candidates are the nearest configured languages, not the
		// text's: listed, the top one would become the conversation's
		// language (see translate.NextPrior).
		out.Candidates = []translate.Candidate{}
	}

	switch {
	case out.Romanized != "" && prior != nil && prior.Language == out.Romanized:
		// The conversation's language, typed in Latin letters: it stands,
		// settled or not.
		out.Language, out.Confidence, out.Source = prior.Language, prior.Confidence, translate.SourceConversation
	case (len(ev.langs) == 0 || foreign && d.settled(prior)) && prior != nil:
		out.Language, out.Confidence, out.Source = prior.Language, prior.Confidence, translate.SourceConversation
	case out.Romanized != "" && containsLang(hints, out.Romanized):
		// Before the first hint: the hint that names the text's language.
		out.Language, out.Confidence, out.Source = out.Romanized, hintOnlyConfidence, translate.SourceHint
	case (len(ev.langs) == 0 || foreign) && len(hints) > 0:
		out.Language, out.Confidence, out.Source = hints[0], hintOnlyConfidence, translate.SourceHint
	case len(ev.langs) == 0 || foreign:
		out.Source = translate.SourceDefault
	case prior != nil && inSecondScript(ev.leanOver, c.script) && (text[0].lang == ev.lean || text[0].lang == ev.leanOver) &&
		prior.Language != ev.lean && prior.Language != ev.leanOver &&
		pairMass(text, ev.lean, ev.leanOver) >= d.th.Switch:
		// Clearly one of the two and not the conversation's language
		// (Croatian or Serbian after an English greeting): the text
		// switches, to whichever of the two the text, the hints and
		// the lean prefer. (A few Chinese characters do not: see
		// hanEvidence.)
		for _, f := range fused {
			if f.lang == ev.lean || f.lang == ev.leanOver {
				out.Language, out.Confidence = f.lang, f.p
				break
			}
		}
	case prior != nil:
		d.decideWithPrior(&out, text, textLang, fused, prior)
	case textLang != "":
		out.Language, out.Confidence = textLang, text[0].p
	case len(hints) > 0 && (containsLang(hints, fused[0].lang) || fused[0].p >= d.th.HintFallback):
		// A hint means the caller needs a language: the fused evidence
		// decides, and the hint gets the credit when it tipped it. A hint
		// in another script than the text's adds nothing, and the text's
		// best guess is still better than the hint.
		out.Language, out.Confidence = fused[0].lang, fused[0].p
		if containsLang(hints, fused[0].lang) {
			out.Source = translate.SourceHint
		}
	case ev.lean != "" && fused[0].lang == ev.lean && pairMass(fused, ev.lean, ev.leanOver) >= d.th.Answer[sizeOf(c)]:
		// Neither a hint nor the conversation has spoken (hints are
		// handled above), and the text leans one way.
		out.Language, out.Confidence = fused[0].lang, fused[0].p
	}
	out.Confidence = round(out.Confidence)
	return out
}

// unseparated reports whether the text's best candidate is one of the pair
// a (the lean) and b, and the text says nothing between them: they split
// as the lean alone splits them (two thirds and one third), so the answer
// is no answer from the text but the lean, which hints and the
// conversation come before.
func unseparated(text []candidate, a, b string) bool {
	if text[0].lang != a && text[0].lang != b {
		return false
	}
	m := pairMass(text, a, b)
	return m > 0 && math.Abs(prob(text, a)/m-2.0/3) < 0.05
}

// pairMass returns the posterior of a and b together.
func pairMass(cands []candidate, a, b string) float64 {
	p := 0.0
	for _, c := range cands {
		if c.lang == a || c.lang == b {
			p += c.p
		}
	}
	return p
}

// settled reports whether the conversation's language is more than a weak
// guess carried over from an unsure message (see translate.NextPrior): a
// text in none of the languages keeps a settled language, and does not
// turn a guess into an answer.
func (d *Detector) settled(prior *translate.Prior) bool {
	return prior != nil && (prior.Confidence >= d.th.Sticky || prior.Source != translate.SourceDetected)
}

// decideWithPrior keeps the conversation's language unless the text clearly
// says otherwise; a weak prior (from a message that was itself unsure) gives
// way to any answer.
func (d *Detector) decideWithPrior(out *translate.Detection, text []candidate, textLang string, fused []candidate, prior *translate.Prior) {
	switch {
	case textLang == prior.Language:
		out.Language, out.Confidence = textLang, max(text[0].p, prob(fused, textLang))
	case textLang != "" && (text[0].p >= d.th.Switch || prior.Confidence < d.th.Sticky):
		out.Language, out.Confidence = textLang, text[0].p
	case prior.Confidence < d.th.Sticky && fused[0].lang != prior.Language:
		out.Language, out.Confidence = fused[0].lang, fused[0].p
	default:
		out.Language, out.Source = prior.Language, translate.SourceConversation
		out.Confidence = max(prob(fused, prior.Language), prior.Confidence*0.9)
	}
}

// fusedScores adds the hints' and the conversation's weight to the text's.
func (d *Detector) fusedScores(ev evidence, hints []string, prior *translate.Prior) []float64 {
	out := make([]float64, len(ev.scores))
	copy(out, ev.scores)
	for i, l := range ev.langs {
		out[i] += hintWeight(hints, l, d.th.Hint)
		if prior != nil && prior.Language == l {
			out[i] += d.th.Prior * prior.Confidence
		}
	}
	for i, j := range standIns(&ev) {
		liftPair(out, hints, ev.langs, i, j, d.th.Hint)
	}
	return out
}

// hintWeight returns what hints add to lang: weight for the first hint,
// half of it for a later one, nothing when no hint names it.
func hintWeight(hints []string, lang string, weight float64) float64 {
	for k, h := range hints {
		if h == lang {
			if k > 0 {
				return weight / 2
			}
			return weight
		}
	}
	return 0
}

// liftPair weighs a hint that names one of a language in its second script
// and its stand-in (Serbian and Croatian in Latin letters, i and j) for
// both of them against every other language, and for the one it names
// between the two: the pair's weight and the named one's odds within it
// each grow by the hint's weight. Added to the named language alone, a
// hint for Croatian could not lift a text with a Serbian spelling, whose
// weight is Serbian's ("opšti uslovi" with a Croatian hint would be
// Czech). scores already hold the hint for the named language (see
// hintWeight); when hints name both, each keeps its own.
func liftPair(scores []float64, hints []string, langs []string, i, j int, weight float64) {
	wi, wj := hintWeight(hints, langs[i], weight), hintWeight(hints, langs[j], weight)
	if (wi == 0) == (wj == 0) {
		return
	}
	named, other, w := i, j, wi
	if wj != 0 {
		named, other, w = j, i, wj
	}
	a, b := scores[named]-w, scores[other]
	mass := math.Max(a, b) + softplus(-math.Abs(a-b)) + w
	ratio := a - b + w
	scores[named] = mass - softplus(-ratio)
	scores[other] = mass - softplus(ratio)
}

// softplus returns log(1+e^x) without overflow for large x.
func softplus(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }

// prob returns lang's probability in cs, 0 when absent.
func prob(cs []candidate, lang string) float64 {
	for _, c := range cs {
		if c.lang == lang {
			return c.p
		}
	}
	return 0
}

// candidates lists the strongest candidates for a Detection.
func candidates(cs []candidate) []translate.Candidate {
	out := []translate.Candidate{}
	for _, c := range cs {
		if len(out) == maxCandidates || c.p < 0.01 {
			break
		}
		out = append(out, translate.Candidate{Language: c.lang, Confidence: round(c.p)})
	}
	return out
}

// round keeps four decimals, enough for people and stable for tests.
func round(p float64) float64 {
	return float64(int(p*10000+0.5)) / 10000
}

// normalizeHints turns locale tags and Accept-Language values into ISO
// 639-1 codes, strongest first, without duplicates. Tags that do not parse
// are dropped: a hint is evidence, not a setting.
func normalizeHints(hints []string) []string {
	var out []string
	addTag := func(t language.Tag) {
		base, _ := t.Base()
		if c, ok := baseCode(base.String()); ok && !containsLang(out, c) {
			out = append(out, c)
		}
	}
	for _, h := range hints {
		h = strings.TrimSpace(strings.ReplaceAll(h, "_", "-"))
		if h == "" {
			continue
		}
		if strings.ContainsAny(h, ",;") {
			tags, _, err := language.ParseAcceptLanguage(h)
			if err == nil {
				for _, t := range tags {
					addTag(t)
				}
			}
			continue
		}
		if t, err := language.Parse(h); err == nil {
			addTag(t)
		}
	}
	return out
}
