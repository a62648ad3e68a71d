package clean

import "strings"

// stripMarkdown removes markdown syntax from one line and returns its heading level
// (1 for "# ", 2 for "## ", ...; 0 when the line is not a heading). Text that is
// not markdown passes through unchanged apart from leading list markers.
func stripMarkdown(l string) (string, int) {
	level := 0
	if strings.HasPrefix(l, "#") {
		n := len(l) - len(strings.TrimLeft(l, "#"))
		if n <= 6 && len(l) > n && l[n] == ' ' {
			level = n
			l = strings.TrimRight(strings.TrimSpace(l[n:]), "# ")
		}
	}
	for strings.HasPrefix(l, ">") {
		l = strings.TrimSpace(l[1:])
	}
	for _, m := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(l, m) {
			l = strings.TrimSpace(l[len(m):])
			break
		}
	}
	if strings.Contains(l, "](") {
		l = stripLinks(l)
	}
	l = strings.NewReplacer("**", "", "__", "", "`", "").Replace(l)
	// A line wrapped in single emphasis: "*Published 12 January 2025*".
	for _, m := range []string{"*", "_"} {
		if len(l) > 2 && strings.HasPrefix(l, m) && strings.HasSuffix(l, m) {
			l = strings.TrimSpace(l[1 : len(l)-1])
		}
	}
	return l, level
}

// stripLinks turns "[text](url)" into "text" and removes images "![alt](url)".
func stripLinks(l string) string {
	var b strings.Builder
	for {
		i := strings.Index(l, "[")
		if i < 0 {
			break
		}
		j := strings.Index(l[i:], "](")
		if j < 0 {
			break
		}
		k := strings.Index(l[i+j:], ")")
		if k < 0 {
			break
		}
		img := i > 0 && l[i-1] == '!'
		if img {
			b.WriteString(l[:i-1])
		} else {
			b.WriteString(l[:i])
			b.WriteString(l[i+1 : i+j])
		}
		l = l[i+j+k+1:]
	}
	b.WriteString(l)
	return b.String()
}
