package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Trailing-ticker thresholds. A ticker item is short, self-contained (does not lean
// on the previous paragraph with a pronoun or connective) and shares little of its
// vocabulary with the headline and lead; the run must hold at least minTickerRun
// items, follow at least two article paragraphs, and its items must be about
// different things (low overlap with each other).
const (
	maxTickerWords   = 70
	maxTickerSents   = 3
	maxTickerOverlap = 0.2
	maxTickerShared  = 2
	maxTickerMutual  = 0.2
	minTickerRun     = 4
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
		if !tickerItem(kept[i], profile) {
			break
		}
		start = i
	}
	run := kept[start:]
	if len(run) < minTickerRun || mutualOverlap(run) > maxTickerMutual {
		return
	}
	for _, p := range run {
		p.reason = ReasonTicker
	}
}

func tickerItem(p *para, profile map[string]struct{}) bool {
	wc := wordCount(p.text)
	if wc < 5 || wc > maxTickerWords || sentenceCount(p.text) > maxTickerSents || !endsSentence(p.text) {
		return false
	}
	if leansBack(p.text) || opensWithQuoteOrNumber(p.text) {
		return false
	}
	return overlap(p.stems, profile) <= maxTickerOverlap && shared(p.stems, profile) <= maxTickerShared
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
