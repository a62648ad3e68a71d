package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// seedCase is one article of seeds/expected.json.
type seedCase struct {
	Title          string   `json:"title"`
	Date           *string  `json:"date"`
	MustKeep       []string `json:"must_keep"`
	MustAppearOnce []string `json:"must_appear_once"`
	MustDrop       []string `json:"must_drop"`
}

// TestSeeds is the acceptance test over the scraped seed files named by
// $DIGESTD_SEEDS (the folder holding expected.json).
func TestSeeds(t *testing.T) {
	dir := os.Getenv("DIGESTD_SEEDS")
	if dir == "" {
		t.Skip("DIGESTD_SEEDS is not set: skipping the seed acceptance test")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatalf("DIGESTD_SEEDS=%s: %v", dir, err)
	}
	var exp struct {
		Articles map[string]seedCase `json:"articles"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	if len(exp.Articles) == 0 {
		t.Fatal("expected.json lists no articles")
	}
	names := make([]string, 0, len(exp.Articles))
	for n := range exp.Articles {
		names = append(names, n)
	}
	sort.Strings(names)

	var table []string
	for _, name := range names {
		want := exp.Articles[name]
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			pg := ParseText(string(src))
			text := collapse(Text(pg.Paragraphs))
			fails := 0
			if pg.Title != want.Title {
				t.Errorf("title = %q, want %q", pg.Title, want.Title)
				fails++
			}
			if want.Date != nil {
				if got := pg.Published.Format("2006-01-02"); pg.Published.IsZero() || got != *want.Date {
					t.Errorf("published = %v, want %s", pg.Published, *want.Date)
					fails++
				}
			}
			kept := 0
			for _, s := range want.MustKeep {
				if strings.Contains(text, collapse(s)) {
					kept++
				} else {
					t.Errorf("must_keep missing: %q", s)
				}
			}
			once := 0
			for _, s := range want.MustAppearOnce {
				if n := strings.Count(text, collapse(s)); n == 1 {
					once++
				} else {
					t.Errorf("must_appear_once appears %d times: %q", n, s)
				}
			}
			dropped := 0
			for _, s := range want.MustDrop {
				s = collapse(s)
				if strings.Contains(text, s) || strings.Contains(pg.Title, s) {
					t.Errorf("must_drop still present: %q", s)
				} else {
					dropped++
				}
			}
			date := "-"
			if !pg.Published.IsZero() {
				date = pg.Published.Format("2006-01-02")
			}
			row := []string{name, boolMark(pg.Title == want.Title), date,
				frac(kept, len(want.MustKeep)), frac(once, len(want.MustAppearOnce)),
				frac(dropped, len(want.MustDrop)), strconv.Itoa(len(pg.Paragraphs)), strconv.Itoa(len(pg.Dropped))}
			table = append(table, strings.Join(row, " | "))
		})
	}
	t.Log("\nseed | title | published | must_keep | appear_once | must_drop | kept paras | dropped\n" +
		strings.Join(table, "\n"))
}

func boolMark(ok bool) string {
	if ok {
		return "ok"
	}
	return "WRONG"
}

func frac(a, b int) string { return strconv.Itoa(a) + "/" + strconv.Itoa(b) }
