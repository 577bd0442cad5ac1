// Command ingest measures how fast Parley accepts messages through
// POST /v1/messages, on SQLite and on PostgreSQL, next to a bare echo handler
// that answers 201 without doing anything, in the same run on the same
// machine.
//
//	go run ./bench/ingest -postgres 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ingest:", err)
		os.Exit(1)
	}
}

type target struct {
	name string
	url  string
	// pid is the Parley process, whose CPU time is counted; 0 for none.
	pid int
	// postgres counts the PostgreSQL server's CPU time too.
	postgres bool
}

func run() error {
	duration := flag.Duration("duration", 5*time.Second, "load time per engine and client count")
	clientsFlag := flag.String("clients", "1,16,64", "concurrent clients to measure")
	pgURL := flag.String("postgres", os.Getenv("PARLEY_TEST_POSTGRES_URL"), "PostgreSQL URL for the PostgreSQL leg (empty: skip)")
	bin := flag.String("bin", "", "parley binary (empty: build it)")
	languages := flag.String("languages", "", "PARLEY_LANGUAGES for the parley processes (empty: the default set)")
	settle := flag.Duration("settle", 2*time.Minute, "longest wait after /readyz for the full language models to load")
	url := flag.String("url", "", "measure only the Parley already running at this base URL (for profiling it)")
	pid := flag.Int("pid", 0, "with -url: the process id of that Parley, to count its CPU time per message")
	flag.Parse()
	var clients []int
	for _, s := range strings.Split(*clientsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("-clients: %q is not a positive number", s)
		}
		clients = append(clients, n)
	}
	if *url != "" {
		fmt.Println(header)
		for _, n := range clients {
			printRow(*url, n, load(target{url: *url, pid: *pid}, n, *duration))
		}
		return nil
	}
	tmp, err := os.MkdirTemp("", "parley-ingest")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "parley")
		build := exec.Command("go", "build", "-o", *bin, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build parley (run from the repository root): %w", err)
		}
	}

	bare, stopBare, err := startBare()
	if err != nil {
		return err
	}
	defer stopBare()
	targets := []target{{name: "bare echo 201", url: bare}}
	sqliteURL, sqlitePID, stopSQLite, err := startParley(*bin, filepath.Join(tmp, "bench.db"), *languages)
	if err != nil {
		return err
	}
	defer stopSQLite()
	targets = append(targets, target{name: "parley sqlite", url: sqliteURL, pid: sqlitePID})
	if *pgURL != "" {
		dsn, drop, err := freshSchema(*pgURL)
		if err != nil {
			return err
		}
		defer drop()
		pgParley, pgPID, stopPG, err := startParley(*bin, dsn, *languages)
		if err != nil {
			return err
		}
		defer stopPG()
		targets = append(targets, target{name: "parley postgres", url: pgParley, pid: pgPID, postgres: true})
	}

	for _, tg := range targets[1:] {
		if err := waitModels(tg.url, *settle); err != nil {
			return err
		}
	}
	langs := *languages
	if langs == "" {
		langs = "the default set"
	}
	fmt.Printf("POST /v1/messages, %s per row, %d cores, PARLEY_LANGUAGES=%s\n\n", *duration, numCPU(), langs)
	fmt.Println(header)
	for _, n := range clients {
		for _, tg := range targets {
			printRow(tg.name, n, load(tg, n, *duration))
		}
	}
	return nil
}

// header heads the results table. "steal" is the share of the machine's
// CPU time that the hypervisor gave to other guests during the row, "idle"
// the share nobody used: on a shared machine a row with much steal says
// less about Parley than about its neighbours.
const header = "| target | clients | accepted/s | p50 | p99 | errors | steal | idle | CPU per message |\n|---|---|---|---|---|---|---|---|---|"

func printRow(name string, n int, r result) {
	cpu := "-"
	if r.cpuPerMsg > 0 {
		cpu = r.cpuPerMsg.Round(10 * time.Microsecond).String()
	}
	fmt.Printf("| %s | %d | %.0f | %s | %s | %d | %.0f%% | %.0f%% | %s |\n", name, n, r.rate, r.p50, r.p99, r.errors,
		r.steal*100, r.idle*100, cpu)
}

type result struct {
	rate        float64
	p50, p99    time.Duration
	errors      int64
	steal, idle float64
	// cpuPerMsg is the CPU time Parley (and PostgreSQL, for its rows)
	// spent per accepted message, which steal does not inflate.
	cpuPerMsg time.Duration
}

var seq atomic.Int64

// runID keeps the external ids of one run apart from those of earlier runs
// against the same database (-url).
var runID = time.Now().UnixNano()

// messages are what customers write, in twelve languages; %d is an order
// number that makes each text new.
var messages = []string{
	"Hallo, wo ist meine Bestellung %d? Sie sollte gestern ankommen.",
	"Hi, my order %d still hasn't arrived, can you check where it is?",
	"Hola, mi pedido %d todavía no ha llegado, ¿me pueden ayudar?",
	"Bonjour, ma commande %d n'est toujours pas arrivée, que se passe-t-il ?",
	"Olá, o meu pedido %d ainda não chegou, podem verificar por favor?",
	"Здравствуйте, мой заказ %d до сих пор не пришёл, помогите пожалуйста.",
	"مرحبا، طلبي رقم %d لم يصل بعد، هل يمكنكم المساعدة؟",
	"你好，我的订单 %d 还没有到，请帮我查一下。",
	"こんにちは、注文 %d がまだ届いていません。確認していただけますか？",
	"Dzień dobry, moje zamówienie %d jeszcze nie dotarło, proszę o pomoc.",
	"Merhaba, %d numaralı siparişim hâlâ gelmedi, yardımcı olur musunuz?",
	"Ciao, il mio ordine %d non è ancora arrivato, potete controllare?",
}

// load runs n clients that post messages back to back for d.
func load(tg target, n int, d time.Duration) result {
	base := tg.url
	tr := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	defer tr.CloseIdleConnections()
	var mu sync.Mutex
	var lats []time.Duration
	var errs atomic.Int64
	before := readCPU()
	cpuBefore := targetCPU(tg)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 4096)
			for time.Now().Before(deadline) {
				i := seq.Add(1)
				// Each conversation keeps one language, as customers do.
				conv := i % 50
				text := fmt.Sprintf(messages[(c*50+int(conv))%len(messages)], i)
				body := fmt.Sprintf(`{"conversation_id":"bench-%d-%d","text":%q,"author":"customer","external_id":"b-%d-%d"}`,
					c, conv, text, runID, i)
				t0 := time.Now()
				resp, err := client.Post(base+"/v1/messages", "application/json", bytes.NewReader([]byte(body)))
				if err != nil {
					errs.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					errs.Add(1)
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			lats = append(lats, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	after := readCPU()
	cpuAfter := targetCPU(tg)
	slices.Sort(lats)
	r := result{errors: errs.Load(), rate: float64(len(lats)) / elapsed.Seconds()}
	if len(lats) > 0 && tg.pid != 0 {
		r.cpuPerMsg = (cpuAfter - cpuBefore) / time.Duration(len(lats))
	}
	if total := after.total - before.total; total > 0 {
		r.steal = float64(after.steal-before.steal) / float64(total)
		r.idle = float64(after.idle-before.idle) / float64(total)
	}
	if len(lats) > 0 {
		r.p50 = lats[len(lats)*50/100].Round(10 * time.Microsecond)
		r.p99 = lats[len(lats)*99/100].Round(10 * time.Microsecond)
	}
	return r
}

// startBare serves a handler that reads the body and answers 201, the floor
// any gateway stands on.
func startBare() (string, func(), error) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.POST("/v1/messages", func(c echo.Context) error {
		_, _ = io.Copy(io.Discard, c.Request().Body)
		return c.JSON(http.StatusCreated, map[string]int{"id": 1})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: e}
	go srv.Serve(ln) //nolint:errcheck
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func startParley(bin, dsn, languages string) (string, int, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", 0, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "PARLEY_ADDR="+addr, "PARLEY_DATABASE_URL="+dsn, "PARLEY_API_TOKEN=", "PARLEY_LOG_LEVEL=warn")
	if languages != "" {
		cmd.Env = append(cmd.Env, "PARLEY_LANGUAGES="+languages)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	stop := func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, cmd.Process.Pid, stop, nil
			}
		}
	}
	stop()
	return "", 0, nil, fmt.Errorf("parley on %s not ready within 30s", dsn)
}

// waitModels waits until parley reports every language model loaded, so
// that the measurement does not include loading them.
func waitModels(base string, limit time.Duration) error {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "\nparley_language_models_loaded 1") {
			return nil
		}
	}
	return fmt.Errorf("%s: language models not loaded within %s", base, limit)
}

// freshSchema makes an empty schema so the run starts from nothing.
func freshSchema(base string) (string, func(), error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, err
	}
	schema := fmt.Sprintf("parley_bench_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		conn.Close(ctx)
		return "", nil, err
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema, func() {
		_, _ = conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(ctx)
	}, nil
}

// cpuTimes are the machine's CPU times from /proc/stat, in ticks.
type cpuTimes struct{ total, idle, steal uint64 }

// readCPU reads the machine's CPU times; zero where /proc/stat is missing.
func readCPU() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	var t cpuTimes
	for i, f := range fields[1:] {
		v, _ := strconv.ParseUint(f, 10, 64)
		if i < 8 { // guest time is counted in user time already
			t.total += v
		}
		switch i {
		case 3, 4: // idle, iowait
			t.idle += v
		case 7:
			t.steal = v
		}
	}
	return t
}

// clockTick is Linux's USER_HZ, the unit of CPU times in /proc.
const clockTick = 10 * time.Millisecond

// targetCPU returns the CPU time used so far by tg's Parley process and,
// for a PostgreSQL target, by every PostgreSQL server process.
func targetCPU(tg target) time.Duration {
	if tg.pid == 0 {
		return 0
	}
	total := processCPU(strconv.Itoa(tg.pid))
	if tg.postgres {
		dirs, _ := filepath.Glob("/proc/[0-9]*")
		for _, dir := range dirs {
			if comm, err := os.ReadFile(dir + "/comm"); err == nil && strings.TrimSpace(string(comm)) == "postgres" {
				total += processCPU(filepath.Base(dir))
			}
		}
	}
	return total
}

// processCPU returns the user and system CPU time of process pid; zero if
// it cannot be read.
func processCPU(pid string) time.Duration {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it are fixed.
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0
	}
	fields := strings.Fields(rest) // state is field 3; utime and stime are 14 and 15
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseUint(fields[11], 10, 64)
	stime, _ := strconv.ParseUint(fields[12], 10, 64)
	return time.Duration(utime+stime) * clockTick
}
