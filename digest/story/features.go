package story

import (
	"math"
	"math/bits"
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
	nameBoost   = 1.5 // a head term written as a name in the text weighs this much more
	blockTerms  = 5   // heaviest head terms a document looks up
	indexTerms  = 32  // strongest body terms a document is indexed under
	blockWindow = 6   // neighbours compared on each side within one posting list
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
	headTerms  []uint64 // heaviest head terms (rare, in the title, names): what the doc looks up
	indexTerms []uint64 // head terms and strongest body terms: what it is found by
	published  time.Time
	dates      []int    // days of the year mentioned in the title and lead
	dateIDs    []uint64 // their feature ids in head
	weekdays   uint8    // weekdays named in the title and lead of an undated doc (bit per day)
	titleLen   int
	textLen    int
}

// lexicon maps a token to its term id, or to "skip", through a
// direct-mapped cache keyed by the token's hash (a collision only costs a
// second stemming). One per goroutine.
type lexicon struct {
	st    *topic.Stemmer // behind the cache: collisions evict, stems stay
	cache []word
	shift uint // 64 - log2(len(cache)): a hash's top bits pick its slot
	dated bool // a token of the last add calls was dated
	// Scratch space reused from one document to the next.
	head  vector
	body  []uint64
	names []uint64
}

type word struct {
	hash  uint64 // hash of the raw token; 0 for an empty slot
	id    uint64
	skip  bool
	dated bool // a month, weekday or relative day word: the text may name a date
}

// newLexicon sizes the cache for a batch of n documents: from 2^10 to 2^18 slots.
func newLexicon(n int) *lexicon {
	b := min(max(bits.Len(uint(n))+6, 10), 18)
	return &lexicon{st: topic.NewStemmer(), cache: make([]word, 1<<b), shift: uint(64 - b)}
}

// add calls fn with the term id of every content word of text (see
// contentStem), stopping after limit words (limit < 0: no limit); it returns
// the number of words read.
func (lx *lexicon) add(text string, limit int, fn func(id uint64, name bool)) int {
	n := 0
	topic.EachToken(text, func(tok []byte, name bool) {
		if limit >= 0 && n >= limit {
			return
		}
		n++
		h := termIDBytes(tok) | 1
		slot := &lx.cache[h>>lx.shift]
		if slot.hash != h {
			t := string(tok)
			*slot = word{hash: h, skip: true, dated: isDateWord(t)}
			if s, ok := contentStem(lx.st.Stem, t); ok {
				slot.id, slot.skip = termID(s), false
			}
		}
		lx.dated = lx.dated || slot.dated
		if !slot.skip {
			fn(slot.id, name)
		}
	})
	return n
}

// extract reads title, lead and body terms and the dates in the title and lead.
func extract(d Doc, lx *lexicon) features {
	f := features{published: d.Published}
	head, body, names := lx.head[:0], lx.body[:0], lx.names[:0]
	defer func() { lx.head, lx.body, lx.names = head[:0], body[:0], names[:0] }()
	lx.dated = false
	f.titleLen = lx.add(d.Title, -1, func(id uint64, _ bool) {
		// Headlines are often in title case: capitals there say nothing.
		head = append(head, feature{id, titleBoost})
		body = append(body, id)
	})
	lead, rest := splitLead(d.Text)
	nlead := lx.add(lead, -1, func(id uint64, name bool) {
		head = append(head, feature{id, 1})
		body = append(body, id)
		if name {
			names = append(names, id)
		}
	})
	if lx.dated {
		toks := append(topic.Tokens(d.Title), topic.Tokens(lead)...)
		for _, dm := range findDates(toks, d.Published) {
			head = append(head, feature{termID(dm.key()), 1})
			f.dates = append(f.dates, dm.dayOfYear())
			f.dateIDs = append(f.dateIDs, termID(dm.key()))
		}
		if d.Published.IsZero() {
			f.weekdays = weekdayMask(toks)
		}
	}
	f.textLen = nlead + lx.add(rest, bodyTokens, func(id uint64, name bool) {
		body = append(body, id)
		if name {
			names = append(names, id)
		}
	})
	f.head = merged(head)
	f.body = counted(body)
	// Names (capitalised inside sentences) are what tells one event from
	// another on the same topic: they weigh more in the head.
	slices.Sort(names)
	for i, t := range f.head {
		if _, ok := slices.BinarySearch(names, t.id); ok {
			f.head[i].w *= nameBoost
		}
	}
	return f
}

// contentStem stems a token that carries content: no stopword, no one- or
// two-letter token, no bare number other than a year, no month or weekday
// name (dates are features of their own).
func contentStem(stem func(string) string, t string) (string, bool) {
	if len(t) < 3 || topic.IsStopword(t) || isNumber(t) && yearNumber(t) == 0 {
		return "", false
	}
	if _, ok := monthOf(t); ok {
		return "", false
	}
	if _, ok := weekdayOf(t); ok {
		return "", false
	}
	s := stem(t)
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

// splitLead returns the first paragraphs of text up to about leadWords words
// (at least half of that unless the text is shorter), and the rest.
func splitLead(text string) (lead, rest string) {
	words, pos := 0, 0
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		n, cut := countWords(text[pos:end], leadWords-words)
		if cut >= 0 {
			// One long paragraph: cut at the word limit.
			return text[:pos+cut], text[pos+cut:]
		}
		words += n
		pos = end + 1
		if words >= leadWords/2 {
			break
		}
	}
	pos = min(pos, len(text))
	return text[:pos], text[pos:]
}

// countWords counts the space-separated words of s; when s has more than
// limit words it returns the byte offset where word limit+1 starts as cut
// (else cut is -1).
func countWords(s string, limit int) (n, cut int) {
	in := false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'
		if !space && !in {
			if n == limit {
				return n, i
			}
			n++
		}
		in = !space
	}
	return n, -1
}

// counted sorts ids (in place) and returns a new vector of their counts.
func counted(ids []uint64) vector {
	slices.Sort(ids)
	n := 0
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			n++
		}
	}
	v := make(vector, 0, n)
	for _, id := range ids {
		if n := len(v); n > 0 && v[n-1].id == id {
			v[n-1].w++
			continue
		}
		v = append(v, feature{id, 1})
	}
	return v
}

// merged sorts v by id (in place) and returns a new vector with the weights
// of equal ids summed.
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
	out := make(vector, 0, len(v))
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
		tf := v[i].w
		switch {
		case tf > 1:
			tf = 1 + float32(math.Log(float64(tf)))
		case tf == 1:
		default:
			// Fractions stay linear.
		}
		w := tf * idf(v[i].id)
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

// coverage is the share of a's squared weight on terms present in b or in c,
// leaving out the terms in skip. Squaring makes rare terms count far more
// than common ones. a, b and c are sorted by id, so this is one merge pass.
func coverage(a, b, c vector, skip []uint64) float64 {
	var tot, got float64
	j, k := 0, 0
	for _, f := range a {
		if slices.Contains(skip, f.id) {
			continue
		}
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
