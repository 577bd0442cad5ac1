package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway"
	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate/detect"
)

const usage = `Usage: parley [command] [flags]

Commands:
  serve                               run the gateway (the default)
  detect [--hint xx] [--json]         print the language of each line of stdin ("und" when unsure)
  translate --to xx [--from yy]       translate stdin with the configured provider
  render ID --lang xx [--data JSON]   print one template rendered in a language, after fallback
  locales check [DIR] [--json]        check locale files; exit 1 on any error
  locales draft --lang xx             machine-draft missing keys into review.xx.toml
  help                                show this help

Every PARLEY_* setting can be given as a flag of the same name in kebab case:
PARLEY_DATABASE_URL is --database-url. Run "parley serve -h" to list them.
`

// run dispatches to a command. It returns when the command is done or ctx
// ends.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stderr, nil)
	case "detect":
		return detectCmd(ctx, args, getenv, stdin, stdout, stderr)
	case "translate":
		return translateCmd(ctx, args, getenv, stdin, stdout, stderr)
	case "render":
		return renderCmd(args, getenv, stdout, stderr)
	case "locales":
		return localesCmd(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		_, err := io.WriteString(stdout, usage)
		return err
	}
	return fmt.Errorf("unknown command %q (see \"parley help\")", cmd)
}

// serve runs the gateway until ctx ends. ready, when not nil, receives the
// address it listens on once it accepts requests.
func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, ready chan<- string) error {
	cfg, rest, err := loadConfig(flag.NewFlagSet("serve", flag.ContinueOnError), args, getenv, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	log := newLogger(cfg, stderr)
	log.Info("starting parley", cfg.effective...)
	if cfg.APIToken == "" && !isLoopbackAddr(cfg.Addr) {
		return fmt.Errorf("PARLEY_ADDR: refusing to listen on %s without PARLEY_API_TOKEN; set a token or listen on 127.0.0.1", cfg.Addr)
	}

	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("store open", "engine", db.Engine())

	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{
		Workers: workers, MaxWorkers: cfg.Workers, JobTimeout: cfg.JobTimeout, RescueAfter: 2 * cfg.JobTimeout,
		Logger: log.With("component", "queue"),
	})
	if err != nil {
		return err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	detector, err := detect.New(cfg.detectConfig())
	if err != nil {
		return fmt.Errorf("PARLEY_LANGUAGES: %w", err)
	}
	go loadModels(ctx, detector, log)
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "parley_language_models_loaded",
		Help: "1 once every language model is in memory; before that, detection answers from the trigram models alone.",
	}, func() float64 {
		if _, done := detector.Stats(); done {
			return 1
		}
		return 0
	}))
	translator, err := newTranslator(cfg, detector, db, db, reg, log.With("component", "translate"))
	if err != nil {
		return err
	}
	hooks, posters, err := buildHelpdesks(cfg, log)
	if err != nil {
		return err
	}
	set, err := loadTemplates(ctx, cfg, reg, log.With("component", "templates"))
	if err != nil {
		return err
	}
	schedule, err := templates.LoadSchedule(cfg.BusinessHours, cfg.Timezone, cfg.Holidays)
	if err != nil {
		return err
	}

	pl, err := pipeline.New(pipeline.Config{AgentLanguage: cfg.AgentLanguage, DefaultLanguage: cfg.DefaultLanguage,
		AckOnlyForeign: cfg.AckOnlyForeign, ReplyPrefix: cfg.ReplyPrefix, ReplyNotice: cfg.ReplyNotice,
		ReopenWindow: cfg.ReopenWindow, TranslateWorkers: 2 * cfg.Workers},
		pipeline.Deps{DB: db, Queue: queue, Workers: workers, Detector: detector, Translator: translator,
			Replies: pipeline.TemplateReplies{Set: set, Schedule: schedule, Within: cfg.FirstReplyIn, Provider: cfg.Translator},
			Posters: posters, Registry: reg, Logger: log.With("component", "pipeline")})
	if err != nil {
		return err
	}

	gw, err := gateway.New(gateway.Config{
		APIToken: cfg.APIToken, MaxBodyBytes: cfg.MaxBodyBytes, MaxTextChars: cfg.MaxTextChars,
	}, gateway.Deps{
		Pipeline: pl, Store: db, Connectors: hooks, Detector: detector, Translator: translator, Renderer: set, Registry: reg, Logger: log.With("component", "http"),
		QueueDepth: queue.Depth,
		Ready: []gateway.Check{
			{Name: "store", Check: db.Ping},
			{Name: "queue", Check: func(ctx context.Context) error { _, err := queue.Depth(ctx); return err }},
			{Name: "language_models", Check: func(context.Context) error {
				if !detector.Ready() {
					return errModelsLoading
				}
				return nil
			}},
		},
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("PARLEY_ADDR: %w", err)
	}
	if err := queue.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	go pl.CountOutcomes(ctx)

	srv := &http.Server{Handler: gw, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())
	if ready != nil {
		ready <- ln.Addr().String()
	}

	select {
	case err = <-serveErr:
	case <-ctx.Done():
	}
	return shutdown(cfg, log, srv, queue, err)
}

// loadTemplates loads the catalogs, and reloads them on SIGHUP and, when
// PARLEY_LOCALES_DIR is set, on a change in that directory. A broken file on
// reload keeps the previous catalogs; the set logs what is wrong.
func loadTemplates(ctx context.Context, cfg config, reg prometheus.Registerer, log *slog.Logger) (*templates.Set, error) {
	fallbacks, err := templates.NewFallbackCounter(reg)
	if err != nil {
		return nil, err
	}
	set, err := templates.New(templates.Config{Default: cfg.DefaultLanguage, Base: locales.FS, Dir: cfg.LocalesDir,
		Fallbacks: fallbacks, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("PARLEY_LOCALES_DIR: %w", err)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := set.Reload(); err == nil {
					log.Info("catalogs reloaded", "languages", len(set.Languages()))
				}
			}
		}
	}()
	if cfg.LocalesDir != "" {
		go set.Watch(ctx, 2*time.Second)
	}
	return set, nil
}

var errModelsLoading = errors.New("language models are still loading")

// loadModels loads the detector's language models, so that the first
// message is as fast as the rest; /readyz fails until they are in.
func loadModels(ctx context.Context, d *detect.Detector, log *slog.Logger) {
	start := time.Now()
	if err := d.Load(ctx); err != nil {
		log.Error("load language models", "error", err)
		return
	}
	st, _ := d.Stats()
	log.Info("language models loaded", "languages", len(d.Languages()),
		"dictionaries", dataLanguages(log, "dictionary", st.Dictionaries),
		"wordlists", dataLanguages(log, "word list", st.Wordlists),
		"lexicons", dataLanguages(log, "lexicon", st.Lexicons),
		"took", time.Since(start).Round(time.Millisecond))
}

// dataLanguages logs the language data files that could not be used and
// returns the languages of those that could, comma-separated.
func dataLanguages(log *slog.Logger, kind string, files []detect.DictionaryFile) string {
	var langs []string
	for _, f := range files {
		if f.Err != nil {
			log.Warn(kind+" not used", "path", f.Path, "error", f.Err)
			continue
		}
		if !slices.Contains(langs, f.Language) {
			langs = append(langs, f.Language)
		}
	}
	return strings.Join(langs, ",")
}

// shutdown stops taking requests, lets running jobs finish until the
// timeout (then hands them back to the queue), and leaves closing the store
// to the caller's defer.
func shutdown(cfg config, log *slog.Logger, srv *http.Server, queue *store.Queue, serveErr error) error {
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	errs := []error{}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		errs = append(errs, fmt.Errorf("serve: %w", serveErr))
	}
	if err := srv.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop http: %w", err))
	}
	if err := queue.Stop(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop queue: %w", err))
	}
	log.Info("stopped")
	return errors.Join(errs...)
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
