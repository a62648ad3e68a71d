package dedupe

// Index remembers fingerprints of articles already delivered, so that a later
// digest recognises them again under another URL or title. Lookups use the
// exact hash first, then LSH bands. It is not safe for concurrent use.
type Index struct {
	opt    Options
	keys   []string
	fps    []Fingerprint
	byHash map[int64]int
	bands  map[uint64][]int32
}

// NewIndex returns an empty index; opt must be the options the fingerprints
// were made with.
func NewIndex(opt Options) *Index {
	return &Index{opt: opt.normalized(), byHash: make(map[int64]int), bands: make(map[uint64][]int32)}
}

// Len is the number of fingerprints added.
func (ix *Index) Len() int { return len(ix.keys) }

// Add remembers f under key. Empty fingerprints are ignored.
func (ix *Index) Add(key string, f Fingerprint) {
	if f.Empty() {
		return
	}
	n := int32(len(ix.keys))
	ix.keys = append(ix.keys, key)
	ix.fps = append(ix.fps, f)
	if _, ok := ix.byHash[f.Hash]; !ok && f.Hash != 0 {
		ix.byHash[f.Hash] = int(n)
	}
	if len(f.Sig) == ix.opt.Bands*ix.opt.Rows {
		for b := range ix.opt.Bands {
			k := bandKey(f.Sig, b, ix.opt.Rows)
			ix.bands[k] = append(ix.bands[k], n)
		}
	}
}

// Lookup finds the remembered fingerprint that f duplicates: the same hash
// (similarity 1), else the most similar one at or above the threshold. Empty
// fingerprints match nothing.
func (ix *Index) Lookup(f Fingerprint) (key string, sim float64, ok bool) {
	if f.Empty() {
		return "", 0, false
	}
	if i, found := ix.byHash[f.Hash]; found && f.Hash != 0 {
		return ix.keys[i], 1, true
	}
	if len(f.Sig) != ix.opt.Bands*ix.opt.Rows {
		return "", 0, false
	}
	best, bestSim := -1, 0.0
	seen := make(map[int32]bool)
	for b := range ix.opt.Bands {
		for _, i := range ix.bands[bandKey(f.Sig, b, ix.opt.Rows)] {
			if seen[i] {
				continue
			}
			seen[i] = true
			if s := Similarity(f.Sig, ix.fps[i].Sig); s >= ix.opt.Threshold && (s > bestSim || s == bestSim && int(i) < best) {
				best, bestSim = int(i), s
			}
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return ix.keys[best], bestSim, true
}
