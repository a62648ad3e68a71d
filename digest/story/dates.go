package story

import (
	"strconv"
	"time"
)

// dateMention is a date found in text: a calendar day (Month and Day, Year
// when stated) or one resolved from a weekday or a relative word against the
// publication date.
type dateMention struct {
	month time.Month
	day   int
	year  int // 0 when unknown
}

// key is the year-free feature token of a mention ("@06-02").
func (d dateMention) key() string {
	return "@" + pad2(int(d.month)) + "-" + pad2(d.day)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func monthOf(tok string) (time.Month, bool) {
	switch tok {
	case "january", "jan":
		return time.January, true
	case "february", "feb":
		return time.February, true
	case "march", "mar":
		return time.March, true
	case "april", "apr":
		return time.April, true
	case "may":
		return time.May, true
	case "june", "jun":
		return time.June, true
	case "july", "jul":
		return time.July, true
	case "august", "aug":
		return time.August, true
	case "september", "sep", "sept":
		return time.September, true
	case "october", "oct":
		return time.October, true
	case "november", "nov":
		return time.November, true
	case "december", "dec":
		return time.December, true
	}
	return 0, false
}

func weekdayOf(tok string) (time.Weekday, bool) {
	switch tok {
	case "sunday":
		return time.Sunday, true
	case "monday":
		return time.Monday, true
	case "tuesday":
		return time.Tuesday, true
	case "wednesday":
		return time.Wednesday, true
	case "thursday":
		return time.Thursday, true
	case "friday":
		return time.Friday, true
	case "saturday":
		return time.Saturday, true
	}
	return 0, false
}

// dayNumber parses "2", "02", "2nd", "21st" as a day of the month.
func dayNumber(tok string) (int, bool) {
	n := 0
	i := 0
	for i < len(tok) && i < 2 && tok[i] >= '0' && tok[i] <= '9' {
		n = n*10 + int(tok[i]-'0')
		i++
	}
	if i == 0 || n < 1 || n > 31 {
		return 0, false
	}
	switch tok[i:] {
	case "", "st", "nd", "rd", "th":
		return n, true
	}
	return 0, false
}

func yearNumber(tok string) int {
	if len(tok) != 4 {
		return 0
	}
	n, err := strconv.Atoi(tok)
	if err != nil || n < 1900 || n > 2200 {
		return 0
	}
	return n
}

// findDates returns the dates mentioned in the lower-case tokens: "June 2",
// "2 June", "June 2, 2025", and, when published is known, weekdays ("on
// Wednesday": the last such day up to publication), "today", "yesterday" and
// "last/next week" (as the day a week before/after publication).
func findDates(toks []string, published time.Time) []dateMention {
	var out []dateMention
	known := !published.IsZero()
	add := func(t time.Time) {
		out = append(out, dateMention{month: t.Month(), day: t.Day(), year: t.Year()})
	}
	for i, tok := range toks {
		if m, ok := monthOf(tok); ok && i+1 < len(toks) {
			if d, ok := dayNumber(toks[i+1]); ok && (tok != "may" || i == 0 || toks[i-1] != "it") {
				y := 0
				if i+2 < len(toks) {
					y = yearNumber(toks[i+2])
				}
				out = append(out, dateMention{month: m, day: d, year: y})
				continue
			}
		}
		if d, ok := dayNumber(tok); ok && i+1 < len(toks) {
			if m, ok := monthOf(toks[i+1]); ok {
				y := 0
				if i+2 < len(toks) {
					y = yearNumber(toks[i+2])
				}
				out = append(out, dateMention{month: m, day: d, year: y})
				continue
			}
		}
		if !known {
			continue
		}
		if wd, ok := weekdayOf(tok); ok {
			back := (int(published.Weekday()) - int(wd) + 7) % 7
			if i > 0 && toks[i-1] == "next" {
				add(published.AddDate(0, 0, 7-back))
			} else {
				add(published.AddDate(0, 0, -back))
			}
			continue
		}
		switch tok {
		case "today", "tonight":
			add(published)
		case "yesterday":
			add(published.AddDate(0, 0, -1))
		case "week":
			if i > 0 && toks[i-1] == "next" {
				add(published.AddDate(0, 0, 7))
			} else if i > 0 && toks[i-1] == "last" {
				add(published.AddDate(0, 0, -7))
			}
		}
	}
	return out
}

// dayOfYear places a mention in a common (non-leap) year, 0..364.
func (d dateMention) dayOfYear() int {
	return time.Date(2001, d.month, d.day, 0, 0, 0, 0, time.UTC).YearDay() - 1
}

// dateGap is the smallest distance in days between a mention in a and one in
// b, ignoring the year; -1 when either has none.
func dateGap(a, b []int) int {
	if len(a) == 0 || len(b) == 0 {
		return -1
	}
	best := 365
	for _, x := range a {
		for _, y := range b {
			d := x - y
			if d < 0 {
				d = -d
			}
			best = min(best, d, 365-d)
		}
	}
	return best
}

// isDateWord reports whether findDates may use a token: a month, a weekday,
// or a relative day word.
func isDateWord(t string) bool {
	if _, ok := monthOf(t); ok {
		return true
	}
	if _, ok := weekdayOf(t); ok {
		return true
	}
	switch t {
	case "today", "tonight", "yesterday", "week":
		return true
	}
	return false
}

// weekdayMask has bit d set for every weekday d named in toks.
func weekdayMask(toks []string) uint8 {
	var m uint8
	for _, t := range toks {
		if wd, ok := weekdayOf(t); ok {
			m |= 1 << wd
		}
	}
	return m
}

// weekdayGap is the smallest distance in days, around the week, between a
// weekday of a and one of b; -1 when either names none.
func weekdayGap(a, b uint8) int {
	if a == 0 || b == 0 {
		return -1
	}
	best := 7
	for x := range 7 {
		for y := range 7 {
			if a&(1<<x) != 0 && b&(1<<y) != 0 {
				d := (x - y + 7) % 7
				best = min(best, d, 7-d)
			}
		}
	}
	return best
}
