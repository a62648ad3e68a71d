package story

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// signatureTerms is how many terms a Signature keeps.
const signatureTerms = 48

// Term is one weighted term of a Signature: a 64-bit hash of a stem or a
// date feature, so signatures store no text.
type Term struct {
	ID     uint64
	Weight float32
}

// Signature is what a digest remembers of a story it reported, to recognise
// the same event when later articles about it arrive: the heaviest terms of
// its headlines and leads (weighted by rarity in the batch it was reported
// in, unit length) and the span of its articles' publication times.
type Signature struct {
	Terms       []Term    // sorted by ID
	First, Last time.Time // zero when no article had a date
}

// Sign computes the signature of every group, in the order of groups. docs
// and groups are what Cluster was given and returned.
//
// Signatures are compared across digests, so their weights must not depend on the batch a
// story came in (a batch of one article has no rarity to measure): they are sublinear term
// frequencies, with generic news words and opt.Common terms weighed down as in Cluster.
func Sign(docs []Doc, groups []Group, opt Options) []Signature {
	if len(docs) == 0 {
		return make([]Signature, len(groups))
	}
	fs := extractAll(docs)
	common := commonIDs(opt.Common)
	fixed := func(id uint64) float32 {
		if c, ok := common[id]; ok {
			return c
		}
		return 1
	}
	for i := range fs {
		fs[i].head.weigh(fixed)
	}
	out := make([]Signature, len(groups))
	for gi, g := range groups {
		sum := map[uint64]float64{}
		var sig Signature
		for _, m := range g.Members {
			for _, f := range fs[m].head {
				sum[f.id] += float64(f.w)
			}
			if t := docs[m].Published; !t.IsZero() {
				if sig.First.IsZero() || t.Before(sig.First) {
					sig.First = t
				}
				if t.After(sig.Last) {
					sig.Last = t
				}
			}
		}
		v := make(vector, 0, len(sum))
		for id, w := range sum {
			v = append(v, feature{id, float32(w)})
		}
		keep := topIDs(v, signatureTerms)
		var norm float64
		for _, id := range keep {
			norm += sum[id] * sum[id]
		}
		for _, id := range keep {
			sig.Terms = append(sig.Terms, Term{ID: id, Weight: float32(sum[id] / math.Sqrt(norm))})
		}
		slices.SortFunc(sig.Terms, func(a, b Term) int { return cmp.Compare(a.ID, b.ID) })
		out[gi] = sig
	}
	return out
}

// Similarity is the cosine of two signatures' term weights.
func (s Signature) Similarity(o Signature) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(s.Terms) && j < len(o.Terms) {
		switch a, b := s.Terms[i], o.Terms[j]; {
		case a.ID < b.ID:
			i++
		case a.ID > b.ID:
			j++
		default:
			dot += float64(a.Weight) * float64(b.Weight)
			i++
			j++
		}
	}
	return dot
}

// Continues finds, for each current story, the earlier story it continues:
// the most similar previous signature at or above opt.Update whose
// articles ended at most opt.Memory before the current ones began (when both
// are dated). It returns an index into prev, or -1, per current signature.
// Candidates come from shared terms, so the cost grows with the matches, not
// with len(prev)*len(cur).
func Continues(prev, cur []Signature, opt Options) []int {
	opt = opt.normalized()
	byTerm := map[uint64][]int32{}
	for i, s := range prev {
		for _, t := range s.Terms {
			byTerm[t.ID] = append(byTerm[t.ID], int32(i))
		}
	}
	out := make([]int, len(cur))
	seen := map[int32]bool{}
	for ci, c := range cur {
		out[ci] = -1
		best := 0.0
		clear(seen)
		for _, t := range c.Terms {
			for _, pi := range byTerm[t.ID] {
				if seen[pi] {
					continue
				}
				seen[pi] = true
				p := prev[pi]
				if !p.Last.IsZero() && !c.First.IsZero() && (c.First.Sub(p.Last) > opt.Memory || p.First.Sub(c.Last) > opt.Window) {
					continue
				}
				s := c.Similarity(p)
				if s >= opt.Update && (s > best || s == best && int(pi) < out[ci]) {
					best, out[ci] = s, int(pi)
				}
			}
		}
	}
	return out
}

const sigVersion = 1

// MarshalBinary encodes a signature: version, first and last as Unix
// nanoseconds (0 when unknown), the number of terms, then id and weight per
// term, little-endian.
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 1+16+binary.MaxVarintLen64+12*len(s.Terms))
	b = append(b, sigVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(unixNano(s.First)))
	b = binary.LittleEndian.AppendUint64(b, uint64(unixNano(s.Last)))
	b = binary.AppendUvarint(b, uint64(len(s.Terms)))
	for _, t := range s.Terms {
		b = binary.LittleEndian.AppendUint64(b, t.ID)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.Weight))
	}
	return b, nil
}

// ErrBadSignature is returned by UnmarshalBinary for data it did not write.
var ErrBadSignature = errors.New("story: bad signature encoding")

// UnmarshalBinary decodes what MarshalBinary wrote.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) < 17 || b[0] != sigVersion {
		return fmt.Errorf("%w: %d bytes", ErrBadSignature, len(b))
	}
	first := fromUnixNano(int64(binary.LittleEndian.Uint64(b[1:])))
	last := fromUnixNano(int64(binary.LittleEndian.Uint64(b[9:])))
	n, k := binary.Uvarint(b[17:])
	if k <= 0 || n > 1<<16 || uint64(len(b)-17-k) != 12*n {
		return fmt.Errorf("%w: term count", ErrBadSignature)
	}
	p := b[17+k:]
	terms := make([]Term, n)
	for i := range terms {
		terms[i] = Term{ID: binary.LittleEndian.Uint64(p[12*i:]), Weight: math.Float32frombits(binary.LittleEndian.Uint32(p[12*i+8:]))}
		if w := terms[i].Weight; w != w || math.IsInf(float64(w), 0) {
			return fmt.Errorf("%w: weight", ErrBadSignature)
		}
	}
	*s = Signature{Terms: terms, First: first, Last: last}
	return nil
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
