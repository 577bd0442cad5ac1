package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/pemistahl/lingua-go"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/detect"
)

// corpusLine is one line of the helpdesk corpus: language, class, text.
type corpusLine struct{ lang, class, text string }

// readCorpus reads a TSV corpus; "\n" in a text stands for a line break.
func readCorpus(path string) ([]corpusLine, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var out []corpusLine
	for _, l := range lines {
		if strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.SplitN(l, "\t", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("%s: bad line %q", path, l)
		}
		out = append(out, corpusLine{f[0], f[1], strings.ReplaceAll(f[2], `\n`, "\n")})
	}
	return out, nil
}

func measureCorpus(ctx context.Context, d *detect.Detector, o options, out io.Writer) error {
	lines, err := readCorpus(o.corpus)
	if err != nil {
		return err
	}
	in := make([]translate.DetectInput, len(lines))
	for i, l := range lines {
		in[i] = translate.DetectInput{Text: l.text}
	}
	got, err := detectAll(ctx, d, in)
	if err != nil {
		return err
	}
	tallies := map[string]*tally{"tiny": {}, "short": {}, "long": {}}
	confusions := map[string]int{}
	for i, g := range got {
		t, ok := tallies[lines[i].class]
		if !ok {
			return fmt.Errorf("unknown class %q", lines[i].class)
		}
		t.add(lines[i].lang, g.Language)
		if g.Language != lines[i].lang {
			confusions[fmt.Sprintf("%s %q→%s", lines[i].class, lines[i].text, g.Language)]++
		}
	}
	fmt.Fprintf(out, "\n### helpdesk corpus %s\n\n%s\n", o.corpus, tallyHeader)
	for _, c := range []string{"tiny", "short", "long"} {
		fmt.Fprintln(out, tallies[c].row(c))
	}
	for _, n := range []int{1, 2} {
		t, err := measureDerived(ctx, d, lines, n, 0)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, t.row(fmt.Sprintf("%d-word windows of the short and long texts", n)))
	}
	t, err := measureDerived(ctx, d, lines, 1, o.seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, t.row("1-word windows, hint true for 70%, wrong for 30%"))
	if verbose() {
		for k := range confusions {
			fmt.Fprintln(out, "  miss:", k)
		}
	}
	return nil
}

// measureDerived cuts the corpus's short and long texts into windows of n
// words (of three letters or more, no digits) and detects each alone: single
// words and word pairs in the corpus's own vocabulary.
// With a non-zero seed each window gets a hint, true 70% of the time.
func measureDerived(ctx context.Context, d *detect.Detector, lines []corpusLine, n int, seed int64) (tally, error) {
	rng := rand.New(rand.NewPCG(uint64(seed), 4))
	langs := d.Languages()
	var in []translate.DetectInput
	var truth []string
	for _, l := range lines {
		if l.class == "tiny" {
			continue
		}
		c := detect.Clean(l.text)
		var words []string
		for _, w := range strings.Fields(c.Text) {
			if len([]rune(w)) >= 3 {
				words = append(words, w)
			}
		}
		for i := 0; i+n <= len(words); i += n {
			di := translate.DetectInput{Text: strings.Join(words[i:i+n], " ")}
			if seed != 0 {
				hint := l.lang
				if rng.Float64() >= 0.7 {
					for hint == l.lang {
						hint = langs[rng.IntN(len(langs))]
					}
				}
				di.Hints = []string{hint}
			}
			in = append(in, di)
			truth = append(truth, l.lang)
		}
	}
	got, err := detectAll(ctx, d, in)
	if err != nil {
		return tally{}, err
	}
	var t tally
	for i, g := range got {
		t.add(truth[i], g.Language)
		if verbose() && seed == 0 && g.Language != truth[i] {
			fmt.Fprintf(os.Stderr, "%d-word window %q: %s, got %s %v\n", n, in[i].Text, truth[i], g.Language, g.Candidates)
		}
	}
	return t, nil
}

func measureSpeed(ctx context.Context, d *detect.Detector, o options, out io.Writer) error {
	lines, err := readCorpus(o.corpus)
	if err != nil {
		return err
	}
	var msgs []string
	for _, l := range lines {
		if l.class != "long" {
			msgs = append(msgs, l.text)
		}
	}
	dur, err := time.ParseDuration(o.duration)
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(o.maxProcs)
	defer runtime.GOMAXPROCS(prev)
	cpu0 := cpuTime()
	start := time.Now()
	n := 0
	for time.Since(start) < dur {
		if _, err := d.Detect(ctx, translate.DetectInput{Text: msgs[n%len(msgs)]}); err != nil {
			return err
		}
		n++
	}
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	fmt.Fprintf(out, "\n### speed\n\n%d tiny and short messages in %s with GOMAXPROCS=%d: %.0f messages/s of wall time; "+
		"%.0f messages per CPU-second (%s CPU, %.0f µs each); the CPU rate is the per-core figure on a shared machine\n",
		n, el.Round(time.Millisecond), o.maxProcs, float64(n)/el.Seconds(),
		float64(n)/cpu.Seconds(), cpu.Round(time.Millisecond), float64(cpu.Microseconds())/float64(n))
	return nil
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measureLoad reports time to ready, time to all models and RSS.
func measureLoad(ctx context.Context, o options, out io.Writer) error {
	langs := o.langs
	if langs == "default" {
		langs = ""
	}
	codes, err := detect.ParseLanguages(langs)
	if err != nil {
		return err
	}
	start := time.Now()
	d, err := detect.New(detect.Config{Languages: codes, Dictionaries: o.dicts, Wordlists: o.lists})
	if err != nil {
		return err
	}
	if err := d.Load(ctx); err != nil {
		return err
	}
	st, _ := d.Stats()
	fmt.Fprintf(out, "\n### load (%d languages)\n\nready (trigram models) after %s, all models after %s, everything after %s, n-gram table %d MiB\n",
		len(codes), st.Ready.Round(time.Millisecond), st.Full.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), st.TableBytes>>20)
	dataFiles(out, "dictionaries", st.Dictionaries)
	dataFiles(out, "word lists", st.Wordlists)
	dataFiles(out, "lexicons", st.Lexicons)
	fmt.Fprintf(out, "after load: %s\n", memory())
	lines, err := readCorpus(o.corpus)
	if err != nil {
		return err
	}
	for i := range 20000 {
		if _, err := d.Detect(ctx, translate.DetectInput{Text: lines[i%len(lines)].text}); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "after 20000 detections: %s\n", memory())
	return nil
}

// dataFiles reports the language data files a load read.
func dataFiles(out io.Writer, kind string, files []detect.DictionaryFile) {
	if len(files) == 0 {
		return
	}
	var bytes int
	var names []string
	for _, f := range files {
		if f.Err != nil {
			fmt.Fprintf(out, "%s %s: %v\n", kind, f.Path, f.Err)
			continue
		}
		bytes += f.Bytes
		names = append(names, filepath.Base(f.Path))
	}
	fmt.Fprintf(out, "%d %s, %d MiB: %s\n", len(names), kind, bytes>>20, strings.Join(names, " "))
}

// memory reads the process's resident set and its peak from /proc.
func memory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	var parts []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmHWM") {
			parts = append(parts, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(parts, ", ")
}

// measureBaseline measures plain lingua (high accuracy) on lingua's test
// set, as the table does, with and without a minimum relative
// distance of 0.25.
func measureBaseline(langs []string, o options, out io.Writer) error {
	var ll []lingua.Language
	for _, l := range langs {
		ll = append(ll, lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(l)))
	}
	plain := lingua.NewLanguageDetectorBuilder().FromLanguages(ll...).Build()
	strict := lingua.NewLanguageDetectorBuilder().FromLanguages(ll...).WithMinimumRelativeDistance(0.25).Build()
	fmt.Fprintf(out, "\n### plain lingua, same languages\n\n%s\n", tallyHeader)
	for _, kind := range linguaKinds {
		texts, truth, err := linguaSet(o.testdata, kind, langs)
		if err != nil {
			return err
		}
		var tp, ts tally
		for i, t := range texts {
			tp.add(truth[i], tag(plain.DetectLanguageOf(t)))
			ts.add(truth[i], tag(strict.DetectLanguageOf(t)))
		}
		fmt.Fprintln(out, tp.row(kind))
		fmt.Fprintln(out, ts.row(kind+", distance 0.25"))
	}
	return nil
}

// tag turns a lingua answer into a tag.
func tag(l lingua.Language, ok bool) string {
	if !ok {
		return translate.Undetermined
	}
	return strings.ToLower(l.IsoCode639_1().String())
}
