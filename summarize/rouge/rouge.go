// Package rouge computes ROUGE-N and ROUGE-L scores (Lin 2004) of a candidate
// summary against one reference summary.
//
// Texts are lower-cased and split into runs of letters and digits, as in the
// reference ROUGE-1.5.5 script without stemming or stop-word removal.
// L computes ROUGE-L over the whole texts as single token sequences; LSum the
// summary-level union-LCS variant over sentence lists. The package does not average over corpora: callers
// sum the Scores they need.
package rouge

import (
	"slices"
	"strings"
	"unicode"
)

// Score is precision, recall and F1 of one comparison.
type Score struct {
	P, R, F float64
}

func score(overlap, cand, ref int) Score {
	var s Score
	if cand > 0 {
		s.P = float64(overlap) / float64(cand)
	}
	if ref > 0 {
		s.R = float64(overlap) / float64(ref)
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// Tokens lower-cases s and returns its runs of letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// N returns ROUGE-N of candidate against reference: the clipped count of
// shared n-grams over the candidate's (precision) and the reference's
// (recall) n-gram counts.
func N(candidate, reference string, n int) Score {
	return NTokens(Tokens(candidate), Tokens(reference), n)
}

// NTokens is N over tokenised texts.
func NTokens(cand, ref []string, n int) Score {
	if n <= 0 {
		return Score{}
	}
	refGrams := grams(ref, n)
	overlap, total := 0, 0
	for g, c := range grams(cand, n) {
		total += c
		overlap += min(c, refGrams[g])
	}
	refTotal := max(len(ref)-n+1, 0)
	return score(overlap, total, refTotal)
}

func grams(toks []string, n int) map[string]int {
	m := make(map[string]int)
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// L returns ROUGE-L of candidate against reference: the longest common
// subsequence of tokens over the candidate's and the reference's lengths.
func L(candidate, reference string) Score {
	return LTokens(Tokens(candidate), Tokens(reference))
}

// LTokens is L over tokenised texts.
func LTokens(cand, ref []string) Score {
	return score(lcs(cand, ref), len(cand), len(ref))
}

// lcs is the length of the longest common subsequence of a and b, in
// O(len(a)·len(b)) time and O(len(b)) space.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// LSum returns summary-level ROUGE-L (Lin 2004, section 3.2; "rougeLsum"):
// for each reference sentence, the union of its longest common subsequences
// with every candidate sentence, counted at most as often as each token
// occurs in the candidate and the reference, over the total token counts.
func LSum(candidate, reference []string) Score {
	cand := make([][]string, len(candidate))
	ref := make([][]string, len(reference))
	candCount, refCount := map[string]int{}, map[string]int{}
	n, m := 0, 0
	for i, s := range candidate {
		cand[i] = Tokens(s)
		n += len(cand[i])
		for _, t := range cand[i] {
			candCount[t]++
		}
	}
	for i, s := range reference {
		ref[i] = Tokens(s)
		m += len(ref[i])
		for _, t := range ref[i] {
			refCount[t]++
		}
	}
	hits := 0
	for _, r := range ref {
		for _, t := range unionLCS(r, cand) {
			if candCount[t] > 0 && refCount[t] > 0 {
				hits++
				candCount[t]--
				refCount[t]--
			}
		}
	}
	return score(hits, n, m)
}

// unionLCS returns the tokens of r, in order, that belong to a longest
// common subsequence of r with at least one of the sentences cs.
func unionLCS(r []string, cs [][]string) []string {
	in := make([]bool, len(r))
	for _, c := range cs {
		for _, i := range lcsIndices(r, c) {
			in[i] = true
		}
	}
	var out []string
	for i, ok := range in {
		if ok {
			out = append(out, r[i])
		}
	}
	return out
}

// lcsIndices returns the positions in a of one longest common subsequence of
// a and b.
func lcsIndices(a, b []string) []int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				t[i][j] = t[i-1][j-1] + 1
			} else {
				t[i][j] = max(t[i-1][j], t[i][j-1])
			}
		}
	}
	var idx []int
	for i, j := len(a), len(b); i > 0 && j > 0; {
		switch {
		case a[i-1] == b[j-1]:
			idx = append(idx, i-1)
			i--
			j--
		case t[i-1][j] >= t[i][j-1]:
			i--
		default:
			j--
		}
	}
	slices.Reverse(idx)
	return idx
}
