package gather

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func addFixtures(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rdf.xml", "feed.json", "cp1251.xml", "koi8r.xml", "latin1-noprolog.xml", "broken-prolog.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "application/xml")
	}
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"), "text/xml")
	f.Add([]byte(`<html><meta content="text/html; charset=koi8-r">`), "text/html")
}

// FuzzToUTF8 checks the charset sniffing: whatever the bytes and header, the
// result is valid UTF-8 or an error, and valid UTF-8 text without NUL bytes
// comes back as is.
func FuzzToUTF8(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		for _, kind := range []docKind{docText, docXML, docHTML} {
			out, enc, err := toUTF8(b, contentType, kind)
			if err != nil {
				continue
			}
			if !utf8.Valid(out) {
				t.Fatalf("kind %d: invalid UTF-8 out (%s): %q", kind, enc, out)
			}
			// (NUL bytes are valid UTF-8 but mark UTF-16, which is decoded.)
			if kind == docText && utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 && !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) && !bytes.Equal(out, b) {
				t.Fatalf("valid UTF-8 text changed: %q -> %q", b, out)
			}
		}
	})
}

// FuzzParseFeed feeds arbitrary bytes to the decoder and gofeed: no panic,
// and items always have UTF-8 text.
func FuzzParseFeed(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		parsed, err := ParseFeed(b, contentType)
		if err != nil {
			return
		}
		for _, it := range feedItems(parsed, "fuzz", "https://fuzz.example/feed") {
			if !utf8.ValidString(it.Title) {
				t.Fatalf("title not UTF-8: %q", it.Title)
			}
		}
	})
}

// FuzzLinkCanonical: any HTML gives "" or an http(s) URL.
func FuzzLinkCanonical(f *testing.F) {
	f.Add([]byte(`<head><link rel="canonical" href="/a?utm_source=x#f"></head>`))
	f.Add([]byte(`<link rel=canonical href=//x.example/b>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		u := LinkCanonical(b, "https://base.example/dir/")
		if u != "" && !bytes.HasPrefix([]byte(u), []byte("http://")) && !bytes.HasPrefix([]byte(u), []byte("https://")) {
			t.Fatalf("not an http(s) URL: %q", u)
		}
	})
}

// FuzzIsTeaser: any feed text is judged without panicking, and plain text
// judged a full article has at least TeaserWords words and TeaserSentences
// sentence ends, counted independently here.
func FuzzIsTeaser(f *testing.F) {
	f.Add("<p>Talks resumed today.</p>")
	f.Add("A sentence. Another one. And a third one here… Read more")
	f.Add(strings.Repeat("The talks went on for hours and ended late. ", 20))
	f.Fuzz(func(t *testing.T, s string) {
		if IsTeaser(s) || strings.ContainsAny(s, "<&") {
			return
		}
		words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		ends := 0
		rs := []rune(s)
		for i, r := range rs {
			if strings.ContainsRune(".!?。", r) && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])) {
				ends++
			}
		}
		if len(words) < TeaserWords || ends < TeaserSentences {
			t.Fatalf("judged full text with %d words, %d sentence ends: %q", len(words), ends, s)
		}
	})
}
