package detect

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/pemistahl/lingua-go"
)

// loadMu serializes Load across detectors: they share lingua's model
// cache, which Load empties as it moves the models into a table.
var loadMu sync.Mutex

// Load loads the configured languages' models. The trigram models come
// first (about a second for the default set); from then on Ready reports
// true and Detect answers, judging short texts on trigrams alone. Load then
// loads the 1- to 5-gram models of each language, moves them into one
// table (see table) and drops lingua's copy, two languages at a time, which
// keeps the memory peak near the final size; it returns when all are in.
// A gateway runs it in the background and reports ready on Ready; a command
// that detects a batch calls it before the first line. It returns ctx's
// error if ctx ends first; then the detector goes on with the trigram
// models.
func (d *Detector) Load(ctx context.Context) error {
	loadMu.Lock()
	defer loadMu.Unlock()
	start := time.Now()
	// Building a preloaded detector fills lingua's shared model cache,
	// which d.low reads.
	lingua.NewLanguageDetectorBuilder().FromLanguages(d.lingua...).
		WithLowAccuracyMode().WithPreloadedLanguageModels().Build()
	if slices.Contains(d.langs, "zh") && slices.Contains(d.langs, "ja") {
		hanCharsets()
	}
	d.ready.Store(true)
	readyAfter := time.Since(start)

	caches, err := linguaCaches()
	if err != nil {
		// A lingua whose insides differ from v1.4.0's: judge with lingua
		// itself, at its speed and size.
		return d.loadLingua(ctx, start, readyAfter)
	}
	b := newTableBuilder()
	var mu sync.Mutex // guards b and the caches' entries
	// move adds language l's models to the table and drops lingua's copy,
	// but for the trigrams, which serve d.low until the table is done.
	move := func(l lingua.Language) {
		mu.Lock()
		defer mu.Unlock()
		b.addLanguage(caches, l, uint8(slices.Index(d.lingua, l)))
		for n, cache := range caches {
			if n+1 != 3 {
				cache.Delete(l)
			}
		}
	}
	// The first language partners every other, so its models are loaded
	// once and moved last.
	if err := loadPairs(ctx, d.lingua[1:], d.lingua[0], move); err != nil {
		return err
	}
	move(d.lingua[0])
	t := b.build()
	d.scorer.Store(&scorer{langs: d.lingua, t: t, rules: newRules(d.lingua)})
	d.full.Store(true)
	// The trigram models served d.low while the rest loaded.
	for _, l := range d.lingua {
		caches[2].Delete(l)
	}
	// Decoding the models leaves hundreds of MiB of garbage; hand it back
	// to the system now rather than let RSS sit at the peak.
	debug.FreeOSMemory()
	d.stats.Store(d.readLanguageData(LoadStats{Ready: readyAfter, Full: time.Since(start), TableBytes: t.size()}))
	// Reading the language data leaves the files' text behind as garbage.
	debug.FreeOSMemory()
	return nil
}

// loadLingua loads lingua's own high-accuracy models; Detect then scores
// with lingua.
func (d *Detector) loadLingua(ctx context.Context, start time.Time, readyAfter time.Duration) error {
	if err := loadPairs(ctx, d.lingua[1:], d.lingua[0], nil); err != nil {
		return err
	}
	d.full.Store(true)
	debug.FreeOSMemory()
	d.stats.Store(d.readLanguageData(LoadStats{Ready: readyAfter, Full: time.Since(start)}))
	debug.FreeOSMemory()
	return nil
}

// loadPairs decodes the full models of each of langs into lingua's cache,
// two languages at a time, and hands each language to then (if not nil)
// once its models are in. A lingua detector needs two languages: partner
// completes every pair, and its models are decoded once. It returns ctx's
// error if ctx ends first.
func loadPairs(ctx context.Context, langs []lingua.Language, partner lingua.Language, then func(lingua.Language)) error {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, l := range langs {
		select {
		case <-ctx.Done():
		case sem <- struct{}{}:
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			lingua.NewLanguageDetectorBuilder().FromLanguages(l, partner).
				WithPreloadedLanguageModels().Build()
			if then != nil {
				then(l)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("detect: load models: %w", err)
	}
	return nil
}

// errLinguaInsides is returned when lingua's model cache is not where
// lingua-go v1.4.0 keeps it.
var errLinguaInsides = errors.New("detect: lingua's model cache is not as expected")

// linguaCaches returns lingua's shared model caches for 1- to 5-grams,
// each a sync.Map from lingua.Language to map[string]float64. lingua keeps
// them unexported in every detector; reading them lets Load move the models
// into a table without a second copy of lingua's 130 MB of model files.
func linguaCaches() ([5]*sync.Map, error) {
	var out [5]*sync.Map
	det := lingua.NewLanguageDetectorBuilder().FromLanguages(lingua.English, lingua.German).Build()
	v := reflect.ValueOf(det)
	if v.Kind() != reflect.Struct {
		return out, errLinguaInsides
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	names := [5]string{"unigramLanguageModels", "bigramLanguageModels", "trigramLanguageModels",
		"quadrigramLanguageModels", "fivegramLanguageModels"}
	for i, name := range names {
		f := c.FieldByName(name)
		if !f.IsValid() || f.Type() != reflect.TypeFor[*sync.Map]() {
			return out, errLinguaInsides
		}
		out[i] = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*sync.Map)
	}
	return out, nil
}

// readLanguageData reads the dictionaries, word lists and lexicons, and
// returns st with what was read.
func (d *Detector) readLanguageData(st LoadStats) *LoadStats {
	st.Dictionaries = d.readDictionaries()
	st.Wordlists = d.readWordlists()
	st.Lexicons = d.readLexicons()
	return &st
}

// readDictionaries reads the Hunspell dictionaries of Config.Dictionaries,
// if any, and from then on detection weighs them in.
func (d *Detector) readDictionaries() []DictionaryFile {
	return readData(d.dictDir, &d.dicts, func() (dictionaries, []DictionaryFile, error) {
		return loadDictionaries(d.dictDir, d.byScript)
	})
}

// readWordlists reads the word lists of Config.Wordlists, if any, and from
// then on detection weighs them in.
func (d *Detector) readWordlists() []DictionaryFile {
	return readData(d.listDir, &d.lists, func() (wordlists, []DictionaryFile, error) {
		return loadWordlists(d.listDir, d.byScript)
	})
}

// readLexicons reads the lexicons (ll.att) of Config.Wordlists, if any,
// and from then on detection weighs them in.
func (d *Detector) readLexicons() []DictionaryFile {
	return readData(d.listDir, &d.lexs, func() (lexicons, []DictionaryFile, error) {
		lexs, files := loadLexicons(d.listDir, d.byScript)
		return lexs, files, nil
	})
}

// readData loads one kind of language data from dir, unless dir is empty,
// and stores it in into when any language has some. A directory that
// cannot be read is reported as one failed file.
func readData[M ~map[string]V, V any](dir string, into *atomic.Pointer[M], load func() (M, []DictionaryFile, error)) []DictionaryFile {
	if dir == "" {
		return nil
	}
	data, files, err := load()
	if err != nil {
		return []DictionaryFile{{Path: dir, Err: err}}
	}
	if len(data) > 0 {
		into.Store(&data)
	}
	return files
}
