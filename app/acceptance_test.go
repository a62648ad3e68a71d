package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digestd/digestd/digest"
)

// expected is ../shared/seeds/expected.json.
type expected struct {
	Articles map[string]struct {
		Title          string   `json:"title"`
		Date           *string  `json:"date"`
		Relevant       bool     `json:"relevant"`
		Event          string   `json:"event"`
		MustKeep       []string `json:"must_keep"`
		MustDrop       []string `json:"must_drop"`
		MustAppearOnce []string `json:"must_appear_once"`
	} `json:"articles"`
}

// seedsDir returns $DIGESTD_SEEDS, skipping when it is unset and failing when it is set but missing.
func seedsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DIGESTD_SEEDS")
	if dir == "" {
		t.Skip("DIGESTD_SEEDS is not set: the acceptance test over ../shared/seeds is skipped")
	}
	if _, err := os.Stat(filepath.Join(dir, "expected.json")); err != nil {
		t.Fatalf("DIGESTD_SEEDS=%s: %v", dir, err)
	}
	return dir
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// runCmd runs digestd with args and returns stdout, stderr and the error.
func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), err
}

func writeConfig(t *testing.T, dir, seeds string) string {
	t.Helper()
	cfg := fmt.Sprintf(`
[digest]
title = "Seeds"
[[source]]
name = "seeds"
kind = "files"
path = %q
[mail]
transport = "file"
from = "digest@example.org"
[mail.file]
dir = "outbox"
[[subscriber]]
email = "ann@example.org"
name = "Ann"
[[subscriber]]
email = "bob@example.org"
[store]
path = "state.db"
`, seeds)
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAcceptanceSeeds(t *testing.T) {
	seeds := seedsDir(t)
	raw, err := os.ReadFile(filepath.Join(seeds, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	dir := t.TempDir()
	cfg := writeConfig(t, dir, seeds)
	out := filepath.Join(dir, "out")

	_, stderr, err := runCmd(t, "preview", "--config", cfg, "--since", "2025-01-01", "--out", out)
	if err != nil {
		t.Fatalf("preview: %v\n%s", err, stderr)
	}
	for _, f := range []string{"digest.html", "digest.txt", "digest.json", "ann@example.org.eml", "bob@example.org.eml"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("preview did not write %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "outbox")); err == nil {
		t.Error("a preview wrote to the outbox")
	}
	var d digest.Digest
	js, err := os.ReadFile(filepath.Join(out, "digest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatal(err)
	}
	byFile := map[string]digest.Article{}
	for _, a := range d.Articles {
		byFile[filepath.Base(a.URL)] = a
	}
	storyOf := map[string]digest.Story{}
	for _, s := range d.Stories {
		for _, id := range s.Articles {
			storyOf[id] = s
		}
	}
	if len(d.Articles) != len(want.Articles) {
		t.Errorf("digest.json lists %d articles, want %d", len(d.Articles), len(want.Articles))
	}
	t.Logf("%-28s %-9s %-5s %-5s %-5s %-5s %s", "seed", "status", "title", "date", "keep", "drop", "story")
	for name, w := range want.Articles {
		a, ok := byFile[name]
		if !ok {
			t.Errorf("%s: not in digest.json", name)
			continue
		}
		text := collapse(a.Text)
		st := storyOf[a.ID]
		okTitle := a.Title == w.Title
		if !okTitle {
			t.Errorf("%s: title %q, want %q", name, a.Title, w.Title)
		}
		okDate := true
		switch {
		case w.Date == nil && a.Published != nil:
			okDate = false
			t.Errorf("%s: published %v, want none", name, a.Published)
		case w.Date != nil && (a.Published == nil || a.Published.Format("2006-01-02") != *w.Date):
			okDate = false
			t.Errorf("%s: published %v, want %s", name, a.Published, *w.Date)
		}
		if w.Relevant && a.Status != digest.StatusIncluded {
			t.Errorf("%s: status %s (%s), want included", name, a.Status, a.Reason)
		}
		keep := 0
		for _, k := range w.MustKeep {
			if strings.Contains(text, collapse(k)) {
				keep++
			} else {
				t.Errorf("%s: cleaned text lost %q", name, k)
			}
		}
		for _, k := range w.MustAppearOnce {
			if n := strings.Count(text, collapse(k)); n != 1 {
				t.Errorf("%s: %q appears %d times, want once", name, k, n)
			}
		}
		drop := 0
		for _, k := range w.MustDrop {
			k = collapse(k)
			for what, s := range map[string]string{"text": text, "title": a.Title, "story headline": st.Headline, "story summary": st.Summary} {
				if strings.Contains(collapse(s), k) {
					t.Errorf("%s: %s still has %q", name, what, k)
					drop++
				}
			}
		}
		t.Logf("%-28s %-9s %-5v %-5v %d/%-3d %-5s %s", name, a.Status, okTitle, okDate, keep, len(w.MustKeep), fmt.Sprint(drop == 0), a.Story)
	}
	// Same event <=> same story.
	for n1, w1 := range want.Articles {
		for n2, w2 := range want.Articles {
			if n1 >= n2 {
				continue
			}
			a1, a2 := byFile[n1], byFile[n2]
			same := a1.Story != "" && a1.Story == a2.Story
			if same != (w1.Event == w2.Event) {
				t.Errorf("%s and %s: same story = %v, but events %q and %q", n1, n2, same, w1.Event, w2.Event)
			}
		}
	}

	// run delivers one letter per subscriber; a second run delivers nothing.
	_, stderr, err = runCmd(t, "run", "--config", cfg, "--since", "2025-01-01", "--out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
	if len(emls) != 2 {
		t.Fatalf("run delivered %d letters, want 2 (one per subscriber): %v\n%s", len(emls), emls, stderr)
	}
	_, stderr, err = runCmd(t, "run", "--config", cfg, "--since", "2025-01-01", "--out", out)
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "nothing new") {
		t.Errorf("second run did not say \"nothing new\":\n%s", stderr)
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml")); len(again) != 2 {
		t.Errorf("second run delivered again: %d letters", len(again))
	}
}
