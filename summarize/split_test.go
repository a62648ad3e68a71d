package summarize

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"initialism mid sentence", "The U.S. said talks would resume. They did.",
			[]string{"The U.S. said talks would resume.", "They did."}},
		{"initialism ends sentence", "Talks were held in the U.S. The next round is in Geneva.",
			[]string{"Talks were held in the U.S.", "The next round is in Geneva."}},
		{"month abbreviation", "The ministers met on Sept. 5 in Brussels. They agreed.",
			[]string{"The ministers met on Sept. 5 in Brussels.", "They agreed."}},
		{"titles", "Mr. Smith met Dr. Jones and Gen. Petraeus. Nothing was agreed.",
			[]string{"Mr. Smith met Dr. Jones and Gen. Petraeus.", "Nothing was agreed."}},
		{"p.m. ends sentence", "The meeting ended at 5 p.m. Officials left soon after.",
			[]string{"The meeting ended at 5 p.m.", "Officials left soon after."}},
		{"p.m. inside sentence", "It starts at 3 p.m. GMT on Monday. Come early.",
			[]string{"It starts at 3 p.m. GMT on Monday.", "Come early."}},
		{"p.m. lower case", "It ended at 3 p.m. on Monday.", []string{"It ended at 3 p.m. on Monday."}},
		{"decimal percent", "Inflation rose 3.5% in May. Prices fell 1.2 percent.",
			[]string{"Inflation rose 3.5% in May.", "Prices fell 1.2 percent."}},
		{"money", "It cost $1.5bn. The U.K. government paid.", []string{"It cost $1.5bn.", "The U.K. government paid."}},
		{"quote closes sentence", `He said: "It's over." She left.`, []string{`He said: "It's over."`, "She left."}},
		{"quote then attribution", `"We will not give up," he said. "Never." The talks ended.`,
			[]string{`"We will not give up," he said.`, `"Never."`, "The talks ended."}},
		{"question in quote with attribution", `"Why now?" he asked. Nobody answered.`,
			[]string{`"Why now?" he asked.`, "Nobody answered."}},
		{"multi-sentence quote kept whole", `"We made a commitment. We will keep it," she said. Then she left.`,
			[]string{`"We made a commitment. We will keep it," she said.`, "Then she left."}},
		{"curly quotes", "“Talks failed.” The envoy flew home.", []string{"“Talks failed.”", "The envoy flew home."}},
		{"dashes", "The talks — held in Geneva — ended early. A new round is planned.",
			[]string{"The talks — held in Geneva — ended early.", "A new round is planned."}},
		{"middle initial", "George W. Bush spoke. He left.", []string{"George W. Bush spoke.", "He left."}},
		{"number abbreviation", "He lives at No. 10 Downing Street. He is busy.",
			[]string{"He lives at No. 10 Downing Street.", "He is busy."}},
		{"e.g.", "Some states, e.g. Poland, agreed. Others did not.", []string{"Some states, e.g. Poland, agreed.", "Others did not."}},
		{"company suffix", "Acme Inc. said profits rose. The shares fell.", []string{"Acme Inc. said profits rose.", "The shares fell."}},
		{"exclamation and question", "Stop! Who goes there? Nobody.", []string{"Stop!", "Who goes there?", "Nobody."}},
		{"line breaks are boundaries", "Headline without stop\n\nFirst paragraph here.\nSecond line", []string{"Headline without stop", "First paragraph here.", "Second line"}},
		{"parenthesis", "Talks ended (the second round.) More next week.", []string{"Talks ended (the second round.)", "More next week."}},
		{"lower case after period", "He used the abbrev. approx and went on.", []string{"He used the abbrev. approx and went on."}},
		{"cyrillic", "Переговоры прошли в Женеве. Стороны договорились.", []string{"Переговоры прошли в Женеве.", "Стороны договорились."}},
		{"ellipsis", "He waited... Then he left.", []string{"He waited...", "Then he left."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitSentencesLimit(t *testing.T) {
	text := strings.Repeat("One sentence here. ", 1000)
	if got := splitSentences(text, 7); len(got) != 7 {
		t.Fatalf("limit 7: got %d sentences", len(got))
	}
	if got := SplitSentences(text); len(got) != 1000 {
		t.Fatalf("no limit: got %d sentences, want 1000", len(got))
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"The U.S. said. He left.", `"A." B`, "3.5% of p.m. Mr.", "…\n\n«Да.» Нет."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sent := range SplitSentences(s) {
			if sent == "" || strings.TrimSpace(sent) != sent {
				t.Fatalf("bad sentence %q from %q", sent, s)
			}
			if strings.Contains(sent, "\n") {
				t.Fatalf("sentence %q spans lines", sent)
			}
		}
	})
}

func TestSplitRunOnQuotes(t *testing.T) {
	in := `He said: "Talks are fun to watch. "The result is what counts," he added.`
	want := []string{`He said: "Talks are fun to watch.`, `"The result is what counts," he added.`}
	if got := SplitSentences(in); !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func BenchmarkSplitSentences(b *testing.B) {
	text := benchArticle(1, 600)
	for b.Loop() {
		SplitSentences(text)
	}
}
