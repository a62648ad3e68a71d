package story

import (
	"testing"
)

// Two events of one topic told with the topic's own words: only what is
// specific (the city, the mediators, the package) tells them apart.
var (
	swapTalks = Doc{Title: "Kyiv and Moscow agree new prisoner swap talks in Vienna",
		Text: "Negotiators from Kyiv and Moscow agreed in Vienna to hold new talks on a prisoner swap, Austrian mediators said.\nThe talks will also cover the return of children, the Austrian chancellery said."}
	swapTalks2 = Doc{Title: "Austria to host new round of prisoner swap talks",
		Text: "Austrian mediators said negotiators from Kyiv and Moscow would return to Vienna for talks on a prisoner swap and the return of children."}
	oilCap = Doc{Title: "Ministers agree new sanctions on Moscow over the war on Kyiv",
		Text: "Finance ministers agreed in Ottawa on a lower price cap for seaborne oil as new sanctions on Moscow over the war on Kyiv, officials said.\nThe cap targets tankers and insurers."}
)

func TestCommonTerms(t *testing.T) {
	common := []string{"kyiv", "moscow", "prisoner swap", "sanctions", "talks", "war", "negotiators"}
	sim := func(docs []Doc, common []string) float64 {
		opt := DefaultOptions()
		opt.Common = common
		fs := extractAll(docs)
		weigh(fs, commonIDs(opt.Common))
		c := &clusterer{fs: fs, opt: opt.normalized()}
		return c.similarity(0, 1)
	}
	tests := []struct {
		name string
		docs []Doc
		same bool
	}{
		{"two events of one topic", []Doc{swapTalks, oilCap}, false},
		{"one event, two outlets", []Doc{swapTalks, swapTalks2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, weighed := sim(tt.docs, nil), sim(tt.docs, common)
			t.Logf("similarity %.3f, with common terms %.3f", plain, weighed)
			if tt.same != (weighed >= DefaultOptions().Threshold) {
				t.Errorf("with common terms: similarity %.3f, want same event %v", weighed, tt.same)
			}
			opt := DefaultOptions()
			opt.Common = common
			if got := len(Cluster(tt.docs, opt)) == 1; got != tt.same {
				t.Errorf("Cluster: one story %v, want %v", got, tt.same)
			}
		})
	}
}

func TestWeekdayGap(t *testing.T) {
	const (
		sun = 1 << iota
		mon
		tue
		wed
		thu
		fri
		sat
	)
	tests := []struct {
		name string
		a, b uint8
		want int
	}{
		{"none", 0, wed, -1},
		{"same day", wed, wed, 0},
		{"next day", wed, thu, 1},
		{"two days", wed, fri, 2},
		{"around the week", sat, mon, 2},
		{"nearest pair counts", mon | fri, thu, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := weekdayGap(tt.a, tt.b); got != tt.want {
				t.Errorf("weekdayGap = %d, want %d", got, tt.want)
			}
		})
	}
}
