package gather

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is a source of one web page. Its item's Body is the page's HTML (or
// plain text) in UTF-8; extracting the main text is the caller's job.
type Page struct {
	Name, URL string
	Client    *Client
}

// Gather fetches the page with a conditional GET. A 304 gives NotModified
// and no item. The item's URL is the page's <link rel=canonical> when it
// names an http(s) URL, else the canonical form of the URL after redirects.
// since is not used: a page's date is known only after extraction.
func (p Page) Gather(ctx context.Context, since time.Time, st State) (Result, error) {
	c := p.Client
	if c == nil {
		c = NewClient()
	}
	resp, err := c.fetch(ctx, p.URL, st, acceptPage)
	if err != nil {
		return Result{}, fmt.Errorf("gather: page %s: %w", p.Name, err)
	}
	if resp.NotModified {
		return Result{State: resp.State, NotModified: true}, nil
	}
	body, ct, err := pageBody(resp)
	if err != nil {
		return Result{}, fmt.Errorf("gather: page %s: %s: %w", p.Name, p.URL, err)
	}
	u := CanonicalURL(resp.FinalURL, "")
	if ct == TypeHTML {
		if canon := LinkCanonical(body, resp.FinalURL); canon != "" {
			u = canon
		}
	}
	item := Item{Source: p.Name, Kind: KindPage, URL: u, Body: body, ContentType: ct}
	return Result{Items: []Item{item}, State: resp.State}, nil
}

// fetchPage GETs a page for its full text and returns its UTF-8 body.
func fetchPage(ctx context.Context, c *Client, url string) ([]byte, string, error) {
	resp, err := c.fetch(ctx, url, State{}, acceptPage)
	if err != nil {
		return nil, "", err
	}
	body, ct, err := pageBody(resp)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", url, err)
	}
	return body, ct, nil
}

// pageBody checks that a response is a page and decodes it to UTF-8.
func pageBody(resp Response) ([]byte, string, error) { return DecodePage(resp.Body, resp.ContentType) }

// DecodePage checks that a fetched body is a page (HTML, XHTML, plain text or
// Markdown by its Content-Type; an unlabelled body is sniffed) and converts it
// to UTF-8 by its byte order mark, the header's charset, its <meta> charset
// or a guess. It returns the body and TypeHTML, TypePlain or TypeMarkdown.
// Any other type is ErrContentType; binary content is ErrBinary.
func DecodePage(body []byte, contentType string) ([]byte, string, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" || mt == "application/octet-stream" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	var ct string
	kind := docText
	switch mt {
	case "text/html", "application/xhtml+xml":
		ct, kind = TypeHTML, docHTML
	case "text/plain":
		ct = TypePlain
	case "text/markdown", "text/x-markdown":
		ct = TypeMarkdown
	default:
		return nil, "", fmt.Errorf("content type %q is not a page: %w", contentType, ErrContentType)
	}
	text, _, err := toUTF8(body, contentType, kind)
	if err != nil {
		return nil, "", err
	}
	return text, ct, nil
}

// LinkCanonical returns the canonical form of the http(s) URL named by the
// first <link rel="canonical"> in the head of an HTML document, resolved
// against base; "" when there is none.
func LinkCanonical(body []byte, base string) string {
	for l := range headLinks(body) {
		if hasToken(l.rel, "canonical") && strings.TrimSpace(l.href) != "" {
			if u := CanonicalURL(l.href, base); isHTTP(u) {
				return u
			}
			return ""
		}
	}
	return ""
}

// FeedLinks returns the feeds an HTML page announces with
// <link rel="alternate" type="application/rss+xml" (atom+xml, feed+json)>,
// as canonical URLs resolved against base, in document order.
func FeedLinks(body []byte, base string) []string {
	var out []string
	for l := range headLinks(body) {
		if !hasToken(l.rel, "alternate") {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(l.typ)) {
		case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
			if u := CanonicalURL(l.href, base); isHTTP(u) && !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	return out
}

func isHTTP(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

// headLink is one <link> element.
type headLink struct{ rel, href, typ string }

// headLinks yields the <link> elements of an HTML document's head.
func headLinks(body []byte) iter.Seq[headLink] {
	return func(yield func(headLink) bool) {
		z := html.NewTokenizer(bytes.NewReader(body))
		for {
			switch z.Next() {
			case html.ErrorToken:
				return
			case html.EndTagToken:
				if name, _ := z.TagName(); atom.Lookup(name) == atom.Head {
					return
				}
			case html.StartTagToken, html.SelfClosingTagToken:
				name, hasAttr := z.TagName()
				switch atom.Lookup(name) {
				case atom.Body:
					return
				case atom.Link:
				default:
					continue
				}
				var l headLink
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "rel":
						l.rel = string(v)
					case "href":
						l.href = string(v)
					case "type":
						l.typ = string(v)
					}
				}
				if !yield(l) {
					return
				}
			}
		}
	}
}

func hasToken(list, tok string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
