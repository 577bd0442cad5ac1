package main

import (
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/deepl"
	"github.com/parleyhq/parley/translate/openai"
)

// newTranslator builds the configured provider behind the translation
// service, with its cache and usage store, every answer checked with the
// detector. reg may be nil.
func newTranslator(cfg config, detector translate.Detector, cache translate.Cache, usage translate.UsageStore,
	reg prometheus.Registerer, log *slog.Logger) (*translate.Service, error) {
	var glossary *translate.Glossary
	var err error
	if cfg.Glossary != "" {
		if glossary, err = translate.LoadGlossary(cfg.Glossary); err != nil {
			return nil, fmt.Errorf("PARLEY_GLOSSARY: %w", err)
		}
	}
	var provider translate.Translator = translate.None{}
	switch cfg.Translator {
	case "openai":
		provider, err = openai.New(openai.Config{BaseURL: cfg.OpenAIBaseURL, APIKey: cfg.OpenAIAPIKey,
			Model: cfg.OpenAIModel, Glossary: glossary})
	case "deepl":
		provider, err = deepl.New(deepl.Config{APIKey: cfg.DeepLAPIKey, BaseURL: cfg.DeepLBaseURL, Glossary: glossary})
	}
	if err != nil {
		return nil, fmt.Errorf("PARLEY_TRANSLATOR %s: %w", cfg.Translator, err)
	}
	var metrics *translate.Metrics
	if reg != nil {
		if metrics, err = translate.NewMetrics(reg); err != nil {
			return nil, err
		}
	}
	return translate.New(translate.Config{Glossary: glossary, DailyLimit: cfg.DailyLimit, Logger: log},
		translate.Deps{Provider: provider, Detector: detector, Cache: cache, Usage: usage, Metrics: metrics})
}
