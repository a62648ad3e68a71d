package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestPageMeta(t *testing.T) {
	cases := []struct {
		name, page, url             string
		title, canonical, lang, day string
	}{
		{"canonical relative to base",
			`<html lang="uk"><head><base href="https://ex.org/news/"><link rel="canonical" href="a.html#x"><title>T</title></head></html>`,
			"https://other.org/p", "T", "https://ex.org/news/a.html", "uk", ""},
		{"og:url fallback",
			`<head><meta property="og:url" content="https://ex.org/b"></head>`, "", "", "https://ex.org/b", "", ""},
		{"json-ld date keeps its zone",
			`<head></head><body><script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2024-12-06T22:30:00-05:00"}</script></body>`,
			"", "", "", "", "2024-12-06"},
		{"meta published time",
			`<head><meta property="article:published_time" content="2025-03-14T09:30:00Z"></head>`, "", "", "", "", "2025-03-14"},
		{"svg title ignored",
			`<head></head><body><svg><title>icon</title></svg></body>`, "", "", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(c.page))
			if err != nil {
				t.Fatal(err)
			}
			m := pageMeta(root, c.url)
			day := ""
			if !m.published.IsZero() {
				day = m.published.Format("2006-01-02")
			}
			if m.title != c.title || m.canonical != c.canonical || m.lang != c.lang || day != c.day {
				t.Errorf("pageMeta = %+v (day %s), want title %q canonical %q lang %q day %q", m, day, c.title, c.canonical, c.lang, c.day)
			}
		})
	}
}

func TestChooseTitle(t *testing.T) {
	cases := []struct {
		name, meta, head, site, url, want string
	}{
		{"site suffix", "Talks resume in Geneva | Example Herald", "", "Example Herald", "", "Talks resume in Geneva"},
		{"host prefix", "Examplenews - Talks resume in Geneva", "", "", "https://www.examplenews.com/x", "Talks resume in Geneva"},
		{"logo heading", "Menu", "Talks resume in Geneva - Example", "", "", "Talks resume in Geneva - Example"},
		{"section heading unrelated", "Health Center", "Babies who eat peanuts early avoid allergy", "", "", "Babies who eat peanuts early avoid allergy"},
		{"colon kept", "Talks: what comes next", "", "Example", "", "Talks: what comes next"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := chooseTitle(c.meta, c.head, c.site, c.url, ""); got != c.want {
				t.Errorf("chooseTitle = %q, want %q", got, c.want)
			}
		})
	}
}
