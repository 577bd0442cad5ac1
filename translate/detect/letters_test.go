package detect

import (
	"math"
	"testing"
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
		{"商品", "zh", 0.5}, // no telling letter: a close call
		{"注文", "zh", 0.5}, // Japanese writes it, and so does Chinese
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
			hanEvidence(Clean(tt.text), &ev)
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
	v := newVocabulary([]string{"es", "pt", "zh", "ja"})
	tests := []struct {
		text string
		want map[string]int
	}{
		{"devolucion por favor", map[string]int{"es": 3, "pt": 2}},
		{"obrigado", map[string]int{"pt": 1}},
		{"我要退款", map[string]int{"zh": 1}},
		{"xyz", map[string]int{}},
	}
	for _, tt := range tests {
		got := v.hits(Clean(tt.text))
		for l, n := range tt.want {
			if got[l] != n {
				t.Errorf("hits(%q)[%s] = %d, want %d (all: %v)", tt.text, l, got[l], n, got)
			}
		}
		if len(tt.want) == 0 && len(got) != 0 {
			t.Errorf("hits(%q) = %v, want none", tt.text, got)
		}
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
