package story

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var base = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

func at(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }

// Fixture articles: three events that share the same people (the two foreign
// ministers), plus the same wire story under two headlines.
var (
	callA = Doc{Title: "Foreign ministers discuss grain corridor in phone call", Source: "a", Published: at(0),
		Text: "The two foreign ministers spoke by phone on Monday about reopening the grain corridor through the Black Sea ports of Odesa and Mykolaiv.\nBoth sides said inspections of cargo ships would resume under the mediation of Turkey.\nThe ministers also discussed the exchange of detained sailors."}
	callB = Doc{Title: "Ministers agree to revive Black Sea grain corridor", Source: "b", Published: at(5),
		Text: "Ukraine's and Russia's top diplomats agreed in a phone call to revive the grain corridor from Odesa, with Turkey inspecting cargo ships.\nThe call, the first in months, also touched on sailors detained in both countries.\nShipping insurers welcomed the news."}
	summit = Doc{Title: "Foreign ministers meet in Helsinki to discuss nuclear plant safety", Source: "c", Published: at(3),
		Text: "The two foreign ministers met in Helsinki on Monday to discuss the safety of the Zaporizhzhia nuclear plant with the head of the atomic energy agency.\nInspectors would be allowed to rotate every month, the agency said.\nNo agreement was reached on a demilitarised zone around the reactors."}
	laterCall = Doc{Title: "Foreign ministers discuss grain corridor again", Source: "d", Published: at(24 * 6),
		Text: "The two foreign ministers spoke by phone again on Sunday about the grain corridor through the Black Sea ports of Odesa and Mykolaiv.\nInspections of cargo ships under Turkish mediation have slowed, both sides said.\nThe ministers also discussed the exchange of detained sailors."}
	wire1 = Doc{Title: "Envoys to hold prisoner swap talks in Abu Dhabi", Source: "wire-a", Published: at(2),
		Text: "Envoys from Kyiv and Moscow will meet in Abu Dhabi on Thursday to prepare a prisoner swap of 300 soldiers from each side, mediators from the Emirates said.\nThe swap would be the largest since the autumn.\nRelatives of missing soldiers gathered outside the talks venue."}
	wire2 = Doc{Title: "Emirates to host Ukraine-Russia exchange of 600 prisoners", Source: "wire-b", Published: at(4),
		Text: wire1.Text}
)

// onDay puts a date into the lead of d.
func onDay(d Doc, day string) Doc {
	d.Text = "On " + day + ", " + d.Text
	return d
}

func storyOf(groups []Group, n int) []int {
	s := make([]int, n)
	for g, grp := range groups {
		for _, m := range grp.Members {
			s[m] = g
		}
	}
	return s
}

func TestCluster(t *testing.T) {
	noDate := func(d Doc) Doc { d.Published = time.Time{}; return d }
	tests := []struct {
		name string
		docs []Doc
		want []int // expected story label per doc; equal labels = same story
	}{
		{"same event, two outlets, same people in another event", []Doc{callA, summit, callB}, []int{0, 1, 0}},
		{"same wire story under two headlines", []Doc{wire1, callA, wire2}, []int{0, 1, 0}},
		{"same topic, different days", []Doc{callA, laterCall, callB}, []int{0, 1, 0}},
		{"unknown dates still group by content", []Doc{noDate(callA), noDate(summit), noDate(callB), noDate(wire1), noDate(wire2)}, []int{0, 1, 0, 2, 2}},
		{"mixed batch", []Doc{callA, summit, wire1, laterCall, callB, wire2}, []int{0, 1, 2, 3, 0, 2}},
		{"undated leads that name other days", []Doc{noDate(onDay(callA, "May 3")), noDate(onDay(laterCall, "May 19"))}, []int{0, 1}},
		{"undated leads that name the same day", []Doc{noDate(onDay(callA, "May 3")), noDate(onDay(callB, "May 3"))}, []int{0, 0}},
		{"undated leads naming weekdays two days apart", []Doc{noDate(onDay(callA, "Wednesday")), noDate(onDay(callB, "Friday"))}, []int{0, 1}},
		{"undated leads naming the next day", []Doc{noDate(onDay(callA, "Wednesday")), noDate(onDay(callB, "Thursday"))}, []int{0, 0}},
		{"a dated lead and an undated one", []Doc{onDay(callA, "Friday"), noDate(callB)}, []int{0, 0}},
		{"single doc", []Doc{summit}, []int{0}},
		{"empty doc stays alone", []Doc{callA, {}, callB}, []int{0, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := Cluster(tt.docs, DefaultOptions())
			got := storyOf(groups, len(tt.docs))
			for i := range tt.docs {
				for j := i + 1; j < len(tt.docs); j++ {
					if (tt.want[i] == tt.want[j]) != (got[i] == got[j]) {
						t.Errorf("docs %d and %d: want same story %v, got %v (groups %v)", i, j, tt.want[i] == tt.want[j], got[i] == got[j], groups)
					}
				}
			}
			seen := 0
			for _, g := range groups {
				seen += len(g.Members)
				if !slices.Contains(g.Members, g.Headline) {
					t.Errorf("headline %d not a member of %v", g.Headline, g.Members)
				}
			}
			if seen != len(tt.docs) {
				t.Errorf("groups hold %d docs, want %d", seen, len(tt.docs))
			}
		})
	}
	if g := Cluster(nil, DefaultOptions()); g != nil {
		t.Errorf("Cluster(nil) = %v", g)
	}
}

func TestHeadlinePrefersReadableTitle(t *testing.T) {
	short := wire2
	short.Title = "Swap"
	groups := Cluster([]Doc{short, wire1}, DefaultOptions())
	if len(groups) != 1 || groups[0].Headline != 1 {
		t.Errorf("groups %+v: want one story headed by doc 1", groups)
	}
}

func TestFindDates(t *testing.T) {
	pub := time.Date(2025, 5, 29, 10, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		name string
		text string
		pub  time.Time
		want []string
	}{
		{"month day", "talks planned for June 2 in Istanbul", time.Time{}, []string{"@06-02"}},
		{"day month year", "on 16 May 2025 they met", time.Time{}, []string{"@05-16"}},
		{"ordinal", "by March 3rd", time.Time{}, []string{"@03-03"}},
		{"weekday resolved", "a call on Wednesday", pub, []string{"@05-28"}},
		{"same weekday is the day itself", "said on Thursday", pub, []string{"@05-29"}},
		{"next weekday", "will meet next Monday", pub, []string{"@06-02"}},
		{"yesterday and next week", "yesterday; talks next week", pub, []string{"@05-28", "@06-05"}},
		{"weekday without a date is unknown", "on Wednesday", time.Time{}, nil},
		{"modal may is not a month", "it may 2 be", time.Time{}, nil},
		{"not a day", "May 45 and June", time.Time{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range findDates(strings.Fields(strings.ToLower(strings.NewReplacer(",", "", ";", "").Replace(tt.text))), tt.pub) {
				got = append(got, d.key())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findDates(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzCluster(f *testing.F) {
	f.Add("Talks in Geneva", "Envoys met on June 2.\nThey agreed.", "Talks in Geneva end", "Envoys met Monday.")
	f.Fuzz(func(t *testing.T, t1, x1, t2, x2 string) {
		docs := []Doc{{Title: t1, Text: x1, Published: base}, {Title: t2, Text: x2}, {Title: t1, Text: x2}}
		groups := Cluster(docs, DefaultOptions())
		n := 0
		for _, g := range groups {
			n += len(g.Members)
		}
		if n != len(docs) {
			t.Fatalf("groups hold %d docs, want %d", n, len(docs))
		}
	})
}
