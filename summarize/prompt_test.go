package summarize

import (
	"slices"
	"strings"
	"testing"
)

func TestShareBudget(t *testing.T) {
	tests := []struct {
		name  string
		lens  []int
		total int
		want  []int
	}{
		{"all fit", []int{10, 20}, 100, []int{10, 20}},
		{"short one gives to long one", []int{10, 500}, 100, []int{10, 90}},
		{"equal split", []int{500, 500}, 100, []int{50, 50}},
		{"three", []int{500, 20, 500}, 120, []int{50, 20, 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := make([]string, len(tt.lens))
			for i, n := range tt.lens {
				texts[i] = strings.Repeat("x", n)
			}
			if got := shareBudget(texts, tt.total); !slices.Equal(got, tt.want) {
				t.Fatalf("shareBudget = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTrimText(t *testing.T) {
	text := "First sentence here. Second sentence here. Third one."
	if got := trimText(text, 45); got != "First sentence here. Second sentence here." {
		t.Fatalf("trimText = %q", got)
	}
	if got := trimText(text, 1000); got != text {
		t.Fatalf("trimText kept = %q", got)
	}
}

func TestUserPromptTrimsToBudget(t *testing.T) {
	s := Story{Headline: "H", Articles: []Article{
		{Title: "A", Text: strings.Repeat("Alpha words go here. ", 500)},
		{Title: "B", Text: "Short second article."},
	}}
	p := userPrompt(s, 400)
	if len(p) > 400+300 || !strings.Contains(p, "Short second article.") || strings.Count(p, "<article") != 2 {
		t.Fatalf("prompt (%d bytes) = %q", len(p), p)
	}
}

func TestCacheKey(t *testing.T) {
	s := stories(1)[0]
	spec := promptSpec{sentences: 3, maxWords: 80}
	base := cacheKey("m", spec, s)
	other := s
	other.Articles = []Article{{Title: s.Articles[0].Title, Text: s.Articles[0].Text + " More."}}
	spec4 := spec
	spec4.sentences = 4
	for name, k := range map[string]string{"model": cacheKey("m2", spec, s), "text": cacheKey("m", spec, other), "sentences": cacheKey("m", spec4, s)} {
		if k == base {
			t.Errorf("changing the %s keeps the key", name)
		}
	}
	if cacheKey("m", spec, s) != base {
		t.Error("key is not stable")
	}
}
