package digest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/digestd/digestd/digest/story"
)

// storyWork is one story under construction.
type storyWork struct {
	Story
	sig      story.Signature
	readers  map[string]bool // for an update: who got the story before
	members  []*work         // included articles, best first
	dups     []*work         // their duplicates
	outlets  int
	score    float64
	earliest time.Time
}

// group joins the relevant articles into stories, recognises updates of stories reported
// before, ranks them, applies the per-source and max-stories caps, and marks what is left
// included.
func (p *Pipeline) group(ctx context.Context, b *Build, arts []*work, now time.Time) error {
	var cand []*work
	var docs []story.Doc
	for _, w := range arts {
		if w.ok() {
			cand = append(cand, w)
			docs = append(docs, story.Doc{Title: w.Title, Text: w.Text, Source: w.Source, Published: w.published})
		}
	}
	byID := map[string]*work{}
	for _, w := range arts {
		byID[w.ID] = w
	}
	groups := story.Cluster(docs, p.stories)
	sigs := story.Sign(docs, groups, p.stories)
	prev, err := p.previousStories(ctx, now)
	if err != nil {
		return err
	}
	prevSigs := make([]story.Signature, len(prev))
	for i, x := range prev {
		prevSigs[i] = x.sig
	}
	cont := story.Continues(prevSigs, sigs, p.stories)
	var stories []*storyWork
	continued := map[int]bool{}
	for gi, g := range groups {
		s := &storyWork{sig: sigs[gi]}
		for _, m := range g.Members {
			s.members = append(s.members, cand[m])
		}
		head := cand[g.Headline]
		s.ID = "s-" + head.ID
		s.Headline = head.Title
		if c := cont[gi]; c >= 0 {
			// The event was reported before: these are its new articles. Should two groups
			// continue one story, the first keeps its id and the other its own, so ids stay unique.
			s.Update, s.readers = true, prev[c].readers
			if !continued[c] {
				s.ID, continued[c] = prev[c].id, true
			}
		}
		stories = append(stories, s)
	}
	// Duplicates follow their kept copy into its story.
	storyOf := map[string]*storyWork{}
	for _, s := range stories {
		for _, m := range s.members {
			storyOf[m.ID] = s
		}
	}
	for _, w := range arts {
		if w.Status == StatusDuplicate {
			w.root = rootOf(w, byID)
			if s := storyOf[w.root.ID]; s != nil {
				s.dups = append(s.dups, w)
			}
		}
	}
	for _, s := range stories {
		s.rate()
	}
	slices.SortStableFunc(stories, func(a, b *storyWork) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return b.earliest.Compare(a.earliest)
	})
	stories = p.capSources(stories)
	for i, s := range stories {
		if i >= p.maxStories {
			for _, m := range append(s.members, s.dups...) {
				m.set(StatusCapped, fmt.Sprintf("story ranked %d of %d; max_stories is %d", i+1, len(stories), p.maxStories))
			}
			continue
		}
		for _, m := range s.members {
			m.set(StatusIncluded, includedReason(m, s))
			m.Story = s.ID
			m.rank = i
		}
		for _, d := range s.dups {
			d.Story = s.ID
			d.rank = i
		}
		b.Digest.Stories = append(b.Digest.Stories, s.finish())
		b.stories = append(b.stories, s)
	}
	return nil
}

type previous struct {
	id      string
	sig     story.Signature
	readers map[string]bool
}

// previousStories are the stories reported within the story memory, with their signatures.
func (p *Pipeline) previousStories(ctx context.Context, now time.Time) ([]previous, error) {
	memory := p.stories.Memory
	if memory <= 0 {
		memory = story.DefaultOptions().Memory
	}
	rows, err := p.state.StoriesSince(ctx, now.Add(-memory))
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	out := make([]previous, 0, len(rows))
	for _, r := range rows {
		var sig story.Signature
		if err := sig.UnmarshalBinary(r.Signature); err != nil {
			p.warn("unreadable story signature; ignored", "story", r.ID, "err", err)
			continue
		}
		readers := make(map[string]bool, len(r.Readers))
		for _, x := range r.Readers {
			readers[x] = true
		}
		out = append(out, previous{id: r.ID, sig: sig, readers: readers})
	}
	return out, nil
}

func rootOf(w *work, byID map[string]*work) *work {
	for range 8 { // duplicate chains are short; the bound guards against a cycle
		next, ok := byID[w.DuplicateOf]
		if !ok || w.DuplicateOf == "" {
			break
		}
		w = next
	}
	return w
}

func includedReason(w *work, s *storyWork) string {
	r := fmt.Sprintf("relevance %.2f", w.score.Score)
	if len(w.score.Matched) > 0 {
		r += " (" + joinMax(w.score.Matched, 5) + ")"
	}
	if n := len(s.members) + len(s.dups); n > 1 {
		r += fmt.Sprintf("; one of %d articles in story %q", n, s.Headline)
	}
	return r
}

// rate scores a story: more outlets first, then relevance, then freshness.
func (s *storyWork) rate() {
	outlets := map[string]bool{}
	best := 0.0
	for _, m := range append(slices.Clone(s.members), s.dups...) {
		outlets[m.Source] = true
		best = max(best, m.score.Score)
		t := m.published
		if t.IsZero() {
			t = m.firstSeen
		}
		if s.earliest.IsZero() || t.Before(s.earliest) {
			s.earliest = t
		}
	}
	s.outlets = len(outlets)
	s.score = float64(s.outlets) + best
}

// capSources drops, in rank order, the articles of a source past max_per_source; a story left
// without articles goes.
func (p *Pipeline) capSources(stories []*storyWork) []*storyWork {
	if p.maxPerSource <= 0 {
		return stories
	}
	per := map[string]int{}
	var out []*storyWork
	for _, s := range stories {
		var kept []*work
		for _, m := range s.members {
			if per[m.Source] >= p.maxPerSource {
				m.set(StatusCapped, fmt.Sprintf("source %q already has %d articles in this digest (max_per_source)", m.Source, p.maxPerSource))
				continue
			}
			per[m.Source]++
			kept = append(kept, m)
		}
		s.members = kept
		var dups []*work
		for _, d := range s.dups {
			if d.root.Status == StatusCapped {
				d.set(StatusCapped, "the copy it duplicates was cut by max_per_source")
				continue
			}
			dups = append(dups, d)
		}
		s.dups = dups
		if len(kept) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// finish fills the exported story: its articles and one link per article, best first.
func (s *storyWork) finish() Story {
	st := s.Story
	t := s.earliest
	st.Published = &t
	for _, m := range append(slices.Clone(s.members), s.dups...) {
		st.Articles = append(st.Articles, m.ID)
		st.Links = append(st.Links, Link{Outlet: outletName(m), Title: m.Title, URL: m.URL, Published: m.Published})
	}
	return st
}

func outletName(w *work) string {
	name := firstNonEmpty(w.Outlet, w.Source)
	if w.src.Label != "" {
		name += " (" + w.src.Label + ")"
	}
	return name
}

func joinMax(ss []string, n int) string {
	if len(ss) > n {
		ss = ss[:n]
	}
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
