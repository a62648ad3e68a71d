package dedupe_test

import (
	"os"
	"reflect"
	"strconv"
	"testing"

	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/digest/dedupe/dedupetest"
)

func docsOf(c dedupetest.Corpus) []dedupe.Doc {
	docs := make([]dedupe.Doc, len(c.Articles))
	for i, a := range c.Articles {
		docs[i] = dedupe.Doc{URL: a.URL, Title: a.Title, Text: a.Text, Published: a.Published}
	}
	return docs
}

// quality measures Find on the planted pairs. Recall: planted copies that end
// in their original's cluster. Precision: reported duplicates whose kept copy
// comes from the same original.
func quality(c dedupetest.Corpus, ms []dedupe.Match) (recall, precision float64) {
	family := func(i int) int {
		if o := c.Articles[i].CopyOf; o >= 0 {
			return o
		}
		return i
	}
	kept := func(i int) int {
		if ms[i].Of >= 0 {
			return ms[i].Of
		}
		return i
	}
	found := 0
	for _, p := range c.Pairs {
		if kept(p[0]) == kept(p[1]) {
			found++
		}
	}
	reported, right := 0, 0
	for i, m := range ms {
		if m.Of < 0 {
			continue
		}
		reported++
		if family(i) == family(m.Of) {
			right++
		}
	}
	recall = float64(found) / float64(max(len(c.Pairs), 1))
	precision = 1
	if reported > 0 {
		precision = float64(right) / float64(reported)
	}
	return recall, precision
}

func TestPlantedDuplicates(t *testing.T) {
	c := dedupetest.Generate(2000, dedupetest.Options{Seed: 7})
	ms := dedupe.Find(docsOf(c), dedupe.DefaultOptions())
	recall, precision := quality(c, ms)
	t.Logf("2000 articles, %d planted pairs: recall %.3f precision %.3f", len(c.Pairs), recall, precision)
	if recall < 0.9 {
		t.Errorf("recall %.3f < 0.9", recall)
	}
	if precision < 0.95 {
		t.Errorf("precision %.3f < 0.95", precision)
	}
}

func BenchmarkFind(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if s := os.Getenv("DIGESTD_BENCH_MAX"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 100_000 {
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			c := dedupetest.Generate(n, dedupetest.Options{Seed: 1})
			docs := docsOf(c)
			var ms []dedupe.Match
			b.ReportAllocs()
			b.ResetTimer()
			cpu := dedupetest.CPUTime()
			for b.Loop() {
				ms = dedupe.Find(docs, dedupe.DefaultOptions())
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric((dedupetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			recall, precision := quality(c, ms)
			b.ReportMetric(recall, "recall")
			b.ReportMetric(precision, "precision")
		})
	}
}

func TestFindDeterministic(t *testing.T) {
	docs := docsOf(dedupetest.Generate(3000, dedupetest.Options{Seed: 9}))
	first := dedupe.Find(docs, dedupe.DefaultOptions())
	for range 2 {
		if again := dedupe.Find(docs, dedupe.DefaultOptions()); !reflect.DeepEqual(first, again) {
			t.Fatal("two runs over the same articles found different duplicates")
		}
	}
}
