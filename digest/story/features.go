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
	bodyTokens  = 400 // body tokens compared (the rest adds little and costs time)
	titleBoost  = 2.0 // a title term counts this many times in the head vector
	blockTerms  = 6   // rarest head terms a document looks up
	indexTerms  = 32  // strongest body terms a document is indexed under
	blockWindow = 8   // neighbours compared on each side within one posting list
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
	dates      []int // days of the year mentioned in the title and lead
	titleLen   int
	textLen    int
}

// lexicon maps a word to its term id, or to "skip", and remembers it. One
// per goroutine.
type lexicon struct {
	st    *topic.Stemmer
	words map[uint64]word // by hash of the raw token
}

type word struct {
	id   uint64
	skip bool
}

func newLexicon() *lexicon {
	return &lexicon{st: topic.NewStemmer(), words: make(map[uint64]word, 4096)}
}

// add calls fn with the term id of every content word of text (see content),
// stopping after limit words (limit < 0: no limit); it returns the number of
// words read.
func (lx *lexicon) add(text string, limit int, fn func(id uint64)) int {
	n := 0
	topic.EachToken(text, func(tok []byte) {
		if limit >= 0 && n >= limit {
			return
		}
		n++
		h := termIDBytes(tok)
		w, ok := lx.words[h]
		if !ok {
			w = lx.learn(h, string(tok))
		}
		if !w.skip {
			fn(w.id)
		}
	})
	return n
}

func (lx *lexicon) learn(h uint64, t string) word {
	w := word{skip: true}
	if s, ok := contentStem(lx.st, t); ok {
		w = word{id: termID(s)}
	}
	if len(lx.words) < 1<<20 {
		lx.words[h] = w
	}
	return w
}

// extract reads title, lead and body terms and the dates in the title and lead.
func extract(d Doc, lx *lexicon) features {
	f := features{published: d.Published}
	var head, body vector
	f.titleLen = lx.add(d.Title, -1, func(id uint64) {
		head = append(head, feature{id, titleBoost})
		body = append(body, feature{id, 1})
	})
	lead, rest := splitLead(d.Text)
	nlead := lx.add(lead, -1, func(id uint64) {
		head = append(head, feature{id, 1})
		body = append(body, feature{id, 1})
	})
	toks := append(topic.Tokens(d.Title), topic.Tokens(lead)...)
	for _, dm := range findDates(toks, d.Published) {
		head = append(head, feature{termID(dm.key()), 1})
		f.dates = append(f.dates, dm.dayOfYear())
	}
	f.textLen = nlead + lx.add(rest, bodyTokens, func(id uint64) { body = append(body, feature{id, 1}) })
	f.head = merged(head)
	f.body = merged(body)
	return f
}

// contentStem stems a token that carries content: no stopword, no one- or
// two-letter token, no bare number other than a year, no month or weekday
// name (dates are features of their own).
func contentStem(st *topic.Stemmer, t string) (string, bool) {
	if len(t) < 3 || topic.IsStopword(t) || isNumber(t) && yearNumber(t) == 0 {
		return "", false
	}
	if _, ok := monthOf(t); ok {
		return "", false
	}
	if _, ok := weekdayOf(t); ok {
		return "", false
	}
	s := st.Stem(t)
	if topic.IsStopword(s) {
		return "", false
	}
	return s, true
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

// merged sorts v by id and sums the weights of equal ids.
func merged(v vector) vector {
	slices.SortFunc(v, func(a, b feature) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	out := v[:0]
	for _, f := range v {
		if n := len(out); n > 0 && out[n-1].id == f.id {
			out[n-1].w += f.w
			continue
		}
		out = append(out, f)
	}
	return slices.Clip(out)
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
// Squaring makes rare terms count far more than common ones. All three are
// sorted by id, so this is one merge pass.
func coverage(a, b, c vector) float64 {
	var tot, got float64
	j, k := 0, 0
	for _, f := range a {
		w := float64(f.w) * float64(f.w)
		tot += w
		for j < len(b) && b[j].id < f.id {
			j++
		}
		for k < len(c) && c[k].id < f.id {
			k++
		}
		if j < len(b) && b[j].id == f.id || k < len(c) && c[k].id == f.id {
			got += w
		}
	}
	if tot == 0 {
		return 0
	}
	return got / tot
}

// termIDBytes is termID of a raw token, seeded apart so that raw tokens and
// stems do not share ids.
func termIDBytes(b []byte) uint64 {
	h := uint64(14695981039346656037) ^ 0x5bd1e995
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// topIDs returns the ids of the k heaviest features with positive weight,
// heaviest first (ties by id).
func topIDs(v vector, k int) []uint64 {
	best := make([]feature, 0, k+1)
	heavier := func(a, b feature) bool { return a.w > b.w || a.w == b.w && a.id < b.id }
	for _, f := range v {
		if f.w <= 0 || len(best) == k && !heavier(f, best[k-1]) {
			continue
		}
		i := len(best)
		best = append(best, f)
		for i > 0 && heavier(f, best[i-1]) {
			best[i] = best[i-1]
			i--
		}
		best[i] = f
		if len(best) > k {
			best = best[:k]
		}
	}
	ids := make([]uint64, len(best))
	for i, f := range best {
		ids[i] = f.id
	}
	return ids
}
