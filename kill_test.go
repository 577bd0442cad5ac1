package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
)

// TestKillMidStream SIGKILLs Parley while clients are posting messages,
// restarts it on the same database, and checks that every message that got a
// 2xx is stored and its job completed exactly once.
func TestKillMidStream(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills real processes")
	}
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			killMidStream(t, dsn)
		})
	}
}

func killMidStream(t *testing.T, dsn string) {
	addr := freeAddr(t)
	env := append(os.Environ(), childEnv+"=1", "PARLEY_ADDR="+addr, "PARLEY_DATABASE_URL="+dsn,
		"PARLEY_API_TOKEN=", "PARLEY_JOB_TIMEOUT=1s", "PARLEY_LOG_LEVEL=warn", "PARLEY_LANGUAGES=en,de")
	first := startParley(t, env, addr)

	// Clients post until the process dies under them.
	var mu sync.Mutex
	accepted := map[string]int64{} // external id → message id
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ext := fmt.Sprintf("c%d-m%d", c, i)
				id, ok := postMessage(addr, ext)
				if !ok {
					return
				}
				mu.Lock()
				accepted[ext] = id
				mu.Unlock()
			}
		}()
	}
	// Kill once a stream is flowing: a few hundred messages in, so that
	// requests and jobs are in flight at the moment of the kill.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(accepted)
		mu.Unlock()
		if n >= 300 {
			break
		}
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	close(stop)
	wg.Wait()
	if len(accepted) < 300 {
		t.Fatalf("only %d messages accepted before the kill; the test needs a stream", len(accepted))
	}

	inFlight := countRunning(t, dsn)
	second := startParley(t, env, addr)
	defer func() {
		_ = second.Process.Signal(syscall.SIGTERM)
		_ = second.Wait()
	}()

	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(90 * time.Second)
	for ext, id := range accepted {
		for {
			m, err := db.MessageByExternalID(context.Background(), "api", ext)
			if err != nil {
				t.Fatalf("message %s (id %d) got a 2xx but is not stored: %v", ext, id, err)
			}
			if m.ID != id {
				t.Fatalf("message %s stored as %d, but the 2xx said %d", ext, m.ID, id)
			}
			if m.ProcessedAt != nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("message %s not processed 90s after the restart", ext)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// River records completions in the background; wait for them.
	var jobs map[int64][]string
	for {
		jobs, err = db.ProcessJobCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		done := true
		for _, states := range jobs {
			for _, s := range states {
				done = done && s == "completed"
			}
		}
		if done || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	stored, err := db.MessageCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for msgID, states := range jobs {
		if len(states) != 1 || states[0] != "completed" {
			t.Errorf("message %d has jobs %v, want exactly one completed", msgID, states)
		}
	}
	if len(jobs) != stored {
		t.Errorf("%d messages stored but %d have jobs", stored, len(jobs))
	}
	t.Logf("%d messages got a 2xx before SIGKILL (%d stored; the rest were cut off mid-request), %d jobs were running at the kill; all processed once after restart",
		len(accepted), stored, inFlight)
}

// countRunning counts the jobs a killed process left running.
func countRunning(t *testing.T, dsn string) int {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	jobs, err := db.ProcessJobCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, states := range jobs {
		for _, s := range states {
			if s == "running" {
				n++
			}
		}
	}
	return n
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startParley(t *testing.T, env []string, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve")
	cmd.Env = env
	cmd.Stderr = &prefixWriter{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd
			}
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("parley not ready on %s within 30s", addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func postMessage(addr, externalID string) (int64, bool) {
	body, _ := json.Marshal(map[string]string{"conversation_id": "conv-" + externalID[:2],
		"text": "Where is my order?", "author": "customer", "external_id": externalID})
	resp, err := http.Post("http://"+addr+"/v1/messages", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return 0, false
	}
	var m struct{ ID int64 }
	if json.NewDecoder(resp.Body).Decode(&m) != nil {
		return 0, false
	}
	return m.ID, true
}

// prefixWriter passes the child's log lines to the test log.
type prefixWriter struct{ t *testing.T }

func (w *prefixWriter) Write(p []byte) (int, error) {
	w.t.Logf("parley: %s", bytes.TrimSpace(p))
	return len(p), nil
}
