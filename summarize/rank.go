package summarize

import (
	"math"
	"slices"
	"strings"
)

// Ranking parameters. They follow the literature's usual choices rather than
// any evaluation set: LexRank's damping 0.85; equal weights for the three
// normalised signals (centrality, lead position 1/√(k+1), headline
// similarity); a light prior for better-ranked articles (10% per rank, at
// most 50%) so that a story's summary can draw on all its sources; MMR's
// λ = 0.7; sentences more than half similar to a chosen one are repeats.
const (
	damping       = 0.85
	lexIterations = 50
	mmrLambda     = 0.7
	repeatCosine  = 0.5
	maxGraph      = 400 // sentences in the LexRank graph of one story
)

// candidate is one usable sentence of a story.
type candidate struct {
	text  string
	art   int // rank of its article in the story
	pos   int // index among the usable sentences of its article
	words int
	vec   []termWeight
	score float64
}

type termWeight struct {
	term   int32
	weight float64
}

// pick returns the chosen sentences of s in reading order.
func (e *Extractive) pick(s Story, lang string) []string {
	cands := e.candidates(s)
	if len(cands) == 0 {
		return nil
	}
	v := newVocab(lang, e.stems)
	terms := make([][]int32, len(cands))
	df := make(map[int32]int, 256)
	var scratch []int32
	for i := range cands {
		terms[i] = v.terms(cands[i].text, nil)
		scratch = append(scratch[:0], terms[i]...)
		slices.Sort(scratch)
		for j, t := range scratch {
			if j == 0 || scratch[j-1] != t {
				df[t]++
			}
		}
	}
	n := float64(len(cands))
	idf := func(t int32) float64 { return math.Log(1 + n/float64(max(df[t], 1))) }
	for i := range cands {
		cands[i].vec = vectorOf(terms[i], idf)
	}
	headline := s.Headline
	if len(s.Articles) > 0 && s.Articles[0].Title != "" && s.Articles[0].Title != headline {
		headline += " " + s.Articles[0].Title
	}
	title := vectorOf(v.terms(headline, nil), idf)

	sim := make([]float64, len(cands)*len(cands))
	for i := range cands {
		for j := i + 1; j < len(cands); j++ {
			c := cosine(cands[i].vec, cands[j].vec)
			sim[i*len(cands)+j], sim[j*len(cands)+i] = c, c
		}
	}
	cent := lexRank(sim, len(cands))
	maxCent := slices.Max(cent)
	for i := range cands {
		c := &cands[i]
		centrality := 0.0
		if maxCent > 0 {
			centrality = cent[i] / maxCent
		}
		lead := 1 / math.Sqrt(float64(c.pos+1))
		articleWeight := 1 - 0.1*float64(min(c.art, 5))
		c.score = articleWeight * (centrality + lead + cosine(c.vec, title)) / 3
	}
	chosen := e.mmr(cands, sim)
	slices.SortFunc(chosen, func(a, b int) int {
		if cands[a].art != cands[b].art {
			return cands[a].art - cands[b].art
		}
		return cands[a].pos - cands[b].pos
	})
	out := make([]string, len(chosen))
	for i, c := range chosen {
		out[i] = cands[c].text
	}
	if len(out) == 1 && e.opts.maxWords > 0 && cands[chosen[0]].words > e.opts.maxWords {
		out[0] = trimWords(out[0], e.opts.maxWords)
	}
	return out
}

// candidates splits the story's articles into usable sentences, dropping
// the headline repeated as a first line, datelines, exact repeats across
// articles and everything unusable.
func (e *Extractive) candidates(s Story) []candidate {
	var out []candidate
	seen := make(map[string]bool)
	// Every article gets its share of the graph: a long first article must
	// not crowd out the other sources.
	perArticle := min(e.opts.maxInput, max(maxGraph/max(min(len(s.Articles), maxArticles), 1), 30))
	for ai, a := range s.Articles {
		if ai >= maxArticles || len(out) >= maxGraph {
			break
		}
		pos := 0
		for _, sent := range splitSentences(a.Text, perArticle*2) {
			if pos >= perArticle {
				break
			}
			sent = stripDateline(e.dateline, sent)
			if seen[sent] || sameText(sent, a.Title) || sameText(sent, s.Headline) || unusable(sent) != "" {
				continue
			}
			seen[sent] = true
			out = append(out, candidate{text: sent, art: ai, pos: pos, words: wordCount(sent)})
			pos++
			if len(out) >= maxGraph {
				break
			}
		}
	}
	return out
}

// sameText reports whether a sentence repeats a title, ignoring case and
// final punctuation.
func sameText(sent, title string) bool {
	return title != "" && strings.EqualFold(strings.TrimRight(sent, ".!"), strings.TrimRight(title, ".!"))
}

// vectorOf builds a unit-length TF-IDF vector sorted by term.
func vectorOf(terms []int32, idf func(int32) float64) []termWeight {
	if len(terms) == 0 {
		return nil
	}
	sorted := slices.Clone(terms)
	slices.Sort(sorted)
	vec := make([]termWeight, 0, len(sorted))
	for _, t := range sorted {
		if k := len(vec) - 1; k >= 0 && vec[k].term == t {
			vec[k].weight++
			continue
		}
		vec = append(vec, termWeight{term: t, weight: 1})
	}
	var norm float64
	for i := range vec {
		vec[i].weight *= idf(vec[i].term)
		norm += vec[i].weight * vec[i].weight
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		vec[i].weight /= norm
	}
	return vec
}

// cosine of two unit vectors sorted by term.
func cosine(a, b []termWeight) float64 {
	var dot float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			dot += a[i].weight * b[j].weight
			i++
			j++
		}
	}
	return dot
}

// lexRank computes continuous LexRank (Erkan & Radev 2004) over the n×n
// similarity matrix sim: the stationary distribution of a random walk that
// follows similarity-weighted edges with probability damping.
func lexRank(sim []float64, n int) []float64 {
	rowSum := make([]float64, n)
	for i := range n {
		for j := range n {
			rowSum[i] += sim[i*n+j]
		}
	}
	p := make([]float64, n)
	next := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	for range lexIterations {
		dangling := 0.0
		for i := range n {
			if rowSum[i] == 0 {
				dangling += p[i]
			}
		}
		for j := range n {
			next[j] = (1-damping)/float64(n) + damping*dangling/float64(n)
		}
		for i := range n {
			if rowSum[i] == 0 {
				continue
			}
			f := damping * p[i] / rowSum[i]
			row := sim[i*n : i*n+n]
			for j, w := range row {
				next[j] += f * w
			}
		}
		delta := 0.0
		for i := range n {
			delta += math.Abs(next[i] - p[i])
		}
		p, next = next, p
		if delta < 1e-6 {
			break
		}
	}
	return p
}

// mmr chooses sentences by maximal marginal relevance within the sentence
// and word limits, skipping repeats of a chosen sentence.
func (e *Extractive) mmr(cands []candidate, sim []float64) []int {
	n := len(cands)
	var chosen []int
	used := make([]bool, n)
	words := 0
	for len(chosen) < e.opts.sentences {
		best, bestScore := -1, math.Inf(-1)
		for i := range n {
			if used[i] {
				continue
			}
			redundancy := 0.0
			for _, c := range chosen {
				redundancy = max(redundancy, sim[i*n+c])
			}
			if redundancy > repeatCosine {
				used[i] = true
				continue
			}
			if e.opts.maxWords > 0 && words+cands[i].words > e.opts.maxWords {
				continue // drop, never cut
			}
			if m := mmrLambda*cands[i].score - (1-mmrLambda)*redundancy; m > bestScore {
				best, bestScore = i, m
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, best)
		words += cands[best].words
	}
	if len(chosen) == 0 {
		// Every sentence is longer than the word limit: the best one will
		// be trimmed.
		best := 0
		for i := range cands {
			if cands[i].score > cands[best].score {
				best = i
			}
		}
		chosen = append(chosen, best)
	}
	return chosen
}
