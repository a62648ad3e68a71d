package story

import (
	"cmp"
	"slices"
	"time"
)

// linkSample is how many members of each cluster are compared when deciding
// whether two clusters merge (average link over the sample).
const linkSample = 6

func (c *clusterer) root(i int) int {
	for int(c.parent[i]) != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = int(c.parent[i])
	}
	return i
}

// span returns the earliest and latest known publication in a cluster.
func (c *clusterer) span(members []int32) (lo, hi time.Time) {
	for _, m := range members {
		t := c.fs[m].published
		if t.IsZero() {
			continue
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if hi.IsZero() || t.After(hi) {
			hi = t
		}
	}
	return lo, hi
}

// tryMerge joins the clusters of i and j when their known publication times
// fit in one window and their average similarity (over a sample of members)
// reaches the threshold.
func (c *clusterer) tryMerge(i, j int) {
	ri, rj := c.root(i), c.root(j)
	if ri == rj {
		return
	}
	a, b := c.members[ri], c.members[rj]
	loA, hiA := c.span(a)
	loB, hiB := c.span(b)
	if !loA.IsZero() && !loB.IsZero() {
		lo, hi := loA, hiA
		if loB.Before(lo) {
			lo = loB
		}
		if hiB.After(hi) {
			hi = hiB
		}
		if hi.Sub(lo) > c.opt.Window {
			return
		}
	}
	if len(a) > 1 || len(b) > 1 {
		sum, n := 0.0, 0
		for _, x := range a[:min(linkSample, len(a))] {
			for _, y := range b[:min(linkSample, len(b))] {
				sum += c.similarity(int(x), int(y))
				n++
			}
		}
		if sum/float64(n) < c.opt.Threshold {
			return
		}
	}
	if len(a) < len(b) {
		ri, rj = rj, ri
	}
	c.parent[rj] = int32(ri)
	c.members[ri] = append(c.members[ri], c.members[rj]...)
	c.members[rj] = nil
}

// groups lists the clusters, members best first: the most central (most
// similar to the rest of the story), then the longest text.
func (c *clusterer) groups() []Group {
	var out []Group
	for i := range c.fs {
		if c.root(i) != i {
			continue
		}
		ms := c.members[i]
		central := make(map[int32]float64, len(ms))
		for _, x := range ms {
			if len(ms) == 1 {
				break
			}
			sum, n := 0.0, 0
			for _, y := range ms[:min(len(ms), 20)] {
				if x != y {
					sum += dot(c.fs[x].head, c.fs[y].head)
					n++
				}
			}
			central[x] = sum / float64(max(n, 1))
		}
		g := Group{Members: make([]int, len(ms))}
		for k, m := range ms {
			g.Members[k] = int(m)
		}
		score := func(m int) float64 {
			return central[int32(m)] + 0.1*min(float64(c.fs[m].textLen)/400, 1)
		}
		slices.SortStableFunc(g.Members, func(x, y int) int {
			return cmp.Or(cmp.Compare(score(y), score(x)), cmp.Compare(x, y))
		})
		g.Headline = g.Members[0]
		best := -1.0
		for _, m := range g.Members {
			s := central[int32(m)] + titleQuality(c.fs[m].titleLen)
			if s > best {
				best, g.Headline = s, m
			}
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b Group) int { return cmp.Compare(slices.Min(a.Members), slices.Min(b.Members)) })
	return out
}

// titleQuality favours titles of a readable headline length.
func titleQuality(words int) float64 {
	switch {
	case words == 0:
		return -1
	case words < 4:
		return 0
	case words <= 16:
		return 0.15
	default:
		return 0.05
	}
}
