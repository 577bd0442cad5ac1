package detect

import (
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/parleyhq/parley/translate"
)

func TestLetterEvidence(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the language that must come out on top, "" for a tie
	}{
		{"ukrainian letter", "їжа", "uk"},
		{"russian letter", "мы", "ru"},
		{"persian letter", "گفت", "fa"},
		{"arabic letter", "مدينة", "ar"},
		{"no marker keeps the order but halves the gap", "так", "ru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Clean(tt.text)
			langs := map[script][]string{scriptCyrillic: {"ru", "uk"}, scriptArabic: {"ar", "fa"}}[c.script]
			// The first language starts ahead by 2 nats.
			ev := evidence{langs: langs, scores: []float64{0, -2}}
			letterEvidence(c, &ev)
			p := posterior(ev.langs, ev.scores)
			if p[0].lang != tt.want {
				t.Errorf("letterEvidence(%q) top = %s, want %s (%v)", tt.text, p[0].lang, tt.want, p)
			}
			if tt.name == "no marker keeps the order but halves the gap" && math.Abs(ev.scores[0]-ev.scores[1]-1) > 1e-9 {
				t.Errorf("letterEvidence(%q) gap = %v, want 1", tt.text, ev.scores[0]-ev.scores[1])
			}
		})
	}
}

func TestWeakMarkers(t *testing.T) {
	tests := []struct {
		name string
		text string
		gap  float64 // Arabic's score minus Persian's, from a tie
	}{
		{"arabic yeh alone is a weak marker", "كار", weakMarkerWeight},
		{"arabic kaf alone is a weak marker", "نمي", weakMarkerWeight},
		{"a persian marker outweighs it and it does not count", "برگردانيد", -markerWeight},
		{"an arabic marker counts once", "مدينة", markerWeight},
		{"no marker of either kind", "سلام", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evidence{langs: []string{"ar", "fa"}, scores: []float64{0, 0}}
			letterEvidence(Clean(tt.text), &ev)
			if got := ev.scores[0] - ev.scores[1]; math.Abs(got-tt.gap) > 1e-9 {
				t.Errorf("letterEvidence(%q) ar−fa = %v, want %v", tt.text, got, tt.gap)
			}
		})
	}
}

func TestHanEvidence(t *testing.T) {
	tests := []struct {
		text string
		want string
		// minP is the least probability the winner must have.
		minP float64
	}{
		{"这个订单", "zh", 0.99},
		{"気になる", "ja", 0.99}, // kana; handled before, but markers agree
		{"円", "ja", 0.99},
		{"商品", "zh", 0.5}, // no telling letter, both vocabularies: a close call
		{"注文", "ja", 0.5}, // Japanese vocabulary; Chinese writes it too: a close call
		// The character sets tell these: 谢, 发 and 货 are in GB 2312 and
		// not in JIS X 0208; 変 and 払 only in JIS X 0208.
		{"谢谢", "zh", 0.99},
		{"发货", "zh", 0.99},
		{"說明", "zh", 0.99}, // traditional: Big5, not JIS X 0208 (説)
		{"変更", "ja", 0.99},
		{"支払", "ja", 0.99},
		// Only the character sets tell these (no hand-written letter).
		{"発送", "ja", 0.99},
		{"関係", "ja", 0.99},
		{"德国", "zh", 0.99},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ev := evidence{langs: []string{"zh", "ja"}, scores: []float64{0, -5}}
			c := Clean(tt.text)
			hanEvidence(c, &ev, hanVocabulary.hits(c), DefaultThresholds.Vocabulary)
			p := posterior(ev.langs, ev.scores)
			if p[0].lang != tt.want || p[0].p < tt.minP {
				t.Errorf("hanEvidence(%q) = %v, want %s with at least %v", tt.text, p, tt.want, tt.minP)
			}
			if tt.minP == 0.5 && p[0].p > 0.9 {
				t.Errorf("hanEvidence(%q) = %v, want a close call", tt.text, p)
			}
		})
	}
}

func TestVocabularyHits(t *testing.T) {
	v := newVocabulary([]string{"es", "pt", "zh", "ja", "ar", "fa", "fr", "en"})
	tests := []struct {
		text string
		want map[string]int
	}{
		{"devolucion por favor", map[string]int{"es": 3, "pt": 2}},
		{"obrigado", map[string]int{"pt": 1}},
		{"我要退款", map[string]int{"zh": 1}},
		// Persian کار on an Arabic keyboard layout; كي, from Persian
		// کی, is too short to count (Arabic writes it too).
		{"كار", map[string]int{"fa": 1}},
		{"كي", map[string]int{}},
		// Arabic with its vowel marks; Persian's own letters never find
		// an Arabic word (Arabic "كيف", Persian "کیف").
		{"شُكْرًا", map[string]int{"ar": 1}},
		{"کیف", map[string]int{}},
		{"xyz", map[string]int{}},
		// A word written with a language's apostrophe pattern counts as
		// two, and the word after an elision is looked up on its own; a
		// vocabulary word with an apostrophe counts as one word, however
		// the apostrophe is typed.
		{"м'ясо", map[string]int{"uk": 2}},
		{"мʼясо", map[string]int{"uk": 2}},
		{"dell'ordine, l'indirizzo", map[string]int{"it": 4, "fr": 2, "ca": 2}},
		{"l'pedido", map[string]int{}}, // no elision before a consonant
		{"l'articolo", map[string]int{"it": 2, "fr": 2, "ca": 2}},
		{"aujourd'hui", map[string]int{"fr": 1}},
		{"aujourd’hui", map[string]int{"fr": 1}},
		{"l'adresse", map[string]int{"fr": 2, "it": 2, "ca": 2}},
		// The word after an elision counts for the eliding languages
		// only: "dell'email" is no English.
		{"l'article", map[string]int{"fr": 3, "it": 2, "ca": 2}},
		{"dell'email", map[string]int{"it": 2}},
		// A name is no elision.
		{"Maria D'Amico", map[string]int{}},
	}
	for _, tt := range tests {
		got := v.hits(Clean(tt.text))
		if !maps.Equal(got, tt.want) {
			t.Errorf("hits(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	// A vocabulary word is not counted again for its apostrophe.
	own := vocabulary{words: map[string][]string{"l'ordine": {"it"}}}
	if got, want := own.hits(Clean("l'ordine")), map[string]int{"it": 1}; !maps.Equal(got, want) {
		t.Errorf("hits(l'ordine) with l'ordine in the vocabulary = %v, want %v", got, want)
	}
}

// Malay and Indonesian share most words; the vocabulary's markers are words
// only one of them uses, and tip a message the other way from lingua's
// n-grams, which cannot tell them apart.
func TestVocabularyTellsMalayFromIndonesian(t *testing.T) {
	v := newVocabulary([]string{"id", "ms"})
	tests := []struct {
		text, more string
	}{
		{"nggak ada nomor", "id"},
		{"gimana cara unduh fakturnya", "id"},
		{"mesej tak sampai kerana nombor salah", "ms"},
		{"ada maklumat syarikat", "ms"},
		{"encik, barang masih takde", "ms"}, // colloquial Malay
	}
	for _, tt := range tests {
		got := v.hits(Clean(tt.text))
		other := "ms"
		if tt.more == "ms" {
			other = "id"
		}
		if got[tt.more] <= got[other] {
			t.Errorf("hits(%q) = %v, want more for %s than for %s", tt.text, got, tt.more, other)
		}
	}
}

// A word close languages both write counts for all of them: listed for one
// only, it would tell them apart where nothing does ("pengene retur?" is
// Danish as much as Norwegian).
func TestVocabularySharedByCloseLanguages(t *testing.T) {
	v := newVocabulary([]string{"da", "nb", "sv", "cs", "sk", "ru", "uk", "bg", "sr", "pl", "es", "pt", "it", "fr", "de", "nl", "ar", "fa"})
	for w, want := range map[string][]string{
		"retur":   {"da", "nb", "sv"},
		"virker":  {"da", "nb"},
		"pakken":  {"da", "nb"},
		"fått":    {"nb", "sv"},
		"betalt":  {"da", "nb", "sv"},
		"dorazil": {"cs", "sk"},
		"stále":   {"cs", "sk"},
		"уже":     {"ru", "uk"},
		"моя":     {"bg", "ru", "uk"},
		"moje":    {"cs", "pl", "sk"},
		"era":     {"es", "it", "pt"},
		"que":     {"es", "fr", "pt"},
		"dank":    {"de", "nl"},
		"пакет":   {"bg", "ru", "sr", "uk"},
		"بعد":     {"ar", "fa"},
	} {
		got := slices.Clone(v.lookUp(w, scriptOf([]rune(w)[0])))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("vocabulary look-up of %q = %v, want %v", w, got, want)
		}
	}
}

// hanVocabulary is the support vocabulary of Chinese and Japanese.
var hanVocabulary = newVocabulary([]string{"zh", "ja"})

// hanScored cleans text and scores it as hanEvidence does in evidence,
// from even scores for Chinese and Japanese.
func hanScored(text string) (Cleaned, evidence) {
	c := Clean(text)
	ev := evidence{langs: []string{"zh", "ja"}, scores: []float64{0, 0}}
	hanEvidence(c, &ev, hanVocabulary.hits(c), DefaultThresholds.Vocabulary)
	return c, ev
}

// TestDecideHanLean: a word or two of characters that Chinese and Japanese
// both write is a close call. With nothing else to go on it is answered as
// it leans, Chinese unless a Japanese support word turns it; a hint or the
// conversation decides first, even against the vocabulary, whose entries
// can be part of a longer word of the other language.
func TestDecideHanLean(t *testing.T) {
	d := &Detector{th: DefaultThresholds}
	ja := &translate.Prior{Language: "ja", Confidence: 0.9, Source: translate.SourceDetected}
	zh := &translate.Prior{Language: "zh", Confidence: 0.9, Source: translate.SourceDetected}
	tests := []fusionCase{
		{"a shared word alone", "確認", nil, nil, "zh", translate.SourceDetected},
		{"one shared character", "工", nil, nil, "zh", translate.SourceDetected},
		{"three shared words", "商品品質確認", nil, nil, "zh", translate.SourceDetected},
		{"a Japanese hint", "確認", []string{"ja-JP"}, nil, "ja", translate.SourceHint},
		{"an Accept-Language that prefers Japanese", "確認", []string{"ja,en-US;q=0.8"}, nil, "ja", translate.SourceHint},
		{"a hint in another script", "確認", []string{"en-US"}, nil, "zh", translate.SourceDetected},
		{"a Japanese conversation", "確認", nil, ja, "ja", translate.SourceConversation},
		{"a Chinese conversation", "確認", nil, zh, "zh", translate.SourceConversation},
		{"a Japanese support word turns the lean", "注文", nil, nil, "ja", translate.SourceDetected},
		{"a Chinese hint beats a Japanese support word", "注文", []string{"zh-CN"}, nil, "zh", translate.SourceHint},
		{"a Chinese conversation beats a Japanese support word", "注文", nil, zh, "zh", translate.SourceConversation},
		{"a word both write is no Japanese support word", "有問題", nil, nil, "zh", translate.SourceDetected},
		{"a word both write is no Chinese support word", "注文取消", nil, nil, "ja", translate.SourceDetected},
		{"a Japanese hint beats Chinese vocabulary", "我的商品", []string{"ja"}, nil, "ja", translate.SourceHint},
		{"a Japanese-only character beats the lean", "発送", nil, nil, "ja", translate.SourceDetected},
		{"a Chinese-only character", "发货", []string{"ja"}, nil, "zh", translate.SourceDetected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ev := hanScored(tt.text)
			tt.check(t, d.decide(c, ev, tt.input()))
		})
	}
	// The lean is an answer, not certainty: it stays below the answer
	// threshold, so that a conversation it starts gives way to the next
	// message that says Japanese.
	for _, text := range []string{"確認", "注文"} {
		c, ev := hanScored(text)
		if got := d.decide(c, ev, translate.DetectInput{Text: text}); got.Confidence >= DefaultThresholds.Answer[sizeOf(c)] || got.Confidence >= DefaultThresholds.Sticky {
			t.Errorf("decide(%q) confidence = %v, want below the answer threshold %v and Sticky %v",
				text, got.Confidence, DefaultThresholds.Answer[sizeOf(c)], DefaultThresholds.Sticky)
		}
	}
	// A lean the scores do not bear out is not an answer.
	c := Clean("確認")
	ev := evidence{langs: []string{"zh", "ja"}, scores: []float64{-0.5, 0}, lean: "zh"}
	if got := d.decide(c, ev, translate.DetectInput{Text: "確認"}); got.Language != translate.Undetermined {
		t.Errorf("decide with a lean against the scores = %s, want und", got.Language)
	}
}
