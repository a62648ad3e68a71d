package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/markusmobius/go-trafilatura"
)

// benchPages are the readability test pages when $DIGESTD_SHARED is set, else the
// package's own fixtures.
func benchPages(b *testing.B) [][]byte {
	var files []string
	if shared := os.Getenv("DIGESTD_SHARED"); shared != "" {
		files, _ = filepath.Glob(filepath.Join(shared, "extraction", "readability-test-pages", "*", "source.html"))
	}
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join("testdata", "*", "source.html"))
	}
	var pages [][]byte
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
	}
	if len(pages) == 0 {
		b.Fatal("no pages to benchmark")
	}
	return pages
}

// BenchmarkHTML measures the whole extraction (charset, parse, trafilatura, clean)
// per page, and go-trafilatura alone with default options for comparison; pages/s is
// reported as a metric.
func BenchmarkHTML(b *testing.B) {
	pages := benchPages(b)
	run := func(b *testing.B, f func([]byte)) {
		f(pages[0]) // the first call compiles trafilatura's regular expressions
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			f(pages[n%len(pages)])
			n++
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	}
	b.Run("pipeline", func(b *testing.B) {
		run(b, func(p []byte) { HTML(p, fixtureURL) })
	})
	b.Run("trafilatura-defaults", func(b *testing.B) {
		run(b, func(p []byte) { trafilatura.Extract(bytes.NewReader(p), trafilatura.Options{}) })
	})
}
