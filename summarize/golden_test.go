package summarize

import (
	"context"
	"flag"
	"github.com/digestd/digestd/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// readFixture reads testdata/NAME.txt: a "# headline" line, then articles
// separated by "---" lines, best first.
func readFixture(t *testing.T, path string) Story {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n")
	s := Story{ID: filepath.Base(path), Headline: strings.TrimPrefix(head, "# ")}
	for i, text := range strings.Split(body, "\n---\n") {
		title := ""
		if i == 0 {
			title = s.Headline
		}
		s.Articles = append(s.Articles, Article{Title: title, Text: text, Source: "fixture"})
	}
	return s
}

// TestGolden summarises each fixture (news pages with datelines, banners,
// share prompts, tickers, several sources, Russian text) and compares the
// summary with testdata/NAME.golden; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	e := NewExtractive()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			s, err := e.Summarize(context.Background(), readFixture(t, f))
			if err != nil {
				t.Fatal(err)
			}
			got := s.Text + "\n"
			golden.Check(t, filepath.Join("testdata", name+".golden"), got, *update)
			for _, bad := range []string{"Share this", "Reporting by", "Sign up", "FORBIDDEN", "cookies", "Click here", "Copyright", "Подписывайтесь", "LIVE:", "?"} {
				if strings.Contains(s.Text, bad) {
					t.Errorf("summary keeps boilerplate %q: %q", bad, s.Text)
				}
			}
		})
	}
}
