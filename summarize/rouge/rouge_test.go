package rouge

import (
	"math"
	"slices"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	got := Tokens("The U.S. rose 3.5%, Kyiv's “talks”!")
	want := []string{"the", "u", "s", "rose", "3", "5", "kyiv", "s", "talks"}
	if !slices.Equal(got, want) {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
}

// The examples are computed by hand.
func TestScores(t *testing.T) {
	const (
		ref  = "the cat was under the bed"
		cand = "the cat was found under the bed"
	)
	tests := []struct {
		name string
		got  Score
		p, r float64
	}{
		// 6 of 7 candidate unigrams appear in the 6-token reference.
		{"rouge-1", N(cand, ref, 1), 6.0 / 7, 6.0 / 6},
		// bigrams: cand {the cat, cat was, was found, found under, under the, the bed};
		// ref {the cat, cat was, was under, under the, the bed}: 4 shared.
		{"rouge-2", N(cand, ref, 2), 4.0 / 6, 4.0 / 5},
		// LCS "the cat was under the bed" = 6.
		{"rouge-l", L(cand, ref), 6.0 / 7, 6.0 / 6},
		// clipping: "the the the" against "the cat": 1 shared "the".
		{"clipped", N("the the the", "the cat", 1), 1.0 / 3, 1.0 / 2},
		// LCS of "a b c d" and "b d a c" is 2 ("b d", "b c" or "a c").
		{"lcs order", L("a b c d", "b d a c"), 2.0 / 4, 2.0 / 4},
		{"disjoint", N("x y", "a b", 1), 0, 0},
		{"empty candidate", N("", "a b", 1), 0, 0},
		{"too short for n", N("a", "a", 2), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !near(tt.got.P, tt.p) || !near(tt.got.R, tt.r) {
				t.Fatalf("P,R = %v,%v; want %v,%v", tt.got.P, tt.got.R, tt.p, tt.r)
			}
			wantF := 0.0
			if tt.p+tt.r > 0 {
				wantF = 2 * tt.p * tt.r / (tt.p + tt.r)
			}
			if !near(tt.got.F, wantF) {
				t.Fatalf("F = %v, want %v", tt.got.F, wantF)
			}
		})
	}
}

// The example of Lin (2004), section 3.2: reference r = w1 w2 w3 w4 w5,
// candidate sentences c1 = w1 w2 w6 w7 w8 and c2 = w1 w3 w8 w9 w5. The union
// LCS of r with c1 and c2 is w1 w2 w3 w5: 4 hits over 5 reference and 10
// candidate tokens.
func TestLSum(t *testing.T) {
	s := LSum([]string{"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"}, []string{"w1 w2 w3 w4 w5"})
	if !near(s.R, 4.0/5) || !near(s.P, 4.0/10) {
		t.Fatalf("LSum = %+v, want R 0.8, P 0.4", s)
	}
	// Hits are clipped by token counts: "a" occurs once in the candidate.
	s = LSum([]string{"a b"}, []string{"a", "a"})
	if !near(s.R, 1.0/2) || !near(s.P, 1.0/2) {
		t.Fatalf("clipped LSum = %+v, want R 0.5, P 0.5", s)
	}
	if s := LSum(nil, []string{"a"}); s.F != 0 {
		t.Fatalf("empty candidate: %+v", s)
	}
}

func FuzzScores(f *testing.F) {
	f.Add("the cat sat", "a cat sat down")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []Score{N(a, b, 1), N(a, b, 2), L(a, b)} {
			if s.P < 0 || s.P > 1 || s.R < 0 || s.R > 1 || s.F < 0 || s.F > 1 {
				t.Fatalf("score out of range: %+v", s)
			}
		}
		if s := L(a, a); len(Tokens(a)) > 0 && !near(s.F, 1) {
			t.Fatalf("L(a, a) = %+v, want F = 1", s)
		}
	})
}
