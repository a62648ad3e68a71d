package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParseText parses and cleans the package's fixtures (one per iteration,
// in turn); docs/s is reported as a metric.
func BenchmarkParseText(b *testing.B) {
	srcs, _ := filepath.Glob(filepath.Join("testdata", "*", "source.*"))
	var docs []string
	for _, s := range srcs {
		raw, err := os.ReadFile(s)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
	}
	if len(docs) == 0 {
		b.Fatal("no fixtures")
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		ParseText(docs[n%len(docs)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBody cleans a long article of 200 paragraphs with a related block and a ticker.
func BenchmarkBody(b *testing.B) {
	var paras []string
	for i := range 200 {
		paras = append(paras, strings.Repeat("Negotiators met again to discuss the ceasefire and prisoner exchange. ", 1+i%4))
	}
	paras = append(paras, "Related articles", "Storm closes ports", "Central bank holds rates")
	b.ReportAllocs()
	for b.Loop() {
		Body("Negotiators meet on ceasefire", paras)
	}
}
