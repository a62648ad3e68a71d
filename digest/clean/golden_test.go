package clean

import (
	"flag"
	"fmt"
	"github.com/digestd/digestd/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*/expected.golden from the current output")

// render is the golden form of a parsed page: header fields, kept paragraphs, drops.
func render(pg Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", pg.Title)
	if !pg.Published.IsZero() {
		fmt.Fprintf(&b, "published: %s\n", pg.Published.Format("2006-01-02"))
	}
	if pg.Status != 0 {
		fmt.Fprintf(&b, "status: %d\n", pg.Status)
	}
	if pg.Byline != "" {
		fmt.Fprintf(&b, "byline: %s\n", pg.Byline)
	}
	b.WriteString("\n== kept\n")
	for _, p := range pg.Paragraphs {
		fmt.Fprintf(&b, "%s\n", p)
	}
	b.WriteString("\n== dropped\n")
	for _, d := range pg.Dropped {
		fmt.Fprintf(&b, "[%s] %s\n", d.Reason, d.Text)
	}
	return b.String()
}

// TestGolden runs ParseText over each testdata/NAME/source.{txt,md} and compares
// with testdata/NAME/expected.golden (rewrite with -update, then review the diff).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		srcs, _ := filepath.Glob(filepath.Join(dir, "source.*"))
		if len(srcs) != 1 {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(srcs[0])
			if err != nil {
				t.Fatal(err)
			}
			got := render(ParseText(string(src)))
			golden.Check(t, filepath.Join(dir, "expected.golden"), got, *update)
		})
	}
	if n == 0 {
		t.Fatal("no fixtures under testdata")
	}
}
