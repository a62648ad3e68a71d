package clean

import (
	"strings"
)

// Dropped is one paragraph that cleaning removed, and why.
type Dropped struct{ Text, Reason string }

// para is one paragraph under cleaning.
type para struct {
	text   string
	reason string // "" while kept
	stems  map[string]struct{}
}

// Body is the generic cleaner. It takes the article's headline and its paragraphs
// in order (from any source) and returns the paragraphs to keep, in order, and what
// it removed with the reason. Every kept paragraph is one of the input paragraphs
// with its white space collapsed; empty paragraphs vanish silently.
func Body(title string, paras []string) ([]string, []Dropped) {
	ps := make([]*para, 0, len(paras))
	for _, p := range paras {
		if p = collapse(p); p != "" {
			ps = append(ps, &para{text: p, stems: stems(p)})
		}
	}
	title = collapse(title)

	for _, p := range ps {
		p.reason = classify(p.text)
	}
	profile := leadProfile(title, ps)
	dropBlocks(ps, profile)
	dropCommentThread(ps)
	dropRepeats(ps, title)
	dropTicker(ps, title, profile)
	dropEdges(ps, title, profile)

	var kept []string
	var dropped []Dropped
	for _, p := range ps {
		if p.reason == "" {
			kept = append(kept, p.text)
		} else {
			dropped = append(dropped, Dropped{Text: p.text, Reason: p.reason})
		}
	}
	return kept, dropped
}

// Text joins paragraphs with a blank line, as digest.json's text holds them.
func Text(paras []string) string { return strings.Join(paras, "\n\n") }

// leadProfile is the stem set of what the article is about: the headline and the
// first two substantial kept paragraphs (the lead).
func leadProfile(title string, ps []*para) map[string]struct{} {
	prof := stems(title)
	n := 0
	for _, p := range ps {
		if p.reason != "" || wordCount(p.text) < 12 || headingKind(p.text) != "" {
			continue
		}
		addAll(prof, p.stems)
		if n++; n == 2 {
			break
		}
	}
	return prof
}

// strong reports whether p reads as a paragraph of the article itself: prose of
// some length that shares a good part of its vocabulary with the headline and lead.
func strong(p *para, profile map[string]struct{}) bool {
	return wordCount(p.text) >= 12 && endsSentence(p.text) && !isTruncated(p.text) &&
		overlap(p.stems, profile) >= 0.3
}

func isTruncated(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") || strings.HasSuffix(s, "[…]") || strings.HasSuffix(s, "[...]")
}

// dropBlocks removes the blocks that a heading introduces: "related/latest/popular"
// lists and comment sections run until the article visibly resumes (a strong
// paragraph); a disclaimer or about-us heading takes the paragraph after it; a
// previous/next label takes the linked headline after it.
func dropBlocks(ps []*para, profile map[string]struct{}) {
	for i := 0; i < len(ps); i++ {
		kind := headingKind(ps[i].text)
		if kind == "" {
			continue
		}
		ps[i].reason = kind
		inline := wordCount(ps[i].text) > 4 && !strings.HasSuffix(ps[i].text, ":")
		switch kind {
		case ReasonRelated, ReasonComments:
			j := i + 1
			for ; j < len(ps) && !strong(ps[j], profile); j++ {
				if k := headingKind(ps[j].text); k != "" && k != ReasonPrevNext {
					kind = k // a footer heading inside the block names what follows
				}
				if ps[j].reason == "" || ps[j].reason == ReasonLabel {
					ps[j].reason = kind
				}
			}
			i = j - 1
		case ReasonDisclaimer, ReasonAbout:
			if inline && kind == ReasonDisclaimer {
				continue
			}
			if j := nextKept(ps, i); j >= 0 && (kind == ReasonAbout || !strong(ps[j], profile) || ps[j].reason != "") {
				ps[j].reason = kind
				i = j
			}
		case ReasonPrevNext:
			if inline {
				continue
			}
			if j := nextKept(ps, i); j >= 0 && wordCount(ps[j].text) <= 20 && !endsSentence(ps[j].text) {
				ps[j].reason = kind
				i = j
			}
		}
	}
}

// dropCommentThread removes a readers' comment thread: from the first comment's
// author line to the end, once two or more comment markers ("Reply", "reply
// April 5, 2018 6:32 PM", "Jane says:") follow the article.
func dropCommentThread(ps []*para) {
	first, n := -1, 0
	for i, p := range ps {
		if commentMarker(p.text) {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n < 2 || first < 1 {
		return
	}
	start := first
	// The comment above the first marker begins with its author's name.
	for j := first - 1; j >= max(0, first-8); j-- {
		if ps[j].reason == "" && prose(ps[j]) && j < first-1 && overlapsBefore(ps, j) {
			break
		}
		if nameLike(ps[j].text) {
			start = j
			break
		}
	}
	for _, p := range ps[start:] {
		if p.reason == "" {
			p.reason = ReasonComments
		}
	}
}

// nameLike: a commenter's name, "Anna", "Mark T.", "Ed B. -Netherlands".
func nameLike(p string) bool {
	return wordCount(p) <= 4 && capitalizedShare(p) == 1 && !strings.ContainsAny(p, "!?:")
}

// overlapsBefore is a stop for the search of a comment's author: p shares most of
// its vocabulary with the paragraphs above it, so it is still the article.
func overlapsBefore(ps []*para, j int) bool {
	prev := make(map[string]struct{})
	for _, q := range ps[:j] {
		if q.reason == "" {
			addAll(prev, q.stems)
		}
	}
	return overlap(ps[j].stems, prev) >= 0.6
}

// commentMarker: the reply link or the "says:" line of a reader's comment.
func commentMarker(p string) bool {
	if wordCount(p) > 8 {
		return false
	}
	k := lowerKey(p)
	return hasAnyPrefix(k, "reply", "ответить", "відповісти", "antworten", "répondre", "responder") ||
		strings.HasSuffix(strings.ToLower(strings.TrimSpace(p)), " says:") || k == "permalink"
}

func nextKept(ps []*para, i int) int {
	for j := i + 1; j < len(ps); j++ {
		if ps[j].reason == "" {
			return j
		}
	}
	return -1
}

// prose reports whether p reads as running text of some length.
func prose(p *para) bool {
	return wordCount(p.text) >= 12 && endsSentence(p.text) && !isTruncated(p.text)
}

// dropEdges works on the article's edges: the header (before the first paragraph of
// prose) and the footer (after the last one). There it removes heading-like labels
// that share no word with the rest of the article (a promo line, an agency credit, a
// category), and in the footer truncated teasers ("…") of other articles. Subheads
// between paragraphs of the body are never touched.
func dropEdges(ps []*para, title string, profile map[string]struct{}) {
	first, last := -1, -1
	for i, p := range ps {
		if p.reason == "" && prose(p) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	count := make(map[string]int)
	for s := range stems(title) {
		count[s]++
	}
	for _, p := range ps {
		if p.reason == "" {
			for s := range p.stems {
				count[s]++
			}
		}
	}
	// Walk backwards so that a footer label is dropped only when no kept content
	// follows it (a heading over a table or formulas at the end is kept).
	contentAfter := false
	for i := len(ps) - 1; i >= 0; i-- {
		p := ps[i]
		if p.reason != "" || i > first && i < last {
			continue
		}
		if i > last && isTruncated(p.text) && overlap(p.stems, profile) < 0.25 {
			p.reason = ReasonTeaser
			continue
		}
		if !headingLike(p.text) || i > last && contentAfter {
			contentAfter = contentAfter || i > last
			continue
		}
		related := false
		for s := range p.stems {
			if count[s] > 1 {
				related = true
				break
			}
		}
		if !related {
			p.reason = ReasonLabel
		} else if i > last {
			contentAfter = true
		}
	}
}

// maxShortRepeat is the length (in words) up to which any repeated paragraph is
// dropped: repeated labels, headings, captions and teaser titles.
const maxShortRepeat = 15

// dropRepeats drops copies of the headline, and repeated paragraphs, keeping the
// first copy: a duplicated block (two or more different paragraphs that reappear
// in the same order, as when a scraper captures the body twice) and any short
// paragraph that repeats. A single long paragraph that recurs on its own is kept: a
// refrain or a deliberately repeated passage is part of the text.
func dropRepeats(ps []*para, title string) {
	tk := normKey(title)
	var kept []*para
	var keys []string
	for _, p := range ps {
		if p.reason != "" {
			continue
		}
		k := normKey(p.text)
		if k == tk && k != "" {
			p.reason = ReasonTitle
			continue
		}
		kept = append(kept, p)
		keys = append(keys, k)
	}
	first := make(map[string]int)  // key -> position in kept of its first copy
	orig := make([]int, len(kept)) // position of the first copy, -1 for a first copy
	for i, k := range keys {
		if j, ok := first[k]; ok {
			orig[i] = j
		} else {
			first[k] = i
			orig[i] = -1
		}
	}
	for i := 0; i < len(kept); {
		if orig[i] < 0 {
			i++
			continue
		}
		// A run of copies whose originals follow each other in the same order.
		j := i + 1
		for j < len(kept) && orig[j] >= 0 && orig[j] == orig[j-1]+1 {
			j++
		}
		distinct := make(map[string]bool)
		for _, k := range keys[i:j] {
			distinct[k] = true
		}
		for _, p := range kept[i:j] {
			if len(distinct) >= 2 || wordCount(p.text) <= maxShortRepeat {
				p.reason = ReasonRepeat
			}
		}
		i = j
	}
}
