package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// evalURL is the address the test pages were saved from (as in readability's suite).
const evalURL = "http://fakehost/test/page.html"

// score is word-level precision, recall and F1 of got against want (bags of words).
type score struct{ p, r, f float64 }

func wordBag(s string) map[string]int {
	bag := make(map[string]int)
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		bag[w]++
	}
	return bag
}

func wordScore(got, want string) score {
	g, w := wordBag(got), wordBag(want)
	ng, nw, common := 0, 0, 0
	for k, n := range g {
		ng += n
		common += min(n, w[k])
	}
	for _, n := range w {
		nw += n
	}
	if ng == 0 && nw == 0 {
		return score{1, 1, 1}
	}
	if ng == 0 || nw == 0 || common == 0 {
		return score{}
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return score{p, r, 2 * p * r / (p + r)}
}

// htmlText is all the text of an HTML fragment, blocks separated by spaces.
func htmlText(b []byte) string {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		sb.WriteByte(' ')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return sb.String()
}

func normTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

type evalCase struct {
	name                string
	src, wantText       []byte
	wantTitle, wantDate string
}

func loadEvalPages(tb testing.TB) []evalCase {
	shared := os.Getenv("DIGESTD_SHARED")
	if shared == "" {
		tb.Skip("DIGESTD_SHARED is not set: skipping the extraction evaluation")
	}
	dirs, _ := filepath.Glob(filepath.Join(shared, "extraction", "readability-test-pages", "*", "source.html"))
	if len(dirs) == 0 {
		tb.Fatalf("DIGESTD_SHARED=%s holds no extraction/readability-test-pages", shared)
	}
	sort.Strings(dirs)
	var cs []evalCase
	for _, src := range dirs {
		dir := filepath.Dir(src)
		s, err1 := os.ReadFile(src)
		e, err2 := os.ReadFile(filepath.Join(dir, "expected.html"))
		m, err3 := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		var meta struct {
			Title         string  `json:"title"`
			PublishedTime *string `json:"publishedTime"`
		}
		if err := json.Unmarshal(m, &meta); err != nil {
			tb.Fatalf("%s: %v", dir, err)
		}
		c := evalCase{name: filepath.Base(dir), src: s, wantText: e, wantTitle: meta.Title}
		if meta.PublishedTime != nil && len(*meta.PublishedTime) >= 10 {
			c.wantDate = (*meta.PublishedTime)[:10]
		}
		cs = append(cs, c)
	}
	return cs
}

// tally accumulates the figures of one extractor.
type tally struct {
	p, r, f, titleExact, titleF float64
	dates, dateOK, n, errs      int
}

func (t *tally) add(text, title string, date string, c evalCase, want string) {
	s := wordScore(text, want)
	t.p += s.p
	t.r += s.r
	t.f += s.f
	if normTitle(title) == normTitle(c.wantTitle) {
		t.titleExact++
	}
	t.titleF += wordScore(title, c.wantTitle).f
	if c.wantDate != "" {
		t.dates++
		if date == c.wantDate {
			t.dateOK++
		}
	}
	t.n++
}

func (t *tally) row(name string) string {
	n := float64(t.n)
	return fmt.Sprintf("%-22s | %.3f | %.3f | %.3f | %.3f | %.3f | %d/%d | %d",
		name, t.p/n, t.r/n, t.f/n, t.titleExact/n, t.titleF/n, t.dateOK, t.dates, t.errs)
}

// TestExtractionQuality compares our pipeline with go-trafilatura alone (default
// options) on the readability test pages under $DIGESTD_SHARED, in the same run.
func TestExtractionQuality(t *testing.T) {
	cases := loadEvalPages(t)
	var ours, lib tally
	var worse []string
	for _, c := range cases {
		want := htmlText(c.wantText)

		d, err := HTML(c.src, evalURL)
		if err != nil {
			ours.errs++
		}
		date := ""
		if !d.Published.IsZero() {
			date = d.Published.Format("2006-01-02")
		}
		ourText := strings.Join(d.Paragraphs, "\n\n")
		ours.add(ourText, d.Title, date, c, want)

		libText, libTitle, libDate := "", "", ""
		if r, err := trafilatura.Extract(bytes.NewReader(c.src), trafilatura.Options{}); err == nil && r != nil {
			libText, libTitle = r.ContentText, r.Metadata.Title
			if !r.Metadata.Date.IsZero() {
				libDate = r.Metadata.Date.Format("2006-01-02")
			}
		} else {
			lib.errs++
		}
		lib.add(libText, libTitle, libDate, c, want)

		if so, sl := wordScore(ourText, want).f, wordScore(libText, want).f; so < sl-0.05 {
			worse = append(worse, fmt.Sprintf("%s ours %.2f lib %.2f", c.name, so, sl))
		}
	}
	t.Logf("\n%d pages; means\nextractor              | precision | recall | F1 | title exact | title F1 | date | errors\n%s\n%s",
		len(cases), ours.row("ours (clean.Body)"), lib.row("trafilatura defaults"))
	if len(worse) > 0 {
		t.Logf("pages where ours is worse by > 0.05 F1:\n%s", strings.Join(worse, "\n"))
	}
	if ours.f < lib.f {
		t.Errorf("mean F1 ours %.4f < trafilatura alone %.4f", ours.f/float64(ours.n), lib.f/float64(lib.n))
	}
}
