// Package rouge computes ROUGE-N and ROUGE-L scores (Lin 2004) of a candidate
// summary against one reference summary.
//
// Texts are lower-cased and split into runs of letters and digits, as in the
// reference ROUGE-1.5.5 script without stemming or stop-word removal.
// ROUGE-L is computed over the whole texts as single token sequences (not the
// summary-level union LCS). The package does not average over corpora: callers
// sum the Scores they need.
package rouge

import (
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
