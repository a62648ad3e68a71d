package story

import (
	"cmp"
	"slices"
	"strings"

	"github.com/digestd/digestd/digest/topic"
)

// The prior that stands in for a larger corpus when the batch is small.
const (
	// priorDocs is the size of the virtual corpus the prior stands for: in
	// a batch of n articles a prior weight w becomes w + (1-w)*n/(n+priorDocs),
	// so it matters in a day's digest of a few feeds and fades in large
	// batches, where document frequency itself shows what is common.
	priorDocs = 20
	// genericWeight is the share of its rarity weight that a generic news
	// word (genericWords) keeps in a small batch: it tells nothing of which
	// event.
	genericWeight = 1.0 / 3
	// commonWeight is the share a term of the topic (Options.Common) keeps:
	// the topic's own vocabulary (the foreign minister, the talks, the
	// country) still tells a little, as a minister's name does, but less
	// than what is specific to one event.
	commonWeight = 0.5
)

// genericWords are words of news reporting in general, whatever the topic:
// who said what, that people met, agreed or planned, when, and that it is
// new. In a large batch their document frequency shows that they are common;
// in a small one it cannot, so the prior weighs them down.
const genericWords = `say said says saying tell told statement statements announce announced
report reported reports according add added confirm confirmed comment comments describe
described note noted official officials source sources spokesman spokeswoman spokesperson
meet meeting meetings met hold held holding agree agreed discuss discussed discussion
welcome welcomed expect expected plan planned decide decided reach reached make made take
took give gave open opened begin began start started continue continued include included
hope hoped want wanted ask asked urge urged seek sought offer offered set come came go went
day days week weeks month months year years time times earlier later recent recently next
last first second third previous former current early late new news also part side sides
people number several many way place point issue issues step steps move moves effort efforts
use used work worked help helped keep kept show showed call called`

// ProfileTerms returns the terms and phrases of a relevance profile, sorted:
// what a pipeline passes as Options.Common.
func ProfileTerms(p topic.Profile) []string {
	out := make([]string, 0, len(p.Terms))
	for t := range p.Terms {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// commonIDs maps the term ids (as the lexicon gives them) of genericWords and
// of the content words of terms to their prior weight.
func commonIDs(terms []string) map[uint64]float32 {
	st := topic.NewStemmer()
	ids := make(map[uint64]float32, len(terms)+256)
	add := func(words []string, w float32) {
		for _, t := range words {
			for _, tok := range topic.Tokens(t) {
				if s, ok := contentStem(st.Stem, tok); ok {
					ids[termID(s)] = min(w, cmp.Or(ids[termID(s)], 1))
				}
			}
		}
	}
	add(strings.Fields(genericWords), genericWeight)
	add(terms, commonWeight)
	return ids
}
