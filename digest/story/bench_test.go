package story_test

import (
	"os"
	"reflect"
	"strconv"
	"testing"

	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/digest/dedupe/dedupetest"
	"github.com/digestd/digestd/digest/story"
)

func docsOf(c dedupetest.Corpus) []story.Doc {
	docs := make([]story.Doc, len(c.Articles))
	for i, a := range c.Articles {
		docs[i] = story.Doc{Title: a.Title, Text: a.Text, Source: a.Source, Published: a.Published}
	}
	return docs
}

// pairQuality is pairwise precision and recall of the grouping against the
// generated events: a pair of articles is positive when both report one event.
// Counting is per event and per group, so it is linear.
func pairQuality(c dedupetest.Corpus, groups []story.Group) (precision, recall float64) {
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	perEvent := map[int]int{}
	for _, a := range c.Articles {
		perEvent[a.Event]++
	}
	var truth, predicted, right float64
	for _, n := range perEvent {
		truth += pairs(n)
	}
	for _, g := range groups {
		predicted += pairs(len(g.Members))
		in := map[int]int{}
		for _, m := range g.Members {
			in[c.Articles[m].Event]++
		}
		for _, n := range in {
			right += pairs(n)
		}
	}
	precision, recall = 1, 1
	if predicted > 0 {
		precision = right / predicted
	}
	if truth > 0 {
		recall = right / truth
	}
	return precision, recall
}

func TestGeneratedEvents(t *testing.T) {
	c := dedupetest.Generate(2000, dedupetest.Options{Seed: 3})
	groups := story.Cluster(docsOf(c), story.DefaultOptions())
	p, r := pairQuality(c, groups)
	t.Logf("2000 articles: %d groups, pairwise precision %.3f recall %.3f", len(groups), p, r)
	if p < 0.9 || r < 0.8 {
		t.Errorf("pairwise precision %.3f (want >= 0.9), recall %.3f (want >= 0.8)", p, r)
	}
}

func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if s := os.Getenv("DIGESTD_BENCH_MAX"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 100_000 {
			sizes = append(sizes, n)
		}
	}
	return sizes
}

func BenchmarkCluster(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			c := dedupetest.Generate(n, dedupetest.Options{Seed: 1})
			docs := docsOf(c)
			var groups []story.Group
			b.ReportAllocs()
			b.ResetTimer()
			cpu := dedupetest.CPUTime()
			for b.Loop() {
				groups = story.Cluster(docs, story.DefaultOptions())
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric((dedupetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			p, r := pairQuality(c, groups)
			b.ReportMetric(p, "precision")
			b.ReportMetric(r, "recall")
		})
	}
}

// BenchmarkPipeline is what the digest does with a batch: dedupe all
// articles, then group the kept copies into stories.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			c := dedupetest.Generate(n, dedupetest.Options{Seed: 1})
			ddocs := make([]dedupe.Doc, n)
			for i, a := range c.Articles {
				ddocs[i] = dedupe.Doc{URL: a.URL, Title: a.Title, Text: a.Text, Published: a.Published}
			}
			sdocs := docsOf(c)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := dedupetest.CPUTime()
			var stories int
			for b.Loop() {
				var kept []story.Doc
				for i, m := range dedupe.Find(ddocs, dedupe.DefaultOptions()) {
					if m.Of < 0 {
						kept = append(kept, sdocs[i])
					}
				}
				stories = len(story.Cluster(kept, story.DefaultOptions()))
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric((dedupetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(stories), "stories")
		})
	}
}

func TestClusterDeterministic(t *testing.T) {
	docs := docsOf(dedupetest.Generate(3000, dedupetest.Options{Seed: 9}))
	first := story.Cluster(docs, story.DefaultOptions())
	for range 2 {
		again := story.Cluster(docs, story.DefaultOptions())
		if !reflect.DeepEqual(first, again) {
			t.Fatal("two runs over the same articles grouped them differently")
		}
	}
}
