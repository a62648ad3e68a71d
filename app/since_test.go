package app

import (
	"reflect"
	"testing"
	"time"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/digest/topic"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2025, 6, 2, 7, 0, 0, 0, time.UTC)
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2025-01-01", time.Date(2025, 1, 1, 0, 0, 0, 0, kyiv), true},
		{"2025-05-30T12:00:00Z", time.Date(2025, 5, 30, 12, 0, 0, 0, time.UTC), true},
		{"36h", now.Add(-36 * time.Hour), true},
		{"7d", now.Add(-7 * 24 * time.Hour), true},
		{"yesterday", time.Time{}, false},
		{"-5h", time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSince(tc.in, now, kyiv)
			if (err == nil) != tc.ok || !got.Equal(tc.want) {
				t.Fatalf("parseSince(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// The profile written out in the shipped config.toml is the built-in one.
func TestShippedProfileIsTheBuiltIn(t *testing.T) {
	c, err := config.Load("../config.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := matcher(c)
	if err != nil {
		t.Fatal(err)
	}
	got, want := m.Profile(), topic.DefaultProfile()
	if len(got.Exclude) == 0 && len(want.Exclude) == 0 {
		got.Exclude, want.Exclude = nil, nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config.toml's [topic] differs from topic.DefaultProfile():\n got %+v\nwant %+v", got, want)
	}
}
