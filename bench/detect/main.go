// Command detect measures Parley's language detector against the targets of
// the detection issue: lingua's published test set, the held-out helpdesk
// corpus, hints that are right 70% of the time, three-message
// conversations, throughput, memory and time to ready. It prints Markdown
// tables. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/parleyhq/parley/translate/detect"
)

// linguaLanguages are the 20 languages of the lingua baseline.
const linguaLanguages = "ar,de,en,es,fa,fr,he,hi,id,it,ja,ko,nl,pl,pt,ru,tr,uk,vi,zh"

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "detect bench:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	mode     string
	langs    string
	testdata string
	corpus   string
	seed     int64
	perLang  int
	duration string
	baseline bool
	maxProcs int
	cpuProf  string
	answer   string
	vocab    float64
	hint     float64
	fallback float64
	dicts    string
	dictW    float64
	lists    string
	freqW    float64
	lexW     float64
	coverage float64
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("detect", flag.ContinueOnError)
	fs.StringVar(&o.mode, "mode", "all", "what to measure: all, lingua, corpus, hints, conv, speed, load")
	fs.StringVar(&o.langs, "langs", linguaLanguages, `languages to load ("default" for the default set)`)
	fs.StringVar(&o.testdata, "testdata", defaultTestdata(), "lingua's cmd/language-testdata directory")
	fs.StringVar(&o.corpus, "corpus", "translate/detect/testdata/heldout.tsv", "helpdesk corpus (TSV)")
	fs.Int64Var(&o.seed, "seed", 1, "random seed for hints and conversations")
	fs.IntVar(&o.perLang, "conversations", 300, "conversations per language")
	fs.StringVar(&o.duration, "duration", "5s", "how long the speed test runs")
	fs.BoolVar(&o.baseline, "baseline", false, "also measure plain lingua (high accuracy) on lingua's test set")
	fs.IntVar(&o.maxProcs, "procs", 1, "GOMAXPROCS for the speed test")
	fs.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.StringVar(&o.answer, "answer", "", "answer thresholds per length class (word,tiny,short,long); empty: the defaults")
	fs.Float64Var(&o.vocab, "vocab", 0, "vocabulary weight; 0: the default")
	fs.Float64Var(&o.hint, "hint", 0, "hint weight; 0: the default")
	fs.Float64Var(&o.fallback, "hint-fallback", -1, "posterior the text needs to answer against a hint; -1: the default")
	fs.StringVar(&o.dicts, "dictionaries", os.Getenv("PARLEY_DICTIONARIES"), "Hunspell dictionary directory (PARLEY_DICTIONARIES); empty: none")
	fs.Float64Var(&o.dictW, "dict-weight", 0, "dictionary weight; 0: the default")
	fs.StringVar(&o.lists, "wordlists", os.Getenv("PARLEY_WORDLISTS"), "word list directory (PARLEY_WORDLISTS); empty: none")
	fs.Float64Var(&o.freqW, "freq-weight", -1, "word frequency weight; -1: the default")
	fs.Float64Var(&o.lexW, "lex-weight", -1, "lexicon weight; -1: the default")
	fs.Float64Var(&o.coverage, "coverage", -1, "share of a text's words its language's data must know; -1: the default")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.cpuProf != "" {
		f, err := os.Create(o.cpuProf)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if o.mode == "load" {
		return measureLoad(ctx, o, out)
	}
	langs := o.langs
	if langs == "default" {
		langs = ""
	}
	codes, err := detect.ParseLanguages(langs)
	if err != nil {
		return err
	}
	th, err := thresholds(o)
	if err != nil {
		return err
	}
	d, err := detect.Open(ctx, detect.Config{Languages: codes, Thresholds: th, Dictionaries: o.dicts, Wordlists: o.lists})
	if err != nil {
		return err
	}
	steps := map[string]func(context.Context, *detect.Detector, options, io.Writer) error{
		"lingua": measureLingua, "corpus": measureCorpus, "hints": measureHints,
		"conv": measureConversations, "speed": measureSpeed,
	}
	order := []string{"lingua", "corpus", "hints", "conv", "speed"}
	for _, name := range order {
		if o.mode != "all" && o.mode != name {
			continue
		}
		if err := steps[name](ctx, d, o, out); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// thresholds applies the -answer and -vocab flags to the defaults.
func thresholds(o options) (detect.Thresholds, error) {
	th := detect.DefaultThresholds
	if o.vocab != 0 {
		th.Vocabulary = o.vocab
	}
	if o.hint != 0 {
		th.Hint = o.hint
	}
	if o.dictW != 0 {
		th.Dictionary = o.dictW
	}
	if o.freqW >= 0 {
		th.Frequency = o.freqW
	}
	if o.lexW >= 0 {
		th.Lexicon = o.lexW
	}
	if o.coverage >= 0 {
		th.Coverage = o.coverage
	}
	if o.fallback >= 0 {
		th.HintFallback = o.fallback
	}
	if o.answer == "" {
		return th, nil
	}
	parts := strings.Split(o.answer, ",")
	if len(parts) != len(th.Answer) {
		return th, fmt.Errorf("-answer needs %d values", len(th.Answer))
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return th, fmt.Errorf("-answer: %w", err)
		}
		th.Answer[i] = v
	}
	return th, nil
}

// defaultTestdata is where lingua's test set is looked for first.
func defaultTestdata() string {
	if dir := os.Getenv("LINGUA_TESTDATA"); dir != "" {
		return dir
	}
	return "bench/detect/language-testdata"
}

// readLines reads the non-empty lines of a file.
func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}
