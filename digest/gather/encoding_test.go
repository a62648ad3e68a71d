package gather

import (
	"bytes"
	"context"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Character sets and broken XML declarations, end to end through Feed.

func TestFeedUndeclaredCyrillic(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"windows-1251", "cp1251.xml", "Переговори щодо обміну полоненими"},
		{"koi8-r", "koi8r.xml", "Переговоры об обмене пленными"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := readFixture(t, tt.file)
			_, body, _ = bytes.Cut(body, []byte("?>")) // no prolog, no charset anywhere
			srv := serveBytes(t, body, "application/rss+xml")
			res, err := Feed{Name: "f", URL: srv.URL, FullText: ptr(false), Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 || res.Items[0].Title != tt.want {
				t.Errorf("items %+v, want title %q", res.Items, tt.want)
			}
		})
	}
}

func TestFeedUTF16(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>t</title><item><title>Київ — Genève</title><link>https://u16.example/a</link></item></channel></rss>`
	le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name string
		enc  encoding.Encoding
	}{
		{"little endian with BOM", le},
		{"big endian without BOM", be},
		{"little endian without BOM", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := tt.enc.NewEncoder().Bytes([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			srv := serveBytes(t, body, "application/xml")
			res, err := Feed{Name: "f", URL: srv.URL, FullText: ptr(false), Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 || res.Items[0].Title != "Київ — Genève" {
				t.Errorf("items %+v", res.Items)
			}
		})
	}
}

func TestFeedBrokenPrologs(t *testing.T) {
	const body = `<rss version="2.0"><channel><title>T</title><item><title>Київ — Варшава</title><link>https://x.example/a</link></item></channel></rss>`
	tests := []struct{ name, prolog string }{
		{"blank lines first", "\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"},
		{"bom and spaces", "\ufeff  <?xml version=\"1.0\"?>"},
		{"missing question mark", "<?xml version=\"1.0\" encoding=\"UTF-8\">\n"},
		{"unquoted values", "<?xml version=1.0 encoding=utf-8 standalone=yes?>"},
		{"empty encoding", "<?xml version=\"1.0\" encoding=\"\"?>"},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"utf8x\"?>"},
		{"wrong encoding for utf-8 text", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"},
		{"utf-16 named for utf-8 text", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"},
		{"server warning before it", "Warning: header already sent in feed.php on line 3\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>"},
		{"stylesheet instruction", "<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"/s.xsl\"?>"},
		{"two declarations", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml version=\"1.0\"?>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serveBytes(t, []byte(tt.prolog+body), "application/rss+xml")
			res, err := Feed{Name: "f", URL: srv.URL, FullText: ptr(false), Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 || res.Items[0].Title != "Київ — Варшава" {
				t.Errorf("items %+v", res.Items)
			}
		})
	}
}

// TestFeedLimitErrors: the Client's limits surface as source errors of a
// feed that name the source and the URL.
