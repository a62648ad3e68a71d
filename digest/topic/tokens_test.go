package topic

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"case and punctuation", "Kyiv, KYIV; kyiv!", []string{"kyiv", "kyiv", "kyiv"}},
		{"hyphen splits", "good-faith talks", []string{"good", "faith", "talks"}},
		{"possessive straight", "Russia's delegation", []string{"russia", "delegation"}},
		{"possessive curly", "Putin’s envoy", []string{"putin", "envoy"}},
		{"contraction keeps parts", "don't", []string{"don", "t"}},
		{"number with separators", "1,000 people and 3.5%", []string{"1000", "people", "and", "35"}},
		{"sentence dot after number", "in 2022. Then", []string{"in", "2022", "then"}},
		{"other script", "Переговоры в Стамбуле", []string{"переговоры", "в", "стамбуле"}},
		{"invalid utf8 separates", "peace\xffdeal", []string{"peace", "deal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStemmerJoinsInflections(t *testing.T) {
	st := NewStemmer()
	groups := [][]string{
		{"negotiation", "negotiations", "negotiating"},
		{"talks", "talk", "talking"},
		{"sanctions", "sanction", "sanctioned"},
	}
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			want := st.Stem(g[0])
			for _, w := range g[1:] {
				if got := st.Stem(w); got != want {
					t.Errorf("Stem(%q) = %q, want %q (as %q)", w, got, want, g[0])
				}
			}
		})
	}
	if got := st.Stem("2025"); got != "2025" {
		t.Errorf("Stem(2025) = %q", got)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"", "Kyiv's talks", "1,000.5", "a’s", "'s", "x\xff's", "Ж’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		st := NewStemmer()
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("empty token from %q", s)
			}
			if !utf8.ValidString(tok) {
				t.Fatalf("invalid token %q from %q", tok, s)
			}
			if tok != strings.ToLower(tok) && strings.ToLower(tok) == tok {
				t.Fatalf("token %q not lower-case", tok)
			}
			_ = st.Stem(tok)
		}
		m, err := New(DefaultProfile())
		if err != nil {
			t.Fatal(err)
		}
		r := m.Score(s, s)
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("score %v out of range", r.Score)
		}
		paras := strings.Split(s, "\n")
		if got := m.OnTopic(s, paras); len(got) != len(paras) {
			t.Fatalf("OnTopic returned %d flags for %d paragraphs", len(got), len(paras))
		}
	})
}

func TestEachTokenNames(t *testing.T) {
	var names []string
	EachToken("Talks in Geneva ended. Officials met Sergei Lavrov: Both sides\nAgreed. the U.S. envoy", func(tok []byte, name bool) {
		if name {
			names = append(names, string(tok))
		}
	})
	// "Officials" and "Both" start sentences; the "U" of "U.S." after "the" is a name.
	want := []string{"geneva", "sergei", "lavrov", "u"}
	if !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}
