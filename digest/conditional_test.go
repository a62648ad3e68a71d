package digest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/digest/topic"
	"github.com/digestd/digestd/summarize"
)

// A feed's validators are stored by a run that delivered, not by a dry run; the next run sends
// them and takes a 304 as "no new items".
func TestConditionalGETAcrossRuns(t *testing.T) {
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>%s</link>
<item><title>Ukraine and Russia agree in Geneva to hold new prisoner exchange talks</title><link>%s/talks</link>
<pubDate>%s</pubDate><description><![CDATA[%s]]></description></item></channel></rss>`,
			"https://wire.test/", "https://wire.test", now.Add(-time.Hour).Format(time.RFC1123Z), talksBody)
	}))
	defer srv.Close()
	f := newFixture(t)
	noFull := false
	feed := gather.Feed{Name: "wire", URL: srv.URL, FullText: &noFull, Client: gather.NewClient()}
	m, _ := topic.New(topic.DefaultProfile())
	p := digest.New([]digest.Source{{Name: "wire", Kind: "feed", Gatherer: feed}}, f.st, m, summarize.NewExtractive())
	ctx := context.Background()
	build := func(dry bool) *digest.Build {
		b, err := p.Build(ctx, digest.BuildOptions{Now: now, Since: now.Add(-24 * time.Hour), DryRun: dry, Subscribers: []string{"ann@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	build(true)
	if b := build(true); b.Digest.Sources[0].NotModified || conditional.Load() != 0 {
		t.Fatalf("a dry run stored validators: not modified %v, conditional requests %d", b.Digest.Sources[0].NotModified, conditional.Load())
	}
	b := build(false)
	letters, _ := digest.Compose(b, []digest.Recipient{{Email: "ann@example.org"}}, f.delivery)
	if _, err := p.Commit(ctx, b, letters, f.delivery, now); err != nil {
		t.Fatal(err)
	}
	b = build(false)
	if !b.Digest.Sources[0].NotModified || conditional.Load() != 1 || len(b.Digest.Articles) != 0 {
		t.Errorf("after a delivering run: not modified %v, conditional requests %d, articles %d",
			b.Digest.Sources[0].NotModified, conditional.Load(), len(b.Digest.Articles))
	}
	// While letters are pending, a build gathers unconditionally so their articles come again.
	b, err := p.Build(ctx, digest.BuildOptions{Now: now, Since: now.Add(-24 * time.Hour), Unconditional: true})
	if err != nil {
		t.Fatal(err)
	}
	if conditional.Load() != 1 || len(b.Digest.Articles) != 1 {
		t.Errorf("unconditional build: conditional requests %d, articles %d", conditional.Load(), len(b.Digest.Articles))
	}
}
