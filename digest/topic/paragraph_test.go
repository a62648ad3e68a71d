package topic

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// long makes a paragraph of four sentences out of one.
func long(s string) string { return strings.Repeat(s+" ", 4) }

func TestOnTopic(t *testing.T) {
	m, err := New(DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	title := "Ukraine and Russia agree on prisoner exchange after Istanbul talks"
	body := []string{
		"Negotiators from Ukraine and Russia agreed on a prisoner exchange after two hours of talks in Istanbul on Friday, both delegations said.",
		"The exchange will cover wounded soldiers first, officials said, and could be followed by a second round within weeks.",
		"Mediators from Turkey hosted the meeting in a palace on the Bosphorus and urged both sides to keep the channel open.",
		"A spokesman for the Turkish foreign ministry said Istanbul would host the talks again.",
		"Analysts cautioned that the exchange covers only wounded prisoners.",
		"Earlier this year a similar deal between the two delegations collapsed within days.",
	}
	ticker := []string{
		"A heatwave closed schools across the southern provinces on Monday.",
		"The central bank left interest rates unchanged for a third month, citing sticky inflation.",
		"A football club unveiled its new stadium design at a ceremony attended by fans.",
		"Scientists reported a rare comet visible to the naked eye next week.",
	}
	tests := []struct {
		name  string
		paras []string
		want  int // paragraphs kept
	}{
		{"body only", body, len(body)},
		{"body and ticker", append(append([]string{}, body...), ticker...), len(body)},
		{"ticker with a weakly related item inside", append(append(append([]string{}, body...), ticker[:2]...),
			"Defence ministers approved a fund for arms production, citing Russia and the debate over security guarantees.",
			ticker[2], ticker[3]), len(body)},
		{"long trailing paragraphs are never a ticker", append(append([]string{}, body...), long(ticker[0]), long(ticker[1]), long(ticker[2])), len(body) + 3},
		{"two unrelated items are not a ticker", append(append([]string{}, body...), ticker[:2]...), len(body) + 2},
		{"short article left alone", body[:3], 3},
		{"empty", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := m.OnTopic(title, tt.paras)
			if len(keep) != len(tt.paras) {
				t.Fatalf("got %d flags for %d paragraphs", len(keep), len(tt.paras))
			}
			n := 0
			for i, k := range keep {
				if k {
					n++
				}
				if i < len(body) && i < len(tt.paras) && !k {
					t.Errorf("dropped body paragraph %d: %q", i, tt.paras[i])
				}
			}
			if n != tt.want {
				t.Errorf("kept %d paragraphs, want %d (%v)", n, tt.want, keep)
			}
		})
	}
}

// TestSeeds scores the shared seed articles: every one is relevant, and
// per-paragraph relevance keeps every must_keep sentence. Paragraphs are
// crudely cut from the scraped files (lines of at least six words); the real
// cleaning is another package's job.
func TestSeeds(t *testing.T) {
	dir := os.Getenv("DIGESTD_SEEDS")
	if dir == "" {
		t.Skip("DIGESTD_SEEDS is not set; skipping the seed check")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatalf("DIGESTD_SEEDS=%s: %v", dir, err)
	}
	var exp struct {
		Articles map[string]struct {
			Relevant bool     `json:"relevant"`
			MustKeep []string `json:"must_keep"`
			MustDrop []string `json:"must_drop"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	m, err := New(DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range exp.Articles {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			var paras []string
			for _, l := range strings.Split(string(b), "\n") {
				if len(strings.Fields(l)) >= 6 {
					paras = append(paras, strings.Join(strings.Fields(l), " "))
				}
			}
			title, body := paras[0], paras[1:]
			r := m.Score(title, strings.Join(body, "\n"))
			if r.Relevant != want.Relevant {
				t.Errorf("Relevant = %v, want %v: %s", r.Relevant, want.Relevant, r.Reason)
			}
			keep := m.OnTopic(title, body)
			dropped := 0
			for i, p := range body {
				for _, s := range want.MustKeep {
					if strings.Contains(p, s) && !keep[i] {
						t.Errorf("dropped must_keep paragraph %q", p)
					}
				}
				for _, s := range want.MustDrop {
					if strings.Contains(p, s) && !keep[i] {
						dropped++
					}
				}
			}
			t.Logf("score %.2f; dropped %d must_drop lines of %d", r.Score, dropped, len(want.MustDrop))
		})
	}
}
