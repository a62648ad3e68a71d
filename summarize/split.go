package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteLookahead bounds how far ahead the splitter looks for the closing
// quote of an open quotation before it decides not to break inside it.
const quoteLookahead = 400

// SplitSentences splits text into sentences. Every line break is a sentence
// boundary (cleaned text keeps headlines, datelines and list items on their
// own lines). Within a line it breaks after ".", "!", "?" and "…" (with any
// closing quotes or brackets) when the next word can start a sentence, and it
// does not break after abbreviations ("U.S. officials", "Sept. 5", "Mr.",
// "3 p.m. on"), inside decimals ("3.5%") or inside a short quotation that
// closes later on the line.
func SplitSentences(text string) []string {
	return splitSentences(text, 0)
}

// splitSentences is SplitSentences that stops after limit sentences
// (limit <= 0: no limit), so that a huge text costs little.
func splitSentences(text string, limit int) []string {
	var out []string
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		out = splitLine(line, out, limit)
		if limit > 0 && len(out) >= limit {
			return out[:limit]
		}
	}
	return out
}

// splitLine appends the sentences of one line to out.
func splitLine(line string, out []string, limit int) []string {
	line = strings.TrimSpace(line)
	start := 0
	inQuote := false
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '“' || r == '«':
			inQuote = true
		case r == '”' || r == '»':
			inQuote = false
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		// A run of terminators, then closing quotes and brackets.
		end := i + size
		onlyPeriod := r == '.'
		for end < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[end:])
			if r2 != '.' && r2 != '!' && r2 != '?' && r2 != '…' {
				break
			}
			onlyPeriod = false
			end += s2
		}
		closed := false
		for end < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[end:])
			if !isCloser(r2) {
				break
			}
			switch r2 {
			case '"', '”', '»':
				inQuote = false
			}
			closed = true
			end += s2
		}
		i = end
		if end >= len(line) {
			break
		}
		next, _ := utf8.DecodeRuneInString(line[end:])
		if !unicode.IsSpace(next) {
			continue // "3.5%", "U.S.-led", "Yahoo!'s"
		}
		rest := strings.TrimLeft(line[end:], " \t\u00a0")
		if !canStartSentence(rest) {
			continue
		}
		if inQuote && !opensQuote(rest) && strings.ContainsAny(head(rest, quoteLookahead), "\"”»") {
			// A quotation that closes later on this line, unless a new
			// quotation opens here (a quote running on over sentences).
			continue
		}
		if onlyPeriod && !closed && !breaksAfter(line[start:i-1], rest) {
			continue
		}
		if s := strings.TrimSpace(line[start:end]); s != "" {
			out = append(out, s)
			if limit > 0 && len(out) >= limit {
				return out
			}
		}
		start = end
		inQuote = false
	}
	if s := strings.TrimSpace(line[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func opensQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "«")
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// canStartSentence reports whether s begins like a sentence: a capital
// letter or a digit, possibly after an opening quote, bracket or dash.
func canStartSentence(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			return true
		case strings.ContainsRune("\"'“‘«([—–-", r):
			continue
		default:
			return false
		}
	}
	return false
}

// head returns at most n bytes of s.
func head(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// lastWord returns the last space-separated token of s without opening
// punctuation.
func lastWord(s string) string {
	if i := strings.LastIndexAny(s, " \t\u00a0"); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimLeft(s, "\"'“‘«([—–-")
}

// firstWord returns the first word of s without opening punctuation or
// trailing punctuation.
func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"'“‘«([—–-")
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }); i >= 0 {
		s = s[:i]
	}
	return s
}
