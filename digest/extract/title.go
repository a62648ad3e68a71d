package extract

import (
	"net/url"
	"strings"
	"unicode"
)

// chooseTitle picks the headline: trafilatura's title (og:title, JSON-LD, <h1> or
// <title>), unless that is a single word, or shares no word with the page's
// <title> (a logo or section heading taken for the headline): then the <title>.
// The site's name is cut from either end ("Headline | Site", "Site - Headline").
func chooseTitle(metaTitle, headTitle, siteName, pageURL, canonical string) string {
	names := siteNames(siteName, pageURL, canonical)
	t := stripSiteName(strings.Join(strings.Fields(metaTitle), " "), names)
	head := stripSiteName(strings.Join(strings.Fields(headTitle), " "), names)
	if hw := len(strings.Fields(head)); hw >= 2 && (len(strings.Fields(t)) < 2 || !shareWord(t, head)) {
		return head
	}
	return t
}

// shareWord reports whether a and b have a word (letters and digits, any case) in common.
func shareWord(a, b string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	set := make(map[string]bool)
	for _, w := range split(a) {
		set[w] = true
	}
	for _, w := range split(b) {
		if set[w] {
			return true
		}
	}
	return false
}

// siteNames are the normalised names the site goes by: its declared name and the
// main label of its host names ("example" for www.example.co.uk).
func siteNames(siteName string, urls ...string) []string {
	var names []string
	if n := normName(siteName); n != "" {
		names = append(names, n)
	}
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil || p.Hostname() == "" {
			continue
		}
		labels := strings.Split(strings.TrimPrefix(p.Hostname(), "www."), ".")
		main := labels[0]
		if len(labels) >= 2 {
			main = labels[len(labels)-2]
			if len(labels) >= 3 && len(main) <= 3 { // example.co.uk
				main = labels[len(labels)-3]
			}
		}
		if n := normName(main); len(n) >= 3 {
			names = append(names, n)
		}
	}
	return names
}

// normName keeps lower-case letters and digits, with accents dropped for Latin letters.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 0xC0 && r <= 0x17F { // Latin-1 and Latin Extended-A: fold to the base letter
			r = foldLatin(r)
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func foldLatin(r rune) rune {
	const from = "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýÿāăąćčďđēęěğīıľłńňōőœŕřśşšťūůűųźżž"
	const to = "aaaaaaaceeeeiiiidnoooooouuuuyyaaaccddeeegiilllnnooorrsssstuuuuzzz"
	fr, tr := []rune(from), []rune(to)
	for i, c := range fr {
		if c == r && i < len(tr) {
			return tr[i]
		}
	}
	return r
}

// stripSiteName removes a leading or trailing segment that names the site, keeping
// at least two words of headline.
func stripSiteName(t string, names []string) string {
	if len(names) == 0 {
		return t
	}
	// The separators between a headline and the site's name.
	for _, sep := range [...]string{" | ", " - ", " — ", " – ", " · ", " :: ", " » ", " / ", " : "} {
		i := strings.LastIndex(t, sep)
		if i > 0 && namesSite(t[i+len(sep):], names) && len(strings.Fields(t[:i])) >= 2 {
			return stripSiteName(strings.TrimSpace(t[:i]), names)
		}
		if j := strings.Index(t, sep); j > 0 && namesSite(t[:j], names) && len(strings.Fields(t[j+len(sep):])) >= 2 {
			return stripSiteName(strings.TrimSpace(t[j+len(sep):]), names)
		}
	}
	return t
}

func namesSite(seg string, names []string) bool {
	n := normName(seg)
	if n == "" {
		return false
	}
	for _, name := range names {
		if n == name || len(n) >= 3 && strings.Contains(name, n) || len(name) >= 3 && strings.Contains(n, name) && len(strings.Fields(seg)) <= 4 {
			return true
		}
	}
	return false
}
