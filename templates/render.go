package templates

import (
	"fmt"
	"strings"

	"github.com/vanng822/go-premailer/premailer"
)

// Rendered is one letter, ready for a MIME message.
type Rendered struct {
	Subject string
	HTML    string
	Text    string
}

// Render executes the three templates over d: the subject (one line), the HTML
// part with its CSS inlined, and the text part.
func (s *Set) Render(d Data) (Rendered, error) {
	return s.render(d.normalize())
}

func (s *Set) render(d Data) (Rendered, error) {
	var b strings.Builder
	if err := s.subject.Execute(&b, d); err != nil {
		return Rendered{}, s.execError(SubjectName, err)
	}
	subject := strings.Join(strings.Fields(b.String()), " ")

	b.Reset()
	if err := s.text.Execute(&b, d); err != nil {
		return Rendered{}, s.execError(TextName, err)
	}
	text := tidyText(b.String())

	b.Reset()
	if err := s.html.Execute(&b, d); err != nil {
		return Rendered{}, s.execError(HTMLName, err)
	}
	html, err := inline(b.String())
	if err != nil {
		return Rendered{}, fmt.Errorf("templates: inlining CSS of %s: %w", s.sources[HTMLName], err)
	}
	return Rendered{Subject: subject, HTML: html, Text: text}, nil
}

func (s *Set) execError(name string, err error) error {
	return fmt.Errorf("templates: rendering %s: %w", s.sources[name], err)
}

// inline moves the rules of an HTML document's <style> elements into style
// attributes, keeping the rules that cannot be inlined (media queries such as
// prefers-color-scheme, pseudo-classes) in one <style> element in the head,
// marked !important so that they win over the inlined styles.
func inline(html string) (string, error) {
	opt := premailer.NewOptions()
	opt.RemoveClasses = false // the dark-mode rules select by class
	pm, err := premailer.NewPremailerFromString(html, opt)
	if err != nil {
		return "", err
	}
	out, err := pm.Transform()
	if err != nil {
		return "", err
	}
	return out + "\n", nil
}

// tidyText trims trailing spaces from each line, squeezes runs of blank lines
// to one, and ends the text with exactly one newline.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true // drop leading blank lines
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}
