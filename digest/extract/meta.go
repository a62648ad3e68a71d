package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headMeta is what the page says about itself outside trafilatura's metadata.
type headMeta struct {
	title, lang, canonical string
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
				if m.title == "" && n.FirstChild != nil {
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
			case atom.Body:
				return // metadata lives in <head>
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
