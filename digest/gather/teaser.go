package gather

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Teaser thresholds: a text with fewer words or sentences than these is a
// teaser, "shorter than a few sentences".
const (
	TeaserWords     = 100
	TeaserSentences = 3
)

// IsTeaser reports whether a feed item's text (HTML or plain) is only a
// teaser of the article: fewer than TeaserWords words or TeaserSentences
// sentences, or ending in an ellipsis or a "read more" link.
func IsTeaser(s string) bool {
	text := strings.TrimSpace(htmlText(s))
	if text == "" {
		return true
	}
	words, sentences := 0, 0
	inWord := false
	rs := []rune(text)
	for i, r := range rs {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord {
				words++
			}
			inWord = true
			continue
		}
		inWord = false
		if (r == '.' || r == '!' || r == '?' || r == '。') && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])) {
			sentences++
		}
	}
	if words < TeaserWords || sentences < TeaserSentences {
		return true
	}
	tail := strings.ToLower(text[max(0, len(text)-40):])
	return strings.HasSuffix(tail, "…") || strings.HasSuffix(tail, "...") || strings.HasSuffix(tail, "[…]") ||
		strings.HasSuffix(tail, "[...]") || strings.Contains(tail, "read more") || strings.Contains(tail, "continue reading")
}

// htmlText returns the text of an HTML fragment (plain text passes through).
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
