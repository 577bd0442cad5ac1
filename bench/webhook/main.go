// Command webhook measures, on loopback, the time from a signed Chatwoot
// message_created webhook for a new conversation to the acknowledgement
// arriving at the helpdesk, through the real stack: gateway.New, the
// pipeline with the real detector and catalogs, SQLite and the River queue,
// and the fake Chatwoot, which sends a signed webhook back for every post.
// Each rate runs on a fresh database, first with a translator that answers
// at once, then with one that takes -slow per call.
//
//	go run ./bench/webhook -duration 15s -rates 20,200
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/translate/detect"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webhook:", err)
		os.Exit(1)
	}
}

type options struct {
	duration, slow, drain time.Duration
	rates                 []int
	languages             []string
	workers               int
	cpuProfile, goroutine string
	blockProfile          string
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("webhook", flag.ContinueOnError)
	fs.DurationVar(&o.duration, "duration", 15*time.Second, "sending time per rate")
	rates := fs.String("rates", "20,200", "webhooks per second, comma-separated")
	fs.DurationVar(&o.slow, "slow", 10*time.Second, "time per call of the slow translator; 0 skips the slow runs")
	fs.DurationVar(&o.drain, "drain", 30*time.Second, "how long to wait for the last acknowledgements after sending")
	langs := fs.String("languages", "en,ru,de,es", "languages the detector loads")
	fs.IntVar(&o.workers, "workers", 10, "jobs worked at once (PARLEY_WORKERS)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of all runs to this file")
	fs.StringVar(&o.blockProfile, "blockprofile", "", "write a profile of where goroutines waited (1 sample per 10µs blocked) to this file")
	fs.StringVar(&o.goroutine, "goroutineprofile", "", "write a goroutine profile taken at the end of each slow run's sending to this file prefix")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for _, s := range strings.Split(*rates, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return o, fmt.Errorf("-rates: %q is not a positive number", s)
		}
		o.rates = append(o.rates, n)
	}
	o.languages = strings.Split(*langs, ",")
	if o.duration <= 0 || o.workers <= 0 {
		return o, fmt.Errorf("-duration and -workers must be positive")
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if o.blockProfile != "" {
		runtime.SetBlockProfileRate(10000)
		defer writeProfile("block", o.blockProfile)
	}
	began := time.Now()
	det, err := detect.Open(ctx, detect.Config{Languages: o.languages})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "detector (%s) loaded in %s; %d workers; %s per rate\n\n",
		strings.Join(o.languages, ","), time.Since(began).Round(time.Millisecond), o.workers, o.duration)
	fmt.Fprintf(stdout, "%-22s %5s %6s %6s %6s %6s %9s %9s %9s %9s %9s\n",
		"translator", "rate", "sent", "failed", "acked", "extra", "ack p50", "ack p99", "ack max", "hook p50", "hook p99")
	type leg struct {
		name string
		tr   pipeline.Translator
	}
	legs := []leg{{"instant", instant{}}}
	if o.slow > 0 {
		legs = append(legs, leg{fmt.Sprintf("slow (%s per call)", o.slow), slow{o.slow}})
	}
	var first int64 = 1
	for _, l := range legs {
		for _, rate := range o.rates {
			r, err := measure(ctx, o, stackConfig{Detector: det, Translator: l.tr, Workers: o.workers}, rate, first, l.name)
			if err != nil {
				return err
			}
			first += int64(r.sent)
			fmt.Fprintf(stdout, "%-22s %5d %6d %6d %6d %6d %9s %9s %9s %9s %9s\n", l.name, rate, r.sent, r.failed, r.acked, r.extra,
				ms(quantile(r.ack, 0.50)), ms(quantile(r.ack, 0.99)), ms(quantile(r.ack, 1)),
				ms(quantile(r.respond, 0.50)), ms(quantile(r.respond, 0.99)))
		}
	}
	return nil
}

// measure runs one rate on a fresh stack.
func measure(ctx context.Context, o options, cfg stackConfig, rate int, first int64, name string) (result, error) {
	s, err := startStack(ctx, cfg)
	if err != nil {
		return result{}, err
	}
	defer s.close()
	samples := load(ctx, s.hookURL, rate, o.duration, first)
	if o.goroutine != "" && strings.HasPrefix(name, "slow") {
		if err := writeProfile("goroutine", fmt.Sprintf("%s-%d.pprof", o.goroutine, rate)); err != nil {
			return result{}, err
		}
	}
	awaitAcks(s.arrived, samples, o.drain)
	return summarize(s.arrived, samples), nil
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + "ms"
}
