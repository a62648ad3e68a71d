package templates

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"unicode/utf8"
)

// baseFuncs are the helpers both kinds of template get. None of them returns
// trusted markup: html/template escapes their results like any other value.
func baseFuncs() map[string]any {
	return map[string]any{
		"inc":    func(i int) int { return i + 1 },
		"plural": plural,
		"outlet": Outlet,
		"wrap":   wrap,
	}
}

func htmlFuncs() htmltemplate.FuncMap { return baseFuncs() }
func textFuncs() texttemplate.FuncMap { return baseFuncs() }

// plural picks one or many by n: {{plural 3 "story" "stories"}} = "stories".
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// wrap breaks s into lines of at most width characters (longer words stay
// whole), each line after the first prefixed by indent. Existing line breaks
// are kept as paragraph breaks.
func wrap(width int, indent, s string) string {
	var b strings.Builder
	for pi, para := range strings.Split(strings.TrimSpace(s), "\n") {
		if pi > 0 {
			b.WriteString("\n")
			if strings.TrimSpace(para) != "" {
				b.WriteString(indent)
			}
		}
		n := 0
		for i, w := range strings.Fields(para) {
			wl := utf8.RuneCountInString(w)
			if i > 0 {
				if n+1+wl > width {
					b.WriteString("\n")
					b.WriteString(indent)
					n = 0
				} else {
					b.WriteString(" ")
					n++
				}
			}
			b.WriteString(w)
			n += wl
		}
	}
	return b.String()
}
