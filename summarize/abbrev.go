package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// breaksAfter decides whether a single period that ends before (the text of
// the sentence so far, without the period) and is followed by next (the rest
// of the line, starting with a capital or a digit) ends a sentence.
func breaksAfter(before, next string) bool {
	w := lastWord(before)
	if w == "" {
		return true
	}
	lw := strings.ToLower(w)
	nw := firstWord(next)
	nextDigit := len(next) > 0 && next[0] >= '0' && next[0] <= '9'
	switch {
	case strings.ContainsAny(lw, "0123456789"):
		return true // "rose 3.5. Officials"
	case isTitle(lw):
		return false // "Mr. Smith", "Gen. Zaluzhny"
	case lw == "a.m" || lw == "p.m":
		// "at 5 p.m. Officials left" breaks; "5 p.m. GMT", "p.m. Monday" do not.
		return !isTimeWord(nw)
	case isMonth(lw) && nextDigit:
		return false // "Sept. 5"
	case isNumberAbbrev(lw) && nextDigit:
		return false // "No. 10"
	case isInfixAbbrev(lw):
		return false // "e.g. Kyiv", "vs. Russia"
	case strings.Contains(lw, ".") || isInitial(w) || isSuffixAbbrev(lw):
		// "U.S. officials", "George W. Bush", "Acme Inc. said": break only
		// when a word that typically opens a sentence follows.
		return isSentenceStarter(nw)
	}
	return true
}

// isInitial reports whether w is a single capital letter ("W" of "George W.").
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

func isTitle(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt",
		"col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "st", "rev",
		"hon", "pres", "amb", "supt", "insp", "det", "fr", "mt", "ft", "messrs",
		"lt.gen", "brig", "gen.maj":
		return true
	}
	return false
}

func isMonth(w string) bool {
	switch w {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

func isNumberAbbrev(w string) bool {
	switch w {
	case "no", "nos", "art", "vol", "p", "pp", "fig", "ch", "sec", "para", "ex", "approx", "ca", "est":
		return true
	}
	return false
}

func isInfixAbbrev(w string) bool {
	switch w {
	case "e.g", "i.e", "vs", "cf", "viz", "approx", "incl", "a.k.a", "т.е", "т.н", "им", "ул", "г":
		return true
	}
	return false
}

func isSuffixAbbrev(w string) bool {
	switch w {
	case "inc", "ltd", "corp", "co", "jr", "sr", "bros", "plc", "llc", "dept", "etc", "univ", "assn":
		return true
	}
	return false
}

// isTimeWord reports whether w may follow "a.m."/"p.m." inside a sentence:
// a time zone (all capitals) or a weekday.
func isTimeWord(w string) bool {
	if w == "" {
		return true
	}
	if strings.ToUpper(w) == w && len(w) <= 5 {
		return true // GMT, EST, CET, UTC
	}
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "local", "kyiv", "moscow":
		return true
	}
	return false
}

// isSentenceStarter reports whether w is a closed-class word (article,
// pronoun, conjunction, preposition, common adverb) that, capitalised after
// an abbreviation, almost always opens a new sentence.
func isSentenceStarter(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but",
		"and", "or", "so", "yet", "in", "on", "at", "for", "from", "with", "by",
		"after", "before", "during", "this", "that", "these", "those", "his",
		"her", "their", "its", "our", "there", "however", "meanwhile", "when",
		"while", "if", "as", "since", "although", "though", "some", "many",
		"most", "all", "both", "one", "two", "no", "not", "what", "who",
		"why", "how", "where", "earlier", "later", "last", "now", "then",
		"also", "still", "yesterday", "today", "tomorrow", "officials",
		"according", "asked":
		return true
	}
	return false
}
