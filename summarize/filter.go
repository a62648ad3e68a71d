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
// links, sharing and subscription prompts, credits, legal lines, error pages
// and banners. Phrases are looked up by a key word, so a sentence costs one
// pass over its words.
func isBoilerplate(s string) bool {
	if letters, upper := caseCounts(s); letters > 0 && upper*10 > letters*7 {
		return true // SHOUTING: a banner or section label
	}
	if strings.Contains(s, "©") {
		return true
	}
	if i := strings.IndexByte(s, '@'); i > 0 && i < len(s)-1 && s[i-1] != ' ' && s[i+1] != ' ' {
		return true // an e-mail address
	}
	lower := ""
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' || s[j] == '\'') {
			j++
		}
		if j == i {
			i++
			continue
		}
		w := s[i:j]
		i = j
		if hasUpperASCII(w) {
			w = strings.ToLower(w)
		}
		phrases, alone := boilerplateKey(w)
		if alone {
			return true
		}
		if len(phrases) > 0 && lower == "" {
			lower = strings.ToLower(s)
		}
		for _, p := range phrases {
			if strings.Contains(lower, p) {
				return true
			}
		}
	}
	return false
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// boilerplateKey returns the page-furniture phrases found on news sites in
// general that contain the word w, or alone = true when the word itself
// marks boilerplate.
func boilerplateKey(w string) (phrases []string, alone bool) {
	switch w {
	case "http", "https", "www", "subscribe", "newsletter", "copyright", "cookie",
		"cookies", "advertisement", "javascript", "donate":
		return nil, true
	case "click":
		return []string{"click here"}, false
	case "read":
		return []string{"read more", "read the full"}, false
	case "sign":
		return []string{"sign up", "sign in to"}, false
	case "rights":
		return []string{"all rights reserved"}, false
	case "follow":
		return []string{"follow us"}, false
	case "share":
		return []string{"share this", "share on"}, false
	case "terms":
		return []string{"terms of use", "terms of service"}, false
	case "privacy":
		return []string{"privacy policy"}, false
	case "contributed":
		return []string{"contributed to this report", "contributed reporting"}, false
	case "reporting", "editing", "writing":
		return []string{w + " by"}, false
	case "image":
		return []string{"image caption", "image source"}, false
	case "photo":
		return []string{"photo credit"}, false
	case "getty":
		return []string{"getty images"}, false
	case "listen":
		return []string{"listen to this article"}, false
	case "min":
		return []string{"min read"}, false
	case "like":
		return []string{"you may also like"}, false
	case "related":
		return []string{"related articles", "related stories", "related news"}, false
	case "updated":
		return []string{"this story has been updated", "this article has been updated"}, false
	case "comments":
		return []string{"comments are closed"}, false
	case "comment":
		return []string{"leave a comment", "post a comment"}, false
	case "download":
		return []string{"download our app", "download the app"}, false
	case "log":
		return []string{"log in to"}, false
	case "journalism":
		return []string{"our journalism"}, false
	case "support":
		return []string{"support us"}, false
	case "page":
		return []string{"page you were looking for", "page you requested", "page not found",
			"page could not be found", "page cannot be found"}, false
	case "longer":
		return []string{"no longer available"}, false
	case "access":
		return []string{"access denied"}, false
	case "sorry":
		return []string{"we're sorry", "we are sorry"}, false
	case "wrong":
		return []string{"something went wrong"}, false
	case "unavailable":
		return []string{"temporarily unavailable"}, false
	case "try":
		return []string{"try again later"}, false
	}
	return nil, false
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
