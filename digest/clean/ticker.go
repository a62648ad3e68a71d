package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Trailing-ticker thresholds. A ticker item is short and self-contained (it does
// not lean on the paragraph before it with a pronoun, a connective or a quotation).
// Read backwards from the end, the run takes every such item whose share of
// vocabulary with the headline and lead is at most maxItemOverlap (a ticker item may
// mention the same country or "talks" in passing); the run's first item must be
// clearly unrelated (at most maxEdgeOverlap), the run must hold minTickerRun items
// whose mean overlap is at most maxRunOverlap, the items must be about different
// things (mutual overlap at most maxTickerMutual), and at least two paragraphs of
// article must precede it.
const (
	maxTickerWords  = 70
	maxTickerSents  = 3
	maxItemOverlap  = 0.34
	maxEdgeOverlap  = 0.15
	maxRunOverlap   = 0.12
	maxTickerMutual = 0.2
	minTickerRun    = 4
)

// dropTicker removes a trailing run of unrelated one-paragraph news items.
func dropTicker(ps []*para, profile map[string]struct{}) {
	var kept []*para
	for _, p := range ps {
		if p.reason == "" {
			kept = append(kept, p)
		}
	}
	end := len(kept) // labels after the ticker (a credit, a category) are left to dropEdges
	for end > 0 && headingLike(kept[end-1].text) {
		end--
	}
	kept = kept[:end]
	start := len(kept)
	for i := len(kept) - 1; i >= 2; i-- {
		if !tickerShaped(kept[i]) || overlap(kept[i].stems, profile) > maxItemOverlap {
			break
		}
		start = i
	}
	for start < len(kept) && overlap(kept[start].stems, profile) > maxEdgeOverlap {
		start++
	}
	run := kept[start:]
	if len(run) < minTickerRun || mutualOverlap(run) > maxTickerMutual {
		return
	}
	sum := 0.0
	for _, p := range run {
		sum += overlap(p.stems, profile)
	}
	if sum/float64(len(run)) > maxRunOverlap {
		return
	}
	for _, p := range run {
		p.reason = ReasonTicker
	}
}

// tickerShaped: one short, self-contained news item.
func tickerShaped(p *para) bool {
	wc := wordCount(p.text)
	if wc < 5 || wc > maxTickerWords || sentenceCount(p.text) > maxTickerSents || !endsSentence(p.text) {
		return false
	}
	return !leansBack(p.text) && !opensWithQuoteOrNumber(p.text) && !personal(p.text)
}

// personal reports whether p speaks in the first or second person ("I", "we",
// "you"): news items report in the third person; a blog post or a list of tips
// does not.
func personal(p string) bool {
	for _, f := range strings.Fields(p) {
		w := strings.Trim(f, ",.;:!?\"'“”‘’()[]")
		if w == "I" || w == "us" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’") {
			return true
		}
		switch strings.ToLower(strings.ReplaceAll(w, "’", "'")) {
		case "me", "my", "we", "our", "ours", "you", "your", "yours", "we're", "we've", "we'll", "you're", "you've", "you'll",
			"я", "мы", "мой", "наш", "вы", "ich", "wir", "mein", "unser", "je", "nous", "notre", "vous":
			return true
		}
	}
	return false
}

// leansBack reports whether p opens with a word that refers to what came before
// ("He", "They", "However", "Meanwhile"): such a paragraph continues the article.
func leansBack(p string) bool {
	f := strings.Fields(p)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(strings.Trim(f[0], ",.;:\"'“”‘’"))
	switch w {
	case "he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "their", "its",
		"however", "meanwhile", "but", "and", "also", "moreover", "furthermore", "still", "yet",
		"nevertheless", "instead", "then", "thus", "therefore", "besides", "earlier", "later",
		"он", "она", "они", "это", "однако", "но", "er", "sie", "es", "aber", "il", "elle", "ils", "mais", "él", "ella", "pero":
		return true
	}
	return false
}

// opensWithQuoteOrNumber: a paragraph that opens with a quotation continues a story
// (dialogue, a quoted source); one that opens with a number is a footnote or a list.
func opensWithQuoteOrNumber(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	return strings.ContainsRune("\"'“”‘’«»„‚—–-", r) || unicode.IsDigit(r)
}

// mutualOverlap is the mean share of stems each item has in common with the other items.
func mutualOverlap(run []*para) float64 {
	if len(run) < 2 {
		return 0
	}
	total := 0.0
	for i, p := range run {
		others := make(map[string]struct{})
		for j, q := range run {
			if i != j {
				addAll(others, q.stems)
			}
		}
		total += overlap(p.stems, others)
	}
	return total / float64(len(run))
}
