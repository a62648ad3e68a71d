package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Headline thresholds (in words).
const (
	// maxHeadlineSentence is the longest line ending in a full stop that may still
	// be a headline; longer ones are sentences of the body.
	maxHeadlineSentence = 12
	// minProse is the length from which a line ending a sentence reads as a
	// paragraph of body prose; the search for the headline stops at the first one
	// that belongs to the article.
	minProse = 12
	// maxNameLabel is the longest site or organisation label ("Ministry of Foreign
	// Affairs of Ukraine") that gives way to a headline directly under it.
	maxNameLabel = 8
	// foreignProse is the overlap under which a prose line before the headline
	// shares nothing with the article after it (a "could not be loaded" notice, a
	// cookie banner) and is header rather than body.
	foreignProse = 0.1
)

// findTitle returns the index of the headline among the leading blocks, or -1.
//
// A markdown level-1 heading wins. Otherwise the headline is the first block that
// reads as one, searched until the first paragraph of body prose: a paragraph that
// shares vocabulary with what follows it means the article has begun without a
// headline, and nothing before it is dropped. A site or organisation label directly
// followed by a line that reads better as a headline gives way to that line.
func findTitle(bs []block) int {
	n := min(len(bs), maxHeader)
	for i, b := range bs[:n] {
		if b.level == 1 {
			return i
		}
	}
	afterProse := false
	for i, b := range bs[:n] {
		if bodyProse(b.text) {
			if !foreignToArticle(bs, i) {
				return -1
			}
			afterProse = true // a notice of the page, not of the article
			continue
		}
		if !readsAsHeadline(b) || afterProse && endsSentence(b.text) {
			continue
		}
		for i+1 < len(bs) && betterHeadline(bs, i) {
			i++
		}
		return i
	}
	return -1
}

// readsAsHeadline: 3 to 30 words (3 only when not every word is capitalised, which
// is how section labels look), not ending in a colon, not caught by any
// boilerplate rule, a date, or a block heading, and not a sentence of the body (a
// line ending in a full stop is a headline only when short and one sentence).
func readsAsHeadline(b block) bool {
	s := b.text
	wc := wordCount(s)
	if wc < 3 || wc > 30 || utf8.RuneCountInString(s) > 250 || strings.HasSuffix(s, ":") {
		return false
	}
	if b.level == 0 && wc == 3 && capitalizedShare(s) == 1 {
		return false
	}
	if classify(s) != "" || headingKind(s) != "" {
		return false
	}
	if isTruncated(s) || strings.ToUpper(s) == s && wc < 5 {
		return false
	}
	if endsSentence(s) && (sentenceCount(s) > 1 || fullStop(s) && wc > maxHeadlineSentence) {
		return false
	}
	return true
}

// bodyProse: a line that reads as a paragraph of running text, not a headline:
// it ends a sentence and is long, or holds several sentences, and no boilerplate
// rule catches it.
func bodyProse(s string) bool {
	if !endsSentence(s) || classify(s) != "" {
		return false
	}
	wc := wordCount(s)
	return wc >= minProse || sentenceCount(s) > 1 && wc > 4
}

// foreignToArticle reports whether the prose block at i is short (under 30 words)
// and shares (almost) nothing with the next blocks: a notice of the page (error, cookies, paywall) above the
// headline rather than the first paragraph of an article without one.
func foreignToArticle(bs []block, i int) bool {
	if wordCount(bs[i].text) >= 30 {
		return false // a paragraph that long is the article's own
	}
	rest := make(map[string]struct{})
	for _, b := range bs[i+1 : min(len(bs), i+4)] {
		addAll(rest, stems(b.text))
	}
	return len(rest) > 0 && overlap(stems(bs[i].text), rest) < foreignProse
}

// fullStop reports whether s ends with a full stop (before any closing quote or
// bracket), as a sentence of the body does, rather than "?" or "!".
func fullStop(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。")
}

// betterHeadline reports whether the block after the candidate at i reads better
// as the headline than the candidate: the candidate is a short name label (a site,
// an organisation, a section: capitalised words and connectors, no clause) and the
// next block is a longer clause in sentence case that reads as a headline and
// shares words with the lead paragraph under it.
func betterHeadline(bs []block, i int) bool {
	label, next := bs[i], bs[i+1]
	if label.level != 0 || !nameLabel(label.text) || !readsAsHeadline(next) || endsSentence(next.text) {
		return false
	}
	if wordCount(next.text) < wordCount(label.text)+3 || nameLabel(next.text) || capitalizedShare(next.text) >= 0.6 {
		return false
	}
	lead := -1
	for j := i + 2; j < min(len(bs), i+5); j++ {
		if bodyProse(bs[j].text) {
			lead = j
			break
		}
	}
	if lead < 0 {
		return false
	}
	ns := stems(next.text)
	return shared(ns, stems(bs[lead].text)) >= 2
}

// nameLabel: a short line of capitalised words joined by lower-case connectors
// ("Ministry of Foreign Affairs of Ukraine", "Office of the President"): a name,
// not a clause. Acronyms and capitalised words only, apart from words of at most
// three letters.
func nameLabel(s string) bool {
	wc := wordCount(s)
	if wc == 0 || wc > maxNameLabel || endsSentence(s) || strings.ContainsAny(s, ":\"“”«»?!,") {
		return false
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || !unicode.IsLetter(r) {
			continue
		}
		if utf8.RuneCountInString(w) > 3 {
			return false
		}
	}
	return true
}
