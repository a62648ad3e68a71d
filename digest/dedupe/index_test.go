package dedupe

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func TestIndex(t *testing.T) {
	opt := DefaultOptions()
	ix := NewIndex(opt)
	ix.Add("wire", Fingerprints(wire, opt))
	ix.Add("bank", Fingerprints(other, opt))
	ix.Add("empty", Fingerprints("", opt))
	if ix.Len() != 2 {
		t.Errorf("Len = %d, want 2 (empty ignored)", ix.Len())
	}
	tests := []struct {
		name    string
		text    string
		wantKey string
		wantOK  bool
		exact   bool
	}{
		{"exact", wire, "wire", true, true},
		{"near", edit(wire), "wire", true, false},
		{"other", other, "bank", true, true},
		{"unrelated", "A new museum of modern art opened its doors to visitors on Saturday with works by local painters.", "", false, false},
		{"empty", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, sim, ok := ix.Lookup(Fingerprints(tt.text, opt))
			if ok != tt.wantOK || key != tt.wantKey {
				t.Fatalf("Lookup = %q, %v, %v; want %q, %v", key, sim, ok, tt.wantKey, tt.wantOK)
			}
			if ok && tt.exact && sim != 1 {
				t.Errorf("exact match similarity %v", sim)
			}
			if ok && !tt.exact && (sim < opt.Threshold || sim > 1) {
				t.Errorf("near match similarity %v", sim)
			}
		})
	}
}

func TestFingerprintBinary(t *testing.T) {
	for _, text := range []string{wire, "", "one"} {
		f := Fingerprints(text, DefaultOptions())
		b, err := f.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var g Fingerprint
		if err := g.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if g.Hash != f.Hash || !slices.Equal(g.Sig, f.Sig) {
			t.Errorf("round trip of %.20q changed the fingerprint", text)
		}
	}
	bad := [][]byte{nil, {2, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 2}}
	for _, b := range bad {
		var g Fingerprint
		if err := g.UnmarshalBinary(b); !errors.Is(err, ErrBadFingerprint) {
			t.Errorf("UnmarshalBinary(%v) = %v, want ErrBadFingerprint", b, err)
		}
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	good, _ := Fingerprints(wire, DefaultOptions()).MarshalBinary()
	f.Add(good)
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var g Fingerprint
		if err := g.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := g.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var h Fingerprint
		if err := h.UnmarshalBinary(again); err != nil || h.Hash != g.Hash || !slices.Equal(h.Sig, g.Sig) {
			t.Fatalf("re-encoding changed the fingerprint: %v", err)
		}
		if !bytes.Equal(again[:9], b[:9]) {
			t.Fatalf("header changed")
		}
	})
}

// FuzzFingerprints feeds arbitrary text to the word splitter and MinHash.
func FuzzFingerprints(f *testing.F) {
	for _, s := range []string{"", wire, "a", "\xff\xfe", "Ünïcödé wörds", "1,000.5 -- x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		opt := DefaultOptions()
		fp := Fingerprints(s, opt)
		if fp.Empty() {
			return
		}
		if len(fp.Sig) != opt.Bands*opt.Rows {
			t.Fatalf("signature length %d", len(fp.Sig))
		}
		if Similarity(fp.Sig, Fingerprints(s, opt).Sig) != 1 {
			t.Fatal("fingerprints are not deterministic")
		}
		m := Find([]Doc{{Text: s}, {Text: s + " " + s}}, opt)
		if m[0].Of != -1 && m[1].Of != -1 {
			t.Fatalf("no kept copy: %+v", m)
		}
	})
}
