package story

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/digestd/digestd/digest/topic"
)

// Zones of an article and how much of each is read.
const (
	leadWords   = 60  // the lead is the first paragraphs up to this many words
	bodyTokens  = 500 // body tokens compared (the rest adds little and costs time)
	titleBoost  = 2.0 // a title term counts this many times in the head vector
	blockTerms  = 8   // rarest head terms a document looks up
	indexTerms  = 32  // strongest body terms a document is indexed under
	blockWindow = 24  // neighbours compared on each side within one block
)

// feature is one weighted term of a sparse vector.
type feature struct {
	id uint64
	w  float32
}

type vector []feature // sorted by id

// features is what Cluster knows of one document.
type features struct {
	head, body vector   // tf vectors, then tf-idf and unit length
	headTerms  []uint64 // rarest head terms: what the doc looks up
	indexTerms []uint64 // head terms and strongest body terms: what it is found by
	published  time.Time
	titleLen   int
	textLen    int
}

// extract reads title, lead and body terms and the dates in the title and lead.
func extract(d Doc, st *topic.Stemmer) features {
	f := features{published: d.Published}
	head := map[uint64]float32{}
	body := map[uint64]float32{}
	addTerm := func(m map[uint64]float32, s string, w float32) {
		m[termID(s)] += w
	}
	title := topic.Tokens(d.Title)
	f.titleLen = len(title)
	for _, t := range content(st, title) {
		addTerm(head, t, titleBoost)
		addTerm(body, t, 1)
	}
	lead, rest := splitLead(d.Text)
	leadToks := topic.Tokens(lead)
	for _, t := range content(st, leadToks) {
		addTerm(head, t, 1)
		addTerm(body, t, 1)
	}
	for _, dm := range findDates(append(slices.Clone(title), leadToks...), d.Published) {
		addTerm(head, dm.key(), 1)
	}
	restToks := topic.Tokens(rest)
	f.textLen = len(leadToks) + len(restToks)
	if len(restToks) > bodyTokens {
		restToks = restToks[:bodyTokens]
	}
	for _, t := range content(st, restToks) {
		addTerm(body, t, 1)
	}
	f.head = toVector(head)
	f.body = toVector(body)
	return f
}

// content stems the tokens that carry content: no stopwords, no one- or
// two-letter tokens, no bare numbers other than years, no month or weekday
// names (dates are features of their own).
func content(st *topic.Stemmer, toks []string) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if len(t) < 3 || topic.IsStopword(t) || isNumber(t) && yearNumber(t) == 0 {
			continue
		}
		if _, ok := monthOf(t); ok {
			continue
		}
		if _, ok := weekdayOf(t); ok {
			continue
		}
		s := st.Stem(t)
		if topic.IsStopword(s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func isNumber(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// splitLead returns the first paragraphs of text up to leadWords words, and the rest.
func splitLead(text string) (lead, rest string) {
	words := 0
	pos := 0
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		words += len(strings.Fields(text[pos:end]))
		pos = end + 1
		if words >= leadWords/2 {
			break
		}
	}
	pos = min(pos, len(text))
	lead, rest = text[:pos], text[pos:]
	if f := strings.Fields(lead); len(f) > leadWords {
		// One long paragraph: cut at the word limit.
		cut := 0
		for i := 0; i < leadWords; i++ {
			cut = strings.Index(text[cut:], f[i]) + cut + len(f[i])
		}
		lead, rest = text[:cut], text[cut:]
	}
	return lead, rest
}

func toVector(m map[uint64]float32) vector {
	v := make(vector, 0, len(m))
	for id, w := range m {
		v = append(v, feature{id, w})
	}
	slices.SortFunc(v, func(a, b feature) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	return v
}

// weigh turns raw counts into sublinear tf times idf, at unit length.
func (v vector) weigh(idf func(uint64) float32) {
	var norm float64
	for i := range v {
		w := (1 + float32(math.Log(float64(v[i].w)))) * idf(v[i].id)
		if v[i].w < 1 {
			w = v[i].w * idf(v[i].id)
		}
		v[i].w = w
		norm += float64(w) * float64(w)
	}
	if norm == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].w *= inv
	}
}

// dot is the cosine of two unit vectors.
func dot(a, b vector) float64 {
	var s float32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return float64(s)
}

// termID is the 64-bit FNV-1a hash of a term.
func termID(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// coverage is the share of a's squared weight on terms present in b or in c.
// Squaring makes rare terms count far more than common ones.
func coverage(a, b, c vector) float64 {
	var tot, got float64
	for _, f := range a {
		w := float64(f.w) * float64(f.w)
		tot += w
		if has(b, f.id) || has(c, f.id) {
			got += w
		}
	}
	if tot == 0 {
		return 0
	}
	return got / tot
}

func has(v vector, id uint64) bool {
	_, ok := slices.BinarySearchFunc(v, id, func(f feature, id uint64) int {
		switch {
		case f.id < id:
			return -1
		case f.id > id:
			return 1
		}
		return 0
	})
	return ok
}
