package topic

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// leadTokens is how many leading body tokens count as the lead.
const leadTokens = 60

// halfScore is the raw weighted evidence that scores 0.5: the score is
// raw/(raw+halfScore), so strong articles keep some spread below 1.
const halfScore = 8.0

// Result is what Score found.
type Result struct {
	Score    float64  // 0..1
	Relevant bool     // Score >= threshold, every must group met, nothing excluded
	Matched  []string // profile terms that matched, strongest first
	Missing  []string // must groups without a match, described ("one of: talks, ceasefire, ...")
	Excluded []string // exclude terms that matched
	Reason   string   // in words: what matched and what was missing
}

// zone is the stems of one part of an article with a stem -> positions index.
type zone struct {
	stems []string
	at    map[string][]int
}

func newZone(stems []string) zone {
	z := zone{stems: stems, at: make(map[string][]int, len(stems))}
	for i, s := range stems {
		z.at[s] = append(z.at[s], i)
	}
	return z
}

// find returns the start positions where t's stems occur in z.
func (z zone) find(t term) []int {
	var out []int
	for _, p := range z.at[t.stems[0]] {
		if p+len(t.stems) > len(z.stems) {
			continue
		}
		ok := true
		for k := 1; k < len(t.stems); k++ {
			if z.stems[p+k] != t.stems[k] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, p)
		}
	}
	return out
}

type hit struct {
	name    string
	score   float64
	inTitle bool
}

// Score rates title and text against the profile. It never fails: empty input
// scores 0 with a reason.
func (m *Matcher) Score(title, text string) Result {
	st := NewStemmer()
	return m.score(newZone(st.Stems(title)), newZone(st.Stems(text)))
}

func (m *Matcher) score(title, body zone) Result {
	var r Result
	if len(title.stems)+len(body.stems) == 0 {
		r.Reason = "no text to score"
		r.Missing = m.describeMissing(nil)
		return r
	}
	for _, t := range m.exclude {
		if len(title.find(t))+len(body.find(t)) > 0 {
			r.Excluded = append(r.Excluded, t.name)
		}
	}
	// Longest terms first; a shorter term does not count where a longer one
	// already matched ("peace talks" hides its "talks").
	order := slices.Clone(m.terms)
	slices.SortStableFunc(order, func(a, b term) int { return cmp.Compare(len(b.stems), len(a.stems)) })
	coveredT := make([]bool, len(title.stems))
	coveredB := make([]bool, len(body.stems))
	var hits []hit
	raw := 0.0
	for _, t := range order {
		tp := uncovered(title.find(t), len(t.stems), coveredT)
		bp := uncovered(body.find(t), len(t.stems), coveredB)
		if len(tp)+len(bp) == 0 {
			continue
		}
		ev := 0.0
		if len(tp) > 0 {
			ev += m.titleWeight
		}
		decay := 1.0
		for _, p := range bp {
			f := 1.0
			if p < leadTokens {
				f = 1.5
			}
			ev += f * decay
			decay /= 2
		}
		s := t.weight * ev
		raw += s
		hits = append(hits, hit{name: t.name, score: s, inTitle: len(tp) > 0})
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	for _, h := range hits {
		r.Matched = append(r.Matched, h.name)
	}
	r.Missing = m.describeMissing(func(g []term) bool { return groupMet(g, title, body) })
	score := raw / (raw + halfScore)
	score *= math.Pow(0.5, float64(len(r.Missing)))
	if len(r.Excluded) > 0 {
		score = 0
	}
	r.Score = math.Round(score*1000) / 1000
	r.Relevant = len(r.Excluded) == 0 && len(r.Missing) == 0 && r.Score >= m.p.Threshold
	r.Reason = m.reason(r, hits)
	return r
}

// uncovered keeps the positions whose span is not yet covered and marks them.
func uncovered(pos []int, n int, covered []bool) []int {
	out := pos[:0:0]
	for _, p := range pos {
		free := true
		for k := p; k < p+n; k++ {
			if covered[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := p; k < p+n; k++ {
			covered[k] = true
		}
		out = append(out, p)
	}
	return out
}

// groupMet says whether a must group is met: one of its terms in the title or
// the lead, or its terms twice anywhere in the body.
func groupMet(g []term, title, body zone) bool {
	n := 0
	for _, t := range g {
		if len(title.find(t)) > 0 {
			return true
		}
		for _, p := range body.find(t) {
			if p < leadTokens {
				return true
			}
			n++
		}
	}
	return n >= 2
}

// describeMissing lists the must groups for which met is false (all when met is nil).
func (m *Matcher) describeMissing(met func([]term) bool) []string {
	var out []string
	for _, g := range m.must {
		if met != nil && met(g) {
			continue
		}
		names := make([]string, 0, 6)
		for i, t := range g {
			if i == 6 {
				names = append(names, "...")
				break
			}
			names = append(names, t.name)
		}
		out = append(out, "one of: "+strings.Join(names, ", "))
	}
	return out
}

func (m *Matcher) reason(r Result, hits []hit) string {
	var b strings.Builder
	if r.Relevant {
		fmt.Fprintf(&b, "relevant (%.2f)", r.Score)
	} else {
		fmt.Fprintf(&b, "irrelevant (%.2f", r.Score)
		if r.Score < m.p.Threshold {
			fmt.Fprintf(&b, " < %.2f", m.p.Threshold)
		}
		b.WriteString(")")
	}
	if len(hits) == 0 {
		b.WriteString(": no profile term matched")
	} else {
		b.WriteString(": matched ")
		for i, h := range hits {
			if i == 8 {
				fmt.Fprintf(&b, " and %d more", len(hits)-8)
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(h.name)
			if h.inTitle {
				b.WriteString(" (title)")
			}
		}
	}
	for _, miss := range r.Missing {
		b.WriteString("; missing " + miss)
	}
	if len(r.Excluded) > 0 {
		b.WriteString("; excluded by " + strings.Join(r.Excluded, ", "))
	}
	return b.String()
}
