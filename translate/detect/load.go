package detect

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/pemistahl/lingua-go"
)

// Load loads the configured languages' models. The trigram models come
// first (about a second for the default set); from then on Ready reports
// true and Detect answers, judging short texts on trigrams alone. Load then
// loads the remaining models two languages at a time, which keeps the
// memory peak close to the final size, and returns when all are in memory.
// A gateway runs it in the background and reports ready on Ready; a command
// that detects a batch calls it before the first line. It returns ctx's
// error if ctx ends first; models already loaded stay loaded.
func (d *Detector) Load(ctx context.Context) error {
	start := time.Now()
	// Building a preloaded detector fills lingua's shared model cache,
	// which d.low and d.high read.
	lingua.NewLanguageDetectorBuilder().FromLanguages(d.lingua...).
		WithLowAccuracyMode().WithPreloadedLanguageModels().Build()
	d.ready.Store(true)
	readyAfter := time.Since(start)

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
		// A detector needs two languages; the partner's models are
		// loaded anyway, once.
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
	// Decoding the models leaves hundreds of MiB of garbage; hand it back
	// to the system now rather than let RSS sit at the peak.
	debug.FreeOSMemory()
	d.stats.Store(&LoadStats{Ready: readyAfter, Full: time.Since(start)})
	return nil
}
