package gather

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// Feed is an RSS (0.9x, 1.0 RDF, 2.0), Atom or JSON Feed source.
//
// FullText says when the page an item links to is fetched into Body: nil
// means when the item's own text is a teaser (see IsTeaser), true always,
// false never. Client is shared with the other sources of a run so that its
// limits hold across them; nil uses a Client with the defaults.
type Feed struct {
	Name, URL string
	FullText  *bool
	Client    *Client
	// Known, when set, reports the canonical URLs whose articles the caller
	// already holds (seen or delivered before); their full text is not
	// fetched again. The items are still returned.
	Known func(url string) bool
}

// Gather fetches the feed with a conditional GET and returns its items in
// feed order. A 304 gives NotModified and no items. Items published before
// since are returned without their full text. A failed full-text fetch is
// set on the item's Err (errors.Is(err, ErrFullText)); the item keeps its
// Summary.
func (f Feed) Gather(ctx context.Context, since time.Time, st State) (Result, error) {
	c := f.Client
	if c == nil {
		c = NewClient()
	}
	resp, err := c.fetch(ctx, FeedURL(f.URL), st, acceptFeed)
	if err != nil {
		return Result{}, fmt.Errorf("gather: feed %s: %w", f.Name, err)
	}
	if resp.NotModified {
		return Result{State: resp.State, NotModified: true}, nil
	}
	parsed, err := ParseFeed(resp.Body, resp.ContentType)
	if err != nil {
		if errors.Is(err, ErrContentType) {
			if links := FeedLinks(resp.Body, resp.FinalURL); len(links) > 0 {
				err = fmt.Errorf("%w (the page names feeds: %s)", err, strings.Join(links, ", "))
			}
		}
		return Result{}, fmt.Errorf("gather: feed %s: %s: %w", f.Name, f.URL, err)
	}
	items := feedItems(parsed, f.Name, resp.FinalURL)
	fetchFullText(ctx, c, f, items, since)
	return Result{Items: items, State: resp.State}, nil
}

// FeedURL turns the feed: pseudo-scheme some sites still link to into the
// URL to fetch ("feed://h/p" -> "http://h/p", "feed:https://h/p" ->
// "https://h/p"); other URLs are returned trimmed.
func FeedURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if len(raw) < 5 || !strings.EqualFold(raw[:5], "feed:") {
		return raw
	}
	rest := raw[5:]
	if strings.HasPrefix(rest, "//") {
		return "http:" + rest
	}
	return rest
}

// ParseFeed decodes a feed body to UTF-8 (BOM, Content-Type charset, XML
// prolog, or a guess; see the package's decoding rules) and parses it with
// gofeed. contentType is the Content-Type header ("" when unknown); a type
// that cannot be a feed, such as an HTML page or an image, is ErrContentType.
func ParseFeed(body []byte, contentType string) (*gofeed.Feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("empty body: %w", ErrParse)
	}
	if !feedType(contentType, body) {
		return nil, fmt.Errorf("content type %q is not a feed: %w", contentType, ErrContentType)
	}
	kind := docXML
	if isJSON(body) {
		kind = docText
	}
	text, _, err := toUTF8(body, contentType, kind)
	if err != nil {
		return nil, err
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrParse, err)
	}
	return parsed, nil
}

// feedType reports whether a body of this content type may be a feed: an
// XML, JSON or plain-text type, or any type (HTML included, as misconfigured
// servers send) whose body starts like XML that is not HTML, or like JSON.
func feedType(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if strings.HasSuffix(mt, "xml") || strings.HasSuffix(mt, "json") || mt == "text/plain" {
		return true
	}
	if isJSON(body) {
		return true
	}
	head := bytes.ToLower(leadingText(body, 512))
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	return !bytes.HasPrefix(head, []byte("<!doctype html")) && !bytes.HasPrefix(head, []byte("<html")) &&
		!bytes.Contains(head, []byte("<html")) && !bytes.Contains(head, []byte("<!doctype html"))
}

// leadingText returns up to n bytes of b after a byte order mark and white space.
func leadingText(b []byte, n int) []byte {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	b = bytes.TrimLeft(b, " \t\r\n")
	return b[:min(len(b), n)]
}

func isJSON(body []byte) bool { return bytes.HasPrefix(leadingText(body, 1), []byte("{")) }

// feedItems turns parsed items into Items with canonical URLs. Relative links
// resolve against the feed's own link, else against the URL it was fetched from.
func feedItems(parsed *gofeed.Feed, source, fetched string) []Item {
	base := fetched
	if l := CanonicalURL(parsed.Link, fetched); strings.HasPrefix(l, "http") {
		base = l
	}
	items := make([]Item, 0, len(parsed.Items))
	for _, fi := range parsed.Items {
		if fi == nil {
			continue
		}
		it := Item{
			Source:   source,
			Kind:     KindFeed,
			URL:      CanonicalURL(itemLink(fi), base),
			Title:    strings.TrimSpace(fi.Title),
			Author:   itemAuthor(fi),
			Summary:  strings.TrimSpace(fi.Content),
			Language: strings.TrimSpace(parsed.Language),
		}
		for _, c := range fi.Categories {
			if c = strings.TrimSpace(c); c != "" && !slices.Contains(it.Categories, c) {
				it.Categories = append(it.Categories, c)
			}
		}
		if it.Summary == "" {
			it.Summary = strings.TrimSpace(fi.Description)
		}
		switch {
		case fi.PublishedParsed != nil:
			it.Published = *fi.PublishedParsed
		case fi.UpdatedParsed != nil:
			it.Published = *fi.UpdatedParsed
		}
		items = append(items, it)
	}
	return items
}

// itemLink is the item's link, else its first link, else a GUID that is a URL.
func itemLink(fi *gofeed.Item) string {
	if l := strings.TrimSpace(fi.Link); l != "" {
		return l
	}
	for _, l := range fi.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if g := strings.TrimSpace(fi.GUID); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
		return g
	}
	return ""
}

func itemAuthor(fi *gofeed.Item) string {
	var names []string
	for _, a := range fi.Authors {
		if a == nil {
			continue
		}
		if n := strings.TrimSpace(a.Name); n != "" {
			names = append(names, n)
		} else if e := strings.TrimSpace(a.Email); e != "" {
			names = append(names, e)
		}
	}
	if len(names) == 0 && fi.Author != nil {
		if n := strings.TrimSpace(fi.Author.Name); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// fetchFullText fetches, with bounded concurrency, the linked page of every
// item that wants it, into Body; a failure is set on the item. Items that
// share a URL share one fetch.
func fetchFullText(ctx context.Context, c *Client, f Feed, items []Item, since time.Time) {
	byURL := map[string][]int{}
	var urls []string
	for i, it := range items {
		if !wantFullText(f.FullText, it, since) || (f.Known != nil && f.Known(it.URL)) {
			continue
		}
		if byURL[it.URL] == nil {
			urls = append(urls, it.URL)
		}
		byURL[it.URL] = append(byURL[it.URL], i)
	}
	set := func(u string, body []byte, ct string, err error) {
		for _, i := range byURL[u] {
			items[i].Body, items[i].ContentType, items[i].Err = body, ct, err
		}
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(cap(c.all), len(urls)) {
		wg.Go(func() {
			for u := range work {
				body, ct, err := fetchPage(ctx, c, u)
				if err != nil {
					err = fmt.Errorf("gather: feed %s: %w: %w", f.Name, ErrFullText, err)
				}
				set(u, body, ct, err)
			}
		})
	}
	for _, u := range urls {
		select {
		case work <- u:
		case <-ctx.Done():
			set(u, nil, "", fmt.Errorf("gather: feed %s: %w: %s: %w", f.Name, ErrFullText, u, ctx.Err()))
		}
	}
	close(work)
	wg.Wait()
}

func wantFullText(mode *bool, it Item, since time.Time) bool {
	if !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
		return false
	}
	if !since.IsZero() && !it.Published.IsZero() && it.Published.Before(since) {
		return false
	}
	if mode != nil {
		return *mode
	}
	return IsTeaser(it.Summary)
}
