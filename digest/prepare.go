package digest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/digestd/digestd/digest/clean"
	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/digest/extract"
	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/digest/topic"
)

// work is one article under judgement.
type work struct {
	Article
	src       Source
	published time.Time // zero when unknown
	firstSeen time.Time
	paras     []string
	fp        dedupe.Fingerprint
	score     topic.Result
	order     int   // gather order, for stable output
	rank      int   // story rank once grouped, for output order
	root      *work // for a duplicate: the kept copy
}

// ok reports whether the article is still a candidate (no status decided yet).
func (w *work) ok() bool { return w.Status == "" }

func (w *work) set(s Status, reason string) {
	w.Status, w.Reason = s, reason
}

// ArticleID is the stable id of an article: a short hash of its canonical URL.
func ArticleID(canonicalURL string) string {
	h := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(h[:8])
}

// prepare turns gathered items into articles with clean text, in parallel.
func (p *Pipeline) prepare(ctx context.Context, items []gathered) []*work {
	out := make([]*work, len(items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, p.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = toArticle(items[i])
				out[i].order = i
			}
		}()
	}
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	// Items skipped by a cancelled context are reported rather than lost.
	for i, w := range out {
		if w == nil {
			out[i] = &work{Article: Article{ID: ArticleID(items[i].item.URL), URL: items[i].item.URL, Source: items[i].src.Name}, order: i}
			out[i].set(StatusError, "not processed: "+errText(ctx.Err()))
		}
		switch w := out[i]; w.Status {
		case StatusError:
			p.warn("article failed", "source", w.Source, "url", w.URL, "reason", w.Reason)
		case StatusEmpty:
			p.log.Info("article empty", "source", w.Source, "url", w.URL, "reason", w.Reason)
		}
	}
	return out
}

// toArticle cleans one item. It never fails: a bad item becomes an article with status error or
// empty and the reason.
func toArticle(g gathered) *work {
	it := g.item
	w := &work{src: g.src}
	w.URL = it.URL
	w.Source = g.src.Name
	w.Title = strings.TrimSpace(it.Title)
	w.published = it.Published
	if it.Err != nil && !(errors.Is(it.Err, gather.ErrFullText) && it.Summary != "") {
		w.ID = ArticleID(w.URL)
		w.set(StatusError, it.Err.Error())
		return w
	}
	var dropped int
	switch {
	case len(it.Body) > 0 && it.ContentType == "text/html":
		doc, err := extract.HTML(it.Body, it.URL)
		if err == nil {
			w.paras, dropped = doc.Paragraphs, len(doc.Dropped)
			w.Title = firstNonEmpty(w.Title, doc.Title)
			if w.published.IsZero() {
				w.published = doc.Published
			}
			w.Outlet = doc.SiteName
			w.Lang = doc.Lang
			if doc.Canonical != "" {
				w.URL = gather.CanonicalURL(doc.Canonical, it.URL)
			}
		} else if it.Summary == "" {
			w.ID = ArticleID(w.URL)
			w.set(errorOrEmpty(err), fmt.Sprintf("extracting %s: %v", it.URL, err))
			return w
		}
	case len(it.Body) > 0 && w.Title != "":
		// The source named the headline: the body is all article.
		var d []clean.Dropped
		w.paras, d = clean.Body(w.Title, splitParagraphs(string(it.Body)))
		dropped = len(d)
	case len(it.Body) > 0:
		pg := clean.ParseText(string(it.Body))
		w.paras, dropped = pg.Paragraphs, len(pg.Dropped)
		w.Title = firstNonEmpty(w.Title, pg.Title)
		if w.published.IsZero() {
			w.published = pg.Published
		}
	}
	if len(w.paras) == 0 && it.Summary != "" {
		var d []clean.Dropped
		w.paras, d = clean.Body(w.Title, htmlParagraphs(it.Summary))
		dropped += len(d)
	}
	w.ID = ArticleID(w.URL)
	w.Text = clean.Text(w.paras)
	if w.Title == "" && len(w.paras) > 0 {
		w.Title = headlineFrom(w.paras[0])
	}
	if strings.TrimSpace(w.Text) == "" {
		w.set(StatusEmpty, fmt.Sprintf("no article text left after cleaning (%d boilerplate paragraphs dropped)", dropped))
	}
	return w
}

func errorOrEmpty(err error) Status {
	if errors.Is(err, extract.ErrNoContent) {
		return StatusEmpty
	}
	return StatusError
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// headlineFrom makes a headline of a lead paragraph for an article that has none: its first
// sentence, cut at a word boundary.
func headlineFrom(p string) string {
	if i := strings.IndexAny(p, ".!?"); i > 20 {
		p = p[:i]
	}
	words := strings.Fields(p)
	if len(words) > 14 {
		return strings.Join(words[:14], " ") + "…"
	}
	return strings.Join(words, " ")
}
