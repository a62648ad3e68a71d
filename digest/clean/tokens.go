package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stemLen is the prefix length used as a cheap, language-neutral stem:
// "Russia", "Russian" and "Russia's" all become "russi".
const stemLen = 6

// isStopword reports whether a lowercased word carries no topic.
// Short words (under 4 letters) never count, so only longer function words are listed.
func isStopword(w string) bool {
	switch w {
	case "that", "with", "from", "this", "have", "been", "were", "will", "said", "their",
		"about", "after", "which", "would", "could", "also", "more", "than", "they", "into",
		"over", "when", "what", "where", "there", "these", "those", "other", "some", "such",
		"only", "very", "just", "says", "them", "then", "while", "being", "should", "must",
		"each", "both", "most", "many", "much", "between", "against", "during", "before",
		"under", "again", "further", "once", "here", "your", "yours", "ours", "because",
		"until", "since", "through", "upon", "does", "doing", "having", "like", "even",
		"well", "back", "still", "already", "however", "including", "according", "monday",
		"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "year",
		"years", "today", "first", "last", "next", "time", "told", "added", "noted",
		"для", "что", "как", "это", "или", "его", "она", "они", "который", "также", "після",
		"und", "der", "die", "das", "mit", "für", "eine", "pour", "dans", "avec", "sont",
		"para", "como", "pero", "está":
		return true
	}
	return false
}

// words splits s into lowercased words of letters and digits.
func words(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "'’")
		if w != "" {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// stems returns the set of content stems of s: words of 4+ letters, not stopwords,
// cut to stemLen runes. A possessive "'s" is removed first.
func stems(s string) map[string]struct{} {
	set := make(map[string]struct{})
	for _, w := range words(s) {
		if strings.IndexFunc(w, isCJK) >= 0 {
			addBigrams(set, w)
			continue
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if utf8.RuneCountInString(w) < 4 || isStopword(w) || isNumber(w) {
			continue
		}
		set[prefix(w, stemLen)] = struct{}{}
	}
	return set
}

// addBigrams adds the character pairs of a run of CJK text as its stems.
func addBigrams(set map[string]struct{}, w string) {
	rs := []rune(w)
	for i := 0; i+1 < len(rs); i++ {
		set[string(rs[i:i+2])] = struct{}{}
	}
}

func prefix(w string, n int) string {
	i := 0
	for j := range w {
		if i == n {
			return w[:j]
		}
		i++
	}
	return w
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// overlap is the share of a's stems that also occur in b (0 when a is empty).
func overlap(a, b map[string]struct{}) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for s := range a {
		if _, ok := b[s]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// shared counts the stems a and b have in common.
func shared(a, b map[string]struct{}) int {
	n := 0
	for s := range a {
		if _, ok := b[s]; ok {
			n++
		}
	}
	return n
}

func addAll(dst, src map[string]struct{}) {
	for s := range src {
		dst[s] = struct{}{}
	}
}

// wordCount counts whitespace-separated words; in scripts written without spaces
// (Chinese, Japanese, Korean) every two characters count as one word.
func wordCount(s string) int {
	n := len(strings.Fields(s))
	cjk := 0
	for _, r := range s {
		if isCJK(r) {
			cjk++
		}
	}
	return n + cjk/2
}

func isCJK(r rune) bool {
	if r < 0x1100 { // below Hangul Jamo: Latin, Greek, Cyrillic, Arabic, ...
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r)
}

// sentenceCount estimates the number of sentences: terminal punctuation followed by
// a space or the end (at least 1 for any non-empty text).
func sentenceCount(s string) int {
	n := 0
	rs := []rune(s)
	for i, r := range rs {
		if r == '.' || r == '!' || r == '?' || r == '…' {
			if i == len(rs)-1 || unicode.IsSpace(rs[i+1]) || rs[i+1] == '"' || rs[i+1] == '”' || rs[i+1] == '’' {
				// "U.S. " and initials: skip when the word before is a single letter.
				if r == '.' && i >= 1 && unicode.IsUpper(rs[i-1]) && (i < 2 || !unicode.IsLetter(rs[i-2])) {
					continue
				}
				n++
			}
		}
	}
	if n == 0 && strings.TrimSpace(s) != "" {
		n = 1
	}
	return n
}

// endsSentence reports whether s ends like a sentence (terminal punctuation,
// possibly followed by a closing quote or bracket).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// hasLetter reports whether s contains at least one letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// normKey is the comparison key for repeat detection: lowercased letters and digits,
// single-spaced.
func normKey(s string) string {
	return strings.Join(words(s), " ")
}

// Collapse is the white-space normalisation Body applies to each paragraph: trimmed,
// runs of white space (no-break spaces included) made one space, zero-width
// characters removed. Body's kept paragraphs are Collapse of its inputs.
func Collapse(s string) string { return collapse(s) }

// collapse trims s and collapses runs of white space (including no-break and
// zero-width spaces) to one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d' || r == '\u00ad' ||
			unicode.IsControl(r) && !unicode.IsSpace(r) {
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// capitalizedShare is the share of words (with letters) that start with an upper-case letter.
func capitalizedShare(s string) float64 {
	n, c := 0, 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "\"'“‘(«-–—"))
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			c++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(c) / float64(n)
}
