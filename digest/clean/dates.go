package clean

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// parseFirstLine parses the scraper's first line " date YYYY-MM-DD STATUS"
// (STATUS optional). ok is false when line is not of that shape.
func parseFirstLine(line string) (date time.Time, status int, ok bool) {
	f := strings.Fields(line)
	if len(f) < 2 || len(f) > 3 || !strings.EqualFold(f[0], "date") {
		return time.Time{}, 0, false
	}
	d, err := time.Parse("2006-01-02", f[1])
	if err != nil {
		return time.Time{}, 0, false
	}
	if len(f) == 3 {
		n, err := strconv.Atoi(f[2])
		if err != nil || n < 100 || n > 599 {
			return time.Time{}, 0, false
		}
		status = n
	}
	return d, status, true
}

// parseDateLine reads a line that is only a date, optionally labelled and with a
// weekday or time: "Monday, June 2, 2025", "Published: 29 May 2025 10:14", "2025-05-17".
// The result is midnight UTC of that calendar day.
func parseDateLine(line string) (time.Time, bool) {
	s := strings.ToLower(collapse(line))
	for _, lab := range []string{"date:", "published:", "published on", "published", "updated:", "updated on",
		"last updated:", "posted on", "posted:", "posted", "on "} {
		if strings.HasPrefix(s, lab) {
			s = strings.TrimSpace(s[len(lab):])
			break
		}
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '|' })
	// Drop a leading weekday and Spanish/Portuguese "de" between the parts.
	if len(f) > 0 && isWeekday(strings.TrimSuffix(f[0], ".")) {
		f = f[1:]
	}
	f = slices.DeleteFunc(f, func(w string) bool { return w == "de" || w == "del" })
	// The date ends at the year (or is one ISO/dotted token); a time of day may follow.
	year := -1
	for i, w := range f {
		if len(w) == 4 && isNumber(w) || strings.Count(w, "-") == 2 || strings.Count(w, ".") == 2 || strings.Count(w, "/") == 2 {
			year = i
			break
		}
	}
	if year < 0 || year > 2 {
		return time.Time{}, false
	}
	for _, w := range f[year+1:] {
		if !isTimeToken(w) {
			return time.Time{}, false
		}
	}
	toks := make([]string, 0, year+1)
	for _, w := range f[:year+1] {
		w = strings.TrimSuffix(w, ".")
		w = stripOrdinal(w)
		if w != "" {
			toks = append(toks, titleWord(w))
		}
	}
	cand := strings.Join(toks, " ")
	// The calendar-date spellings accepted once labels, weekdays, ordinals and the
	// time of day are removed.
	for _, l := range [...]string{"January 2 2006", "Jan 2 2006", "2 January 2006", "2 Jan 2006", "2006-01-02",
		"02.01.2006", "2.1.2006", "2006/01/02"} {
		if t, err := time.Parse(l, cand); err == nil {
			return t, true
		}
	}
	return foreignDate(toks)
}

// foreignDate reads "2 июня 2025", "2. Juni 2025", "2 juin 2025", "junio 2 2025".
func foreignDate(toks []string) (time.Time, bool) {
	if len(toks) != 3 {
		return time.Time{}, false
	}
	y, err := strconv.Atoi(toks[2])
	if err != nil || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	d, m := toks[0], toks[1]
	if _, err := strconv.Atoi(d); err != nil {
		d, m = m, d
	}
	day, err := strconv.Atoi(strings.TrimSuffix(d, "."))
	month := foreignMonth(strings.ToLower(m))
	if err != nil || month == 0 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// foreignMonth recognises month names in Russian, Ukrainian, German, French,
// Spanish and Italian by their stems (any grammatical case).
func foreignMonth(w string) time.Month {
	stems := [12][]string{
		{"январ", "січ", "januar", "janvier", "enero", "gennaio", "jänner"},
		{"феврал", "лют", "februar", "février", "fevrier", "febrero", "febbraio"},
		{"март", "марта", "берез", "märz", "marz", "mars", "marzo"},
		{"апрел", "квіт", "april", "avril", "abril", "aprile"},
		{"мая", "май", "трав", "mai", "mayo", "maggio"},
		{"июн", "черв", "juni", "juin", "junio", "giugno"},
		{"июл", "лип", "juli", "juillet", "julio", "luglio"},
		{"август", "серп", "august", "août", "aout", "agosto"},
		{"сентябр", "верес", "september", "septembre", "septiembre", "settembre"},
		{"октябр", "жовт", "oktober", "octobre", "octubre", "ottobre"},
		{"ноябр", "листоп", "november", "novembre", "noviembre"},
		{"декабр", "груд", "dezember", "décembre", "decembre", "diciembre", "dicembre"},
	}
	for i, ss := range stems {
		for _, st := range ss {
			if strings.HasPrefix(w, st) {
				return time.Month(i + 1)
			}
		}
	}
	return 0
}

func isWeekday(w string) bool {
	switch w {
	case "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
		"понеділок", "вівторок", "середа", "четвер", "пʼятниця", "п'ятниця", "субота", "неділя",
		"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo":
		return true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		n := strings.ToLower(d.String())
		if w == n || w == n[:3] {
			return true
		}
	}
	return false
}

// isTimeToken accepts "10:14", "10:14:05", "am", "pm", "utc", "gmt", "est", "+0300", "ist".
func isTimeToken(w string) bool {
	if strings.Contains(w, ":") {
		return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != ':' && r != '.' }) < 0
	}
	switch w {
	case "г", "г.", "року", "р.", "uhr", "h", "am", "pm", "a.m.", "p.m.", "utc", "gmt", "est", "edt", "cet", "cest", "msk", "ist", "eest", "eet", "pst", "pdt", "bst":
		return true
	}
	return (strings.HasPrefix(w, "+") || strings.HasPrefix(w, "-")) && len(w) == 5 && isNumber(w[1:])
}

func stripOrdinal(w string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) && isNumber(w[:len(w)-len(suf)]) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func titleWord(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' { // only English month names need a capital
		return w
	}
	if strings.HasPrefix(w, "sept") && len(w) <= 5 {
		w = "sep"
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
