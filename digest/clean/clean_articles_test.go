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

// TestTickerOnUnseenArticles appends to each BBC article a ticker made of the
// first paragraphs of six articles from other categories, and measures how much
// of the ticker is dropped and how much of the article is lost. Thresholds are
// floors for regressions; the figures are logged.
func TestTickerOnUnseenArticles(t *testing.T) {
	shared := os.Getenv("DIGESTD_SHARED")
	if shared == "" {
		t.Skip("DIGESTD_SHARED is not set: skipping the synthetic ticker test")
	}
	type article struct {
		category, text string
		paras          []string
	}
	var arts []article
	root := filepath.Join(shared, "summaries", "bbc", "article")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		a := article{category: filepath.Base(filepath.Dir(p)), text: string(raw)}
		for _, l := range strings.Split(a.text, "\n")[1:] {
			if l = strings.TrimSpace(l); l != "" {
				a.paras = append(a.paras, l)
			}
		}
		if len(a.paras) > 0 {
			arts = append(arts, a)
		}
		return nil
	})
	if len(arts) < 10 {
		t.Fatalf("DIGESTD_SHARED=%s holds too few BBC articles (%d)", shared, len(arts))
	}
	tickDropped, tickTotal, bodyLost, bodyTotal := 0, 0, 0, 0
	for i, a := range arts {
		var items []string
		for j := 1; len(items) < 6 && j < len(arts); j++ {
			if o := arts[(i+7*j)%len(arts)]; o.category != a.category {
				items = append(items, o.paras[0])
			}
		}
		pg := ParseText(a.text + "\n" + strings.Join(items, "\n") + "\n")
		kept := make(map[string]bool)
		for _, p := range pg.Paragraphs {
			kept[p] = true
		}
		for _, it := range items {
			tickTotal++
			if !kept[Collapse(it)] {
				tickDropped++
			}
		}
		for _, p := range a.paras {
			bodyTotal++
			if !kept[Collapse(p)] {
				bodyLost++
			}
		}
	}
	recall := float64(tickDropped) / float64(tickTotal)
	loss := float64(bodyLost) / float64(bodyTotal)
	t.Logf("%d articles: ticker items dropped %d/%d (%.1f%%), article paragraphs lost %d/%d (%.1f%%)",
		len(arts), tickDropped, tickTotal, 100*recall, bodyLost, bodyTotal, 100*loss)
	if recall < 0.95 || loss > 0.03 {
		t.Errorf("ticker recall %.3f (want >= 0.95), article loss %.3f (want <= 0.03)", recall, loss)
	}
}
