package translate

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"
)

// Outcome is the result of one text in a batch: a Result or an error.
type Outcome struct {
	Result Result
	Err    error
}

// BatchTranslator is a Translator that can translate several texts for the
// same language pair in one call, which saves the per-call overhead (for a
// chat model, the instructions) on every text but the first.
type BatchTranslator interface {
	Translator
	// TranslateBatch translates reqs, which all share From and To, in one
	// call, and returns one Outcome per request in order, each carrying its
	// share of the call's usage. A text the provider left out or garbled
	// has an Err (a *CheckError); a failure of the whole call is returned as
	// the error, wrapping the same sentinels as Translate.
	TranslateBatch(ctx context.Context, reqs []Request) ([]Outcome, error)
}

// BatchConfig says which texts travel together. Zero values take the
// defaults.
type BatchConfig struct {
	// MaxItems caps the texts in one call (default 20).
	MaxItems int
	// MaxItemChars is the longest text that is batched (default 500);
	// longer ones go alone.
	MaxItemChars int
	// MaxChars caps the characters of all texts in one call (default 4000).
	MaxChars int
}

func (c BatchConfig) withDefaults() BatchConfig {
	if c.MaxItems == 0 {
		c.MaxItems = 20
	}
	if c.MaxItemChars == 0 {
		c.MaxItemChars = 500
	}
	if c.MaxChars == 0 {
		c.MaxChars = 4000
	}
	return c
}

type pair struct{ from, to string }

// TranslateAll translates every request and returns one Outcome per request,
// in order. It is for a caller holding several waiting texts (the pipeline's
// pending translations): cached texts are answered from the cache, short
// texts for the same language pair go out together in batched calls when
// the provider can batch, and the rest go one by one. It never waits for
// more texts to arrive: one request is simply translated at once. Every
// batched answer is checked on its own, and one that fails its checks is
// translated again alone with the stricter prompt, as Translate retries.
func (s *Service) TranslateAll(ctx context.Context, reqs []Request) []Outcome {
	outs := make([]Outcome, len(reqs))
	groups := map[pair][]int{}
	var order []pair
	var singles, retries []int
	for i, r := range reqs {
		if res, ok, err := s.early(ctx, r); ok {
			outs[i] = Outcome{Result: res, Err: err}
			continue
		}
		if !s.meter.CanBatch() || utf8.RuneCountInString(r.Text) > s.batch.MaxItemChars {
			singles = append(singles, i)
			continue
		}
		k := pair{normalizeTag(r.From), normalizeTag(r.To)}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		idx := groups[k]
		if len(idx) == 1 {
			singles = append(singles, idx[0])
			continue
		}
		for _, b := range s.chunk(reqs, idx) {
			alone, again := s.runBatch(ctx, reqs, b, outs)
			singles, retries = append(singles, alone...), append(retries, again...)
		}
	}
	for _, i := range singles {
		res, err := s.translateMissed(ctx, reqs[i])
		outs[i] = Outcome{Result: res, Err: err}
	}
	for _, i := range retries {
		strict := reqs[i]
		strict.Strict = true
		res, err := s.translateMissed(ctx, strict)
		outs[i] = Outcome{Result: res, Err: err}
	}
	return outs
}

// chunk cuts one pair's requests into batches within the item and size caps.
func (s *Service) chunk(reqs []Request, idx []int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for _, i := range idx {
		n := utf8.RuneCountInString(reqs[i].Text)
		if len(cur) > 0 && (len(cur) == s.batch.MaxItems || size+n > s.batch.MaxChars) {
			out, cur, size = append(out, cur), nil, 0
		}
		cur = append(cur, i)
		size += n
	}
	return append(out, cur)
}

// runBatch translates reqs[idx...] in one call and fills outs. It returns
// the indexes to translate alone instead, and those whose batched answer
// failed its checks, which get the stricter retry alone.
func (s *Service) runBatch(ctx context.Context, reqs []Request, idx []int, outs []Outcome) (alone, again []int) {
	if len(idx) == 1 {
		return idx, nil
	}
	batch := make([]Request, len(idx))
	for j, i := range idx {
		batch[j] = reqs[i]
	}
	res, err := s.meter.TranslateBatch(ctx, batch)
	if errors.Is(err, ErrRejected) || (err == nil && len(res) != len(batch)) {
		return idx, nil // the provider refused this batch; each text may still pass alone
	}
	if err != nil {
		for _, i := range idx {
			outs[i] = Outcome{Err: err}
		}
		return nil, nil
	}
	for j, i := range idx {
		o := res[j]
		if o.Err == nil {
			text, cerr := s.verifier.Check(ctx, reqs[i], o.Result.Text)
			if cerr == nil {
				o.Result.Text = text
				s.store(ctx, reqs[i], o.Result)
				outs[i] = o
				continue
			}
		}
		again = append(again, i)
	}
	return nil, again
}

// SplitUsage divides the usage of one batched call among its texts: prompt
// tokens and characters by the inputs' lengths, completion tokens by the
// outputs' lengths. The shares add up to total exactly.
func SplitUsage(total Usage, in, out []string) []Usage {
	inW, outW := make([]int, len(in)), make([]int, len(out))
	for i, s := range in {
		inW[i] = utf8.RuneCountInString(s)
	}
	for i, s := range out {
		outW[i] = utf8.RuneCountInString(strings.TrimSpace(s))
	}
	p, c, ch := share(total.PromptTokens, inW), share(total.CompletionTokens, outW), share(total.Characters, inW)
	u := make([]Usage, len(in))
	for i := range u {
		u[i] = Usage{PromptTokens: p[i], CompletionTokens: c[i], Characters: ch[i]}
	}
	return u
}

// share splits total in proportion to weights, handing the rounding
// remainder out one by one from the first; equal parts when every weight is
// zero.
func share(total int, weights []int) []int {
	out := make([]int, len(weights))
	if len(weights) == 0 {
		return out
	}
	sum := 0
	for _, w := range weights {
		sum += w
	}
	if sum == 0 {
		for i := range weights {
			weights[i] = 1
		}
		sum = len(weights)
	}
	given := 0
	for i, w := range weights {
		out[i] = total * w / sum
		given += out[i]
	}
	for i := 0; given < total; i = (i + 1) % len(out) {
		if weights[i] > 0 {
			out[i]++
			given++
		}
	}
	return out
}
