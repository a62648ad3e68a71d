package schedule

import (
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no zone %s: %v", name, err)
	}
	return loc
}

func TestNext(t *testing.T) {
	kyiv := mustLoc(t, "Europe/Kyiv")
	ny := mustLoc(t, "America/New_York")
	at := func(loc *time.Location, s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name string
		spec string
		loc  *time.Location
		from time.Time
		want []time.Time // successive due times
	}{
		{"daily at 7 in Kyiv", "0 7 * * *", kyiv, at(kyiv, "2025-06-01 06:00"),
			[]time.Time{at(kyiv, "2025-06-01 07:00"), at(kyiv, "2025-06-02 07:00")}},
		{"CRON_TZ wins over the zone", "CRON_TZ=America/New_York 0 7 * * *", kyiv, at(ny, "2025-06-01 06:59"),
			[]time.Time{at(ny, "2025-06-01 07:00")}},
		// 30 March 2025: clocks in Kyiv jump from 03:00 to 04:00. 03:30 does not exist that day:
		// the digest runs at 04:00, and the next day at 03:30 again.
		{"inside the spring-forward gap", "30 3 * * *", kyiv, at(kyiv, "2025-03-29 12:00"),
			[]time.Time{at(kyiv, "2025-03-30 04:00"), at(kyiv, "2025-03-31 03:30")}},
		// 26 October 2025: 03:00-04:00 in Kyiv happens twice. 03:30 runs once.
		{"inside the repeated hour", "30 3 * * *", kyiv, at(kyiv, "2025-10-25 12:00"),
			[]time.Time{time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC), at(kyiv, "2025-10-27 03:30")}},
		{"hourly across the fall-back hour runs each wall hour once", "0 * * * *", kyiv, time.Date(2025, 10, 25, 23, 30, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC), // 03:00 EEST
				time.Date(2025, 10, 26, 2, 0, 0, 0, time.UTC), // 04:00 EET (03:00 EET is skipped: already run)
			}},
		{"every 10s", "@every 10s", kyiv, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2025, 1, 1, 0, 0, 10, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 20, 0, time.UTC)}},
		{"weekdays only", "0 7 * * 1-5", time.UTC, time.Date(2025, 6, 6, 8, 0, 0, 0, time.UTC), // a Friday
			[]time.Time{time.Date(2025, 6, 9, 7, 0, 0, 0, time.UTC)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.spec, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			cur := tc.from
			for i, want := range tc.want {
				got := s.Next(cur)
				if !got.Equal(want) {
					t.Fatalf("due time %d after %v = %v, want %v", i+1, cur, got.In(s.Location()), want.In(s.Location()))
				}
				cur = got
			}
		})
	}
}

func TestPrevFindsTheMissedRun(t *testing.T) {
	s, err := Parse("0 7 * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 6, 3, 9, 0, 0, 0, time.UTC)
	if got, want := s.Prev(now, 7*24*time.Hour), time.Date(2025, 6, 3, 7, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Prev = %v, want %v", got, want)
	}
	if got := s.Prev(time.Date(2025, 6, 3, 6, 0, 0, 0, time.UTC), time.Hour); !got.IsZero() {
		t.Errorf("Prev within an hour of 06:00 = %v, want none", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, spec := range []string{"", "0 7 * *", "61 * * * *", "CRON_TZ=Mars/Olympus 0 7 * * *", "@fortnightly"} {
		t.Run(spec, func(t *testing.T) {
			if _, err := Parse(spec, time.UTC); err == nil {
				t.Errorf("Parse(%q) accepted it", spec)
			}
		})
	}
}
