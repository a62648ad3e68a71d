package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseText(f *testing.F) {
	f.Add(" date 2025-05-29 403\nSorry!!\nTalks resume in Geneva today\nBody one.\nBody one.\n")
	f.Add("# Head line here\n\n*Published 1 May 2024*\n\n[a](b) text\n- item\n")
	f.Add("Monday, June 2, 2025\nspot_img\nRelated articles\nx...\n© 2025 X. All Rights Reserved")
	f.Add("\ufeff\r\n\r\n```\ncode\n```\n***\n")
	f.Fuzz(func(t *testing.T, s string) {
		pg := ParseText(s)
		if pg.Status != 0 && (pg.Status < 100 || pg.Status > 599) {
			t.Fatalf("status %d", pg.Status)
		}
		for _, p := range pg.Paragraphs {
			if p == "" || strings.ContainsAny(p, "\n\r") {
				t.Fatalf("bad paragraph %q", p)
			}
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8: %q", p)
			}
		}
		for _, d := range pg.Dropped {
			if d.Reason == "" {
				t.Fatalf("drop without reason: %q", d.Text)
			}
		}
		if strings.ContainsAny(pg.Title, "\n\r") {
			t.Fatalf("title spans lines: %q", pg.Title)
		}
	})
}

func FuzzBody(f *testing.F) {
	f.Add("Talks resume", "Para one is here.\nPara one is here.\nRelated\nTeaser...\nShare:")
	f.Add("", "He said.\nA.\nB.\nC.\nD.")
	f.Add("x", "spot_img\n\n  \nNormal text of a story, with words.")
	f.Fuzz(func(t *testing.T, title, joined string) {
		in := strings.Split(joined, "\n")
		kept, dropped := Body(title, in)
		// Output paragraphs are a subsequence of the (collapsed) input paragraphs.
		var nonEmpty []string
		for _, p := range in {
			if c := collapse(p); c != "" {
				nonEmpty = append(nonEmpty, c)
			}
		}
		j := 0
		for _, k := range kept {
			for j < len(nonEmpty) && nonEmpty[j] != k {
				j++
			}
			if j == len(nonEmpty) {
				t.Fatalf("kept %q is not an input paragraph in order", k)
			}
			j++
		}
		if len(kept)+len(dropped) != len(nonEmpty) {
			t.Fatalf("kept %d + dropped %d != %d non-empty inputs", len(kept), len(dropped), len(nonEmpty))
		}
		for _, d := range dropped {
			if d.Reason == "" {
				t.Fatalf("drop without reason: %q", d.Text)
			}
		}
		// Cleaning is idempotent: kept paragraphs survive a second pass unchanged.
		again, _ := Body(title, kept)
		if len(again) > len(kept) {
			t.Fatalf("second pass grew output")
		}
	})
}
