// Package detect decides which language a customer message is written in.
// It backs translate.Detector with lingua-go and adds what a helpdesk knows
// that a general-purpose detector does not: messages are noisy and short,
// customers write support vocabulary without accents, the helpdesk sends
// locale hints, and a conversation keeps its language. It answers "und"
// rather than guess when the evidence does not separate the candidates,
// with one exception: a few Han characters that Chinese and Japanese both
// write are answered Chinese (Japanese if a Japanese support word is among
// them) at a confidence a hint or the conversation overrides (see
// hanEvidence). It also answers "und", unless a hint or the conversation
// speaks, when a message is in none of the configured languages, such as
// Russian written in Latin letters (see inNoLanguage).
//
// lingua's confidences are computed from lingua's own models, merged into
// one table that answers each n-gram for every language at once (see
// table): the same numbers as lingua at a sixth of the CPU time and a
// third of the memory.
//
// The package links lingua's language models (about 130 MB); the parent
// translate package does not, so code that never detects stays small.
package detect

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pemistahl/lingua-go"

	"github.com/parleyhq/parley/translate"
)

// Config configures a Detector.
type Config struct {
	// Languages are the ISO 639-1 codes to detect (PARLEY_LANGUAGES); empty
	// means DefaultLanguages. Only these languages' models are loaded.
	Languages []string
	// Thresholds tune abstention and fusion; the zero value means
	// DefaultThresholds.
	Thresholds Thresholds
	// Dictionaries is a directory of Hunspell dictionaries (PARLEY_DICTIONARIES,
	// such as /usr/share/hunspell); empty means none. Load reads those of
	// the languages that share a script with another configured language.
	Dictionaries string
	// Wordlists is a directory of word lists ranked by frequency, ll.txt
	// per language (PARLEY_WORDLISTS); empty means none. Load reads those
	// of the languages that share a script with another configured
	// language.
	Wordlists string
}

// Thresholds tune how much evidence an answer needs and how hints and the
// conversation weigh in. Weights are in natural-log odds.
type Thresholds struct {
	// Answer is the posterior probability the text alone needs for an
	// answer, per length class: one word, two or three words, up to 15
	// words, longer.
	Answer [4]float64
	// Vocabulary is added per support-vocabulary word of a language (at
	// most three count).
	Vocabulary float64
	// Dictionary is taken from a language per word its Hunspell
	// dictionaries do not know, when another candidate's do.
	Dictionary float64
	// Frequency is taken from a language per nat of log frequency by which
	// a word is rarer in its word list than in another candidate's.
	Frequency float64
	// Lexicon is taken from a language per word another candidate's
	// lexicon knows and its own does not (see lexicons).
	Lexicon float64
	// Hint is added to the strongest hint's language; later hints get half.
	Hint float64
	// Prior is added to the conversation's language, times its confidence.
	Prior float64
	// HintFallback is the posterior the text's best language needs to
	// answer when hints are present but none of them tipped the decision.
	HintFallback float64
	// Switch is the text posterior needed to move a conversation away from
	// a confident language.
	Switch float64
	// Sticky is the prior confidence from which a conversation's language
	// needs Switch to change; weaker priors yield to any answer.
	Sticky float64
	// Coverage is the share of a message's words (of four words or more)
	// that the best language's dictionaries, word list or lexicon must know
	// for the text to count as written in it (see inNoLanguage); 0 turns
	// the check off. It was chosen on the tuning corpus of messages in none
	// of the languages (testdata/outside_tune.tsv) with the tuning corpora
	// of the others.
	Coverage float64
}

// DefaultThresholds were tuned on the tuning half of the helpdesk corpus in
// testdata.
var DefaultThresholds = Thresholds{
	Answer:       [4]float64{0.70, 0.75, 0.50, 0.50},
	Vocabulary:   3.0,
	Dictionary:   2.0,
	Frequency:    0.75,
	Lexicon:      2.0,
	Hint:         1.5,
	Prior:        2.5,
	HintFallback: 0.2,
	Switch:       0.97,
	Sticky:       0.8,
	Coverage:     0.5,
}

// Detector decides the language of customer messages. It is safe for
// concurrent use. Models load lazily on first use; call Load to load them
// up front.
type Detector struct {
	langs    []string
	lingua   []lingua.Language
	byScript map[script][]string
	vocab    vocabulary
	th       Thresholds
	// low uses trigram models only; it answers while the full models load.
	low lingua.LanguageDetector
	// high uses lingua's 1- to 5-gram models, much better on short text;
	// it scores only when lingua's insides are not as this package knows
	// them. Otherwise scorer computes the same from a merged table.
	high   lingua.LanguageDetector
	scorer atomic.Pointer[scorer]
	// dictDir is Config.Dictionaries; dicts is set once Load has read them.
	dictDir string
	dicts   atomic.Pointer[dictionaries]
	// listDir is Config.Wordlists; lists is set once Load has read them.
	listDir string
	lists   atomic.Pointer[wordlists]
	lexs    atomic.Pointer[lexicons] // from the word-list directory too
	ready   atomic.Bool              // trigram models are in memory
	full    atomic.Bool              // all models are in memory
	stats   atomic.Pointer[LoadStats]
}

var _ translate.Detector = (*Detector)(nil)

// New validates cfg and returns a Detector. It loads no model: see Load.
// An unknown language code yields an error wrapping ErrUnknownLanguage.
func New(cfg Config) (*Detector, error) {
	langs := cfg.Languages
	if len(langs) == 0 {
		langs = DefaultLanguages
	}
	parsed, err := ParseLanguages(strings.Join(langs, ","))
	if err != nil {
		return nil, err
	}
	th := cfg.Thresholds
	if th == (Thresholds{}) {
		th = DefaultThresholds
	}
	ll := linguaLanguages(parsed)
	d := &Detector{
		langs:    parsed,
		lingua:   ll,
		byScript: map[script][]string{},
		vocab:    newVocabulary(parsed),
		th:       th,
		dictDir:  cfg.Dictionaries,
		listDir:  cfg.Wordlists,
		low:      lingua.NewLanguageDetectorBuilder().FromLanguages(ll...).WithLowAccuracyMode().Build(),
		high:     lingua.NewLanguageDetectorBuilder().FromLanguages(ll...).Build(),
	}
	for _, l := range parsed {
		s := languageScript(l)
		d.byScript[s] = append(d.byScript[s], l)
	}
	for _, l := range parsed {
		if ss, ok := secondScripts[l]; ok && slices.Contains(parsed, ss.via) {
			d.byScript[ss.script] = append(d.byScript[ss.script], l)
		}
	}
	return d, nil
}

// Open returns a Detector whose models are all loaded: New followed by Load.
func Open(ctx context.Context, cfg Config) (*Detector, error) {
	d, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := d.Load(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Languages returns the configured languages.
func (d *Detector) Languages() []string { return slices.Clone(d.langs) }

// Detect decides the language of in.Text, fused with in.Hints and
// in.Conversation. It never fails except when ctx has ended.
func (d *Detector) Detect(ctx context.Context, in translate.DetectInput) (translate.Detection, error) {
	if err := ctx.Err(); err != nil {
		return translate.Detection{}, fmt.Errorf("detect: %w", err)
	}
	if p := in.Conversation; p != nil && p.Source == translate.SourceOverride && known(p.Language) {
		return translate.Detection{
			Language: p.Language, Confidence: 1, Source: translate.SourceOverride,
			Candidates: []translate.Candidate{{Language: p.Language, Confidence: 1}},
		}, nil
	}
	c := Clean(in.Text)
	ev := d.evidence(c)
	return d.decide(c, ev, in), nil
}

// known reports whether tag names a language.
func known(tag string) bool { return tag != "" && tag != translate.Undetermined }

// LoadStats describes how the models were loaded.
type LoadStats struct {
	// Ready is how long the trigram models took: from then on Detect
	// answers without loading anything.
	Ready time.Duration
	// Full is how long all models took.
	Full time.Duration
	// TableBytes is the memory of the merged n-gram table; zero when
	// lingua scores with its own models (see Load).
	TableBytes int
	// Dictionaries are the Hunspell dictionaries read, and those that
	// failed to read (with Err set).
	Dictionaries []DictionaryFile
	// Wordlists are the word lists read, and those that failed to read;
	// Stems is the number of words.
	Wordlists []DictionaryFile
	// Lexicons are the lexicons read from the word-list directory, and
	// those that failed to read.
	Lexicons []DictionaryFile
}

// Stats returns the load times, or false before Load has finished.
func (d *Detector) Stats() (LoadStats, bool) {
	s := d.stats.Load()
	if s == nil {
		return LoadStats{}, false
	}
	return *s, true
}

// Ready reports whether Detect can answer without loading models: true once
// Load has loaded the trigram models, which takes about a second. Until the
// full models are in, short texts are judged on trigrams only and abstain
// more often.
func (d *Detector) Ready() bool { return d.ready.Load() }
