package summarize

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digestd/digestd/summarize/rouge"
)

// bbcPair is one article of the BBC News Summary corpus with its reference.
type bbcPair struct {
	name, title, body, reference string
	lead3                        string
}

// loadBBC reads $DIGESTD_SHARED/summaries/bbc: article/<topic>/<n>.txt holds
// a title line, a blank line and the body with one sentence per line;
// summary/<topic>/<n>.txt the reference sentences.
func loadBBC(t testing.TB) []bbcPair {
	t.Helper()
	shared := os.Getenv("DIGESTD_SHARED")
	if shared == "" {
		t.Skip("DIGESTD_SHARED is not set: skipping the BBC evaluation")
	}
	dir := filepath.Join(shared, "summaries", "bbc")
	files, err := filepath.Glob(filepath.Join(dir, "article", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles under %s (err %v)", dir, err)
	}
	var pairs []bbcPair
	for _, f := range files {
		art, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "article"), f)
		ref, err := os.ReadFile(filepath.Join(dir, "summary", rel))
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(strings.TrimLeft(string(art), "\n"), "\n")
		body = strings.TrimSpace(body)
		var lead []string
		for _, line := range strings.Split(body, "\n") {
			if line = strings.TrimSpace(line); line != "" && len(lead) < 3 {
				lead = append(lead, line)
			}
		}
		pairs = append(pairs, bbcPair{name: rel, title: strings.TrimSpace(title), body: body,
			reference: string(ref), lead3: strings.Join(lead, " ")})
	}
	return pairs
}

type rougeTotals struct{ r1, r2, rl float64 }

func (r *rougeTotals) add(cand, ref string) {
	c, f := rouge.Tokens(cand), rouge.Tokens(ref)
	r.r1 += rouge.NTokens(c, f, 1).F
	r.r2 += rouge.NTokens(c, f, 2).F
	r.rl += rouge.LTokens(c, f).F
}

// TestROUGE compares our 3-sentence summaries with Lead-3 (the first three
// sentences, title excluded) on the BBC corpus: same length, same run.
func TestROUGE(t *testing.T) {
	pairs := loadBBC(t)
	e := NewExtractive(WithSentences(3), WithMaxWords(0))
	var ours, lead rougeTotals
	for _, p := range pairs {
		s, err := e.Summarize(context.Background(), Story{ID: p.name, Headline: p.title,
			Articles: []Article{{Title: p.title, Text: p.body}}})
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		ours.add(s.Text, p.reference)
		lead.add(p.lead3, p.reference)
	}
	n := float64(len(pairs))
	t.Logf("BBC News Summary, %d articles, mean F1", len(pairs))
	t.Logf("%-12s %8s %8s %8s", "", "ROUGE-1", "ROUGE-2", "ROUGE-L")
	t.Logf("%-12s %8.4f %8.4f %8.4f", "extractive", ours.r1/n, ours.r2/n, ours.rl/n)
	t.Logf("%-12s %8.4f %8.4f %8.4f", "Lead-3", lead.r1/n, lead.r2/n, lead.rl/n)
	for _, m := range []struct {
		name      string
		ours, ref float64
	}{{"ROUGE-1", ours.r1, lead.r1}, {"ROUGE-2", ours.r2, lead.r2}, {"ROUGE-L", ours.rl, lead.rl}} {
		if m.ours <= m.ref {
			t.Errorf("%s: extractive %.4f is not above Lead-3 %.4f", m.name, m.ours/n, m.ref/n)
		}
	}
}
