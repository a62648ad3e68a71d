package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanArticlesKept runs ParseText over the BBC news articles under
// $DIGESTD_SHARED/summaries/bbc/article: edited articles with no boilerplate, so
// every paragraph must survive and the first line must be the headline. It measures
// the false drops that the seeds (all boilerplate-heavy) cannot.
func TestCleanArticlesKept(t *testing.T) {
	shared := os.Getenv("DIGESTD_SHARED")
	if shared == "" {
		t.Skip("DIGESTD_SHARED is not set: skipping the clean-article test")
	}
	var files []string
	root := filepath.Join(shared, "summaries", "bbc", "article")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatalf("DIGESTD_SHARED=%s holds no summaries/bbc/article/*/*.txt", shared)
	}
	paras, dropped, titles := 0, 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		pg := ParseText(text)
		if pg.Title == strings.TrimSpace(strings.SplitN(text, "\n", 2)[0]) {
			titles++
		} else {
			t.Errorf("%s: title %q", f, pg.Title)
		}
		paras += len(pg.Paragraphs) + len(pg.Dropped)
		for _, d := range pg.Dropped {
			dropped++
			t.Errorf("%s: dropped [%s] %q", f, d.Reason, d.Text)
		}
	}
	t.Logf("%d articles, %d paragraphs, %d dropped, %d/%d titles right", len(files), paras, dropped, titles, len(files))
}
