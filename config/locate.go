package config

import (
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// locator finds the line of a key in the TOML text, so that errors found after decoding
// (unknown keys, invalid values) can name it. It understands [table], [[array]] headers and
// key = value lines, which is all config.toml uses.
type locator struct {
	lines []string
}

func newLocator(text string) *locator {
	return &locator{lines: strings.Split(text, "\n")}
}

var (
	headerRE = regexp.MustCompile(`^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$`)
	keyRE    = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=`)
)

// line returns the 1-based line of key (index is the [[array]] element for the first
// component, -1 for any), or 0 when it cannot be found.
func (l *locator) line(key toml.Key) int { return l.lineAt(key, -1) }

func (l *locator) lineAt(key toml.Key, index int) int {
	if l == nil || len(key) == 0 {
		return 0
	}
	table := ""
	count := map[string]int{}
	for i, raw := range l.lines {
		if m := headerRE.FindStringSubmatch(raw); m != nil {
			table = strings.ReplaceAll(m[2], " ", "")
			if m[1] == "[[" {
				count[table]++
			}
			if strings.Join(key, ".") == table && (index < 0 || count[table]-1 == index) {
				return i + 1
			}
			continue
		}
		m := keyRE.FindStringSubmatch(raw)
		if m == nil {
			continue
		}
		name := strings.Trim(m[1], `"'`)
		full := name
		if table != "" {
			full = table + "." + name
		}
		if full != strings.Join(key, ".") {
			continue
		}
		if index >= 0 && count[strings.Join(key[:1], ".")]-1 != index {
			continue
		}
		return i + 1
	}
	// A key given by its table only (e.g. an unknown key in an inline table): name the table.
	if len(key) > 1 {
		return l.lineAt(key[:len(key)-1], index)
	}
	return 0
}
