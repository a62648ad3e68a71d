// Package gather reads the raw material of a digest: scraped text files from
// disk (Files), feeds in RSS 0.9x/1.0/2.0, Atom or JSON Feed (Feed) and web
// pages (Page) over HTTP.
//
// Gather is I/O only. It fetches politely through a shared Client: one
// User-Agent naming digestd, per-host and overall concurrency limits that
// hold on every redirect hop, a timeout per request, a body cap that also
// bounds gzip decompression, a stop to redirect loops, and conditional GET
// (the caller stores State between runs and hands it back). It decodes every
// body to UTF-8 (byte order mark, then valid UTF-8, then the charset named
// by the header, the XML declaration or an HTML <meta>, then a guess) and
// repairs broken XML declarations, and it returns raw items with canonical
// URLs (CanonicalURL).
//
// It does not extract main text, clean boilerplate, parse the seed-file
// header line, judge relevance or remember what it has seen: those belong to
// the stages after it.
//
// A failure of a whole source is returned as an error that names the source
// and the URL or path; a failure of one item (a binary file, a linked page
// that could not be fetched) is set on that Item's Err and the item is still
// returned.
package gather

import (
	"errors"
	"time"
)

// Version is the default version named in the User-Agent.
const Version = "dev"

// UserAgentFormat is the User-Agent sent with every request; %s is the version.
const UserAgentFormat = "digestd/%s (+https://github.com/digestd/digestd)"

// Kinds of source, as in the configuration.
const (
	KindFeed  = "feed"
	KindPage  = "page"
	KindFiles = "files"
)

// Content types of Item.Body.
const (
	TypeHTML     = "text/html"
	TypePlain    = "text/plain"
	TypeMarkdown = "text/markdown"
)

// Sentinel errors that callers may branch on with errors.Is.
var (
	// ErrTooLarge: a body (or its decompressed form) exceeds the size cap.
	ErrTooLarge = errors.New("too large")
	// ErrContentType: the server sent a content type this source cannot use.
	ErrContentType = errors.New("unexpected content type")
	// ErrRedirects: a redirect loop or too many redirects.
	ErrRedirects = errors.New("redirects not followed")
	// ErrBinary: the content is not text in any character set we know.
	ErrBinary = errors.New("binary content")
	// ErrStatus: the server answered with an HTTP error status (see StatusError).
	ErrStatus = errors.New("http error status")
	// ErrTimeout: the request did not finish within the per-request timeout.
	ErrTimeout = errors.New("timed out")
	// ErrParse: a feed could not be parsed.
	ErrParse = errors.New("cannot parse feed")
	// ErrFullText: a feed item's linked page could not be fetched. The item's
	// Summary is still as the feed gave it, and usable.
	ErrFullText = errors.New("full text not fetched")
)

// Item is one raw article as gathered, before any extraction or cleaning.
type Item struct {
	Source string // source name from config
	Kind   string // "feed" | "page" | "files"
	// URL is the canonical URL (see CanonicalURL); a file:// URL of the
	// absolute path for files. It may be empty for a feed item with no link.
	URL       string
	Title     string    // from the feed item (empty for files/pages)
	Author    string    // from the feed item
	Published time.Time // feed item date; zero when unknown (files: always zero, never the mtime)
	// Summary is the feed item's content or description as given (HTML or text).
	Summary string
	// Body is the page HTML (a feed item's full text or a page's source) or a
	// file's contents, always converted to UTF-8.
	Body []byte
	// ContentType is TypeHTML, TypePlain or TypeMarkdown for Body ("" when no Body).
	ContentType string
	// Categories are the feed item's categories or tags, as given.
	Categories []string
	// Language is the feed's declared language (RSS <language>, xml:lang,
	// JSON Feed "language"), "" when none; pages and files leave it empty.
	Language string
	// Err is a per-item failure (binary file, too large, full-text fetch
	// failed...). The item is still returned. When errors.Is(Err,
	// ErrFullText), only the linked page failed and Summary is usable.
	Err error
}

// State holds the conditional-GET validators of one source.
type State struct{ ETag, LastModified string }

// Result is what one source gave in one run.
type Result struct {
	Items []Item
	// State holds the validators to store after a successful (non-dry) run.
	State State
	// NotModified is true when the server answered 304 Not Modified.
	NotModified bool
}
