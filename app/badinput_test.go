package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Bad input in a files source: each file gets a status with a reason, in digest.json and on
// stderr, and the run goes on.
func TestBadFilesGetAStatusAndTheRunGoesOn(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig(t, dir, "")
	articles := filepath.Join(dir, "articles")
	files := map[string]string{
		"binary.txt":      "\x00\x01\x02PK\x03\x04\x00\x00binary",
		"empty.html":      "",
		"truncated.html":  "<html><head><title>Cut off</title></head><body><p>Only the st",
		"boilerplate.txt": "Share this article\n\nLeave a comment\n\nRelated Articles\n\n© Example News. All rights reserved.\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(articles, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	stderr, err := runWith(t, "preview", "--config", cfg, "--out", out)
	if err != nil {
		t.Fatalf("preview: %v\n%s", err, stderr)
	}
	d := readDigest(t, out)
	byName := map[string]string{}
	for _, a := range d.Articles {
		byName[filepath.Base(a.URL)] = string(a.Status) + ": " + a.Reason
	}
	for name, want := range map[string]string{"binary.txt": "error", "empty.html": "", "truncated.html": "", "boilerplate.txt": "empty", "talks.txt": "included"} {
		got, ok := byName[name]
		if !ok {
			t.Errorf("%s: not in digest.json (lost)", name)
			continue
		}
		if want != "" && !strings.HasPrefix(got, want+":") {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
		t.Logf("%s: %s", name, got)
		if !strings.HasPrefix(got, "included") && strings.HasSuffix(got, ": ") {
			t.Errorf("%s: %s without a reason", name, got)
		}
		if (strings.HasPrefix(got, "error") || strings.HasPrefix(got, "empty")) && !strings.Contains(stderr, name) {
			t.Errorf("%s (%s) is not mentioned on stderr", name, got)
		}
	}
}
