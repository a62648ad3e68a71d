package digest

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a paragraph when met in a feed item's HTML.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "tr": true, "section": true, "article": true, "figcaption": true,
}

// htmlParagraphs turns a feed item's HTML (or plain text) into paragraphs of text.
func htmlParagraphs(s string) []string {
	if !strings.ContainsAny(s, "<&") {
		return splitParagraphs(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				skip++
			case blockTags[n]:
				flush()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				skip = max(0, skip-1)
			case blockTags[n]:
				flush()
			}
		}
	}
}

func splitParagraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
