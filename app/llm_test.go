package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/summarize/openaitest"
)

func llmConfig(t *testing.T, dir, baseURL, extra string) string {
	t.Helper()
	writeArticles(t, filepath.Join(dir, "articles"))
	writeMoreArticles(t, filepath.Join(dir, "articles"))
	cfg := fmt.Sprintf(`
[[source]]
name = "local"
kind = "files"
path = "articles"
[summarize]
method = "llm"
[summarize.llm]
base_url = %q
model = "test-model"
api_key_env = "TEST_LLM_KEY"
timeout = "2s"
retries = 1
%s
[mail.file]
dir = "outbox"
[[subscriber]]
email = "ann@example.org"
[store]
path = "state.db"
`, baseURL, extra)
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readDigest(t *testing.T, out string) digest.Digest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "digest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d digest.Digest
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLLMSummariesAreCachedAcrossRuns(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	dir := t.TempDir()
	cfg := llmConfig(t, dir, srv.BaseURL(), "")
	out := filepath.Join(dir, "out")
	if stderr, err := runWith(t, "preview", "--config", cfg, "--out", out); err != nil {
		t.Fatalf("preview: %v\n%s", err, stderr)
	}
	d := readDigest(t, out)
	if len(d.Stories) != 2 {
		t.Fatalf("%d stories, want 2", len(d.Stories))
	}
	for _, s := range d.Stories {
		if s.Method != "llm" || s.Summary == "" {
			t.Errorf("story %q: method %q, summary %q (fallback %q)", s.Headline, s.Method, s.Summary, s.Fallback)
		}
	}
	if d.LLM.Requests != 2 || d.LLM.PromptTokens == 0 {
		t.Errorf("usage = %+v, want 2 requests with tokens", d.LLM)
	}
	calls := srv.Calls()
	if stderr, err := runWith(t, "preview", "--config", cfg, "--out", out); err != nil {
		t.Fatalf("second preview: %v\n%s", err, stderr)
	}
	if srv.Calls() != calls {
		t.Errorf("a re-run over the same stories made %d more requests", srv.Calls()-calls)
	}
	if d := readDigest(t, out); d.LLM.CacheHits != 2 {
		t.Errorf("cache hits = %d, want 2", d.LLM.CacheHits)
	}
}

func TestLLMDownFallsBackAndTheDigestGoesOut(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	for range 20 {
		srv.Enqueue(openaitest.Reply{Status: 500})
	}
	dir := t.TempDir()
	cfg := llmConfig(t, dir, srv.BaseURL(), "")
	out := filepath.Join(dir, "out")
	if stderr, err := runWith(t, "run", "--config", cfg, "--out", out); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	d := readDigest(t, out)
	for _, s := range d.Stories {
		if s.Method != "extractive" || s.Fallback == "" || s.Summary == "" {
			t.Errorf("story %q: method %q, fallback %q, summary %q", s.Headline, s.Method, s.Fallback, s.Summary)
		}
	}
	if emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml")); len(emls) != 1 {
		t.Errorf("%d letters, want 1", len(emls))
	}
}

func TestLLMDeadlineKeepsTheDigestOnTime(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	for range 10 {
		srv.Enqueue(openaitest.Reply{Delay: 10 * time.Second})
	}
	dir := t.TempDir()
	cfg := llmConfig(t, dir, srv.BaseURL(), `deadline = "1s"`)
	out := filepath.Join(dir, "out")
	start := time.Now()
	if stderr, err := runWith(t, "preview", "--config", cfg, "--out", out); err != nil {
		t.Fatalf("preview: %v\n%s", err, stderr)
	}
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("the run took %s with a 1s summary deadline", took)
	}
	d := readDigest(t, out)
	for _, s := range d.Stories {
		if s.Summary == "" || !strings.Contains(s.Fallback, "longer than") {
			t.Errorf("story %q: summary %q, fallback %q", s.Headline, s.Summary, s.Fallback)
		}
	}
}

func TestCheckConnectReportsWhatCannotBeReached(t *testing.T) {
	srv := openaitest.New()
	dir := t.TempDir()
	cfg := llmConfig(t, dir, srv.BaseURL(), "")
	var out, errb strings.Builder
	if err := Run(t.Context(), []string{"check", "--config", cfg, "--connect"}, testEnv(&out, &errb)); err != nil {
		t.Fatalf("check --connect: %v\n%s%s", err, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "llm") || !strings.Contains(out.String(), "ok: 2 items") {
		t.Errorf("check output:\n%s", out.String())
	}
	srv.Close()
	out.Reset()
	err := Run(t.Context(), []string{"check", "--config", cfg, "--connect"}, testEnv(&out, &errb))
	if ExitCode(err) != ExitFailed || !strings.Contains(out.String(), "FAILED") {
		t.Errorf("check --connect with the LLM down: exit %d, output:\n%s", ExitCode(err), out.String())
	}
}

func TestCheckRejectsBadConfigWithExit2(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte("[[source]]\nname = \"x\"\nkind = \"files\"\npath = \"a\"\n[digest]\ntimezone = \"Mars/Base\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, "check", "--config", path)
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "config.toml:6") {
		t.Errorf("check of a bad config: exit %d, %v\n%s", ExitCode(err), err, stderr)
	}
}
