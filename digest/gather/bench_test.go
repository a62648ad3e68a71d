package gather

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// largeFeed writes an RSS 2.0 feed of n items, each with a paragraph of
// HTML content, in the given character map (nil for UTF-8).
func largeFeed(b testing.TB, n int, cm *charmap.Charmap) []byte {
	var buf bytes.Buffer
	enc := "UTF-8"
	if cm != nil {
		enc = "windows-1251"
	}
	fmt.Fprintf(&buf, `<?xml version="1.0" encoding="%s"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Стрічка</title><link>https://bench.example.org/</link>`, enc)
	for i := range n {
		fmt.Fprintf(&buf, `<item><title>Переговори, раунд %d</title><link>/news/%d?utm_source=rss</link><guid>id-%d</guid><pubDate>Mon, 03 Mar 2025 09:%02d:00 +0000</pubDate>`, i, i, i, i%60)
		fmt.Fprintf(&buf, `<description><![CDATA[<p>Делегації зустрілися в Женеві, щоб обговорити обмін полоненими та гуманітарні коридори. Раунд %d тривав кілька годин.</p>]]></description></item>`, i)
	}
	buf.WriteString(`</channel></rss>`)
	if cm == nil {
		return buf.Bytes()
	}
	out, err := cm.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func BenchmarkParseFeed(b *testing.B) {
	cases := []struct {
		name string
		body func(b *testing.B) []byte
	}{
		{"generated-utf8-2000", func(b *testing.B) []byte { return largeFeed(b, 2000, nil) }},
		{"generated-cp1251-2000", func(b *testing.B) []byte { return largeFeed(b, 2000, charmap.Windows1251) }},
		{"shared-large_rss", func(b *testing.B) []byte {
			body, err := os.ReadFile(filepath.Join(sharedDir(b, "feeds"), "miniflux", "parser", "large_rss.xml"))
			if err != nil {
				b.Skip(err)
			}
			return body
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			body := c.body(b)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			items := 0
			for b.Loop() {
				parsed, err := ParseFeed(body, "application/rss+xml")
				if err != nil {
					b.Fatal(err)
				}
				items = len(feedItems(parsed, "bench", "https://bench.example.org/feed"))
			}
			b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

// BenchmarkFeedGather measures a whole Feed.Gather over HTTP (loopback).
func BenchmarkFeedGather(b *testing.B) {
	body := largeFeed(b, 500, nil)
	srv := serveBytes(b, body, "application/rss+xml")
	f := Feed{Name: "bench", URL: srv.URL, FullText: ptr(false), Client: NewClient()}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Gather(context.Background(), time.Time{}, State{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToUTF8(b *testing.B) {
	body := largeFeed(b, 2000, charmap.Windows1251)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := toUTF8(body, "", docXML); err != nil {
			b.Fatal(err)
		}
	}
}
