package templates

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Watch polls the override directory every interval and reloads the
// catalogs when a file is added, removed or modified. It returns when ctx
// ends. A broken file is logged by Reload and the previous catalogs stay;
// the next change is tried again. Without a Dir it only waits for ctx.
func (s *Set) Watch(ctx context.Context, interval time.Duration) {
	if s.cfg.Dir == "" {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	// Compare with what the current catalogs were loaded from, so that a
	// change made before the watcher started is not missed.
	last := s.cur.Load().stamp
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := stampDir(s.cfg.Dir)
		if cur == last {
			continue
		}
		last = cur
		_ = s.Reload() // Reload logs what is wrong.
	}
}

// stampDir summarizes the names, sizes and modification times of the
// catalog files in dir; any change to them changes the summary.
func stampDir(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	var parts []string
	for _, e := range entries {
		if e.IsDir() || formatOf(e.Name()) == "" {
			continue
		}
		info, err := e.Info()
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			parts = append(parts, e.Name()+" ?")
			continue
		}
		parts = append(parts, stampOf(filepath.Join(dir, e.Name()), info))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

func stampOf(path string, info fs.FileInfo) string {
	return path + " " + info.ModTime().UTC().Format(time.RFC3339Nano) + " " + itoa(info.Size())
}

func itoa(n int64) string { return countString(int(n)) }
