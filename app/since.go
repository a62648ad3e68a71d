package app

import (
	"fmt"
	"time"

	"github.com/digestd/digestd/config"
)

// parseSince reads --since: a date (midnight in loc), an RFC 3339 time, or a duration back
// from now ("36h", "7d").
func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := config.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, fmt.Errorf("--since %q: the duration must be positive", s)
		}
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: not a date (2025-01-01), an RFC 3339 time or a duration (36h, 7d)", s)
}
