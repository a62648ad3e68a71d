package summarize

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckForm(t *testing.T) {
	tests := []struct {
		name, in, want, complaint string
	}{
		{"plain", "  Ministers met in Brussels on Monday.\n", "Ministers met in Brussels on Monday.", ""},
		{"two lines joined", "Ministers met in Brussels.\nThey agreed on aid for Kyiv.", "Ministers met in Brussels. They agreed on aid for Kyiv.", ""},
		{"empty", " ", "", "empty"},
		{"reasoning block", "<think>The user wants a summary. Hmm.</think>\nMinisters met in Brussels on Monday.", "Ministers met in Brussels on Monday.", ""},
		{"unclosed reasoning block", "<think>The user wants", "", "plain prose"},
		{"quoted answer", "\"Ministers met in Brussels on Monday.\"", "Ministers met in Brussels on Monday.", ""},
		{"quote inside kept", `"Peace is near," the minister said in Brussels.`, `"Peace is near," the minister said in Brussels.`, ""},
		{"list", "- Ministers met in Brussels.\n- They agreed.", "", "list"},
		{"numbered list", "1. Ministers met in Brussels on Monday.", "", "list"},
		{"markdown", "**Summary** Ministers met in Brussels.", "", "plain prose"},
		{"link", "Ministers met, see https://example.org for more.", "", "plain prose"},
		{"preamble", "Here is the summary: ministers met in Brussels.", "", "starts with"},
		{"too many sentences", "One two three four five. Six seven eight nine ten. A b c d e. F g h i j.", "", "4 sentences"},
		{"cut off", "Ministers met in Brussels on Monday and", "", "not a complete statement"},
		{"question", "Will the ministers agree on the aid package?", "", "not a complete statement"},
		{"unbalanced quote", `Ministers said "we agree on this package.`, "", "unbalanced"},
		{"too short", "Talks failed.", "", "only 2 words"},
		{"far too long", strings.Repeat("word ", 120) + "end.", "", "121 words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := checkForm(tt.in, 3, 80)
			if got != tt.want || (tt.complaint == "") != (c == "") || !strings.Contains(c, tt.complaint) {
				t.Fatalf("checkForm = %q, %q; want %q, %q", got, c, tt.want, tt.complaint)
			}
		})
	}
}

func TestCheckFormSlightlyLong(t *testing.T) {
	s1 := strings.Repeat("alpha ", 49) + "end."
	s2 := "Beta " + strings.Repeat("beta ", 38) + "end."
	got, c := checkForm(s1+" "+s2, 3, 80) // 90 words: the second sentence is dropped
	if c != "" || got != s1 {
		t.Fatalf("got %q, %q", got, c)
	}
}

func TestGrounding(t *testing.T) {
	g := newGrounding(Story{Headline: "EU ministers back Ukraine aid", Articles: []Article{{Title: "Aid agreed",
		Text: "Foreign ministers of the European Union met in Brussels on Sept. 5 and agreed on £1,400m and a 3.5% rise. " +
			"Ukraine's foreign minister Andrii Sybiha welcomed the decision. Министр Зеленский приехал."}}})
	tests := []struct {
		name, summary string
		names         bool
		missing       string
	}{
		{"all grounded", "EU ministers in Brussels agreed on £1,400m for Ukraine, a 3.5% rise, on September 5.", true, ""},
		{"derived forms", "The Ukrainian minister Sybiha welcomed the European decision.", true, ""},
		{"invented name", "Ministers agreed; Emmanuel Macron welcomed it.", true, "Emmanuel, Macron"},
		{"invented number", "Ministers agreed on 2,000 euros.", true, "2000"},
		{"invented date", "Ministers met in Brussels on Friday.", true, "Friday"},
		{"sentence start is not a name", "Foreign ministers agreed. Welcomed by Sybiha, it passed.", true, ""},
		{"translated: numbers only", "Paris agreed on 1,400 million.", false, ""},
		{"cyrillic inflection", "Министр приехал к Зеленскому.", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.check(tt.summary, tt.names)
			if tt.missing == "" && got != "" || tt.missing != "" && got != "not in the sources: "+tt.missing {
				t.Fatalf("check = %q, want missing %q", got, tt.missing)
			}
		})
	}
}

func TestNumbersIn(t *testing.T) {
	got := numbersIn("£1,400 and 3.5% in 2025, F-16s, 10.")
	if want := []string{"1400", "3.5", "2025", "16", "10"}; !slices.Equal(got, want) {
		t.Fatalf("numbersIn = %q, want %q", got, want)
	}
}

func FuzzCheckForm(f *testing.F) {
	for _, s := range []string{"Ministers met in Brussels on Monday.", "- a\n- b", "```x```", `"a. b." c d e.`} {
		f.Add(s)
	}
	g := newGrounding(Story{Articles: []Article{{Text: "Ministers met in Brussels on Monday, 5 May 2025."}}})
	f.Fuzz(func(t *testing.T, answer string) {
		text, c := checkForm(answer, 3, 80)
		if c == "" {
			if wordCount(text) > 80 || len(SplitSentences(text)) > 3 || strings.Contains(text, "\n") {
				t.Fatalf("accepted %q as %q", answer, text)
			}
			_ = g.check(text, true)
		}
	})
}
