package story

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest/topic"
)

// seedDocs makes crude docs from the scraped seed files: the headline from
// expected.json, the publication date from expected.json (null when the file
// states none), and as text the other lines of at least six words (the real cleaner
// is another package). It returns the docs and their expected event labels.
func seedDocs(t *testing.T) ([]Doc, []string, []string) {
	t.Helper()
	dir := os.Getenv("DIGESTD_SEEDS")
	if dir == "" {
		t.Skip("DIGESTD_SEEDS is not set; skipping the seed grouping check")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatalf("DIGESTD_SEEDS=%s: %v", dir, err)
	}
	var exp struct {
		Articles map[string]struct {
			Title string `json:"title"`
			Date  string `json:"date"`
			Event string `json:"event"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	names := make([]string, 0, len(exp.Articles))
	for n := range exp.Articles {
		names = append(names, n)
	}
	slices.Sort(names)
	var docs []Doc
	var events []string
	for _, n := range names {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		d := Doc{Title: exp.Articles[n].Title, Source: n}
		if p, err := time.Parse("2006-01-02", exp.Articles[n].Date); err == nil {
			d.Published = p.Add(12 * time.Hour)
		}
		var lines []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if len(strings.Fields(l)) < 6 || l == d.Title {
				continue
			}
			lines = append(lines, l)
		}
		f.Close()
		d.Text = strings.Join(lines, "\n")
		docs = append(docs, d)
		events = append(events, exp.Articles[n].Event)
	}
	return docs, events, names
}

func TestSeedsGrouping(t *testing.T) {
	docs, events, names := seedDocs(t)
	t.Run("crude lines", func(t *testing.T) { checkSeeds(t, docs, events, names, nil) })
	// The same with unrelated trailing paragraphs dropped, as the pipeline does.
	m, err := topic.New(topic.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	trimmed := slices.Clone(docs)
	for i, d := range trimmed {
		paras := strings.Split(d.Text, "\n")
		keep := m.OnTopic(d.Title, paras)
		var kept []string
		for k, p := range paras {
			if keep[k] {
				kept = append(kept, p)
			}
		}
		trimmed[i].Text = strings.Join(kept, "\n")
	}
	t.Run("tail trimmed", func(t *testing.T) { checkSeeds(t, trimmed, events, names, nil) })
	// As the pipeline groups: the profile's terms are common.
	common := ProfileTerms(topic.DefaultProfile())
	t.Run("topic terms common", func(t *testing.T) { checkSeeds(t, trimmed, events, names, common) })
}

func checkSeeds(t *testing.T, docs []Doc, events, names, common []string) {
	opt := DefaultOptions()
	opt.Common = common
	groups := Cluster(docs, opt)
	story := make([]int, len(docs))
	for g, grp := range groups {
		for _, m := range grp.Members {
			story[m] = g
		}
	}
	fs := extractAll(docs)
	weigh(fs, commonIDs(opt.Common))
	c := &clusterer{fs: fs, opt: opt}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			same := events[i] == events[j]
			t.Logf("%.3s-%.3s similarity %.3f, same event %v", names[i], names[j], c.similarity(i, j), same)
			if same != (story[i] == story[j]) {
				t.Errorf("%s and %s: same event %v, same story %v", names[i], names[j], same, story[i] == story[j])
			}
		}
	}
	for _, g := range groups {
		t.Logf("story %v headline %q", g.Members, docs[g.Headline].Title)
	}
}
