// Package templates renders a digest into an email: a subject line, an HTML
// part with its CSS inlined, and a plain-text part written by its own template.
//
// The default templates are embedded in the binary; a folder may override any
// of them by holding a file of the same name (digest.html.tmpl,
// digest.txt.tmpl, subject.txt.tmpl, digest.css). Rendering is a pure function
// of its Data: the package reads no clock and keeps no state between calls.
// RenderShared renders a digest once for many subscribers and substitutes only
// the personal parts (name, email, unsubscribe link) for each of them.
//
// It does not build MIME messages or send them (see package mail), and it does
// not decide what goes into a digest (see package digest).
//
// # Writing a template
//
// The dot is a Data. Besides its fields (.Digest, .Stories, .Recipient, .Why)
// templates may use its methods: .Title, .Day ("Saturday, 21 November 2026"),
// .ShortDay ("21 Nov"), .Period ("20 Nov 07:00 – 21 Nov 07:00 EET"),
// .When t (a *time.Time as "15:04" on the letter's day, else "20 Nov 15:04"),
// .SourceCount, .Footer (Why with {email}, {name}, {title} filled in), and the
// functions inc, plural n one many, outlet link, wrap width indent text, and
// css (the stylesheet, in the HTML template only). The HTML template is
// html/template: everything is escaped for its context. Rules in digest.css
// are inlined into style attributes; @media rules (prefers-color-scheme) stay
// in a <style> element, marked !important.
//
// Personal fields should appear as text or as a whole attribute value
// (href="{{.Recipient.UnsubscribeURL}}"), unwrapped and unchanged, so that
// RenderShared can substitute them; a template that transforms them still
// renders correctly, only more slowly (see Shared.Exact).
package templates

import (
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	texttemplate "text/template"
)

// The names of the template files, embedded and overridable.
const (
	HTMLName    = "digest.html.tmpl"
	TextName    = "digest.txt.tmpl"
	SubjectName = "subject.txt.tmpl"
	CSSName     = "digest.css"
)

//go:embed digest.html.tmpl digest.txt.tmpl subject.txt.tmpl digest.css
var defaults embed.FS

// Set is a parsed set of digest templates. It is safe for concurrent use.
type Set struct {
	html    *htmltemplate.Template
	text    *texttemplate.Template
	subject *texttemplate.Template
	css     string
	href    *htmltemplate.Template // see hrefValue
	// sources names where each template came from ("embedded" or a path).
	sources map[string]string
}

// Load parses the embedded templates, each replaced by the file of the same
// name in dir when dir holds one. dir "" means the embedded defaults only.
// Parse errors name the file and line: "templates: /x/digest.html.tmpl:12: ...".
func Load(dir string) (*Set, error) {
	s := &Set{sources: make(map[string]string), href: newHrefTemplate()}
	read := func(name string) (src, label string, err error) {
		if dir != "" {
			path := filepath.Join(dir, name)
			b, err := os.ReadFile(path)
			switch {
			case err == nil:
				return string(b), path, nil
			case !errors.Is(err, fs.ErrNotExist):
				return "", "", fmt.Errorf("templates: reading %s: %w", path, err)
			}
		}
		b, err := defaults.ReadFile(name)
		if err != nil {
			return "", "", fmt.Errorf("templates: embedded %s: %w", name, err)
		}
		return string(b), name, nil
	}

	src, label, err := read(CSSName)
	if err != nil {
		return nil, err
	}
	s.css, s.sources[CSSName] = src, label

	if src, label, err = read(HTMLName); err != nil {
		return nil, err
	}
	s.sources[HTMLName] = label
	css := htmltemplate.CSS(s.css)
	funcs := htmlFuncs()
	funcs["css"] = func() htmltemplate.CSS { return css }
	if s.html, err = htmltemplate.New(label).Funcs(funcs).Parse(src); err != nil {
		return nil, parseError(err)
	}

	if src, label, err = read(TextName); err != nil {
		return nil, err
	}
	s.sources[TextName] = label
	if s.text, err = texttemplate.New(label).Funcs(textFuncs()).Parse(src); err != nil {
		return nil, parseError(err)
	}

	if src, label, err = read(SubjectName); err != nil {
		return nil, err
	}
	s.sources[SubjectName] = label
	if s.subject, err = texttemplate.New(label).Funcs(textFuncs()).Parse(src); err != nil {
		return nil, parseError(err)
	}
	return s, nil
}

// Source reports where the named template came from: a file path, or the bare
// name for an embedded default.
func (s *Set) Source(name string) string { return s.sources[name] }

// parseError rewrites "template: NAME:LINE: msg" as "templates: NAME:LINE: msg",
// NAME being the file's path for an override.
func parseError(err error) error {
	msg := err.Error()
	for _, p := range []string{"html/template:", "template: "} {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return fmt.Errorf("templates: %s", strings.TrimSpace(rest))
		}
	}
	return fmt.Errorf("templates: %w", err)
}
