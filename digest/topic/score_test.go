package topic

import (
	"slices"
	"strings"
	"testing"
)

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name    string
		p       Profile
		wantErr string
	}{
		{"no terms", Profile{Threshold: 0.5}, "no terms"},
		{"zero weight", Profile{Terms: map[string]float64{"talks": 1, "truce": 0}}, `"truce"`},
		{"negative weight", Profile{Terms: map[string]float64{"talks": -2}}, `"talks"`},
		{"blank term", Profile{Terms: map[string]float64{" -- ": 1}}, `" -- "`},
		{"threshold above 1", Profile{Terms: map[string]float64{"talks": 1}, Threshold: 1.5}, "threshold"},
		{"threshold below 0", Profile{Terms: map[string]float64{"talks": 1}, Threshold: -0.1}, "threshold"},
		{"empty must group", Profile{Terms: map[string]float64{"talks": 1}, Must: [][]string{{}}}, "must group 1"},
		{"blank must term", Profile{Terms: map[string]float64{"talks": 1}, Must: [][]string{{"kyiv", "!"}}}, `"!"`},
		{"blank exclude", Profile{Terms: map[string]float64{"talks": 1}, Exclude: []string{""}}, "exclude"},
		{"negative title weight", Profile{Terms: map[string]float64{"talks": 1}, TitleWeight: -1}, "title weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.p)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New() error = %v, want one containing %s", err, tt.wantErr)
			}
		})
	}
	if _, err := New(DefaultProfile()); err != nil {
		t.Fatalf("default profile: %v", err)
	}
}

func TestScoreMatching(t *testing.T) {
	p := Profile{
		Terms:       map[string]float64{"negotiation": 2, "prisoner exchange": 3, "kyiv": 1},
		Threshold:   0.1,
		TitleWeight: 3,
	}
	m, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		title, text string
		want        []string
	}{
		{"inflections", "", "They were negotiating; the negotiations went on.", []string{"negotiation"}},
		{"case insensitive phrase", "", "A PRISONER Exchange took place.", []string{"prisoner exchange"}},
		{"phrase across inflection", "", "Prisoners exchanged at the border.", []string{"prisoner exchange"}},
		{"word boundary", "", "Kyivstar outage; prisoners escaped", nil},
		{"phrase needs order", "", "the exchange of prisoners", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := m.Score(tt.title, tt.text)
			if !slices.Equal(r.Matched, tt.want) {
				t.Errorf("Matched = %q, want %q (reason %s)", r.Matched, tt.want, r.Reason)
			}
		})
	}
	t.Run("title weighs more", func(t *testing.T) {
		inTitle := m.Score("Kyiv update", "Nothing else here at all.")
		inBody := m.Score("Update", "Nothing else here at all, said Kyiv.")
		if !(inTitle.Score > inBody.Score) {
			t.Errorf("title score %v not above body score %v", inTitle.Score, inBody.Score)
		}
	})
	t.Run("empty", func(t *testing.T) {
		r := m.Score("", "")
		if r.Score != 0 || r.Relevant || r.Reason == "" {
			t.Errorf("empty input: %+v", r)
		}
	})
}

func TestDefaultProfile(t *testing.T) {
	m, err := New(DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		title, text string
		relevant    bool
		reasonHas   string
	}{
		{
			"ceasefire talks", "Envoys meet in Geneva for Ukraine ceasefire talks",
			"Negotiators from Kyiv and Moscow met on Tuesday to discuss a ceasefire and a prisoner swap. The foreign ministers are expected to meet again next week.",
			true, "ceasefire",
		},
		{
			"foreign minister call", "Foreign ministers discuss the war by phone",
			"The Ukrainian foreign minister held a phone call with his counterpart about security guarantees and sanctions.",
			true, "security guarantees",
		},
		{
			"drone strike without diplomacy", "Drones hit apartment block in Kyiv overnight",
			"Russian drones struck a residential building in Kyiv, killing four people, Ukrainian officials said. Air defence units shot down most of the drones. Rescue workers searched the rubble through the morning.",
			false, "missing one of: ceasefire",
		},
		{
			"capital merely mentioned", "Ballet festival opens with new production",
			"The festival brings together companies from Paris, Vienna and Moscow. Tickets sold out within hours, organisers said, and the closing night will be broadcast live.",
			false, "missing",
		},
		{
			"diplomacy elsewhere", "Trade envoys resume negotiations on grain tariffs",
			"Negotiators from the two trading blocs resumed talks on tariffs in Brussels, officials said.",
			false, "missing one of: ukraine",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := m.Score(tt.title, tt.text)
			if r.Relevant != tt.relevant {
				t.Errorf("Relevant = %v, want %v: %s", r.Relevant, tt.relevant, r.Reason)
			}
			if !strings.Contains(r.Reason, tt.reasonHas) {
				t.Errorf("reason %q lacks %q", r.Reason, tt.reasonHas)
			}
			if r.Score < 0 || r.Score > 1 {
				t.Errorf("score %v out of 0..1", r.Score)
			}
		})
	}
}

func TestExclude(t *testing.T) {
	p := DefaultProfile()
	p.Exclude = []string{"horoscope"}
	m, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	r := m.Score("Ukraine peace talks and your horoscope", "Negotiations on a ceasefire in Kyiv continue.")
	if r.Relevant || r.Score != 0 || !slices.Equal(r.Excluded, []string{"horoscope"}) {
		t.Errorf("excluded article: %+v", r)
	}
}
