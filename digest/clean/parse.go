package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Page is one scraped text file after parsing and cleaning.
type Page struct {
	// Title is the headline: the first line that reads as one (not a date line, a
	// section label, an error banner or navigation); "" when the text starts with
	// body prose and has none.
	Title string
	// Published comes from a first line " date YYYY-MM-DD STATUS" or a dated header
	// line such as "Monday, June 2, 2025"; zero when there is none.
	Published time.Time
	// Status is the HTTP status from the date line (e.g. 403); 0 when none. A 4xx
	// with a real article under it is still an article; the error banner is not.
	Status int
	// Byline is the author line of the header ("By: Agencies"), when there is one.
	Byline string
	// Paragraphs are the cleaned body paragraphs in order (the title not repeated).
	Paragraphs []string
	// Dropped is what cleaning removed, with why.
	Dropped []Dropped
}

// maxHeader is how many leading paragraphs may come before the headline.
const maxHeader = 15

// ParseText parses a scraped text file or a markdown document and cleans its body.
func ParseText(text string) Page {
	var pg Page
	lines := splitLines(text)
	if i := firstNonBlank(lines); i >= 0 {
		if d, st, ok := parseFirstLine(lines[i]); ok {
			pg.Published, pg.Status = d, st
			pg.Dropped = append(pg.Dropped, Dropped{Text: strings.TrimSpace(lines[i]), Reason: ReasonDateLine})
			lines = lines[i+1:]
		}
	}
	blocks := paragraphs(lines)

	t := findTitle(blocks)
	body := blocks
	if t >= 0 {
		pg.Title = blocks[t].text
		for _, b := range blocks[:t] {
			pg.headerLine(b.text, ReasonHeader)
		}
		body = blocks[t+1:]
	}
	// A dated line or byline right under the headline belongs to the header.
	for len(body) > 0 && t >= 0 {
		b := body[0].text
		if _, ok := parseDateLine(b); ok || isBylineLabel(lowerKey(b), wordCount(b), b) {
			pg.headerLine(b, ReasonByline)
			body = body[1:]
			continue
		}
		break
	}
	texts := make([]string, len(body))
	for i, b := range body {
		texts[i] = b.text
	}
	kept, dropped := Body(pg.Title, texts)
	pg.Paragraphs = kept
	pg.Dropped = append(pg.Dropped, dropped...)
	return pg
}

// headerLine records a header paragraph as dropped, taking a date or byline from it.
func (pg *Page) headerLine(s, fallback string) {
	reason := classify(s)
	if d, ok := parseDateLine(s); ok {
		if pg.Published.IsZero() {
			pg.Published = d
		}
		reason = ReasonDateLine
	} else if k := lowerKey(s); isBylineLabel(k, wordCount(s), s) && pg.Byline == "" && hasAnyPrefix(k, "by", "author", "written", "von ", "par ", "por ", "автор") {
		if by := strings.TrimSpace(strings.TrimLeft(s[strings.IndexFunc(s, unicode.IsSpace)+1:], ": ")); strings.ContainsFunc(s, unicode.IsSpace) && by != "" {
			pg.Byline = by
		}
	}
	if reason == "" {
		reason = fallback
	}
	pg.Dropped = append(pg.Dropped, Dropped{Text: s, Reason: reason})
}

// block is one paragraph of the source with its markdown heading level (0 for none).
type block struct {
	text  string
	level int
}

func splitLines(text string) []string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	return strings.Split(text, "\n")
}

func firstNonBlank(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return -1
}

// paragraphs turns lines into blocks. Each line of a scraped file is its own
// paragraph, except hard-wrapped prose: a long line that does not end a sentence,
// followed by a line starting in lower case, continues on that line.
// Markdown syntax (headings, emphasis, links, images, list markers, quotes) is removed.
func paragraphs(lines []string) []block {
	var out []block
	inFence := false
	prevJoinable := false
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			inFence = !inFence
			prevJoinable = false
			continue
		}
		if inFence || l == "" || isRule(l) {
			prevJoinable = false
			continue
		}
		text, level := stripMarkdown(l)
		text = collapse(text)
		if text == "" {
			prevJoinable = false
			continue
		}
		r, _ := utf8.DecodeRuneInString(text)
		if prevJoinable && level == 0 && unicode.IsLower(r) {
			out[len(out)-1].text += " " + text
		} else {
			out = append(out, block{text: text, level: level})
		}
		last := out[len(out)-1].text
		prevJoinable = level == 0 && utf8.RuneCountInString(raw) >= 50 && !endsSentence(last)
	}
	return out
}

// isRule: a markdown horizontal rule or a separator line ("***", "---", "===").
func isRule(l string) bool {
	return len(l) >= 3 && strings.Trim(l, "-*_= ") == ""
}
