// Package schedule turns a cron spec into the times digests are due, in a time zone, and makes
// daylight-saving changes safe: robfig/cron skips a local time that does not exist (the spring-
// forward gap) and can fire twice in a repeated hour. Here a time inside a gap runs at the first
// valid minute after it, and a repeated hour runs once. It also finds the last due time before
// now, which is how a daemon knows it missed a run while it was down. It does not run anything.
package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// parser is the cron syntax accepted: five fields, descriptors (@daily, @every 10s), and a
// CRON_TZ= or TZ= prefix.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Schedule is a cron schedule that is safe across daylight-saving changes.
type Schedule struct {
	spec  *cron.SpecSchedule // wall-clock fields evaluated in UTC; nil for @every
	every cron.Schedule      // a constant-delay schedule (@every), used as is
	loc   *time.Location
	text  string
}

// Parse reads spec in zone loc (a CRON_TZ= or TZ= prefix in spec wins).
func Parse(spec string, loc *time.Location) (*Schedule, error) {
	spec = strings.TrimSpace(spec)
	if loc == nil {
		loc = time.UTC
	}
	s, err := parser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule: %q: %w", spec, err)
	}
	out := &Schedule{loc: loc, text: spec}
	switch v := s.(type) {
	case *cron.SpecSchedule:
		if hasTZ(spec) {
			out.loc = v.Location
		}
		wall := *v
		wall.Location = time.UTC
		out.spec = &wall
	default:
		out.every = s
	}
	return out, nil
}

func hasTZ(spec string) bool {
	return strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=")
}

// String is the spec as given.
func (s *Schedule) String() string { return s.text }

// Location is the zone the schedule's wall-clock times are in.
func (s *Schedule) Location() *time.Location { return s.loc }

// Next returns the first due time after t.
func (s *Schedule) Next(t time.Time) time.Time {
	if s.every != nil {
		return s.every.Next(t)
	}
	// Evaluate the fields on the wall clock, where every minute exists exactly once.
	w := wall(t.In(s.loc))
	for range 1000 { // each round moves past one wall time; the bound guards a broken zone
		nw := s.spec.Next(w)
		if nw.IsZero() {
			return time.Time{}
		}
		at := real(nw, s.loc)
		if !at.After(t) {
			// The wall time repeats (fall back) and its first occurrence is past: once is enough.
			w = nw
			continue
		}
		return at
	}
	return time.Time{}
}

// Prev returns the last due time at or before t, looking back at most window; zero when none.
func (s *Schedule) Prev(t time.Time, window time.Duration) time.Time {
	if s.every != nil {
		// A constant delay has no anchor: the last due time is one delay ago.
		if prev := t.Add(-s.every.Next(t).Sub(t)); !prev.Before(t.Add(-window)) {
			return prev
		}
		return time.Time{}
	}
	var last time.Time
	cur := t.Add(-window)
	for range 200000 {
		n := s.Next(cur)
		if n.IsZero() || n.After(t) {
			return last
		}
		last, cur = n, n
	}
	return last
}

// wall is t's wall-clock reading as a UTC time.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// real maps a wall-clock reading back to an instant in loc. A reading that happens twice (fall
// back) maps to its first occurrence; one that does not exist (a spring-forward gap) maps to the
// first valid minute after it.
func real(w time.Time, loc *time.Location) time.Time {
	at := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if wall(at.In(loc)).Equal(w) {
		for _, d := range []time.Duration{2 * time.Hour, time.Hour, 30 * time.Minute} {
			if e := at.Add(-d); wall(e.In(loc)).Equal(w) {
				return e
			}
		}
		return at
	}
	for k := 1; k <= 24*60; k++ {
		c := w.Add(time.Duration(k) * time.Minute).Truncate(time.Minute)
		at := time.Date(c.Year(), c.Month(), c.Day(), c.Hour(), c.Minute(), 0, 0, loc)
		if wall(at.In(loc)).Equal(c) {
			return at
		}
	}
	return at
}
