package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/detect"
)

// tally counts answers against the truth; the rest abstained.
type tally struct{ n, right, wrong int }

func (t *tally) add(truth, got string) {
	t.n++
	switch got {
	case truth:
		t.right++
	case translate.Undetermined:
	default:
		t.wrong++
	}
}

func pct(a, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(n))
}

func (t tally) row(name string) string {
	// The counts with the percentages: a target such as "at most 0.8%
	// wrong" can sit closer to a result than one decimal shows.
	return fmt.Sprintf("| %s | %d | %s (%d) | %s (%d) | %s |", name, t.n, pct(t.right, t.n), t.right, pct(t.wrong, t.n), t.wrong, pct(t.right+t.wrong, t.n))
}

const tallyHeader = "| set | lines | right | wrong | answered |\n|---|---|---|---|---|"

// detectAll detects every input on all cores.
func detectAll(ctx context.Context, d translate.Detector, in []translate.DetectInput) ([]translate.Detection, error) {
	out := make([]translate.Detection, len(in))
	errs := make([]error, len(in))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(in); i += workers {
				out[i], errs[i] = d.Detect(ctx, in[i])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// linguaSet reads one kind of lingua's test set for the languages given.
func linguaSet(dir, kind string, langs []string) (texts, truth []string, err error) {
	for _, l := range langs {
		lines, err := readLines(filepath.Join(dir, kind, l+".txt"))
		if err != nil {
			return nil, nil, fmt.Errorf("lingua test set (see bench/detect/README.md): %w", err)
		}
		for _, t := range lines {
			texts = append(texts, t)
			truth = append(truth, l)
		}
	}
	return texts, truth, nil
}

var linguaKinds = []string{"sentences", "word-pairs", "single-words"}

func measureLingua(ctx context.Context, d *detect.Detector, o options, out io.Writer) error {
	langs := d.Languages()
	fmt.Fprintf(out, "\n### lingua test set (%d languages, each line alone)\n\n%s\n", len(langs), tallyHeader)
	confusions := map[string]int{}
	perLang := map[string]map[string]*tally{} // kind → language → tally
	for _, kind := range linguaKinds {
		perLang[kind] = map[string]*tally{}
		texts, truth, err := linguaSet(o.testdata, kind, langs)
		if err != nil {
			return err
		}
		in := make([]translate.DetectInput, len(texts))
		for i, t := range texts {
			in[i] = translate.DetectInput{Text: t}
		}
		got, err := detectAll(ctx, d, in)
		if err != nil {
			return err
		}
		var t tally
		for i, g := range got {
			t.add(truth[i], g.Language)
			if perLang[kind][truth[i]] == nil {
				perLang[kind][truth[i]] = &tally{}
			}
			perLang[kind][truth[i]].add(truth[i], g.Language)
			if g.Language != truth[i] && g.Language != translate.Undetermined {
				confusions[kind+" "+truth[i]+"→"+g.Language]++
			}
			if verbose() && g.Language != truth[i] && kind == "sentences" {
				fmt.Fprintf(out, "  miss %s→%s %q %v\n", truth[i], g.Language, texts[i], g.Candidates)
			}
		}
		fmt.Fprintln(out, t.row(kind))
	}
	printConfusions(out, confusions)
	printPerLanguage(out, langs, perLang)
	if o.baseline {
		return measureBaseline(langs, o, out)
	}
	return nil
}

// printPerLanguage prints right and wrong per language and kind.
func printPerLanguage(out io.Writer, langs []string, perLang map[string]map[string]*tally) {
	fmt.Fprintf(out, "\nPer language, right / wrong:\n\n| language | %s |\n|---|%s\n", strings.Join(linguaKinds, " | "), strings.Repeat("---|", len(linguaKinds)))
	for _, l := range langs {
		row := []string{l}
		for _, kind := range linguaKinds {
			t := perLang[kind][l]
			if t == nil {
				row = append(row, "-")
				continue
			}
			row = append(row, pct(t.right, t.n)+" / "+pct(t.wrong, t.n))
		}
		fmt.Fprintf(out, "| %s |\n", strings.Join(row, " | "))
	}
}

// verbose reports whether BENCH_VERBOSE asks for every miss.
func verbose() bool { return os.Getenv("BENCH_VERBOSE") != "" }

// printConfusions prints the ten most frequent wrong answers.
func printConfusions(out io.Writer, confusions map[string]int) {
	keys := make([]string, 0, len(confusions))
	for k := range confusions {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return confusions[keys[i]] > confusions[keys[j]] })
	var parts []string
	for i, k := range keys {
		if i == 10 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", k, confusions[k]))
	}
	fmt.Fprintf(out, "\nMost frequent wrong answers: %s\n", strings.Join(parts, ", "))
}

func measureHints(ctx context.Context, d *detect.Detector, o options, out io.Writer) error {
	langs := d.Languages()
	rng := rand.New(rand.NewPCG(uint64(o.seed), 2))
	fmt.Fprintf(out, "\n### hints: true for 70%% of lines, another of the %d languages for 30%%\n\n%s\n", len(langs), tallyHeader)
	for _, kind := range []string{"sentences", "single-words"} {
		texts, truth, err := linguaSet(o.testdata, kind, langs)
		if err != nil {
			return err
		}
		in := make([]translate.DetectInput, len(texts))
		var trueHint, wrongHint []int
		for i, t := range texts {
			hint := truth[i]
			if rng.Float64() >= 0.7 {
				for hint == truth[i] {
					hint = langs[rng.IntN(len(langs))]
				}
				wrongHint = append(wrongHint, i)
			} else {
				trueHint = append(trueHint, i)
			}
			in[i] = translate.DetectInput{Text: t, Hints: []string{hint}}
		}
		got, err := detectAll(ctx, d, in)
		if err != nil {
			return err
		}
		var all, right, wrong tally
		for i, g := range got {
			all.add(truth[i], g.Language)
		}
		for _, i := range trueHint {
			right.add(truth[i], got[i].Language)
		}
		for _, i := range wrongHint {
			wrong.add(truth[i], got[i].Language)
		}
		fmt.Fprintln(out, all.row(kind))
		fmt.Fprintln(out, right.row(kind+", true hint"))
		fmt.Fprintln(out, wrong.row(kind+", wrong hint"))
	}
	return nil
}

func measureConversations(ctx context.Context, d *detect.Detector, o options, out io.Writer) error {
	langs := d.Languages()
	rng := rand.New(rand.NewPCG(uint64(o.seed), 3))
	type conv struct {
		lang string
		msgs [3]string
	}
	var convs []conv
	for _, l := range langs {
		lines, err := readLines(filepath.Join(o.testdata, "word-pairs", l+".txt"))
		if err != nil {
			return err
		}
		for range o.perLang {
			c := conv{lang: l}
			for k := range c.msgs {
				c.msgs[k] = lines[rng.IntN(len(lines))]
			}
			convs = append(convs, c)
		}
	}
	var steps [3]tally
	prior := make([]*translate.Prior, len(convs))
	for k := range 3 {
		in := make([]translate.DetectInput, len(convs))
		for i, c := range convs {
			in[i] = translate.DetectInput{Text: c.msgs[k], Conversation: prior[i]}
		}
		got, err := detectAll(ctx, d, in)
		if err != nil {
			return err
		}
		for i, g := range got {
			prior[i] = translate.NextPrior(prior[i], g)
			steps[k].add(convs[i].lang, g.Language)
		}
	}
	fmt.Fprintf(out, "\n### conversations of three word pairs (%d per language)\n\n%s\n", o.perLang, tallyHeader)
	for k, t := range steps {
		fmt.Fprintln(out, t.row(fmt.Sprintf("message %d", k+1)))
	}
	return nil
}
