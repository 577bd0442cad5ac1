package detect

import (
	"iter"
	"math"
	"slices"
	"sort"
	"strings"
)

// evidence is what the text says about its language: log-odds scores over
// the candidate languages of its script.
type evidence struct {
	// langs are the candidates, scores their log-odds, aligned.
	langs  []string
	scores []float64
	// lean is the language to answer when the scores do not separate the
	// candidates and neither a hint nor the conversation speaks (see
	// hanEvidence); empty for abstaining.
	lean string
	// leanOver is the language the lean is over: the lean answers only
	// when the two together are as sure as an answer must be.
	leanOver string
	// script is the text's script.
	script script
	// words are the text's first maxShareWords words, once language data
	// is loaded: the dictionaries, word lists and lexicons weigh the first
	// maxDictionaryWords, and decide checks them all (see inNoLanguage).
	words []textWord
}

// minConfidence floors lingua's confidence so that a language lingua ruled
// out stays far behind but finite.
const minConfidence = 1e-4

// maxScale caps how much a long text's length strengthens lingua's verdict.
const maxScale = 5

// wordCount counts words, or pairs of letters in scripts written without
// spaces.
func wordCount(c Cleaned) int {
	if c.script == scriptCJK || c.script == scriptThai {
		return (c.Letters + 1) / 2
	}
	return c.Words
}

// maxVocabHits caps how many vocabulary words count, so that vocabulary
// tips short messages without outvoting lingua on long ones.
const maxVocabHits = 3

// evidence scores the candidate languages of a cleaned text. A text with no
// letters, or in a script no configured language uses, has no candidates.
func (d *Detector) evidence(c Cleaned) (ev evidence) {
	if c.Letters == 0 {
		return evidence{}
	}
	cand := d.byScript[c.script]
	if c.script == scriptCJK && c.kana && containsLang(cand, "ja") {
		cand = []string{"ja"}
	}
	ev = evidence{langs: cand, scores: make([]float64, len(cand)), script: c.script}
	if len(cand) <= 1 {
		return ev
	}
	conf := d.confidences(c.Text)
	// lingua averages n-gram log probabilities over the text, so its
	// confidence does not grow with length; evidence from more words does.
	scale := math.Min(math.Sqrt(float64(wordCount(c))), maxScale)
	for i, l := range cand {
		ev.scores[i] = scale * math.Log(math.Max(conf[l], minConfidence))
	}
	// The stand-in's score speaks for both while the rest of the
	// evidence is weighed, so that the dictionaries and lists see the
	// candidates as they were; the two share it at the end.
	copyStandIn(&ev)
	defer shareStandIn(&ev)
	letterEvidence(c, &ev)
	// Vocabulary tips short messages; on longer ones lingua's n-grams
	// know better, so the words weigh less.
	w := d.th.Vocabulary
	if sizeOf(c) >= sizeShort {
		w /= 2
	}
	hits := d.vocab.hits(c)
	if c.script == scriptCJK {
		hanEvidence(c, &ev, hits, w)
	} else {
		addVocabulary(&ev, hits, w)
	}
	dicts, lists, lexs := d.dicts.Load(), d.lists.Load(), d.lexs.Load()
	if dicts == nil && lists == nil && lexs == nil {
		return ev
	}
	ev.words = textWords(c.Text, maxShareWords)
	words := ev.words[:min(len(ev.words), maxDictionaryWords)]
	if dicts != nil && d.th.Dictionary > 0 {
		dictionaryEvidence(words, &ev, *dicts, d.th.Dictionary)
		croatianEvidence(ev.words, &ev, *dicts, d.th.Dictionary)
	}
	if lists != nil && d.th.Frequency > 0 {
		// Like the vocabulary, the lists weigh less where lingua's
		// n-grams have more to go on.
		fw := d.th.Frequency
		if sizeOf(c) >= sizeShort {
			fw /= 2
		}
		frequencyEvidence(words, &ev, *lists, fw)
	}
	if lexs != nil && d.th.Lexicon > 0 {
		// Unlike the lists, the lexicons keep their weight on longer
		// texts: lingua's n-grams barely tell their languages apart.
		lexiconEvidence(words, &ev, *lexs, d.th.Lexicon)
	}
	return ev
}

// copyStandIn gives each candidate written in its second script (Serbian
// in Latin letters) the score of the language whose n-grams stand in for
// it there: lingua cannot tell the two apart.
func copyStandIn(ev *evidence) {
	for i, j := range standIns(ev) {
		ev.scores[i] = ev.scores[j]
	}
}

// standIns yields, for each candidate of ev written in its second script,
// its index and the index of the language that stands in for it there.
func standIns(ev *evidence) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i, l := range ev.langs {
			if !inSecondScript(l, ev.script) {
				continue
			}
			if j := slices.Index(ev.langs, secondScripts[l].via); j >= 0 && !yield(i, j) {
				return
			}
		}
	}
}

// shareStandIn gives the stand-in two thirds of the pair's weight and the
// language in its second script one third, before what each of them has
// gained or lost since copyStandIn, so that together they weigh what the
// better of them would weigh alone against every other candidate. The text
// leans to the stand-in: Latin letters are Croatian's only script, and
// where no spelling tells the two apart (see croatianEvidence) Parley
// answers Croatian, as it did before it knew Serbian in Latin letters,
// unless a hint or the conversation speaks.
func shareStandIn(ev *evidence) {
	for i, j := range standIns(ev) {
		// The pair weighs what the better of the two weighs alone; the
		// lean (two to one) and what each gained or lost since
		// copyStandIn split it, so that a spelling that tells them apart
		// moves weight from one to the other, not to a third language.
		base := max(ev.scores[i], ev.scores[j])
		wi, wj := math.Exp(ev.scores[i]-base)/3, 2*math.Exp(ev.scores[j]-base)/3
		t := wi + wj
		ev.scores[i], ev.scores[j] = base+math.Log(wi/t), base+math.Log(wj/t)
		ev.lean, ev.leanOver = ev.langs[j], ev.langs[i]
	}
}

// addVocabulary adds weight w per vocabulary word of each candidate, for at
// most maxVocabHits words.
func addVocabulary(ev *evidence, hits map[string]int, w float64) {
	for i, l := range ev.langs {
		ev.scores[i] += w * float64(min(hits[l], maxVocabHits))
	}
	for i, j := range standIns(ev) {
		widenPair(ev, hits, i, j, w)
	}
}

// widenPair weighs the vocabulary of a language in its second script (i,
// Serbian in Latin letters) against its stand-in's (j, Croatian) only. Its
// entries are transliterated from its own script, and short everyday ones
// ("sa", "ja", "moja") are other languages' words too: against every other
// language it gains what the stand-in gains. Between the two, the words
// only one of them has count, past maxVocabHits: Croatian and Serbian share
// most of their support words, and "zelim povrat novca za porudzbinu"
// reaches the cap in both before "porudzbinu" tells them apart.
func widenPair(ev *evidence, hits map[string]int, i, j int, w float64) {
	hi, hj := hits[ev.langs[i]], hits[ev.langs[j]]
	ev.scores[i] += w * float64(min(hj, maxVocabHits)-min(hi, maxVocabHits))
	switch {
	case hi > hj:
		ev.scores[j] -= w * float64(min(hi-hj, maxVocabHits))
	case hj > hi:
		ev.scores[i] -= w * float64(min(hj-hi, maxVocabHits))
	}
}

// containsLang reports whether langs holds l.
func containsLang(langs []string, l string) bool {
	for _, x := range langs {
		if x == l {
			return true
		}
	}
	return false
}

// hanEvidence scores Chinese and Japanese for a text without kana, where
// lingua always says Chinese, and adds their support vocabulary (hits,
// weight w per word). A character only one of them writes decides. Without
// one, a word or two (up to six characters) is a close call that a hint or
// the conversation settles; when neither speaks, the text leans Chinese,
// which is written in these characters alone, while Japanese almost always
// has kana. The vocabulary only turns the lean: an entry can match inside
// a longer word of the other language (Chinese 感到着急 holds Japanese 到着),
// so a hint or the conversation still decides. A Japanese customer who
// writes 確認 with a Japanese browser or in a Japanese conversation keeps
// Japanese. Longer text without a telling character is Chinese unless its
// vocabulary says otherwise: a Japanese sentence without a single kana is
// rare.
func hanEvidence(c Cleaned, ev *evidence, hits map[string]int, w float64) {
	zh, ja := -1, -1
	for i, l := range ev.langs {
		switch l {
		case "zh":
			zh = i
		case "ja":
			ja = i
		}
	}
	if zh < 0 || ja < 0 {
		addVocabulary(ev, hits, w)
		return
	}
	sets := hanCharsets()
	zhMarks := strings.ContainsFunc(c.Text, sets.chineseOnly)
	jaMarks := strings.ContainsFunc(c.Text, sets.japaneseOnly)
	switch {
	case zhMarks && !jaMarks:
		ev.scores[zh], ev.scores[ja] = 0, math.Log(minConfidence)
	case jaMarks && !zhMarks:
		ev.scores[zh], ev.scores[ja] = math.Log(minConfidence), 0
	case sizeOf(c) <= sizeTiny:
		// Kanji without a telling letter: lingua cannot separate the
		// two, so neither wins a word or two outright.
		lean, other := zh, ja
		if hits["ja"] > hits["zh"] {
			lean, other = ja, zh
		}
		ev.scores[lean], ev.scores[other] = 0, math.Log(0.5)
		ev.lean, ev.leanOver = ev.langs[lean], ev.langs[other]
		return
	default:
		ev.scores[zh], ev.scores[ja] = 0, math.Log(0.05)
	}
	addVocabulary(ev, hits, w)
}

// posterior turns log-odds into probabilities, best first.
func posterior(langs []string, scores []float64) []candidate {
	out := make([]candidate, len(langs))
	maxS := math.Inf(-1)
	for _, s := range scores {
		maxS = math.Max(maxS, s)
	}
	sum := 0.0
	for i, l := range langs {
		p := math.Exp(scores[i] - maxS)
		out[i] = candidate{lang: l, p: p}
		sum += p
	}
	for i := range out {
		out[i].p /= sum
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].p > out[j].p })
	return out
}

// candidate is one language with its posterior probability.
type candidate struct {
	lang string
	p    float64
}

// confidences returns lingua's confidence per language code: from the
// merged table once it is loaded, else from lingua's trigram models.
func (d *Detector) confidences(text string) map[string]float64 {
	conf := make(map[string]float64, len(d.langs))
	if sc := d.scorer.Load(); sc != nil {
		for i, v := range sc.confidences(text) {
			conf[code(sc.langs[i])] = v
		}
		return conf
	}
	det := d.high
	if !d.full.Load() {
		det = d.low
	}
	for _, v := range det.ComputeLanguageConfidenceValues(text) {
		conf[code(v.Language())] = v.Value()
	}
	return conf
}
