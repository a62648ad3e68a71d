package dedupe

import (
	"strings"
	"testing"
	"time"
)

// wire is a body long enough for shingles to matter.
const wire = `Negotiators from both countries met in the capital on Tuesday for a third round of talks on a
ceasefire along the front line. Officials said the discussions lasted more than six hours and ended without a
joint statement, although both delegations agreed to meet again within two weeks. The mediators described the
atmosphere as constructive and said a prisoner exchange could be announced before the next meeting. Observers
noted that the questions of territory and security guarantees remain unresolved and that neither side has
softened its public position since the first round in the spring.`

const other = `The central bank kept its main interest rate unchanged on Thursday, saying inflation had slowed
for a fourth month but remained above target. Economists had expected the decision and said a cut could come
in the autumn if energy prices stay low and wage growth moderates as the labour market cools further.`

func edit(s string) string {
	s = strings.Replace(s, "more than six hours", "over six hours", 1)
	s = strings.Replace(s, "constructive", "businesslike", 1)
	return "By a staff reporter. " + s + " Follow us for more news and analysis from the region."
}

func TestFind(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 5, d, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		docs []Doc
		want []Match // Similarity of near matches is checked for range only
	}{
		{
			name: "same url",
			docs: []Doc{{URL: "https://a.example/x", Text: wire}, {URL: "https://a.example/x", Text: other}},
			want: []Match{{Of: -1}, {Of: 0, Kind: KindURL, Similarity: 1}},
		},
		{
			name: "same text up to case, punctuation and spacing",
			docs: []Doc{{URL: "u1", Text: wire}, {URL: "u2", Text: strings.ToUpper(strings.ReplaceAll(wire, ",", " ; "))}},
			want: []Match{{Of: -1}, {Of: 0, Kind: KindHash, Similarity: 1}},
		},
		{
			name: "near duplicate: edits, boilerplate, other headline",
			docs: []Doc{{URL: "u1", Title: "Talks end", Text: wire}, {URL: "u2", Title: "Third round closes", Text: edit(wire)}, {URL: "u3", Text: other}},
			want: []Match{{Of: 1, Kind: KindNear}, {Of: -1}, {Of: -1}},
		},
		{
			name: "identical titles, different bodies",
			docs: []Doc{{URL: "u1", Title: "Breaking news", Text: wire}, {URL: "u2", Title: "Breaking news", Text: other}},
			want: []Match{{Of: -1}, {Of: -1}},
		},
		{
			name: "empty texts never match",
			docs: []Doc{{URL: "u1"}, {URL: "u2", Text: "  ...  "}, {URL: "u3", Text: ""}},
			want: []Match{{Of: -1}, {Of: -1}, {Of: -1}},
		},
		{
			name: "short error texts are not duplicates",
			docs: []Doc{{URL: "u1", Text: "Access denied."}, {URL: "u2", Text: "Access denied."}},
			want: []Match{{Of: -1}, {Of: -1}},
		},
		{
			name: "same url with empty text",
			docs: []Doc{{URL: "u1", Text: wire}, {URL: "u1"}},
			want: []Match{{Of: -1}, {Of: 0, Kind: KindURL, Similarity: 1}},
		},
		{
			name: "kept copy is the longest",
			docs: []Doc{{URL: "u1", Text: wire}, {URL: "u2", Text: edit(wire)}},
			want: []Match{{Of: 1, Kind: KindNear}, {Of: -1}},
		},
		{
			name: "then the preferred source",
			docs: []Doc{{URL: "u1", Text: wire}, {URL: "u2", Text: wire, Preferred: true}},
			want: []Match{{Of: 1, Kind: KindHash, Similarity: 1}, {Of: -1}},
		},
		{
			name: "then the earliest published",
			docs: []Doc{{URL: "u1", Text: wire, Published: day(3)}, {URL: "u2", Text: wire}, {URL: "u3", Text: wire, Published: day(2)}},
			want: []Match{{Of: 2, Kind: KindHash, Similarity: 1}, {Of: 2, Kind: KindHash, Similarity: 1}, {Of: -1}},
		},
		{
			name: "other language is not a duplicate of its translation",
			docs: []Doc{{URL: "u1", Text: wire}, {URL: "u2", Text: "Переговорщики обеих стран встретились во вторник в столице для третьего раунда переговоров о прекращении огня."}},
			want: []Match{{Of: -1}, {Of: -1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.docs, DefaultOptions())
			if len(got) != len(tt.want) {
				t.Fatalf("got %d matches for %d docs", len(got), len(tt.docs))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Of != w.Of || g.Kind != w.Kind {
					t.Errorf("doc %d: got %+v, want %+v", i, g, w)
				}
				if w.Kind == KindNear && (g.Similarity < DefaultOptions().Threshold || g.Similarity > 1) {
					t.Errorf("doc %d: near similarity %v out of range", i, g.Similarity)
				}
				if w.Kind != KindNear && g.Similarity != w.Similarity {
					t.Errorf("doc %d: similarity %v, want %v", i, g.Similarity, w.Similarity)
				}
			}
		})
	}
}

func TestFindCapsHugeText(t *testing.T) {
	opt := DefaultOptions()
	opt.MaxChars = 2000
	long := strings.Repeat(wire+" ", 1)
	for len(long) < 50*opt.MaxChars {
		long += other + " " + wire + " "
	}
	a := long + " first tail that differs entirely"
	b := long + " second ending unlike the other one"
	got := Find([]Doc{{Text: a}, {Text: b}}, opt)
	if got[1].Kind != KindNear && got[0].Kind != KindNear {
		t.Errorf("huge texts with the same first %d bytes: %+v", opt.MaxChars, got)
	}
	f := Fingerprints(a, opt)
	if len(f.Sig) != opt.Bands*opt.Rows {
		t.Errorf("signature length %d", len(f.Sig))
	}
}

func TestFingerprints(t *testing.T) {
	opt := DefaultOptions()
	a := Fingerprints(wire, opt)
	b := Fingerprints("  "+strings.ToUpper(wire)+" !!", opt)
	if a.Hash != b.Hash || a.Hash == 0 {
		t.Errorf("normalised hashes differ: %d vs %d", a.Hash, b.Hash)
	}
	if s := Similarity(a.Sig, b.Sig); s != 1 {
		t.Errorf("similarity of equal texts = %v", s)
	}
	if s := Similarity(a.Sig, Fingerprints(other, opt).Sig); s > 0.1 {
		t.Errorf("similarity of unrelated texts = %v", s)
	}
	if e := Fingerprints(" ,.; ", opt); !e.Empty() {
		t.Errorf("fingerprint of punctuation = %+v, want empty", e)
	}
	if s := Similarity(a.Sig, Fingerprints("Talks.", opt).Sig); s > 0.1 {
		t.Errorf("one-word text similar to a long one: %v", s)
	}
}
