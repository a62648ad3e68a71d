package templates

import (
	"net/url"
	"strings"
	"time"

	"github.com/digestd/digestd/digest"
)

// Data is what the templates render: one letter of a digest for one recipient.
// Its methods are there for the templates ({{.Day}}, {{.When .Published}}...).
type Data struct {
	Digest *digest.Digest
	// Stories are the stories of this letter, ranked (may be a subset of
	// Digest.Stories). Nil means all of Digest.Stories.
	Stories   []digest.Story
	Recipient digest.Recipient
	// Location is the zone dates are shown in; nil means Digest.Timezone, else UTC.
	Location *time.Location
	// Why says why the subscriber gets the letter, shown in the footer.
	// "{email}", "{name}" and "{title}" are replaced by the recipient's
	// address, name and the digest's title; empty means a default sentence.
	Why string
}

// normalize fills the defaults Render relies on, so templates need no nil checks.
func (d Data) normalize() Data {
	if d.Digest == nil {
		d.Digest = &digest.Digest{}
	}
	if d.Stories == nil {
		d.Stories = d.Digest.Stories
	}
	if d.Location == nil {
		d.Location = time.UTC
		if d.Digest.Timezone != "" {
			if loc, err := time.LoadLocation(d.Digest.Timezone); err == nil {
				d.Location = loc
			}
		}
	}
	d.Recipient = cleanRecipient(d.Recipient)
	return d
}

// cleanRecipient drops control characters, which have no place in a name or
// an address and would let a header or a line be forged.
func cleanRecipient(r digest.Recipient) digest.Recipient {
	drop := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c < 0x20 || c == 0x7f {
				return -1
			}
			return c
		}, strings.TrimSpace(s))
	}
	return digest.Recipient{Email: drop(r.Email), Name: drop(r.Name), UnsubscribeURL: drop(r.UnsubscribeURL)}
}

// Title is the digest's title, or "Digest" when it has none.
func (d Data) Title() string {
	if t := strings.TrimSpace(d.Digest.Title); t != "" {
		return t
	}
	return "Digest"
}

// issued is the moment the letter speaks for: the end of its period.
func (d Data) issued() time.Time {
	if !d.Digest.Until.IsZero() {
		return d.Digest.Until
	}
	return d.Digest.GeneratedAt
}

// Day is the letter's date in full, e.g. "Saturday, 21 November 2026".
func (d Data) Day() string { return d.issued().In(d.Location).Format("Monday, 2 January 2006") }

// ShortDay is the letter's date in short, e.g. "21 Nov".
func (d Data) ShortDay() string { return d.issued().In(d.Location).Format("2 Jan") }

// Period is the span the digest covers, e.g. "20 Nov 07:00 – 21 Nov 07:00 EET".
// It is empty when the digest has no start.
func (d Data) Period() string {
	if d.Digest.Since.IsZero() {
		return ""
	}
	since, until := d.Digest.Since.In(d.Location), d.issued().In(d.Location)
	layout := "2 Jan 15:04"
	if since.Year() != until.Year() {
		layout = "2 Jan 2006 15:04"
	}
	return since.Format(layout) + " – " + until.Format(layout) + " " + until.Format("MST")
}

// When formats an article's time in the letter's zone: the clock time alone
// on the letter's day, else day and time. Nil gives "".
func (d Data) When(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	lt, day := t.In(d.Location), d.issued().In(d.Location)
	if lt.Year() == day.Year() && lt.YearDay() == day.YearDay() {
		return lt.Format("15:04")
	}
	if lt.Year() == day.Year() {
		return lt.Format("2 Jan 15:04")
	}
	return lt.Format("2 Jan 2006 15:04")
}

// SourceCount is the number of distinct outlets linked from the letter's stories.
func (d Data) SourceCount() int {
	seen := make(map[string]bool)
	for _, s := range d.Stories {
		for _, l := range s.Links {
			seen[strings.ToLower(Outlet(l))] = true
		}
	}
	return len(seen)
}

// Footer is Why with its placeholders filled, or a default sentence.
func (d Data) Footer() string {
	why := d.Why
	if strings.TrimSpace(why) == "" {
		why = "You receive {title} because {email} is subscribed to it."
	}
	return strings.NewReplacer("{email}", d.Recipient.Email, "{name}", d.Recipient.Name, "{title}", d.Title()).Replace(why)
}

// Outlet is a link's outlet name, else its URL's host without "www.".
func Outlet(l digest.Link) string {
	if o := strings.TrimSpace(l.Outlet); o != "" {
		return o
	}
	if u, err := url.Parse(l.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return "source"
}
