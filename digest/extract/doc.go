// Package extract finds the main text and metadata of an HTML page.
//
// HTML converts the page to UTF-8 (byte-order mark, then valid UTF-8, then the
// charset its <meta> declares), extracts the article with go-trafilatura, splits
// the extracted tree into paragraphs and runs them through clean.Body, which drops
// the boilerplate that extraction lets through (share prompts, related blocks,
// tickers, repeats). Title, byline, site name, language, canonical URL, description
// and publication date come from the page's metadata.
//
// It does not fetch pages (the caller passes the body), follow links, or judge
// whether the article is on topic.
package extract
