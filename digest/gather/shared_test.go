package gather

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSharedFeeds serves every real-world feed of the shared corpus from an
// httptest server and checks that each parses (or, for the documents that
// are not feeds, fails with ErrParse) and that non-UTF-8 ones decode right.
func TestSharedFeeds(t *testing.T) {
	dir := sharedDir(t, "feeds")
	notFeeds := map[string]bool{ // XML documents that are not feeds
		"unrecognized.rss": true, "iso88591.xml": true, "iso88591_utf8_mismatch.xml": true,
	}
	want := map[string]string{ // decoded text that must appear in the feed or first item
		"koi8r.xml":                         "Пример RSS ленты",
		"encoding_WINDOWS-1251.xml":         "есть у кого жаба программер",
		"encoding_ISO-8859-1.xml":           "Viele Spieler wünschen sich",
		"no_encoding_ISO-8859-1.xml":        "nombre d'études montrent",
		"iso-8859-1.xml":                    "Café",
		"windows-1252.xml":                  "Euro €",
		"windows-1252-incorrect-prolog.xml": "Euro €",
		"utf8-incorrect-prolog.xml":         "Café",
		"invalid-prolog.xml":                "Café",
		"encoding.rss":                      "Jornal de Notícias - Últimas Notícias",
		"uolNoticias.rss":                   "Líder na pesquisa",
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			switch filepath.Ext(p) {
			case ".xml", ".rss", ".atom":
				files = append(files, p)
			}
		}
		return nil
	})
	seen := 0
	for _, p := range files {
		name := filepath.Base(p)
		t.Run(strings.TrimPrefix(p, dir+string(filepath.Separator)), func(t *testing.T) {
			body, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			srv := serveBytes(t, body, "application/xml")
			res, err := Feed{Name: name, URL: srv.URL, FullText: ptr(false), Client: testClient()}.
				Gather(context.Background(), time.Time{}, State{})
			if notFeeds[name] {
				if !errors.Is(err, ErrParse) {
					t.Errorf("err = %v, want ErrParse", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if text, ok := want[name]; ok {
				seen++
				parsed, _ := ParseFeed(body, "application/xml")
				all := parsed.Title + " " + parsed.Description
				if len(res.Items) > 0 {
					all += " " + res.Items[0].Title + " " + res.Items[0].Summary
				}
				if !strings.Contains(all, text) {
					t.Errorf("decoded feed lacks %q: %.200q", text, all)
				}
			}
			for _, it := range res.Items {
				if it.Err != nil || it.Kind != KindFeed {
					t.Errorf("item %q: kind %q err %v", it.Title, it.Kind, it.Err)
				}
				if strings.ContainsRune(it.Title, '\uFFFD') {
					t.Errorf("title %q has replacement characters", it.Title)
				}
			}
		})
	}
	if seen == 0 {
		t.Errorf("none of the expected encoding files found under %s", dir)
	}
}

// TestSharedHTMLEncodings decodes the shared HTML pages, whose charset is
// declared in a <meta> that may come after the first 1024 bytes.
func TestSharedHTMLEncodings(t *testing.T) {
	dir := sharedDir(t, filepath.Join("feeds", "miniflux", "encoding"))
	for _, name := range []string{"utf8.html", "iso-8859-1.html", "utf8-meta-after-1024.html", "iso-8859-1-meta-after-1024.html"} {
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Skip(err)
			}
			srv := serveBytes(t, body, "text/html")
			res, err := Page{Name: "p", URL: srv.URL, Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(res.Items[0].Body); !strings.Contains(got, "<p>Café</p>") {
				t.Errorf("body not decoded: %.300q", got[max(0, len(got)-300):])
			}
		})
	}
	t.Run("iso-8859-1 in a utf-8 prolog", func(t *testing.T) {
		body, err := os.ReadFile(filepath.Join(dir, "..", "xml", "iso88591_utf8_mismatch.xml"))
		if err != nil {
			t.Skip(err)
		}
		out, _, err := toUTF8(body, "", docXML)
		if err != nil || !strings.Contains(string(out), "Anaïs") || !strings.Contains(string(out), "Jürgen") {
			t.Errorf("got %q, %v", out, err)
		}
	})
}
