package digest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/digestd/digestd/digest/clean"
	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/store"
)

// judge decides every article's status: old, seen, duplicate, irrelevant, capped or included,
// and groups the included ones into stories.
func (p *Pipeline) judge(ctx context.Context, b *Build, arts []*work, now time.Time) error {
	if err := p.age(ctx, b, arts, now); err != nil {
		return err
	}
	for _, w := range arts {
		if w.Status == "" || w.Status == StatusOld {
			w.fp = dedupe.Fingerprints(w.Text, p.dedupe)
		}
	}
	b.seen = seenRecords(arts)
	if err := p.memoryCheck(ctx, b, arts, now); err != nil {
		return err
	}
	// Relevance first: the kept copy of a duplicate cluster is then always an on-topic one.
	p.relevance(arts)
	p.dedupeStage(arts)
	return p.group(ctx, b, arts, now)
}

// age sets first-seen times and marks what is older than the look-back.
func (p *Pipeline) age(ctx context.Context, b *Build, arts []*work, now time.Time) error {
	ids := make([]string, 0, len(arts))
	for _, w := range arts {
		ids = append(ids, w.ID)
	}
	first, err := p.state.FirstSeen(ctx, ids)
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	since := b.opts.Since
	for _, w := range arts {
		w.firstSeen = now
		cutoff := since.Add(-p.lag) // never seen before: it may have reached its feed late
		if t, ok := first[w.ID]; ok {
			w.firstSeen, cutoff = t, since
		}
		if !w.published.IsZero() {
			t := w.published.UTC()
			w.Published = &t
		}
		if !w.ok() {
			continue
		}
		switch {
		case !w.published.IsZero() && w.published.Before(cutoff):
			w.set(StatusOld, fmt.Sprintf("published %s, before the look-back (%s)", fmtTime(w.published), fmtTime(since)))
		case w.published.IsZero() && w.firstSeen.Before(since):
			w.set(StatusOld, fmt.Sprintf("no date; first seen %s, before the look-back (%s)", fmtTime(w.firstSeen), fmtTime(since)))
		}
	}
	return nil
}

func seenRecords(arts []*work) []store.Seen {
	var out []store.Seen
	for _, w := range arts {
		if w.Status == StatusError || w.Status == StatusEmpty {
			continue
		}
		sig, _ := w.fp.MarshalBinary()
		out = append(out, store.Seen{ID: w.ID, URL: w.URL, Hash: w.fp.Hash, Sig: sig, Title: w.Title, Source: w.Source, Published: w.published})
	}
	return out
}

// memoryCheck marks articles that every active subscriber already has — the same URL, the same
// text, or a near-duplicate of a delivered article — as seen, and notes who has which.
func (p *Pipeline) memoryCheck(ctx context.Context, b *Build, arts []*work, now time.Time) error {
	delivered, err := p.state.DeliveredSince(ctx, now.Add(-p.memory))
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	b.deliveredTo = map[string]map[string]bool{}
	if len(delivered) == 0 {
		return nil
	}
	byKey := map[string]int{}
	byURL := map[string]int{}
	ix := dedupe.NewIndex(p.dedupe)
	for i, d := range delivered {
		byKey[d.ID] = i
		byURL[d.URL] = i
		var fp dedupe.Fingerprint
		if err := fp.UnmarshalBinary(d.Sig); err == nil {
			ix.Add(d.ID, fp)
		}
	}
	active := b.opts.Subscribers
	for _, w := range arts {
		if !w.ok() {
			continue
		}
		i, hit := byKey[w.ID]
		how := "the same article"
		if !hit {
			i, hit = byURL[w.URL]
		}
		if !hit {
			if key, sim, ok := ix.Lookup(w.fp); ok {
				i, hit = byKey[key], true
				how = fmt.Sprintf("a copy (similarity %.2f) of %q", sim, delivered[byKey[key]].Title)
			}
		}
		if !hit {
			continue
		}
		d := delivered[i]
		to := map[string]bool{}
		for _, s := range d.Subscribers {
			to[strings.ToLower(s)] = true
		}
		b.deliveredTo[w.ID] = to
		if coversAll(to, active) {
			w.set(StatusSeen, fmt.Sprintf("delivered on %s: %s", fmtDay(d.At), how))
		}
	}
	return nil
}

// coversAll reports whether every active subscriber has it; with no subscribers, having been
// delivered to anyone counts.
func coversAll(to map[string]bool, active []string) bool {
	if len(active) == 0 {
		return len(to) > 0
	}
	for _, s := range active {
		if !to[strings.ToLower(s)] {
			return false
		}
	}
	return true
}

// dedupeStage marks duplicates among the candidates; the most complete copy stays.
func (p *Pipeline) dedupeStage(arts []*work) {
	var cand []*work
	var docs []dedupe.Doc
	for _, w := range arts {
		if w.ok() {
			cand = append(cand, w)
			docs = append(docs, dedupe.Doc{URL: w.URL, Title: w.Title, Text: w.Text, Published: w.published, Preferred: w.src.Preferred})
		}
	}
	for i, m := range dedupe.Find(docs, p.dedupe) {
		if m.Of < 0 {
			continue
		}
		w, of := cand[i], cand[m.Of]
		w.DuplicateOf = of.ID
		switch m.Kind {
		case "url":
			w.set(StatusDuplicate, fmt.Sprintf("same URL as %s (%s)", of.ID, of.Source))
		case "hash":
			w.set(StatusDuplicate, fmt.Sprintf("same text as %s (%s)", of.ID, of.Source))
		default:
			w.set(StatusDuplicate, fmt.Sprintf("near-duplicate (similarity %.2f) of %s (%s)", m.Similarity, of.ID, of.Source))
		}
	}
}

// relevance scores every readable article and drops the kept ones below the threshold; the
// unrelated paragraphs of relevant ones leave their text.
func (p *Pipeline) relevance(arts []*work) {
	for _, w := range arts {
		if w.Status == StatusError || w.Status == StatusEmpty {
			continue
		}
		w.score = p.topic.Score(w.Title, w.Text)
		w.Relevance = round3(w.score.Score)
		w.Matched = w.score.Matched
		if !w.ok() {
			continue
		}
		if !w.score.Relevant {
			w.set(StatusIrrelevant, w.score.Reason)
			continue
		}
		keep := p.topic.OnTopic(w.Title, w.paras)
		var paras []string
		for i, k := range keep {
			if k {
				paras = append(paras, w.paras[i])
			}
		}
		if len(paras) > 0 && len(paras) < len(w.paras) {
			p.log.Debug("off-topic paragraphs dropped", "article", w.ID, "dropped", len(w.paras)-len(paras))
			w.paras = paras
			w.Text = clean.Text(paras)
		}
	}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
