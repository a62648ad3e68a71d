package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds cmd/digestd once per test that needs the real process.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "digestd")
	cmd := exec.Command(goBin, "build", "-o", bin, "../cmd/digestd")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

const slowFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Slow wire</title><link>https://wire.test/</link>
<item><title>Ukraine and Russia agree to new prisoner exchange talks in Geneva</title>
<link>https://wire.test/geneva</link><pubDate>%s</pubDate>
<description>Delegations of Ukraine and Russia agreed on Monday in Geneva to hold new talks on a prisoner exchange, Swiss mediators said. The negotiations will also cover a ceasefire along a humanitarian corridor, the Swiss foreign ministry said. Ukraine's foreign minister welcomed the agreement, while the Kremlin said sanctions were not on the agenda.</description>
</item></channel></rss>`

// SIGTERM during a run: the run finishes within the grace period, its state is recorded, and
// the process exits 0.
func TestSIGTERMMidRunFinishesTheRunAndExitsZero(t *testing.T) {
	bin := buildBinary(t)
	t.Run("run finishes within grace", func(t *testing.T) { sigterm(t, bin, 1500*time.Millisecond, "20s", "ok", 1) })
	t.Run("grace over: run cancelled", func(t *testing.T) { sigterm(t, bin, 8*time.Second, "1s", "failed", 0) })
}

// sigterm starts serve over a feed that answers after delay, sends SIGTERM while it gathers, and
// checks the exit, how long stopping took against grace, the recorded run and the letters.
func sigterm(t *testing.T, bin string, delay time.Duration, grace, wantStatus string, wantLetters int) {
	hit := make(chan struct{}, 10)
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hit <- struct{}{}
		select { // the run is in progress while the signal arrives
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, slowFeed, time.Now().UTC().Format(time.RFC1123Z))
	}))
	defer feed.Close()
	dir := t.TempDir()
	cfg := fmt.Sprintf(`
[schedule]
cron = "@every 1h"
[[source]]
name = "wire"
kind = "feed"
url = %q
full_text = false
[mail.file]
dir = "outbox"
[[subscriber]]
email = "ann@example.org"
[store]
path = "state.db"
[server]
grace = %q
`, feed.URL, grace)
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd := exec.Command(bin, "serve", "--config", cfgPath)
	cmd.Dir = dir
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// No run ever happened, so serve catches up at once; wait until it is gathering.
	select {
	case <-hit:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve did not start a catch-up run\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM\n%s", err, stderr.String())
		}
		if g, _ := time.ParseDuration(grace); time.Since(signalled) > g+5*time.Second {
			t.Errorf("stopping took %s with a grace of %s", time.Since(signalled).Round(time.Millisecond), grace)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve did not stop within the grace period\n%s", stderr.String())
	}
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	runs, err := st.Runs(context.Background(), 5)
	if err != nil || len(runs) != 1 || runs[0].Status != wantStatus {
		t.Fatalf("runs after SIGTERM = %+v, %v; want one %q\n%s", runs, err, wantStatus, stderr.String())
	}
	if emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml")); len(emls) != wantLetters {
		t.Errorf("the interrupted run delivered %d letters, want %d\n%s", len(emls), wantLetters, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopping") {
		t.Errorf("no word of stopping in the log:\n%s", stderr.String())
	}
}
