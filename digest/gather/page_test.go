package gather

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPageGather(t *testing.T) {
	cp1251Page := "<html><head><title>t</title><link rel=\"canonical\" href=\"/story/7?utm_campaign=x#top\"></head><body><p>\xc4\xe8\xef\xeb\xee\xec\xe0\xf2\xe8\xff</p></body></html>"
	tests := []struct {
		name, ctype, body string
		wantType          string
		wantURLPath       string // appended to the server URL
		wantText          string
		wantErr           error
	}{
		{"html with canonical and windows-1251 header", "text/html; charset=windows-1251", cp1251Page, TypeHTML, "/story/7", "Дипломатия", nil},
		{"html meta charset", "text/html", "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>\xe4\xc9\xd0\xcc\xcf\xcd\xc1\xd4\xc9\xd1</body></html>", TypeHTML, "/page?id=3", "Дипломатия", nil},
		{"xhtml", "application/xhtml+xml", "<html><body>x</body></html>", TypeHTML, "/page?id=3", "x", nil},
		{"unlabelled html is sniffed", "", "<!DOCTYPE html><html><body>sniffed</body></html>", TypeHTML, "/page?id=3", "sniffed", nil},
		{"plain text", "text/plain; charset=utf-8", "Just text.", TypePlain, "/page?id=3", "Just text.", nil},
		{"markdown", "text/markdown", "# Title", TypeMarkdown, "/page?id=3", "# Title", nil},
		{"pdf", "application/pdf", "%PDF-1.7", "", "", "", ErrContentType},
		{"json", "application/json", `{"a":1}`, "", "", "", ErrContentType},
		{"binary labelled html", "text/html", "<html>\x00\x01\x02\x00\x00\x00", "", "", "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/old" {
					http.Redirect(w, r, "/page?id=3&fbclid=9", http.StatusMovedPermanently)
					return
				}
				w.Header()["Content-Type"] = []string{tt.ctype}
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			res, err := Page{Name: "p", URL: srv.URL + "/old", Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), srv.URL+"/old") {
					t.Fatalf("err = %v, want %v naming the URL", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 {
				t.Fatalf("%d items", len(res.Items))
			}
			it := res.Items[0]
			if it.URL != srv.URL+tt.wantURLPath || it.ContentType != tt.wantType || it.Kind != KindPage || it.Source != "p" {
				t.Errorf("url %q type %q kind %q; want %q %q", it.URL, it.ContentType, it.Kind, srv.URL+tt.wantURLPath, tt.wantType)
			}
			if !strings.Contains(string(it.Body), tt.wantText) {
				t.Errorf("body %q lacks %q", it.Body, tt.wantText)
			}
		})
	}
}

func TestPageNotModified(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"p1"`)
		if r.Header.Get("If-None-Match") == `"p1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>hello</p>"))
	}))
	defer srv.Close()
	p := Page{Name: "p", URL: srv.URL, Client: testClient()}
	first, err := p.Gather(context.Background(), time.Time{}, State{})
	if err != nil || len(first.Items) != 1 || first.State.ETag != `"p1"` {
		t.Fatalf("first: %+v, %v", first, err)
	}
	second, err := p.Gather(context.Background(), time.Time{}, first.State)
	if err != nil || !second.NotModified || len(second.Items) != 0 || second.State != first.State {
		t.Fatalf("second: %+v, %v", second, err)
	}
}

func TestLinkCanonical(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"relative", `<head><link rel="canonical" href="/a?utm_source=x"></head>`, "https://site.example/a"},
		{"rel list", `<head><LINK REL="Canonical Alternate" HREF="https://other.example/b#x"/></head>`, "https://other.example/b"},
		{"none", `<head><link rel="stylesheet" href="/s.css"></head><body><link rel="canonical" href="/late"></body>`, ""},
		{"after head", `<head></head><link rel="canonical" href="/late">`, ""},
		{"not http", `<link rel="canonical" href="javascript:alert(1)">`, ""},
		{"empty href", `<link rel="canonical" href="">`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkCanonical([]byte(tt.html), "https://site.example/dir/page"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsTeaser(t *testing.T) {
	sentence := "The talks went on for several hours and ended with a short statement to the press. "
	tests := []struct {
		name, text string
		want       bool
	}{
		{"empty", "", true},
		{"one line", "Talks resumed today.", true},
		{"two long sentences", strings.Repeat("word ", 150) + ". " + strings.Repeat("word ", 10) + ".", true},
		{"several sentences", strings.Repeat(sentence, 8), false},
		{"several sentences in html", "<p>" + strings.Repeat(sentence, 4) + "</p><p>" + strings.Repeat(sentence, 4) + "</p>", false},
		{"long but cut with ellipsis", strings.Repeat(sentence, 8) + "And then…", true},
		{"long with read more", strings.Repeat(sentence, 8) + `<a href="/x">Read more</a>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTeaser(tt.text); got != tt.want {
				t.Errorf("IsTeaser = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFeedLinks(t *testing.T) {
	page := `<html><head>
<link rel="alternate" type="application/rss+xml" href="/rss.xml?utm_source=x">
<link rel="alternate" type="application/atom+xml" href="https://other.example/atom">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" hreflang="uk" href="/uk/">
<link rel="stylesheet" type="text/css" href="/s.css">
</head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>`
	got := FeedLinks([]byte(page), "https://site.example/news/")
	want := []string{"https://site.example/rss.xml", "https://other.example/atom"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("FeedLinks = %v, want %v", got, want)
	}
}

func TestDecodePage(t *testing.T) {
	tests := []struct {
		name, ctype, body, wantType, wantText string
		wantErr                               error
	}{
		{"html header charset", "text/html; charset=koi8-r", "<p>\xe4\xc9\xd0\xcc\xcf\xcd\xc1\xd4\xc9\xd1</p>", TypeHTML, "<p>Дипломатия</p>", nil},
		{"sniffed html", "", "<html><body>x</body></html>", TypeHTML, "x", nil},
		{"octet-stream text", "application/octet-stream", "plain words", TypePlain, "plain words", nil},
		{"image", "image/jpeg", "\xff\xd8\xff", "", "", ErrContentType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct, err := DecodePage([]byte(tt.body), tt.ctype)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if ct != tt.wantType || !strings.Contains(string(body), tt.wantText) {
				t.Errorf("got %q (%s), want %q (%s)", body, ct, tt.wantText, tt.wantType)
			}
		})
	}
}
