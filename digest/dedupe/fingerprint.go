// Package dedupe finds exact and near-duplicate articles: the same canonical
// URL, the same normalised text, or the same story republished with small
// edits, other boilerplate or another headline (word shingles, MinHash and
// LSH banding). Cost grows linearly with the number of documents: candidates
// come from LSH buckets, never from comparing all pairs.
//
// It does not canonicalise URLs, clean text or decide what is on topic;
// titles are ignored, so identical titles over different bodies are not
// duplicates. Index keeps fingerprints of delivered articles so that a later
// digest can recognise them again.
package dedupe

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"
)

// Options tune duplicate detection. The zero value of a field means its default.
type Options struct {
	Shingle   int     // words per shingle (default 4)
	Threshold float64 // estimated Jaccard similarity that makes a near-duplicate (default 0.5)
	Bands     int     // LSH bands (default 32)
	Rows      int     // MinHash values per band (default 4); the signature has Bands*Rows values
	MaxChars  int     // bytes of text compared for near-duplicates (default 20000); the exact hash covers all text
}

// DefaultOptions returns word 4-shingles, a 0.5 Jaccard threshold and 32 bands
// of 4 rows: pairs at 0.5 become candidates with probability 0.87, at 0.6 with
// 0.99, at 0.2 with 0.05.
func DefaultOptions() Options {
	return Options{Shingle: 4, Threshold: 0.5, Bands: 32, Rows: 4, MaxChars: 20000}
}

func (o Options) normalized() Options {
	d := DefaultOptions()
	if o.Shingle <= 0 {
		o.Shingle = d.Shingle
	}
	if !(o.Threshold > 0 && o.Threshold <= 1) {
		o.Threshold = d.Threshold
	}
	if o.Bands <= 0 || o.Rows <= 0 || o.Bands*o.Rows > maxSig {
		o.Bands, o.Rows = d.Bands, d.Rows
	}
	if o.MaxChars <= 0 {
		o.MaxChars = d.MaxChars
	}
	return o
}

// maxSig bounds the signature length (and what UnmarshalBinary accepts).
const maxSig = 4096

// Fingerprint is what dedupe remembers of a text.
type Fingerprint struct {
	Hash int64    // hash of the normalised text; 0 for empty text
	Sig  []uint32 // MinHash signature of the capped text's shingles; nil for empty text
}

// Empty reports whether the fingerprint is of an empty text (it matches nothing).
func (f Fingerprint) Empty() bool { return f.Hash == 0 && len(f.Sig) == 0 }

// Fingerprints computes the fingerprint of text: the hash of its words
// (lower-cased, punctuation and spacing ignored) and a one-permutation
// MinHash signature of its word shingles, densified so that short texts get a
// full signature.
func Fingerprints(text string, opt Options) Fingerprint {
	f, _ := fingerprint(text, opt.normalized(), nil)
	return f
}

// fingerprint also returns the number of words in text; buf, when not nil,
// is scratch space reused between calls.
func fingerprint(text string, opt Options, buf *[]uint64) (Fingerprint, int) {
	var words []uint64
	if buf != nil {
		words = (*buf)[:0]
		defer func() { *buf = words[:0] }()
	}
	var full uint64 = fnvOffset
	nfull := 0
	wordHashes(text, func(h uint64, end int) {
		full = (full ^ h) * fnvPrime
		nfull++
		if end <= opt.MaxChars {
			words = append(words, h)
		}
	})
	if nfull == 0 {
		return Fingerprint{}, 0
	}
	if full == 0 {
		full = 1
	}
	return Fingerprint{Hash: int64(full), Sig: minhash(words, opt.Shingle, opt.Bands*opt.Rows)}, nfull
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHashes calls fn with the hash of every word of text (runs of letters
// and digits, lower-cased) and the byte offset where it ends.
func wordHashes(text string, fn func(h uint64, end int)) {
	var h uint64 = fnvOffset
	in := false
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
			if 'A' <= c && c <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			r = unicode.ToLower(r)
		}
		word := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if word {
			if !in {
				h = fnvOffset
				in = true
			}
			h = (h ^ uint64(r)) * fnvPrime
		} else if in {
			fn(mix(h), i)
			in = false
		}
		i += size
	}
	if in {
		fn(mix(h), len(text))
	}
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const emptyBin = math.MaxUint32

// minhash is one-permutation MinHash over k-word shingles with rotation
// densification of empty bins.
func minhash(words []uint64, k, n int) []uint32 {
	sig := make([]uint32, n)
	for i := range sig {
		sig[i] = emptyBin
	}
	add := func(h uint64) {
		h = mix(h)
		bin := int((h >> 32) * uint64(n) >> 32)
		if v := uint32(h); v < sig[bin] {
			sig[bin] = v
		}
	}
	if len(words) < k {
		// A text shorter than a shingle is one shingle.
		var h uint64 = fnvOffset
		for _, w := range words {
			h = (h ^ w) * fnvPrime
		}
		add(h)
	} else {
		for i := 0; i+k <= len(words); i++ {
			var h uint64 = fnvOffset
			for _, w := range words[i : i+k] {
				h = (h ^ w) * fnvPrime
			}
			add(h)
		}
	}
	// Densify: an empty bin borrows the next filled bin's value, mixed with
	// the distance, so two texts with the same shingles agree on it.
	// Two passes: first mark empty bins by their index (borrowed values are
	// written only after every bin is known), then fill them.
	var empty []int
	for i, v := range sig {
		if v == emptyBin {
			empty = append(empty, i)
		}
	}
	if len(empty) == 0 || len(empty) == n {
		return sig
	}
	src := make([]uint32, len(empty))
	for k, i := range empty {
		for d := 1; d < n; d++ {
			if j := (i + d) % n; sig[j] != emptyBin {
				src[k] = uint32(mix(uint64(sig[j]) + uint64(d)*0x9e3779b97f4a7c15))
				break
			}
		}
	}
	for k, i := range empty {
		sig[i] = src[k]
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures: the share of equal values. Signatures of other lengths (or
// empty ones) have similarity 0.
func Similarity(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

const fpVersion = 1

// MarshalBinary encodes the fingerprint: a version byte, the hash, the
// signature length and the signature, little-endian.
func (f Fingerprint) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 1+8+binary.MaxVarintLen64+4*len(f.Sig))
	b = append(b, fpVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(f.Hash))
	b = binary.AppendUvarint(b, uint64(len(f.Sig)))
	for _, v := range f.Sig {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b, nil
}

// ErrBadFingerprint is returned by UnmarshalBinary for data it did not write.
var ErrBadFingerprint = errors.New("dedupe: bad fingerprint encoding")

// UnmarshalBinary decodes what MarshalBinary wrote.
func (f *Fingerprint) UnmarshalBinary(b []byte) error {
	if len(b) < 9 || b[0] != fpVersion {
		return fmt.Errorf("%w: %d bytes", ErrBadFingerprint, len(b))
	}
	hash := int64(binary.LittleEndian.Uint64(b[1:9]))
	n, k := binary.Uvarint(b[9:])
	if k <= 0 || n > maxSig || uint64(len(b)-9-k) != 4*n {
		return fmt.Errorf("%w: signature length", ErrBadFingerprint)
	}
	var sig []uint32
	if n > 0 {
		sig = make([]uint32, n)
		p := b[9+k:]
		for i := range sig {
			sig[i] = binary.LittleEndian.Uint32(p[4*i:])
		}
	}
	*f = Fingerprint{Hash: hash, Sig: sig}
	return nil
}
