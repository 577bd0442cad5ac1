package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/detect"
)

// errProblems ends a command whose report already said what is wrong.
var errProblems = errors.New("problems found (see above)")

// detectCmd prints one language tag per line of stdin, flushed per line, so
// that it can sit in a pipe.
func detectCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("detect", flag.ContinueOnError)
	hint := fs.String("hint", "", "a locale hint for every line, such as a browser language")
	asJSON := fs.Bool("json", false, "print confidence, how it was decided, and the candidates")
	cfg, _, err := loadConfig(fs, args, getenv, stderr)
	if err != nil {
		return err
	}
	d, err := detect.Open(ctx, cfg.detectConfig())
	if err != nil {
		return err
	}
	var hints []string
	if *hint != "" {
		hints = []string{*hint}
	}
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		det, err := d.Detect(ctx, translate.DetectInput{Text: in.Text(), Hints: hints})
		if err != nil {
			return err
		}
		if *asJSON {
			err = enc.Encode(det)
		} else {
			_, err = fmt.Fprintln(out, det.Language)
		}
		if err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return in.Err()
}

// translateCmd translates stdin with the configured provider, checked the
// same way the gateway checks every translation.
func translateCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("translate", flag.ContinueOnError)
	to := fs.String("to", "", "target language (required)")
	from := fs.String("from", "", "source language (default: detected)")
	cfg, _, err := loadConfig(fs, args, getenv, stderr)
	if err != nil {
		return err
	}
	if *to == "" {
		return errors.New("--to is required")
	}
	text, err := io.ReadAll(io.LimitReader(stdin, int64(cfg.MaxTextChars)*4+1))
	if err != nil {
		return err
	}
	svc, err := commandTranslator(ctx, cfg)
	if err != nil {
		return err
	}
	// The newline that ends the input is the shell's, not the text's.
	input := strings.TrimSuffix(strings.TrimSuffix(string(text), "\n"), "\r")
	res, err := svc.Translate(ctx, translate.Request{Text: input, From: *from, To: *to})
	if err != nil {
		return fmt.Errorf("%s", translate.Reason(err))
	}
	_, err = fmt.Fprintln(stdout, strings.TrimRight(res.Text, "\n"))
	return err
}

// renderCmd prints one template rendered in a language, after fallback.
func renderCmd(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	id := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	lang := fs.String("lang", "", "language to render in (required)")
	data := fs.String("data", "{}", "template data as JSON, e.g. {\"Name\":\"Anna\",\"Within\":\"2 hours\"}")
	cfg, _, err := loadConfig(fs, args, getenv, stderr)
	if err != nil {
		return err
	}
	if id == "" || *lang == "" {
		return errors.New("usage: parley render ID --lang xx [--data JSON]")
	}
	var d templates.Data
	if err := json.Unmarshal([]byte(*data), &d); err != nil {
		return fmt.Errorf("--data: %w", err)
	}
	set, err := templates.New(templates.Config{Default: cfg.DefaultLanguage, Base: locales.FS, Dir: cfg.LocalesDir})
	if err != nil {
		return err
	}
	out, err := set.Render(id, *lang, d)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n(language: %s)\n", out.Text, out.Language)
	return err
}

// localesCmd runs "locales check [DIR] [--json]" and "locales draft --lang xx".
func localesCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: parley locales check [DIR] [--json] | parley locales draft --lang xx")
	}
	switch args[0] {
	case "check":
		return localesCheck(args[1:], stdout, stderr)
	case "draft":
		return localesDraft(ctx, args[1:], getenv, stdout, stderr)
	}
	return fmt.Errorf("unknown locales command %q", args[0])
}

func localesCheck(args []string, stdout, stderr io.Writer) error {
	dir := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("locales check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dir == "" && fs.NArg() > 0 {
		dir = fs.Arg(0)
	}
	var r *templates.Report
	if dir == "" {
		r = templates.Check(locales.FS, "locales/", templates.Messages())
	} else {
		r = templates.CheckDir(dir)
	}
	write := r.WriteText
	if *asJSON {
		write = r.WriteJSON
	}
	if err := write(stdout); err != nil {
		return err
	}
	if r.HasErrors() {
		return errProblems
	}
	return nil
}

func localesDraft(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("locales draft", flag.ContinueOnError)
	lang := fs.String("lang", "", "language to draft (required)")
	out := fs.String("out", ".", "directory for the review file")
	cfg, _, err := loadConfig(fs, args, getenv, stderr)
	if err != nil {
		return err
	}
	if *lang == "" {
		return errors.New("--lang is required")
	}
	svc, err := commandTranslator(ctx, cfg)
	if err != nil {
		return err
	}
	set, err := templates.New(templates.Config{Default: cfg.DefaultLanguage, Base: locales.FS, Dir: cfg.LocalesDir})
	if err != nil {
		return err
	}
	file, summary, err := templates.Draft(ctx, set, *lang, svc, stderr)
	if err != nil {
		return err
	}
	path := filepath.Join(*out, templates.ReviewFileName(*lang))
	if err := os.WriteFile(path, file, 0o644); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\nwrote %s for review; nothing in the active catalogs changed\n", summary, path)
	return err
}

// commandTranslator is the configured translator for a one-off command:
// checked like the gateway's, with its cache and usage in memory.
func commandTranslator(ctx context.Context, cfg config) (*translate.Service, error) {
	if cfg.Translator == "none" {
		return nil, errors.New("no translator is configured: set PARLEY_OPENAI_API_KEY, PARLEY_OPENAI_BASE_URL or PARLEY_DEEPL_API_KEY")
	}
	d, err := detect.Open(ctx, cfg.detectConfig())
	if err != nil {
		return nil, err
	}
	return newTranslator(cfg, d, translate.NewMemoryCache(), &translate.MemoryUsage{}, nil, slog.New(slog.DiscardHandler))
}
