package dedupe

import (
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Doc is one article as dedupe sees it.
type Doc struct {
	URL       string    // canonical URL ("" when unknown)
	Title     string    // not compared: equal titles do not make duplicates
	Text      string    // clean body text
	Published time.Time // zero when unknown
	Preferred bool      // from a preferred source
}

// Match says what Find made of one document.
type Match struct {
	Of         int     // index of the kept copy; -1 when this document is kept
	Kind       string  // "url", "hash" or "near" for a duplicate; "" when kept
	Similarity float64 // estimated Jaccard similarity to the kept copy (1 for url and hash)
}

// MinWords is the fewest words a text needs to match another by hash or as a
// near-duplicate: two failed extractions that both read "Access denied" are
// not one article. Shorter texts still match by URL.
const MinWords = 8

// Link kinds, strongest first.
const (
	KindURL  = "url"
	KindHash = "hash"
	KindNear = "near"
)

// Find groups duplicates among docs and returns one Match per doc. Documents
// with the same canonical URL, the same normalised text or an estimated
// Jaccard similarity of at least opt.Threshold join one cluster (transitively).
// The kept copy of each cluster is the most complete one: the most words,
// then a preferred source, then the earliest known publication, then the
// first in docs. Empty text, and text of fewer than MinWords words, matches
// nothing but its own URL.
func Find(docs []Doc, opt Options) []Match {
	opt = opt.normalized()
	fps, words := fingerprintAll(docs, opt)
	uf := newUnionFind(len(docs))
	kind := make([]int8, len(docs)) // strongest link each doc took part in: 3 url, 2 hash, 1 near

	link := func(i, j int, k int8) {
		uf.union(i, j)
		kind[i] = max(kind[i], k)
		kind[j] = max(kind[j], k)
	}
	byURL := make(map[string]int, len(docs))
	byHash := make(map[int64]int, len(docs))
	for i, d := range docs {
		if d.URL != "" {
			if j, ok := byURL[d.URL]; ok {
				link(j, i, 3)
			} else {
				byURL[d.URL] = i
			}
		}
		if h := fps[i].Hash; h != 0 && words[i] >= MinWords {
			if j, ok := byHash[h]; ok {
				link(j, i, 2)
			} else {
				byHash[h] = i
			}
		}
	}
	candidatePairs(fps, opt, func(i, j int) {
		if words[i] < MinWords || words[j] < MinWords || uf.find(i) == uf.find(j) {
			return
		}
		if Similarity(fps[i].Sig, fps[j].Sig) >= opt.Threshold {
			link(i, j, 1)
		}
	})

	best := make(map[int]int, len(docs)) // root -> kept doc
	for i := range docs {
		r := uf.find(i)
		if b, ok := best[r]; !ok || better(docs[i], docs[b], words[i], words[b]) {
			best[r] = i
		}
	}
	out := make([]Match, len(docs))
	for i := range docs {
		b := best[uf.find(i)]
		if b == i {
			out[i] = Match{Of: -1}
			continue
		}
		m := Match{Of: b}
		switch {
		case docs[i].URL != "" && docs[i].URL == docs[b].URL:
			m.Kind, m.Similarity = KindURL, 1
		case fps[i].Hash != 0 && fps[i].Hash == fps[b].Hash:
			m.Kind, m.Similarity = KindHash, 1
		case kind[i] == 3:
			m.Kind, m.Similarity = KindURL, Similarity(fps[i].Sig, fps[b].Sig)
		case kind[i] == 2:
			m.Kind, m.Similarity = KindHash, Similarity(fps[i].Sig, fps[b].Sig)
		default:
			m.Kind, m.Similarity = KindNear, Similarity(fps[i].Sig, fps[b].Sig)
		}
		out[i] = m
	}
	return out
}

// better reports whether a (of wa words) is a more complete copy than b (of wb words).
func better(a, b Doc, wa, wb int) bool {
	if wa != wb {
		return wa > wb
	}
	if a.Preferred != b.Preferred {
		return a.Preferred
	}
	if !a.Published.IsZero() && (b.Published.IsZero() || a.Published.Before(b.Published)) {
		return true
	}
	return false
}

// fingerprintAll computes the fingerprints of docs on every available core.
func fingerprintAll(docs []Doc, opt Options) ([]Fingerprint, []int) {
	fps := make([]Fingerprint, len(docs))
	words := make([]int, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs)/64, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []uint64
			for i := w; i < len(docs); i += workers {
				fps[i], words[i] = fingerprint(docs[i].Text, opt, &buf)
			}
		})
	}
	wg.Wait()
	return fps, words
}

// bucketLimit is the largest LSH bucket whose members are all compared; a
// larger bucket compares each member with the first and the previous one.
const bucketLimit = 16

// candidatePairs calls fn for pairs of documents that share an LSH band.
// Band keys and document numbers are packed into one uint64 (the key's high
// bits above the document's), so grouping is one sort of integers.
func candidatePairs(fps []Fingerprint, opt Options, fn func(i, j int)) {
	docBits := max(bits.Len(uint(len(fps))), 1)
	docMask := uint64(1)<<docBits - 1
	entries := make([]uint64, 0, len(fps)*opt.Bands)
	for i, f := range fps {
		if len(f.Sig) != opt.Bands*opt.Rows {
			continue
		}
		for b := range opt.Bands {
			entries = append(entries, bandKey(f.Sig, b, opt.Rows)<<docBits|uint64(i))
		}
	}
	slices.Sort(entries)
	var g []int
	for lo := 0; lo < len(entries); {
		key := entries[lo] >> docBits
		hi := lo + 1
		for hi < len(entries) && entries[hi]>>docBits == key {
			hi++
		}
		g = g[:0]
		for _, e := range entries[lo:hi] {
			g = append(g, int(e&docMask))
		}
		if len(g) <= bucketLimit {
			for a := range g {
				for b := a + 1; b < len(g); b++ {
					fn(g[a], g[b])
				}
			}
		} else {
			for a := 1; a < len(g); a++ {
				fn(g[0], g[a])
				if a > 1 {
					fn(g[a-1], g[a])
				}
			}
		}
		lo = hi
	}
}

// bandKey hashes band b of sig (its rows values) together with b.
func bandKey(sig []uint32, b, rows int) uint64 {
	h := uint64(fnvOffset) ^ uint64(b)*0x9e3779b97f4a7c15
	for _, v := range sig[b*rows : (b+1)*rows] {
		h = (h ^ uint64(v)) * fnvPrime
	}
	return mix(h)
}

type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return &unionFind{parent: p}
}

func (u *unionFind) find(i int) int {
	for int(u.parent[i]) != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = int(u.parent[i])
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u.parent[rb] = int32(ra)
	} else {
		u.parent[ra] = int32(rb)
	}
}
