package detect

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// scorer computes lingua's confidence values, as lingua-go v1.4.0's
// ComputeLanguageConfidenceValues does in high-accuracy mode, from the
// merged table: the same rules, the same n-grams with the same fallback to
// shorter ones, the same normalization by known unigrams, and the same
// softmax, computed in log space.
type scorer struct {
	langs []lingua.Language
	t     *table
	rules *rules
}

// highAccuracyBelow is the length under which lingua judges on 1- to
// 5-grams; longer texts are judged on trigrams.
const highAccuracyBelow = 120

// confidences returns the confidence of each of s.langs, aligned; all zero
// when the text gives nothing to go on.
func (s *scorer) confidences(text string) []float64 {
	vals := make([]float64, len(s.langs))
	words := splitLinguaWords(strings.ToLower(text))
	if len(words) == 0 {
		return vals
	}
	if l := s.rules.decide(words); l != ruleUnknown {
		if i := s.rules.index(l); i >= 0 {
			vals[i] = 1
		}
		return vals
	}
	filtered := s.rules.filter(words)
	if len(filtered) == 1 {
		vals[filtered[0]] = 1
		return vals
	}
	in := make([]bool, len(s.langs))
	for _, i := range filtered {
		in[i] = true
	}
	orders := []int{1, 2, 3, 4, 5}
	if letterCount(words) >= highAccuracyBelow {
		orders = []int{3}
	}
	sums := make([]float64, len(s.langs))
	known := make([]bool, len(s.langs)) // scored by at least one order
	var unigrams []string
	var uni []bool // languages whose unigrams are counted
	order := make([]float64, len(s.langs))
	resolved := make([]bool, len(s.langs))
	for _, n := range orders {
		grams := ngramsOf(words, n)
		if n == 1 {
			unigrams = grams
		}
		clear(order)
		for _, g := range grams {
			clear(resolved)
			left := len(filtered)
			// lingua falls back from an n-gram to its prefixes, per
			// language, until one is known.
			for m := n; m >= 1 && left > 0; m-- {
				ls, ps := s.t.lookup(prefix(g, m))
				for j, l := range ls {
					if in[l] && !resolved[l] {
						resolved[l] = true
						order[l] += float64(ps[j])
						left--
					}
				}
			}
		}
		for _, i := range filtered {
			if order[i] < 0 {
				sums[i] += order[i]
				known[i] = true
			}
		}
		if n == 1 {
			// Unigrams are counted for the languages that know any.
			uni = make([]bool, len(s.langs))
			for _, i := range filtered {
				uni[i] = order[i] < 0
			}
			if !anyTrue(uni, filtered) {
				for _, i := range filtered {
					uni[i] = true
				}
			}
		}
	}
	if uni != nil {
		counts := make([]int, len(s.langs))
		for _, g := range unigrams {
			ls, _ := s.t.lookup(g)
			for _, l := range ls {
				if uni[l] {
					counts[l]++
				}
			}
		}
		for _, i := range filtered {
			if counts[i] > 0 {
				sums[i] /= float64(counts[i])
			}
		}
	}
	best := math.Inf(-1)
	for _, i := range filtered {
		if known[i] && sums[i] != 0 {
			best = math.Max(best, sums[i])
		}
	}
	if math.IsInf(best, -1) {
		return vals
	}
	total := 0.0
	for _, i := range filtered {
		if known[i] && sums[i] != 0 {
			vals[i] = math.Exp(sums[i] - best)
			total += vals[i]
		}
	}
	for i := range vals {
		vals[i] /= total
	}
	return vals
}

func anyTrue(in []bool, idx []int) bool {
	for _, i := range idx {
		if in[i] {
			return true
		}
	}
	return false
}

// ngramsOf returns the distinct n-grams of n letters in words, sorted.
func ngramsOf(words []string, n int) []string {
	var out []string
	var offs []int
	for _, w := range words {
		// Byte offsets of each letter, and of the end.
		offs = offs[:0]
		for i := range w {
			offs = append(offs, i)
		}
		offs = append(offs, len(w))
		for i := 0; i+n < len(offs); i++ {
			out = append(out, w[offs[i]:offs[i+n]])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// prefix returns the first m letters of g.
func prefix(g string, m int) string {
	i := 0
	for range m {
		_, size := utf8.DecodeRuneInString(g[i:])
		i += size
	}
	return g[:i]
}
