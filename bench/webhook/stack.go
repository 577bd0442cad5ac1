package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
)

const (
	apiToken      = "bench-token"
	webhookSecret = "bench-secret"
	accountID     = 1
)

// stackConfig is what one measured run varies.
type stackConfig struct {
	Detector   translate.Detector
	Translator pipeline.Translator
	// Workers is the queue's MaxWorkers; run.go's default is 10.
	Workers int
}

// stack is the real service in this process: SQLite in a temporary
// directory, the River queue, the pipeline with the real detector and
// catalogs, and gateway.New on a loopback listener; in front of the fake
// Chatwoot, a recorder that notes when each post arrives.
type stack struct {
	hookURL string
	arrived *arrivals
	close   func()
}

func startStack(ctx context.Context, cfg stackConfig) (*stack, error) {
	dir, err := os.MkdirTemp("", "parley-bench-webhook")
	if err != nil {
		return nil, err
	}
	var closers []func()
	fail := func(err error) (*stack, error) {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
		os.RemoveAll(dir)
		return nil, err
	}
	db, err := store.Open(ctx, filepath.Join(dir, "parley.db"))
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() { db.Close() })

	fake := chatwoottest.New(apiToken, webhookSecret)
	arrived := newArrivals()
	rec, err := serveRecorder(fake.URL, arrived)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, fake.Close, rec.close)

	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{Workers: workers, MaxWorkers: cfg.Workers})
	if err != nil {
		return fail(err)
	}
	gw, err := buildGateway(db, queue, workers, cfg, rec.url)
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	srv := &http.Server{Handler: gw, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	closers = append(closers, func() { srv.Close() })
	hookURL := "http://" + ln.Addr().String() + "/hooks/chatwoot"
	fake.SetWebhookURL(hookURL)

	qctx, cancel := context.WithCancel(ctx)
	if err := queue.Start(qctx); err != nil {
		cancel()
		return fail(err)
	}
	closers = append(closers, func() {
		cancel()
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = queue.Stop(stop)
	})
	return &stack{hookURL: hookURL, arrived: arrived, close: func() {
		fake.SetWebhookURL("")
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
		os.RemoveAll(dir)
	}}, nil
}

// buildGateway wires pipeline and gateway as run.go does, with the
// Chatwoot connector posting to helpdeskURL.
func buildGateway(db *store.DB, queue *store.Queue, workers *river.Workers, cfg stackConfig, helpdeskURL string) (*gateway.Server, error) {
	log := slog.New(slog.DiscardHandler)
	conn, err := chatwoot.New(chatwoot.Config{URL: helpdeskURL, APIToken: apiToken, WebhookSecret: webhookSecret})
	if err != nil {
		return nil, err
	}
	set, err := templates.New(templates.Config{Default: "en", Base: locales.FS})
	if err != nil {
		return nil, err
	}
	schedule, err := templates.LoadSchedule("Mon-Fri 09:00-18:00", "UTC", "")
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	pl, err := pipeline.New(pipeline.Config{AgentLanguage: "en", DefaultLanguage: "en", ReplyPrefix: "!tr"}, pipeline.Deps{
		DB: db, Queue: queue, Workers: workers, Detector: cfg.Detector, Translator: cfg.Translator,
		Replies:  pipeline.TemplateReplies{Set: set, Schedule: schedule, Within: 4 * time.Hour, Provider: "bench"},
		Posters:  map[string]pipeline.Poster{chatwoot.Name: conn},
		Registry: reg, Logger: log,
	})
	if err != nil {
		return nil, err
	}
	return gateway.New(gateway.Config{}, gateway.Deps{Pipeline: pl, Store: db, Registry: reg, Logger: log,
		Connectors: map[string]gateway.Connector{chatwoot.Name: conn}})
}

// arrivals records when the first public post (the acknowledgement) of
// each conversation reached the helpdesk, and counts every post.
type arrivals struct {
	mu      sync.Mutex
	acks    map[int64]time.Time
	extra   int // public posts after a conversation's first
	notes   int
	changed chan struct{}
}

func newArrivals() *arrivals {
	return &arrivals{acks: map[int64]time.Time{}, changed: make(chan struct{}, 1)}
}

func (a *arrivals) record(conv int64, private bool, at time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch _, seen := a.acks[conv]; {
	case private:
		a.notes++
	case seen:
		a.extra++
	default:
		a.acks[conv] = at
	}
	select {
	case a.changed <- struct{}{}:
	default:
	}
}

// ack returns when conversation conv's acknowledgement arrived.
func (a *arrivals) ack(conv int64) (time.Time, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	at, ok := a.acks[conv]
	return at, ok
}

func (a *arrivals) counts() (acks, extra, notes int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.acks), a.extra, a.notes
}

var messagesPath = regexp.MustCompile(`^/api/v1/accounts/\d+/conversations/(\d+)/messages$`)

type recorder struct {
	url   string
	close func()
}

// serveRecorder starts a loopback proxy to the fake Chatwoot that notes
// the arrival time of every message posted before passing it on.
func serveRecorder(target string, a *arrivals) (*recorder, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	// Posts cut off when a run's stack stops are not worth a log line.
	proxy.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) }
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		if m := messagesPath.FindStringSubmatch(r.URL.Path); m != nil && r.Method == http.MethodPost {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			var in struct {
				Private bool `json:"private"`
			}
			conv, _ := strconv.ParseInt(m[1], 10, 64)
			if json.Unmarshal(body, &in) == nil {
				a.record(conv, in.Private, at)
			}
		}
		proxy.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "recorder:", err)
		}
	}()
	return &recorder{url: "http://" + ln.Addr().String(), close: func() { srv.Close() }}, nil
}
