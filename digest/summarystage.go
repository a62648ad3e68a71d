package digest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/digestd/digestd/summarize"
)

// summarize writes each story's summary from all of its included articles.
func (p *Pipeline) summarize(ctx context.Context, b *Build) error {
	if len(b.stories) == 0 {
		return nil
	}
	in := make([]summarize.Story, len(b.stories))
	for i, s := range b.stories {
		st := summarize.Story{ID: s.ID, Headline: s.Headline}
		for _, m := range s.members {
			st.Articles = append(st.Articles, summarize.Article{Title: m.Title, Text: m.Text, Source: m.Source, Published: m.published})
		}
		in[i] = st
	}
	sctx, cancel := ctx, context.CancelFunc(func() {})
	if p.summaryDeadline > 0 {
		sctx, cancel = context.WithTimeout(ctx, p.summaryDeadline)
	}
	sums, usage, err := p.summarizer.SummarizeAll(sctx, in)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.warn("summaries did not finish; the rest fall back", "err", err)
	}
	if err != nil && p.fallback != nil {
		// The digest goes out on time: what the summarizer did not finish is summarised by the
		// fallback, which needs no network.
		var idx []int
		var rest []summarize.Story
		for i := range in {
			if i >= len(sums) || sums[i].Text == "" {
				idx = append(idx, i)
				rest = append(rest, in[i])
			}
		}
		fb, _, ferr := p.fallback.SummarizeAll(ctx, rest)
		if ferr != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		full := make([]summarize.Summary, len(in))
		copy(full, sums)
		for k, i := range idx {
			if k < len(fb) {
				full[i] = fb[k]
				full[i].Fallback = fmt.Sprintf("summaries took longer than %s: %v", p.summaryDeadline, err)
			}
		}
		sums, err = full, nil
	}
	b.Digest.LLM = Usage{Requests: usage.Requests, PromptTokens: usage.PromptTokens, CompletionTokens: usage.CompletionTokens, CacheHits: usage.CacheHits}
	for i := range b.Digest.Stories {
		st := &b.Digest.Stories[i]
		if i < len(sums) && sums[i].Text != "" {
			st.Summary, st.Method, st.Fallback = sums[i].Text, sums[i].Method, sums[i].Fallback
			continue
		}
		// No summary: the lead paragraph is the honest fallback.
		st.Method = "extractive"
		if m := b.stories[i].members; len(m) > 0 && len(m[0].paras) > 0 {
			st.Summary = m[0].paras[0]
		}
		if i < len(sums) && sums[i].Fallback != "" {
			st.Fallback = sums[i].Fallback
		} else if err != nil {
			st.Fallback = fmt.Sprintf("summarizer failed: %v", err)
		}
	}
	return nil
}

// statusOrder puts included articles first in digest.json, then the others by how far they got.
var statusOrder = map[Status]int{
	StatusIncluded: 0, StatusDuplicate: 1, StatusCapped: 2, StatusSeen: 3, StatusIrrelevant: 4,
	StatusOld: 5, StatusEmpty: 6, StatusError: 7,
}

// finalArticles lists every article: included by story rank, then the rest by status.
func finalArticles(arts []*work) []Article {
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b *work) int {
		if c := cmp.Compare(statusOrder[a.Status], statusOrder[b.Status]); c != 0 {
			return c
		}
		if a.Story != "" && b.Story != "" {
			if c := cmp.Compare(a.rank, b.rank); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.order, b.order)
	})
	out := make([]Article, len(sorted))
	for i, w := range sorted {
		out[i] = w.Article
	}
	return out
}

func count(d *Digest) Counts {
	c := Counts{Gathered: len(d.Articles), Stories: len(d.Stories), Sources: len(d.Sources)}
	for _, a := range d.Articles {
		switch a.Status {
		case StatusIncluded:
			c.Included++
		case StatusDuplicate:
			c.Duplicates++
		case StatusIrrelevant:
			c.Irrelevant++
		case StatusOld:
			c.Old++
		case StatusSeen:
			c.Seen++
		case StatusCapped:
			c.Capped++
		case StatusEmpty:
			c.Empty++
		case StatusError:
			c.Errors++
		}
	}
	for _, s := range d.Sources {
		if s.Error != "" {
			c.SourceErrors++
		}
	}
	return c
}
