package story

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestContinues(t *testing.T) {
	day1 := []Doc{callA, summit, wire1, callB, wire2}
	g1 := Cluster(day1, DefaultOptions())
	prev := Sign(day1, g1, DefaultOptions())
	if len(prev) != len(g1) {
		t.Fatalf("Sign returned %d signatures for %d groups", len(prev), len(g1))
	}
	storyWith := func(doc int) int {
		for i, g := range g1 {
			if slices.Contains(g.Members, doc) {
				return i
			}
		}
		return -1
	}
	followUp := Doc{Title: "First cargo ships leave Odesa as grain corridor reopens", Source: "e", Published: at(30),
		Text: "Three cargo ships loaded with grain left Odesa on Tuesday through the reopened Black Sea corridor, a day after the foreign ministers agreed to revive it.\nTurkish inspectors checked the ships at anchor off Istanbul.\nThe detained sailors have not yet been exchanged."}
	unrelated := Doc{Title: "Foreign ministers meet on energy infrastructure strikes", Source: "f", Published: at(30),
		Text: "The two foreign ministers met in Vienna on Tuesday to discuss a moratorium on strikes against power plants and refineries.\nEnergy officials from both countries joined the talks.\nA further round is planned for next month."}
	tooLate := followUp
	tooLate.Published = at(24 * 30)
	tests := []struct {
		name string
		doc  Doc
		want int // story of day 1 continued, -1 for none
	}{
		{"follow-up of the same event", followUp, storyWith(0)},
		{"same people, other event", unrelated, -1},
		{"follow-up after the memory ran out", tooLate, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The next day's batch: the article under test among others.
			shift := func(d Doc) Doc { d.Published = d.Published.Add(26 * time.Hour); return d }
			filler := Doc{Title: "Parliament approves reconstruction budget for damaged schools", Source: "g", Published: at(28),
				Text: "Lawmakers approved a reconstruction budget for schools damaged in the shelling, with donors covering half of the cost.\nThe foreign ministry said partners had pledged further funds."}
			day2 := []Doc{tt.doc, laterCall, shift(wire1), filler}
			g2 := Cluster(day2, DefaultOptions())
			cur := Sign(day2, g2, DefaultOptions())
			got := Continues(prev, cur, DefaultOptions())
			for gi, g := range g2 {
				if !slices.Contains(g.Members, 0) {
					continue
				}
				if got[gi] != tt.want {
					t.Errorf("continues story %d, want %d", got[gi], tt.want)
				}
				for pi := range prev {
					t.Logf("similarity to story %d: %.3f", pi, cur[gi].Similarity(prev[pi]))
				}
			}
		})
	}
}

func TestSignatureBinary(t *testing.T) {
	docs := []Doc{callA, callB, {Title: "Undated"}}
	sigs := Sign(docs, Cluster(docs, DefaultOptions()), DefaultOptions())
	for _, s := range sigs {
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Terms, s.Terms) || !got.First.Equal(s.First) || !got.Last.Equal(s.Last) {
			t.Errorf("round trip changed the signature: %+v -> %+v", s, got)
		}
		if got.First.IsZero() != s.First.IsZero() {
			t.Errorf("zero time not kept")
		}
	}
	for _, b := range [][]byte{nil, make([]byte, 17), append([]byte{1}, make([]byte, 17)...)[:18:18]} {
		var s Signature
		if b != nil && len(b) == 18 {
			b[17] = 5 // five terms announced, none present
		}
		if err := s.UnmarshalBinary(b); !errors.Is(err, ErrBadSignature) {
			t.Errorf("UnmarshalBinary(%v) = %v, want ErrBadSignature", b, err)
		}
	}
}

func FuzzSignatureBinary(f *testing.F) {
	b, _ := Signature{Terms: []Term{{1, 0.5}, {7, 0.5}}, First: time.Unix(5, 0)}.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Signature
		if s.UnmarshalBinary(b) != nil {
			return
		}
		again, _ := s.MarshalBinary()
		var s2 Signature
		if err := s2.UnmarshalBinary(again); err != nil || !slices.Equal(s2.Terms, s.Terms) {
			t.Fatalf("re-encoding failed: %v", err)
		}
	})
}
