package story

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDistinctArticles groups the shared BBC collection: 100 articles from
// five sections, nearly all about different events and without dates, so no
// time window helps. Same-section articles share people and vocabulary; the
// grouping must not collapse them into topics. (A few are the same event or
// the same text, so a handful of merges is right.)
func TestDistinctArticles(t *testing.T) {
	shared := os.Getenv("DIGESTD_SHARED")
	if shared == "" {
		t.Skip("DIGESTD_SHARED is not set; skipping the BBC collection check")
	}
	files, err := filepath.Glob(filepath.Join(shared, "summaries", "bbc", "article", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no BBC articles under %s: %v", shared, err)
	}
	var docs []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
		docs = append(docs, Doc{Title: title, Text: strings.TrimSpace(body), Source: filepath.Base(filepath.Dir(f))})
	}
	groups := Cluster(docs, DefaultOptions())
	merged := 0
	for _, g := range groups {
		if len(g.Members) > 1 {
			merged += len(g.Members) - 1
			var titles []string
			for _, m := range g.Members {
				titles = append(titles, docs[m].Title)
			}
			t.Logf("one story: %q", titles)
		}
	}
	t.Logf("%d articles, %d stories", len(docs), len(groups))
	if merged > len(docs)/8 {
		t.Errorf("%d of %d articles merged into others' stories; want at most %d", merged, len(docs), len(docs)/8)
	}
}
