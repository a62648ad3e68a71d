package extract

import (
	"errors"
	"flag"
	"fmt"
	"github.com/digestd/digestd/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*/expected.golden from the current output")

// fixtureURL is the address the fixtures pretend to come from.
const fixtureURL = "https://news.example.org/world/story.html"

func renderDoc(d Doc, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	fmt.Fprintf(&b, "title: %s\nbyline: %s\nsite: %s\nlang: %s\ncanonical: %s\ncharset: %s\n",
		d.Title, d.Byline, d.SiteName, d.Lang, d.Canonical, d.Charset)
	if !d.Published.IsZero() {
		fmt.Fprintf(&b, "published: %s\n", d.Published.Format("2006-01-02"))
	}
	b.WriteString("\n== kept\n")
	for _, p := range d.Paragraphs {
		fmt.Fprintf(&b, "%s\n", p)
	}
	b.WriteString("\n== dropped\n")
	for _, x := range d.Dropped {
		fmt.Fprintf(&b, "[%s] %s\n", x.Reason, x.Text)
	}
	return b.String()
}

// TestGolden extracts each testdata/NAME/source.html and compares with
// testdata/NAME/expected.golden (rewrite with -update, then review the diff).
func TestGolden(t *testing.T) {
	srcs, err := filepath.Glob(filepath.Join("testdata", "*", "source.html"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, src := range srcs {
		dir := filepath.Dir(src)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			body, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			got := renderDoc(HTML(body, fixtureURL))
			golden.Check(t, filepath.Join(dir, "expected.golden"), got, *update)
		})
	}
}

func TestNoContent(t *testing.T) {
	cases := []struct {
		name string
		body string
	}{
		{"empty", ""},
		{"white space", " \n\t "},
		{"empty body", "<html><head><title>x</title></head><body></body></html>"},
		{"all boilerplate", `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
			<div><p>Share this article</p><p>Leave a Reply</p><p>Load more</p>
			<p>© 2025 Example Media. All rights reserved.</p></div></body></html>`},
		{"error page", `<html><body><h1>Sorry!!</h1><p>Error! We're sorry, but the page you were looking for doesn't exist.</p></body></html>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := HTML([]byte(c.body), fixtureURL)
			if !errors.Is(err, ErrNoContent) {
				t.Fatalf("err = %v, want ErrNoContent (paragraphs %q)", err, d.Paragraphs)
			}
		})
	}
}

func TestCharset(t *testing.T) {
	cases := []struct {
		name    string
		body    []byte
		want    string // substring of the converted text
		charset string
	}{
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "<p>Привет</p>"...), "Привет", "utf-8"},
		{"valid utf-8 with wrong meta", []byte(`<meta charset="iso-8859-1"><p>Київ</p>`), "Київ", "utf-8"},
		{"meta windows-1251", append([]byte(`<meta charset="windows-1251"><p>`), 0xCF, 0xF0, 0xE8), "При", "windows-1251"},
		{"http-equiv koi8-r", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R"><p>`), 0xF0, 0xD2, 0xC9), "При", "koi8-r"},
		{"undeclared latin-1", []byte("<p>caf\xe9</p>"), "café", "windows-1252"},
		{"utf-16le bom", []byte{0xFF, 0xFE, 'h', 0, 'i', 0}, "hi", "utf-16le"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, cs, err := toUTF8(c.body)
			if err != nil {
				t.Fatal(err)
			}
			if cs != c.charset || !strings.Contains(string(out), c.want) {
				t.Errorf("toUTF8 = %q as %s, want %q as %s", out, cs, c.want, c.charset)
			}
		})
	}
}

func TestWordScore(t *testing.T) {
	cases := []struct {
		name, got, want string
		f               float64
	}{
		{"same", "a b c", "a b c", 1},
		{"disjoint", "a b", "c d", 0},
		{"half", "a b", "a c", 0.5},
		{"both empty", "", "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if s := wordScore(c.got, c.want); s.f != c.f {
				t.Errorf("F1 = %v, want %v", s.f, c.f)
			}
		})
	}
}

// TestConcurrent extracts the fixtures from several goroutines at once (the
// pipeline fetches pages in parallel) and expects the sequential results.
func TestConcurrent(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join("testdata", "*", "source.html"))
	var bodies [][]byte
	var want []string
	for _, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
		want = append(want, renderDoc(HTML(b, fixtureURL)))
	}
	errs := make(chan string, 4*len(bodies))
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range bodies {
				k := (i + g) % len(bodies)
				if got := renderDoc(HTML(bodies[k], fixtureURL)); got != want[k] {
					errs <- srcs[k]
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for s := range errs {
		t.Errorf("%s: concurrent result differs from the sequential one", s)
	}
}
