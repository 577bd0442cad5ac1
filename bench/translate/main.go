// Command translate measures what translation costs: prompt+completion
// tokens per short message sent alone and in batches, and the cache hit
// rate on a set of helpdesk conversations. It runs against a fake
// OpenAI-compatible server whose usage field counts tokens the way
// OpenAI's does (see translatetest.CountTokens), so it needs no network.
//
//	go run ./bench/translate
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/openai"
	"github.com/parleyhq/parley/translate/translatetest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/translate:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("translate", flag.ContinueOnError)
	conversations := fs.Int("conversations", 200, "conversations in the cache set")
	seed := fs.Uint64("seed", 1, "seed for building the conversation set")
	if err := fs.Parse(args); err != nil {
		return err
	}
	model := &translatetest.Model{Phrasebook: phrasebook}
	srv := translatetest.StartOpenAIServer(model)
	defer srv.Close()

	if err := batching(out, srv); err != nil {
		return err
	}
	return caching(out, srv, *conversations, *seed)
}

// phrasebook gives faithful translations where the fake model's stand-in
// would drop a word the checks look for ("instructions", "forgot").
var phrasebook = map[string]map[string]string{
	"Где найти инструкцию к пылесосу?":                           {"en": "Where can I find the instructions for the vacuum cleaner?"},
	"Ich habe mein Passwort vergessen und bekomme keine E-Mail.": {"en": "I forgot my password and I don't get an e-mail."},
}

// service builds the translation stack against srv; cache may be nil.
func service(srv *translatetest.OpenAIServer, cache translate.Cache, batch translate.BatchConfig) (*translate.Service, error) {
	p, err := openai.New(openai.Config{BaseURL: srv.BaseURL(), APIKey: "bench"})
	if err != nil {
		return nil, err
	}
	return translate.New(translate.Config{Batch: batch}, translate.Deps{
		Provider: p, Detector: translatetest.Detector{}, Cache: cache,
	})
}

// spent returns the tokens srv billed while f ran.
func spent(srv *translatetest.OpenAIServer, f func() error) (int, int, error) {
	p0, c0 := srv.Tokens()
	err := f()
	p1, c1 := srv.Tokens()
	return p1 - p0, c1 - c0, err
}

func batching(out io.Writer, srv *translatetest.OpenAIServer) error {
	var reqs []translate.Request
	langs := make([]string, 0, len(shortMessages))
	for l := range shortMessages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	chars := 0
	for _, l := range langs {
		for _, m := range shortMessages[l] {
			reqs = append(reqs, translate.Request{Text: m, From: l, To: "en"})
			chars += utf8.RuneCountInString(m)
		}
	}
	ctx := context.Background()
	fmt.Fprintf(out, "## Tokens per short message (%d messages, %s → en, mean %d characters)\n\n",
		len(reqs), join(langs), chars/len(reqs))
	fmt.Fprintln(out, "| mode | calls | prompt tokens | completion tokens | total per message | vs unbatched | failed |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|")
	svc, err := service(srv, nil, translate.BatchConfig{})
	if err != nil {
		return err
	}
	calls0 := len(srv.Requests())
	failed := 0
	p, c, err := spent(srv, func() error {
		for _, r := range reqs {
			if _, err := svc.Translate(ctx, r); err != nil {
				failed++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	base := float64(p+c) / float64(len(reqs))
	fmt.Fprintf(out, "| unbatched | %d | %d | %d | %.1f | 100%% | %d |\n", len(srv.Requests())-calls0, p, c, base, failed)
	for _, size := range []int{2, 5, 10, 20} {
		svc, err := service(srv, nil, translate.BatchConfig{MaxItems: size})
		if err != nil {
			return err
		}
		calls0 := len(srv.Requests())
		failed := 0
		p, c, _ := spent(srv, func() error {
			for _, o := range svc.TranslateAll(ctx, reqs) {
				if o.Err != nil {
					failed++
				}
			}
			return nil
		})
		per := float64(p+c) / float64(len(reqs))
		fmt.Fprintf(out, "| batches of up to %d | %d | %d | %d | %.1f | %.0f%% | %d |\n",
			size, len(srv.Requests())-calls0, p, c, per, 100*per/base, failed)
	}
	fmt.Fprintln(out)
	return nil
}

func caching(out io.Writer, srv *translatetest.OpenAIServer, n int, seed uint64) error {
	cache := translate.NewMemoryCache()
	svc, err := service(srv, cache, translate.BatchConfig{})
	if err != nil {
		return err
	}
	reqs := conversationSet(n, seed)
	ctx := context.Background()
	hits, failed := 0, 0
	calls0 := len(srv.Requests())
	for _, r := range reqs {
		res, err := svc.Translate(ctx, r)
		switch {
		case err != nil:
			failed++
		case res.Cached:
			hits++
		}
	}
	fmt.Fprintf(out, "## Cache on a conversation set (%d conversations, %d translations)\n\n", n, len(reqs))
	fmt.Fprintln(out, "| translations | cache hits | hit rate | provider calls | failed |")
	fmt.Fprintln(out, "|---:|---:|---:|---:|---:|")
	fmt.Fprintf(out, "| %d | %d | %.1f%% | %d | %d |\n", len(reqs), hits, 100*float64(hits)/float64(len(reqs)),
		len(srv.Requests())-calls0, failed)
	return nil
}

// conversationSet builds n conversations. Each has a customer in one of
// four languages who greets, states a problem about their own order,
// answers a question, and thanks; and an agent who replies with two canned
// macros and one sentence about that order. Inbound messages go to
// English, agent replies to the customer's language.
func conversationSet(n int, seed uint64) []translate.Request {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	langs := []string{"ru", "de", "es", "fr"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var reqs []translate.Request
	for i := range n {
		l := langs[rng.IntN(len(langs))]
		order := 40000 + rng.IntN(60000)
		conv := fmt.Sprint("c", i)
		in := func(text string) {
			reqs = append(reqs, translate.Request{Text: text, From: l, To: "en", Conversation: conv})
		}
		outTo := func(text string) {
			reqs = append(reqs, translate.Request{Text: text, From: "en", To: l, Conversation: conv})
		}
		in(pick(greetings[l]))
		in(fmt.Sprintf(pick(problems[l]), order))
		outTo(pick(agentMacros))
		outTo(fmt.Sprintf(agentSpecific, order, pick(days)))
		outTo(pick(agentMacros))
		in(pick(thanks[l]))
	}
	return reqs
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
