package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/schedule"
	"github.com/digestd/digestd/store"
)

// A small article folder written for these tests.
func writeArticles(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	body := "Ukraine and Russia agree to new prisoner exchange talks in Geneva\n\n" +
		"Delegations of Ukraine and Russia agreed on Monday in Geneva to hold new talks on a prisoner exchange, Swiss mediators said.\n\n" +
		"The negotiations will also cover a ceasefire along a humanitarian corridor, the Swiss foreign ministry said in a statement.\n\n" +
		"Ukraine's foreign minister welcomed the agreement, while the Kremlin said sanctions were not on the agenda of these talks.\n"
	if err := os.WriteFile(filepath.Join(dir, "talks.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func serveConfig(t *testing.T, dir, extra string) string {
	t.Helper()
	writeArticles(t, filepath.Join(dir, "articles"))
	cfg := `
[schedule]
cron = "@every 1s"
[[source]]
name = "local"
kind = "files"
path = "articles"
[mail.file]
dir = "outbox"
[mail.unsubscribe]
url = "https://digest.example.org/unsubscribe"
secret_env = "TEST_UNSUB_SECRET"
[[subscriber]]
email = "ann@example.org"
[store]
path = "state.db"
` + extra
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func testEnv(out, errb io.Writer) Env {
	return Env{Stdout: out, Stderr: errb, Getenv: func(k string) string {
		if k == "TEST_UNSUB_SECRET" {
			return "s3cret"
		}
		return ""
	}}
}

func TestServeRunsOnScheduleAndStops(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig(t, dir, "")
	ctx, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--config", cfg}, testEnv(io.Discard, &syncWriter{w: &errb}))
	}()

	st := openTestStore(t, filepath.Join(dir, "state.db"))
	deadline := time.Now().Add(15 * time.Second)
	for {
		runs, _ := st.Runs(context.Background(), 10)
		if len(runs) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("fewer than two runs in 15s: %d\n%s", len(runs), errb.String())
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped by itself: %v\n%s", err, errb.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
	if len(emls) != 1 {
		t.Errorf("%d letters after several runs over one article, want 1", len(emls))
	}
}

// syncWriter lets the daemon's goroutines log into one writer while the test reads it.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) lock()   { s.mu.Lock() }
func (s *syncWriter) unlock() { s.mu.Unlock() }

func openTestStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func testDaemon(t *testing.T) (*daemon, string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath := serveConfig(t, dir, "")
	f := newFlags("serve", testEnv(io.Discard, io.Discard))
	if err := f.parse([]string{"--config", cfgPath}); err != nil {
		t.Fatal(err)
	}
	c, err := f.load(testEnv(io.Discard, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	sched, err := scheduleOf(c)
	if err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, c.Store.Path)
	log := newLogger(io.Discard, c)
	return &daemon{cfg: c, sched: sched, st: st, log: log, metrics: newMetrics()}, dir
}

func TestHealthzAndMetrics(t *testing.T) {
	d, _ := testDaemon(t)
	srv := httptest.NewServer(d.handler())
	defer srv.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	d.setNext(time.Now().Add(time.Hour))
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"status":"starting"`) {
		t.Errorf("healthz before any run: %d %s", code, body)
	}
	d.run(context.Background(), "scheduled")
	code, body := get("/healthz")
	if code != 200 || !strings.Contains(body, `"last_status":"ok"`) {
		t.Errorf("healthz after a good run: %d %s", code, body)
	}
	code, body = get("/metrics")
	for _, want := range []string{`digestd_runs_total{status="ok"} 1`, `digestd_articles_total{status="included"} 1`,
		"digestd_next_run_timestamp_seconds", `digestd_messages_total{result="sent"} 1`, "digestd_run_duration_seconds_count 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics (%d) lack %q", code, want)
		}
	}
	// A failed run makes the daemon unhealthy.
	d.mu.Lock()
	d.last = &outcome{Status: "failed", Error: "smtp down", Started: time.Now()}
	d.mu.Unlock()
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "smtp down") {
		t.Errorf("healthz after a failed run: %d %s", code, body)
	}
	// An overdue schedule too.
	d.mu.Lock()
	d.last.Status = "ok"
	d.mu.Unlock()
	d.setNext(time.Now().Add(-time.Hour))
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "overdue") {
		t.Errorf("healthz when overdue: %d %s", code, body)
	}
}

func TestUnsubscribe(t *testing.T) {
	d, _ := testDaemon(t)
	srv := httptest.NewServer(d.handler())
	defer srv.Close()
	token := mail.UnsubscribeToken([]byte("s3cret"), "ann@example.org")
	forged := mail.UnsubscribeToken([]byte("guess"), "ann@example.org")
	ctx := context.Background()
	status := func() string {
		subs, _ := d.st.Subscribers(ctx)
		return subs["ann@example.org"].Status
	}

	tests := []struct {
		name   string
		method string
		url    string
		body   string
		code   int
		after  string
	}{
		{"GET shows a confirmation and changes nothing", "GET", "/unsubscribe?token=" + url.QueryEscape(token), "", 200, ""},
		{"forged token", "POST", "/unsubscribe?token=" + url.QueryEscape(forged), "List-Unsubscribe=One-Click", 400, ""},
		{"tampered token", "POST", "/unsubscribe?token=" + url.QueryEscape(token+"x"), "List-Unsubscribe=One-Click", 400, ""},
		{"GET with a forged token", "GET", "/unsubscribe?token=" + url.QueryEscape(forged), "", 400, ""},
		{"one-click POST", "POST", "/unsubscribe?token=" + url.QueryEscape(token), "List-Unsubscribe=One-Click", 200, store.SubscriberUnsubscribed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.url, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.code {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tc.code, b)
			}
			if got := status(); got != tc.after {
				t.Errorf("subscriber status %q, want %q", got, tc.after)
			}
		})
	}
	// The unsubscribed address gets nothing from the next run.
	o, err := runOnce(ctx, d.cfg, d.st, d.log, runOptions{kind: "run"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if o.Delivery.Enqueued != 0 {
		t.Errorf("an unsubscribed address got %d letters", o.Delivery.Enqueued)
	}
}

func TestRunRefusesWhileAnotherHoldsTheLock(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig(t, dir, "")
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	unlock, err := st.Lock("serve", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, stderr, err := runCmd(t, "run", "--config", cfg)
	if err == nil || ExitCode(err) != ExitFailed || !strings.Contains(err.Error(), "another digestd run holds the lock") {
		t.Fatalf("run during another run: %v (exit %d)\n%s", err, ExitCode(err), stderr)
	}
	// A preview needs no lock.
	if _, stderr, err := runCmd(t, "preview", "--config", cfg, "--out", filepath.Join(dir, "out")); err != nil {
		t.Fatalf("preview during another run: %v\n%s", err, stderr)
	}
}

func TestCatchUpAfterDowntime(t *testing.T) {
	d, _ := testDaemon(t)
	ctx := context.Background()
	s, err := schedule.Parse("0 7 * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	d.sched = s
	now := time.Date(2025, 6, 3, 9, 0, 0, 0, time.UTC)
	if !d.missedRun(ctx, now) {
		t.Error("no run ever: the 07:00 run counts as missed")
	}
	rec := func(at time.Time, kind string) {
		if err := d.st.RecordRun(ctx, store.Run{StartedAt: at, FinishedAt: at, Kind: kind, Status: "ok", Report: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	rec(time.Date(2025, 6, 3, 7, 0, 1, 0, time.UTC), "scheduled")
	if d.missedRun(ctx, now) {
		t.Error("the 07:00 run happened, yet it counts as missed")
	}
	rec(time.Date(2025, 6, 4, 8, 0, 0, 0, time.UTC), "preview")
	if !d.missedRun(ctx, time.Date(2025, 6, 4, 9, 0, 0, 0, time.UTC)) {
		t.Error("a preview does not replace the missed 07:00 run")
	}
}

func TestSIGHUPReloadsAndRefusesABadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig(t, dir, "")
	// A schedule that does not fire during the test, so only reloads happen.
	text, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(text), `cron = "@every 1s"`, `cron = "0 7 1 1 *"`, 1)), 0o644)
	reload := make(chan os.Signal, 1)
	var errb syncWriter
	var logs strings.Builder
	errb.w = &logs
	env := testEnv(io.Discard, &errb)
	env.Reload = reload
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, []string{"serve", "--config", cfg}, env) }()

	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			errb.lock()
			found := strings.Contains(logs.String(), what)
			errb.unlock()
			if found {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		errb.lock()
		defer errb.unlock()
		t.Fatalf("no %q in the log:\n%s", what, logs.String())
	}
	waitFor("serving")
	text, _ = os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(text), `cron = "0 7 1 1 *"`, `cron = "30 6 * * *"`, 1)), 0o644)
	reload <- syscall.SIGHUP
	waitFor(`configuration reloaded" schedule="30 6 * * *"`)
	os.WriteFile(cfg, []byte("[digest]\nwindow = \"forever\"\n"), 0o644)
	reload <- syscall.SIGHUP
	waitFor("reload refused; keeping the running configuration")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}

func TestLookBackCoversWhatASubscriberHasNotReceived(t *testing.T) {
	d, _ := testDaemon(t)
	ctx := context.Background()
	c := d.cfg
	t0 := time.Date(2025, 6, 1, 7, 0, 0, 0, time.UTC)
	subs := []digest.Recipient{{Email: "ann@example.org"}}
	look := func(now time.Time) time.Time {
		t.Helper()
		known, err := d.st.Subscribers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pending, err := d.st.Pending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lookBack(c, subs, known, pending, "", now)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := look(t0), t0.Add(-24*time.Hour); !got.Equal(want) {
		t.Errorf("first run looks back to %v, want the window: %v", got, want)
	}
	// Ann's first letter could not be sent; three days later the new letter still covers it.
	if err := d.st.Enqueue(ctx, store.Letter{Key: "k1", Subscriber: "ann@example.org", PeriodStart: t0.Add(-24 * time.Hour), PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("{}")}, t0); err != nil {
		t.Fatal(err)
	}
	if got, want := look(t0.Add(72*time.Hour)), t0.Add(-24*time.Hour); !got.Equal(want) {
		t.Errorf("with a pending first letter, the look-back is %v, want its start %v", got, want)
	}
	// Once delivered, the look-back starts where the delivered letter's period ended.
	if _, err := d.st.MarkSent(ctx, "k1", t0.Add(73*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, want := look(t0.Add(74*time.Hour)), t0; !got.Equal(want) {
		t.Errorf("after delivery the look-back is %v, want the end of the delivered period %v", got, want)
	}
	if got, want := look(t0.Add(30*24*time.Hour)), t0.Add(23*24*time.Hour); !got.Equal(want) {
		t.Errorf("after a month down the look-back is %v, want max_catch_up back: %v", got, want)
	}
}

func TestStatusClearsAFlaggedAddress(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig(t, dir, "")
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	if err := st.SetSubscriberStatus(context.Background(), "ann@example.org", store.SubscriberRejected, "550 no such user", time.Now()); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, "status", "--config", cfg)
	if err != nil || !strings.Contains(out, "rejected") || !strings.Contains(out, "550 no such user") {
		t.Fatalf("status: %v\n%s%s", err, out, stderr)
	}
	out, stderr, err = runCmd(t, "status", "--config", cfg, "--clear", "Ann@Example.org")
	if err != nil || !strings.Contains(out, "ann@example.org is active again") {
		t.Fatalf("status --clear: %v\n%s%s", err, out, stderr)
	}
	subs, _ := st.Subscribers(context.Background())
	if subs["ann@example.org"].Status != store.SubscriberActive {
		t.Errorf("after --clear: %+v", subs["ann@example.org"])
	}
}
