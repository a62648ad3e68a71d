package summarize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWords is the shortest sentence that may stand in a summary: anything
// shorter is a label, a caption or a fragment ("Never.", "Photo: AP").
const minWords = 5

// datelinePattern matches a leading news dateline or wire tag: "KYIV,
// Ukraine (AP) — ", "LONDON, March 3 (Reuters) - ", "BRUSSELS — ",
// "Moscow, June 2: ", "(AGENCY) ".
func datelinePattern() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		// CITY[, Country or date][ (Agency)] —
		`(?:\p{Lu}[\p{Lu}\s.'’-]{2,40}(?:,\s*[^()—–\n]{1,40}?)?\s*(?:\([^()]{1,40}\))?` +
		`|[^()—–\n]{1,60}?\s*\((?:AP|AFP|Reuters|Reuters/[^)]+|Bloomberg|dpa|UPI|Xinhua|Interfax|TASS|Ukrinform|UNIAN|RIA Novosti|CNN|BBC)\))\s*[—–-]{1,2}\s+` +
		// City, Month 2:
		`|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?,\s*(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}|\d{1,2}\s+\p{Lu}\p{Ll}{2,8})(?:,\s*\d{4})?\s*(?:\([^()]{1,30}\))?\s*[:—–-]\s+` +
		// (AGENCY)
		`|\(\p{Lu}[\p{Lu}\p{Ll}]{1,15}\)\s*(?:[—–:-]\s*)?)`)
}

// stripDateline removes a leading dateline from a sentence.
func stripDateline(re *regexp.Regexp, s string) string {
	if h := head(s, 90); s == "" || (strings.IndexByte(h, '-') < 0 && strings.IndexByte(h, ':') < 0 && s[0] != '(' &&
		!strings.Contains(h, "—") && !strings.Contains(h, "–")) {
		return s
	}
	loc := re.FindStringIndex(s)
	if loc == nil {
		return s
	}
	rest := s[loc[1]:]
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“«'‘", r) {
		return s // not a dateline: "Kyiv - based ..." style compounds
	}
	return rest
}

// unusable says why a sentence may not stand in a summary ("" when it may):
// boilerplate, a question to the reader, a fragment, a cut-off sentence.
func unusable(s string) string {
	if wordCount(s) < minWords {
		return "too short"
	}
	end := strings.TrimRight(s, "\"'”’»)] ")
	if end == "" {
		return "no text"
	}
	last, _ := utf8.DecodeLastRuneInString(end)
	switch last {
	case '.', '!', '…':
	case '?':
		return "question"
	default:
		return "cut off"
	}
	if strings.HasSuffix(end, "...") || last == '…' {
		return "cut off"
	}
	if !balanced(s) {
		return "unbalanced quotes"
	}
	if isBoilerplate(s) {
		return "boilerplate"
	}
	return ""
}

// balanced reports whether quotes and brackets in s are balanced.
func balanced(s string) bool {
	var straight, curly, guil, paren int
	for _, r := range s {
		switch r {
		case '"':
			straight++
		case '“':
			curly++
		case '”':
			curly--
		case '«':
			guil++
		case '»':
			guil--
		case '(':
			paren++
		case ')':
			paren--
		}
	}
	return straight%2 == 0 && curly == 0 && guil == 0 && paren == 0
}

// isBoilerplate reports sentences that belong to the page, not the story:
// links, sharing and subscription prompts, credits and legal lines.
func isBoilerplate(s string) bool {
	if letters, upper := caseCounts(s); letters > 0 && upper*10 > letters*7 {
		return true // SHOUTING: a banner or section label
	}
	if !hasBoilerplateTrigger(s) {
		return false
	}
	l := strings.ToLower(s)
	if strings.Contains(l, "http://") || strings.Contains(l, "https://") || strings.Contains(l, "www.") {
		return true
	}
	if i := strings.IndexByte(l, '@'); i > 0 && i < len(l)-1 && l[i-1] != ' ' && l[i+1] != ' ' {
		return true // an e-mail address
	}
	for _, p := range boilerplatePhrases() {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// hasBoilerplateTrigger is a cheap first pass: it reports whether s holds a
// character or word that starts one of the boilerplate patterns.
func hasBoilerplateTrigger(s string) bool {
	if strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "©") {
		return true
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
			j++
		}
		if j > i {
			switch strings.ToLower(s[i:j]) {
			case "http", "https", "www", "click", "read", "sign", "subscribe",
				"newsletter", "rights", "copyright", "follow", "share", "cookie",
				"terms", "privacy", "contributed", "reporting", "editing", "writing",
				"image", "photo", "getty", "advertisement", "listen", "min", "you",
				"related", "updated", "enable", "comments", "leave", "download",
				"log", "our", "support", "donate", "page", "access", "sorry", "wrong",
				"temporarily", "try", "longer":
				return true
			}
			i = j
			continue
		}
		i++
	}
	return false
}

// boilerplatePhrases are page furniture found on news sites in general.
func boilerplatePhrases() []string {
	return []string{
		"click here", "read more", "read the full", "sign up", "subscribe",
		"newsletter", "all rights reserved", "copyright", "©", "follow us",
		"share this", "share on", "cookie", "terms of use", "privacy policy",
		"contributed to this report", "contributed reporting", "reporting by",
		"editing by", "writing by", "image caption", "image source",
		"photo credit", "getty images", "advertisement", "listen to this article",
		"min read", "you may also like", "related articles", "related stories",
		"this story has been updated", "enable javascript", "comments are closed",
		"leave a comment", "download our app", "log in to", "sign in to",
		"our journalism", "support us", "donate",
		// error pages
		"page you were looking for", "page you requested", "page not found",
		"page could not be found", "page cannot be found", "no longer available",
		"access denied", "we're sorry", "we are sorry", "something went wrong",
		"temporarily unavailable", "try again later",
	}
}

func caseCounts(s string) (letters, upper int) {
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters, upper
}
