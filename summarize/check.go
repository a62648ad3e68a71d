package summarize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// checkForm enforces the output rules on an LLM answer whatever the articles
// said: plain prose, whole sentences, within the sentence and word limits.
// It returns the cleaned summary, or a complaint.
func checkForm(answer string, sentences, maxWords int) (string, string) {
	text := unwrap(stripThinking(answer))
	if text == "" {
		return "", "the answer was empty"
	}
	low := strings.ToLower(text)
	for _, bad := range []string{"```", "http://", "https://", "www.", "<", ">", "**", "##"} {
		if strings.Contains(low, bad) {
			return "", fmt.Sprintf("it contains %q; write plain prose", bad)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "• ") || strings.HasPrefix(l, "#") || isNumbered(l) {
			return "", "it contains a list or heading; write one paragraph"
		}
	}
	for _, p := range []string{"here is", "here's", "sure", "summary:", "as an ai", "i cannot", "i can't", "i'm sorry", "certainly"} {
		if strings.HasPrefix(low, p) {
			return "", fmt.Sprintf("it starts with %q; give the summary only", p)
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	sents := SplitSentences(text)
	if len(sents) > sentences {
		return "", fmt.Sprintf("it has %d sentences; the limit is %d", len(sents), sentences)
	}
	for _, s := range sents {
		end := strings.TrimRight(s, "\"'”’»)")
		if r, _ := utf8.DecodeLastRuneInString(end); r != '.' && r != '!' {
			return "", fmt.Sprintf("the sentence %q is not a complete statement", head(s, 60))
		}
	}
	if !balanced(text) {
		return "", "its quotes or brackets are unbalanced"
	}
	if n := wordCount(text); n < minWords {
		return "", fmt.Sprintf("it has only %d words", n)
	} else if n > maxWords+maxWords/4 {
		return "", fmt.Sprintf("it has %d words; the limit is %d", n, maxWords)
	}
	// Slightly over the word limit: drop trailing sentences, never cut one.
	for len(sents) > 1 && wordCount(strings.Join(sents, " ")) > maxWords {
		sents = sents[:len(sents)-1]
	}
	text = strings.Join(sents, " ")
	if wordCount(text) > maxWords {
		text = trimWords(text, maxWords)
	}
	return text, ""
}

// stripThinking removes the <think>…</think> block that reasoning models
// served by local servers put before their answer.
func stripThinking(s string) string {
	s = strings.TrimSpace(s)
	for _, tag := range []string{"think", "thinking", "reasoning"} {
		open, closing := "<"+tag+">", "</"+tag+">"
		if strings.HasPrefix(s, open) {
			if i := strings.Index(s, closing); i >= 0 {
				return strings.TrimSpace(s[i+len(closing):])
			}
		}
	}
	return s
}

// unwrap removes quotes around the whole answer when they are its only ones.
func unwrap(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			inner := s[len(q[0]) : len(s)-len(q[1])]
			if !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}

func isNumbered(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i < len(l)-1 && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}

// grounding is the set of numbers and words found in a story's sources.
type grounding struct {
	numbers  map[string]bool
	words    map[string]bool // lower-cased words, possessives stripped
	stems    map[string]bool
	prefixes map[string]bool // first 5 letters of words of 5 letters or more
}

func newGrounding(s Story) *grounding {
	g := &grounding{numbers: map[string]bool{}, words: map[string]bool{}, stems: map[string]bool{}, prefixes: map[string]bool{}}
	add := func(text string) {
		for _, n := range numbersIn(text) {
			g.numbers[n] = true
		}
		for _, w := range wordsIn(text) {
			w = normWord(w)
			if g.words[w] {
				continue
			}
			g.words[w] = true
			g.stems[english.Stem(w, true)] = true
			if r := []rune(w); len(r) >= 5 {
				g.prefixes[string(r[:5])] = true
			}
		}
	}
	add(s.Headline)
	for _, a := range s.Articles {
		add(a.Title)
		add(a.Text)
	}
	return g
}

// check returns a complaint naming the numbers, dates and proper names of
// summary that the sources do not contain, or "". With names false (a
// translated summary) only numbers are checked.
func (g *grounding) check(summary string, names bool) string {
	var missing []string
	seen := map[string]bool{}
	note := func(s string) {
		if !seen[s] {
			seen[s] = true
			missing = append(missing, s)
		}
	}
	for _, n := range numbersIn(summary) {
		if !g.numbers[n] {
			note(n)
		}
	}
	if names {
		for _, w := range properNames(summary) {
			if !g.hasWord(w) {
				note(w)
			}
		}
	}
	if len(missing) == 0 {
		return ""
	}
	if len(missing) > 5 {
		missing = missing[:5]
	}
	return "not in the sources: " + strings.Join(missing, ", ")
}

// hasWord matches a proper name against the sources: the same word, the
// same stem ("Ukraine's"), or for longer words the same first five letters
// ("Russia"/"Russian", "Зеленский"/"Зеленского").
func (g *grounding) hasWord(w string) bool {
	w = normWord(w)
	if g.words[w] || g.stems[english.Stem(w, true)] {
		return true
	}
	r := []rune(w)
	return len(r) >= 5 && g.prefixes[string(r[:5])]
}

// normWord lower-cases w, strips a possessive and expands month
// abbreviations so that "Sept" matches "September".
func normWord(w string) string {
	w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	w = strings.TrimSuffix(w, "'s")
	switch w {
	case "jan":
		return "january"
	case "feb":
		return "february"
	case "mar":
		return "march"
	case "apr":
		return "april"
	case "jun":
		return "june"
	case "jul":
		return "july"
	case "aug":
		return "august"
	case "sep", "sept":
		return "september"
	case "oct":
		return "october"
	case "nov":
		return "november"
	case "dec":
		return "december"
	}
	return w
}

// numbersIn returns the numbers of s with thousands separators removed:
// "£1,400" -> "1400", "3.5%" -> "3.5", "2025" -> "2025".
func numbersIn(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		var b strings.Builder
		for i < len(s) {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				b.WriteByte(c)
				i++
				continue
			case (c == ',' || c == '.') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
				if c == '.' {
					b.WriteByte('.')
				}
				i++
				continue
			}
			break
		}
		out = append(out, b.String())
	}
	return out
}

// wordsIn returns the words of s (letters, with inner apostrophes).
func wordsIn(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
}

// properNames returns the capitalised words of s that do not open a sentence
// or a quotation: the names, places, organisations and dates a summary
// asserts.
func properNames(s string) []string {
	var out []string
	for _, sent := range SplitSentences(s) {
		start := true
		for _, tok := range strings.Fields(sent) {
			opensQuote := strings.IndexAny(tok, "\"“«‘(") == 0
			w := strings.Trim(tok, "\"'“”‘’«»()[],.;:!?—–-")
			r, _ := utf8.DecodeRuneInString(w)
			if w != "" && unicode.IsUpper(r) && !start && !opensQuote {
				for _, part := range wordsIn(w) {
					if pr, _ := utf8.DecodeRuneInString(part); unicode.IsUpper(pr) && utf8.RuneCountInString(part) > 1 {
						out = append(out, part)
					}
				}
			}
			start = strings.HasSuffix(strings.TrimRight(tok, "\"'”’»)"), ":")
		}
	}
	return out
}
