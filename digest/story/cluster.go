// Package story groups articles that report the same event into stories.
// Articles on the same topic are not enough: the same people and places
// recur across events, so what counts is what is specific to each article in
// its batch (terms weighted by rarity, IDF-like), its headline and lead more
// than its body, the dates it mentions (resolved against its publication
// date; weekdays named in the leads of undated articles), and when it was
// published (articles further apart than the window are never one story).
// Candidates come from blocks of shared rare terms, so the cost grows about
// linearly with the number of articles.
//
// Rarity in a small batch says little (every term of two articles is about as
// rare), so a prior stands in for a larger corpus: words of news reporting in
// general and the topic's own terms (Options.Common) weigh less, and this
// prior fades as the batch grows and its own rarity takes over.
//
// Two articles are one event when each one's headline and lead, weighted by
// rarity, are mostly supported by the other's text (the geometric mean of
// both directions reaches Options.Threshold); clusters merge by average link
// over a sample of members, never beyond the window.
//
// Sign and Continues give stories a memory across digests: a Signature is a
// small, storable summary of a reported story, and Continues tells which
// earlier story a new one continues. The caller stores signatures.
//
// It does not detect duplicates (see dedupe) or judge relevance (see topic).
package story

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Doc is one article as story grouping sees it.
type Doc struct {
	Title     string
	Text      string    // clean body; the lead is its first paragraph(s)
	Source    string    // outlet
	Published time.Time // zero when unknown
}

// Options tune grouping.
type Options struct {
	// Window is the longest time between two articles of one story (default 48h).
	Window time.Duration
	// Threshold is the similarity (0..1) at which two articles report one
	// event (default 0.3).
	Threshold float64
	// Update is the signature similarity (0..1) at which a story continues
	// one reported earlier (default 0.45); used by Continues.
	Update float64
	// Memory is how long after its last article a reported story can still
	// get updates (default 7 days); used by Continues.
	Memory time.Duration
	// Common lists words and phrases that most articles of the digest's
	// topic use (the relevance profile's terms, see ProfileTerms): they say
	// that an article is on topic, not which event it reports, so in a small
	// batch, where rarity tells little, they weigh about half of what their
	// rarity gives (see priorDocs): this keeps two events of one topic apart.
	// Nil: no term is common.
	Common []string
}

// DefaultOptions returns a 48-hour window, a 0.3 threshold, a 0.45 update
// threshold and a week of memory.
func DefaultOptions() Options {
	return Options{Window: 48 * time.Hour, Threshold: 0.3, Update: 0.45, Memory: 7 * 24 * time.Hour}
}

func (o Options) normalized() Options {
	d := DefaultOptions()
	if o.Window <= 0 {
		o.Window = d.Window
	}
	if !(o.Threshold > 0 && o.Threshold <= 1) {
		o.Threshold = d.Threshold
	}
	if !(o.Update > 0 && o.Update <= 1) {
		o.Update = d.Update
	}
	if o.Memory <= 0 {
		o.Memory = d.Memory
	}
	return o
}

// Group is one story.
type Group struct {
	Members  []int // indexes into docs, best first
	Headline int   // index of the doc whose title is the best headline
}

// Cluster groups docs into stories. Every doc is in exactly one group;
// groups are ordered by their first member's position in docs.
func Cluster(docs []Doc, opt Options) []Group {
	opt = opt.normalized()
	if len(docs) == 0 {
		return nil
	}
	fs := extractAll(docs)
	weigh(fs, commonIDs(opt.Common))
	c := &clusterer{fs: fs, opt: opt, parent: make([]int32, len(fs)), members: make([][]int32, len(fs))}
	for i := range fs {
		c.parent[i] = int32(i)
		c.members[i] = []int32{int32(i)}
	}
	pairs := c.candidates()
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.sim != b.sim {
			return cmp.Compare(b.sim, a.sim)
		}
		return cmp.Or(cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	for _, p := range pairs {
		c.tryMerge(int(p.i), int(p.j))
	}
	return c.groups()
}

// extractAll computes features on every available core.
func extractAll(docs []Doc) []features {
	fs := make([]features, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs)/32, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lx := newLexicon(len(docs))
			for i := w; i < len(docs); i += workers {
				fs[i] = extract(docs[i], lx)
			}
		})
	}
	wg.Wait()
	return fs
}

// weigh applies idf = ln((N+1)/df) over the batch (terms of one doc weigh as
// terms of two), times the prior weight of generic and common terms (faded by
// the batch size, see priorDocs), and picks each doc's lookup and index terms.
func weigh(fs []features, common map[uint64]float32) {
	// Document frequencies, counted in shards by id so that every core helps.
	shards := make([]map[uint64]int32, runtime.GOMAXPROCS(0))
	parallel(len(shards), func(w int) {
		df := make(map[uint64]int32, len(fs)*2/len(shards))
		for _, f := range fs {
			for _, t := range f.body {
				if int(t.id%uint64(len(shards))) == w {
					df[t.id]++
				}
			}
			for _, t := range f.head {
				if int(t.id%uint64(len(shards))) == w && isDateOnly(f.body, t.id) {
					df[t.id]++
				}
			}
		}
		shards[w] = df
	})
	n := float64(len(fs) + 1)
	// A term of one doc only says nothing about which doc is a match: it
	// weighs as much as a term of two docs rather than the most, so that it
	// does not swamp shared evidence.
	byCount := make([]float32, len(fs)+1)
	for c := range byCount {
		byCount[c] = float32(math.Log(n / float64(max(c, 2))))
	}
	fade := float32(len(fs)) / float32(len(fs)+priorDocs)
	idf := func(id uint64) float32 {
		w := byCount[shards[id%uint64(len(shards))][id]]
		if c, ok := common[id]; ok {
			w *= c + (1-c)*fade
		}
		return w
	}
	parallel(len(fs), func(i int) {
		f := &fs[i]
		f.head.weigh(idf)
		f.body.weigh(idf)
		f.headTerms = topIDs(f.head, blockTerms)
		f.indexTerms = slices.Clone(f.headTerms)
		for _, id := range topIDs(f.body, indexTerms) {
			if !slices.Contains(f.headTerms, id) {
				f.indexTerms = append(f.indexTerms, id)
			}
		}
	})
}

// parallel calls fn(i) for i in 0..n-1 on every available core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// isDateOnly reports whether id is absent from the body vector (a date token).
func isDateOnly(body vector, id uint64) bool {
	_, found := slices.BinarySearchFunc(body, id, func(f feature, id uint64) int { return cmp.Compare(f.id, id) })
	return !found
}

// Date disagreement: leads whose dates are all more than dateSlack days apart
// have their similarity multiplied by datePenalty.
// Undated leads that name weekdays, none of them within weekdaySlack days
// of the other's, are treated alike: "on Wednesday" and "on Friday" are two
// days, while a report of the next day ("welcomed on Thursday" the deal of
// Wednesday) stays within reach.
const (
	dateSlack    = 3
	weekdaySlack = 1
	datePenalty  = 0.3
)

type pair struct {
	i, j int32
	sim  float64
}

type clusterer struct {
	fs      []features
	opt     Options
	parent  []int32
	members [][]int32
}

// similarity of two docs: how much of each one's headline and lead (weighted
// by rarity in the batch) the other's text supports, the geometric mean of
// the two directions; zero when their publication times are further apart than the window, and
// reduced when both leads name dates and none of them is within a few days of
// the other's (another event, or the same topic on another day).
func (c *clusterer) similarity(i, j int) float64 {
	a, b := &c.fs[i], &c.fs[j]
	if !a.published.IsZero() && !b.published.IsZero() && absDur(a.published.Sub(b.published)) > c.opt.Window {
		return 0
	}
	s := math.Sqrt(coverage(a.head, b.body, b.head, unmatchable(a, b)) * coverage(b.head, a.body, a.head, unmatchable(b, a)))
	if dateGap(a.dates, b.dates) > dateSlack || weekdayGap(a.weekdays, b.weekdays) > weekdaySlack {
		s *= datePenalty
	}
	return s
}

// unmatchable returns the date features of a when b names no date: b can
// neither support nor contradict them (dateGap and weekdayGap judge dates),
// so they are left out of a's coverage by b.
func unmatchable(a, b *features) []uint64 {
	if len(b.dates) == 0 {
		return a.dateIDs
	}
	return nil
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// candidates finds pairs worth comparing without comparing all pairs: each
// doc is indexed under its heaviest head terms and its strongest body terms;
// each doc then looks up its heaviest head terms and compares itself with the
// docs nearest to it in publication time within each posting list. Every doc
// is compared with at most blockTerms*2*blockWindow others.
func (c *clusterer) candidates() []pair {
	postings := make(map[uint64][]int32)
	for i, f := range c.fs {
		for _, t := range f.indexTerms {
			postings[t] = append(postings[t], int32(i))
		}
	}
	// Posting lists run in publication order, undated docs last.
	ts := make([]int64, len(c.fs))
	for i, f := range c.fs {
		ts[i] = math.MaxInt64
		if !f.published.IsZero() {
			ts[i] = f.published.Unix()
		}
	}
	less := func(a, b int32) int { return cmp.Or(cmp.Compare(ts[a], ts[b]), cmp.Compare(a, b)) }
	keys := make([]uint64, 0, len(postings))
	for k := range postings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parallel(runtime.GOMAXPROCS(0), func(w int) {
		for k := w; k < len(keys); k += runtime.GOMAXPROCS(0) {
			slices.SortFunc(postings[keys[k]], less)
		}
	})
	workers := min(runtime.GOMAXPROCS(0), max(len(c.fs)/256, 1))
	found := make([][]pair, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			stamp := make([]int32, len(c.fs))
			for i := range stamp {
				stamp[i] = -1
			}
			for i := w; i < len(c.fs); i += workers {
				for _, t := range c.fs[i].headTerms {
					b := postings[t]
					if len(b) < 2 {
						continue
					}
					pos, _ := slices.BinarySearchFunc(b, int32(i), less)
					lo, hi := max(pos-blockWindow, 0), min(pos+blockWindow, len(b)-1)
					for _, j := range b[lo : hi+1] {
						if int(j) == i || stamp[j] == int32(i) {
							continue
						}
						// j looks i up through t as well when t is one of
						// its own lookup terms: leave the pair to the lower.
						if int(j) < i && slices.Contains(c.fs[j].headTerms, t) {
							continue
						}
						stamp[j] = int32(i)
						if s := c.similarity(i, int(j)); s >= c.opt.Threshold {
							found[w] = append(found[w], pair{min(int32(i), j), max(int32(i), j), s})
						}
					}
				}
			}
		})
	}
	wg.Wait()
	pairs := slices.Concat(found...)
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Or(cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j)) })
	return slices.CompactFunc(pairs, func(a, b pair) bool { return a.i == b.i && a.j == b.j })
}
