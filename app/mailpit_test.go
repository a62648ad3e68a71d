package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digestd/digestd/internal/mailpittest"
	"github.com/digestd/digestd/store"
)

// smtpConfig writes a config that sends through the Mailpit at port to n subscribers.
func smtpConfig(t *testing.T, dir string, port, n int, tlsMode string) string {
	t.Helper()
	writeArticles(t, filepath.Join(dir, "articles"))
	var b strings.Builder
	fmt.Fprintf(&b, `
[[source]]
name = "local"
kind = "files"
path = "articles"
[mail]
transport = "smtp"
from = "digest@example.org"
[mail.smtp]
host = "127.0.0.1"
port = %d
tls = %q
timeout = "5s"
[mail.unsubscribe]
url = "https://digest.example.org/unsubscribe"
mailto = "unsubscribe@example.org"
secret_env = "TEST_UNSUB_SECRET"
[store]
path = "state.db"
`, port, tlsMode)
	for i := range n {
		fmt.Fprintf(&b, "[[subscriber]]\nemail = \"reader%03d@example.org\"\nname = \"Reader %d\"\n", i, i)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runWith runs a command with the test's environment; a run or preview writes its files beside
// the config, never into the package folder.
func runWith(t *testing.T, args ...string) (string, error) {
	t.Helper()
	if (args[0] == "run" || args[0] == "preview") && !slices.Contains(args, "--out") {
		if i := slices.Index(args, "--config"); i >= 0 {
			args = append(args, "--out", filepath.Join(filepath.Dir(args[i+1]), "out"))
		}
	}
	var out, errb strings.Builder
	err := Run(context.Background(), args, testEnv(&out, &errb))
	return errb.String(), err
}

func TestSMTPDeliveryOncePerSubscriber(t *testing.T) {
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	cfg := smtpConfig(t, dir, mp.SMTPPort, 5, "none")
	if stderr, err := runWith(t, "run", "--config", cfg); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 5 {
		t.Fatalf("%d messages arrived, want 5", len(msgs))
	}
	to := map[string]bool{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Errorf("message %s has %d recipients, want 1", m.ID, len(m.To))
			continue
		}
		to[m.To[0].Address] = true
		raw := string(mp.Raw(t, m.ID))
		for _, h := range []string{"List-Unsubscribe: <https://digest.example.org/unsubscribe?token=", "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Message-I", "multipart/alternative"} {
			if !strings.Contains(raw, h) {
				t.Errorf("message to %s lacks %q", m.To[0].Address, h)
			}
		}
	}
	if len(to) != 5 {
		t.Errorf("%d distinct recipients, want 5", len(to))
	}
	stderr, err := runWith(t, "run", "--config", cfg)
	if err != nil || !strings.Contains(stderr, "nothing new") {
		t.Fatalf("second run: %v\n%s", err, stderr)
	}
	if n := mp.Count(t); n != 5 {
		t.Errorf("after a second run %d messages, want still 5", n)
	}
}

func TestSMTPServerDownThenUpDeliversOnce(t *testing.T) {
	port := mailpittest.FreePort(t)
	dir := t.TempDir()
	cfg := smtpConfig(t, dir, port, 3, "none")
	stderr, err := runWith(t, "run", "--config", cfg)
	if err == nil || ExitCode(err) != ExitFailed {
		t.Fatalf("run with the server down: %v (exit %d), want exit 1\n%s", err, ExitCode(err), stderr)
	}
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	if p, _ := st.Pending(context.Background()); len(p) != 3 {
		t.Fatalf("%d letters pending, want 3", len(p))
	}
	mp := mailpittest.StartOn(t, port)
	if stderr, err := runWith(t, "run", "--config", cfg); err != nil {
		t.Fatalf("run with the server up: %v\n%s", err, stderr)
	}
	if n := mp.Count(t); n != 3 {
		t.Fatalf("%d messages, want 3", n)
	}
	if stderr, err := runWith(t, "run", "--config", cfg); err != nil {
		t.Fatalf("third run: %v\n%s", err, stderr)
	}
	if n := mp.Count(t); n != 3 {
		t.Errorf("%d messages after a third run, want 3", n)
	}
}

func TestSTARTTLSMandatoryAgainstPlainServer(t *testing.T) {
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	cfg := smtpConfig(t, dir, mp.SMTPPort, 2, "mandatory")
	stderr, err := runWith(t, "run", "--config", cfg)
	if err == nil || ExitCode(err) != ExitFailed {
		t.Fatalf("run: %v (exit %d), want exit 1\n%s", err, ExitCode(err), stderr)
	}
	if !strings.Contains(strings.ToLower(stderr), "tls") {
		t.Errorf("the error does not say TLS:\n%s", stderr)
	}
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	ctx := context.Background()
	if del, _ := st.DeliveredSince(ctx, time.Time{}); len(del) != 0 {
		t.Errorf("%d articles marked delivered", len(del))
	}
	if p, _ := st.Pending(ctx); len(p) != 2 {
		t.Errorf("%d letters pending, want 2", len(p))
	}
	if n := mp.Count(t); n != 0 {
		t.Errorf("%d messages reached the plain server", n)
	}
}

func TestPermanentRejectionFlagsOneSubscriber(t *testing.T) {
	mp := mailpittest.Start(t, "--smtp-allowed-recipients", `^reader00[01]@`)
	dir := t.TempDir()
	cfg := smtpConfig(t, dir, mp.SMTPPort, 3, "none")
	stderr, err := runWith(t, "run", "--config", cfg)
	if err != nil {
		t.Fatalf("a rejected address failed the run: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "1 rejected") || !strings.Contains(stderr, "reader002@example.org") {
		t.Errorf("the report does not name the rejection:\n%s", stderr)
	}
	st := openTestStore(t, filepath.Join(dir, "state.db"))
	subs, _ := st.Subscribers(context.Background())
	if s := subs["reader002@example.org"]; s.Status != store.SubscriberRejected {
		t.Errorf("reader002 is %+v, want rejected", s)
	}
	if n := mp.Count(t); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
	// Later runs leave the flagged subscriber alone and succeed.
	writeMoreArticles(t, filepath.Join(dir, "articles"))
	stderr, err = runWith(t, "run", "--config", cfg)
	if err != nil {
		t.Fatalf("later run: %v\n%s", err, stderr)
	}
	if n := mp.Count(t); n != 4 {
		t.Errorf("%d messages after the second digest, want 4", n)
		t.Log(stderr)
	}
}

func writeMoreArticles(t *testing.T, dir string) {
	t.Helper()
	body := "EU ministers agree new sanctions package on Russia over the war in Ukraine\n\n" +
		"European Union foreign ministers agreed in Brussels on Tuesday on a new package of sanctions against Russia over its war in Ukraine, diplomats said.\n\n" +
		"The package targets energy revenues and shipping, and ministers also discussed security guarantees for Kyiv in any peace settlement.\n\n" +
		"Ukraine's foreign minister welcomed the decision and called for the sanctions to be enforced quickly.\n"
	if err := os.WriteFile(filepath.Join(dir, "sanctions.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// kill -9 in the middle of sending, then a new run: every subscriber gets the digest, and at
// most one message (the one whose acceptance was not yet recorded) twice.
func TestKillDuringSendDeliversEachPendingOnce(t *testing.T) {
	bin := buildBinary(t)
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	const n = 300
	cfg := smtpConfig(t, dir, mp.SMTPPort, n, "none")
	cmd := exec.Command(bin, "run", "--config", cfg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TEST_UNSUB_SECRET=s3cret")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for mp.Count(t) < 20 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("sending never started\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	before := mp.Count(t)
	if before >= n {
		t.Skipf("all %d letters were sent before the kill; nothing to test", n)
	}
	again := exec.Command(bin, "run", "--config", cfg)
	again.Dir, again.Env = dir, cmd.Env
	if out, err := again.CombinedOutput(); err != nil {
		t.Fatalf("run after kill -9: %v\n%s", err, out)
	}
	per := map[string]int{}
	for _, m := range mp.Messages(t) {
		per[m.To[0].Address]++
	}
	twice := 0
	for _, c := range per {
		if c > 1 {
			twice += c - 1
		}
	}
	if len(per) != n {
		t.Errorf("%d subscribers got the digest, want %d", len(per), n)
	}
	if twice > 1 {
		t.Errorf("%d messages were sent twice; at most one (the unrecorded 250) may be", twice)
	}
	t.Logf("killed after %d of %d; after the second run %d messages, %d duplicate", before, n, mp.Count(t), twice)
}
