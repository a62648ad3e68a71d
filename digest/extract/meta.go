package extract

import (
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headMeta is what the page says about itself outside trafilatura's metadata.
type headMeta struct {
	title, lang, canonical string
	// published is the publication date-time the page declares (meta tags,
	// JSON-LD), kept in the page's own time zone.
	published time.Time
}

// pageMeta reads <title>, <html lang> and the canonical URL (<link rel=canonical>,
// else og:url), resolved against pageURL and any <base href>.
func pageMeta(root *html.Node, pageURL string) headMeta {
	var m headMeta
	var base, ogURL string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Title:
				if m.title == "" && n.FirstChild != nil && n.Parent != nil && n.Parent.DataAtom == atom.Head {
					m.title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
				}
			case atom.Base:
				if base == "" {
					base = attr(n, "href")
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				if p := attr(n, "property"); ogURL == "" && strings.EqualFold(p, "og:url") {
					ogURL = attr(n, "content")
				}
				if m.published.IsZero() && isPublishedMeta(n) {
					m.published = parseMetaTime(attr(n, "content"))
				}
			case atom.Script:
				if m.published.IsZero() && strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					m.published = jsonLDPublished(n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if m.canonical == "" {
		m.canonical = ogURL
	}
	m.canonical = resolve(pageURL, base, m.canonical)
	return m
}

// isPublishedMeta: a <meta> naming the publication date.
func isPublishedMeta(n *html.Node) bool {
	for _, key := range []string{"property", "name", "itemprop"} {
		switch strings.ToLower(attr(n, key)) {
		case "article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
			"pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "date":
			return true
		}
	}
	return false
}

// jsonLDPublished finds "datePublished": "..." in a JSON-LD script.
func jsonLDPublished(js string) time.Time {
	i := strings.Index(js, `"datePublished"`)
	if i < 0 {
		return time.Time{}
	}
	rest := strings.TrimLeft(js[i+len(`"datePublished"`):], " \t\r\n:")
	if !strings.HasPrefix(rest, `"`) {
		return time.Time{}
	}
	rest = rest[1:]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return time.Time{}
	}
	return parseMetaTime(rest[:j])
}

// parseMetaTime parses the ISO 8601 forms pages use, keeping their time zone.
func parseMetaTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05",
		"2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func resolve(pageURL, base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	b, _ := url.Parse(pageURL)
	if base != "" {
		if bu, err := url.Parse(base); err == nil {
			if b != nil {
				bu = b.ResolveReference(bu)
			}
			b = bu
		}
	}
	if b != nil {
		r = b.ResolveReference(r)
	}
	if !r.IsAbs() {
		return ""
	}
	r.Fragment = ""
	return r.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
