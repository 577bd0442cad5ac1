package detect

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"slices"
	"sync"
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
	move := func(l lingua.Language, keepTrigrams bool) error {
		mu.Lock()
		defer mu.Unlock()
		idx := uint8(slices.Index(d.lingua, l))
		for n, cache := range caches {
			// lingua has no model of some lengths for a few languages
			// (Japanese bigrams, for one): it finds nothing there either.
			if v, ok := cache.Load(l); ok {
				for g, p := range v.(map[string]float64) {
					b.add(g, idx, p)
				}
			}
			if n+1 != 3 || !keepTrigrams {
				cache.Delete(l)
			}
		}
		return nil
	}
	// A lingua detector needs two languages: the first language partners
	// every other, so its models are loaded once and moved last.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	errs := make(chan error, len(d.lingua))
	for _, l := range d.lingua[1:] {
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
			lingua.NewLanguageDetectorBuilder().FromLanguages(l, d.lingua[0]).
				WithPreloadedLanguageModels().Build()
			errs <- move(l, true)
		}()
	}
	wg.Wait()
	close(errs)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("detect: load models: %w", err)
	}
	for err := range errs {
		if err != nil {
			return err
		}
	}
	if err := move(d.lingua[0], true); err != nil {
		return err
	}
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
	d.stats.Store(&LoadStats{Ready: readyAfter, Full: time.Since(start), TableBytes: t.size()})
	return nil
}

// loadLingua loads lingua's own high-accuracy models; Detect then scores
// with lingua.
func (d *Detector) loadLingua(ctx context.Context, start time.Time, readyAfter time.Duration) error {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, l := range d.lingua {
		select {
		case <-ctx.Done():
		case sem <- struct{}{}:
		}
		if ctx.Err() != nil {
			break
		}
		partner := d.lingua[0]
		if i == 0 {
			partner = d.lingua[1]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			lingua.NewLanguageDetectorBuilder().FromLanguages(l, partner).
				WithPreloadedLanguageModels().Build()
			<-sem
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("detect: load models: %w", err)
	}
	d.full.Store(true)
	debug.FreeOSMemory()
	d.stats.Store(&LoadStats{Ready: readyAfter, Full: time.Since(start)})
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
