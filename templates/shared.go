package templates

import (
	stdhtml "html"
	htmltemplate "html/template"
	"strings"

	"github.com/digestd/digestd/digest"
	xhtml "golang.org/x/net/html"
)

// Placeholders stand for the personal parts in a shared rendering. They are
// letters and digits only, so that no escaper (HTML, attribute, URL) changes them.
const (
	phName  = "zqdgstnamez7q"
	phEmail = "zqdgstmailz7q"
	phURL   = "zqdgsturlz7q"
)

// probeRecipient has the characters that each escaper treats differently;
// RenderShared checks that substituting it gives what a full render gives
// before trusting substitution.
func probeRecipient() digest.Recipient {
	return digest.Recipient{
		Name:           `O'Brien & "Ünal" <x+y>`,
		Email:          `o'brien+x&y@example.org`,
		UnsubscribeURL: `https://example.org/u?t=a+b&n="q"'<x> é`,
	}
}

// Shared is a digest rendered once for many recipients. For fills in each
// recipient's name, email and unsubscribe link without executing the templates.
type Shared struct {
	set  *Set
	data Data
	// variants by which personal fields are empty (see variantOf): templates
	// may branch on them ({{with .Recipient.UnsubscribeURL}}).
	variants [8]variant
}

type variant struct {
	subject, text, html split
	// exact says that substitution was checked against a full render; when
	// false, For renders the letter in full.
	exact bool
}

// RenderShared renders d once per combination of empty and non-empty personal
// fields, with placeholders in place of d.Recipient, and checks each against a
// full rendering of a probe recipient. A template that uses a personal field
// where substitution cannot reproduce its escaping (a mailto: URL, a
// transformed name) still works: For renders those letters in full.
func (s *Set) RenderShared(d Data) (Shared, error) {
	d = d.normalize()
	sh := Shared{set: s, data: d}
	for i := range sh.variants {
		ph := placeholderRecipient(i)
		d.Recipient = ph
		r, err := s.render(d)
		if err != nil {
			return Shared{}, err
		}
		v := variant{subject: splitAt(r.Subject), text: splitAt(r.Text), html: splitAt(r.HTML)}

		probe := maskRecipient(probeRecipient(), i)
		d.Recipient = probe
		want, err := s.render(d)
		if err != nil {
			return Shared{}, err
		}
		v.exact = s.substitute(v, probe) == want
		sh.variants[i] = v
	}
	return sh, nil
}

// Exact reports whether For substitutes for every kind of recipient, rather
// than rendering some letters in full.
func (sh Shared) Exact() bool {
	for _, v := range sh.variants {
		if !v.exact {
			return false
		}
	}
	return sh.set != nil
}

// For is the letter for r: equal to Render of the shared Data with r as its
// Recipient. Should a full render fail where the shared one succeeded (a
// template that errs on some recipients), the substituted letter is returned.
func (sh Shared) For(r digest.Recipient) Rendered {
	if sh.set == nil {
		return Rendered{}
	}
	r = cleanRecipient(r)
	v := sh.variants[variantOf(r)]
	if !v.exact {
		d := sh.data
		d.Recipient = r
		if out, err := sh.set.render(d); err == nil {
			return out
		}
	}
	return sh.set.substitute(v, r)
}

func (s *Set) substitute(v variant, r digest.Recipient) Rendered {
	text := [3]string{r.Name, r.Email, r.UnsubscribeURL}
	html := [3]string{xhtml.EscapeString(r.Name), xhtml.EscapeString(r.Email), xhtml.EscapeString(s.hrefValue(r.UnsubscribeURL))}
	return Rendered{Subject: v.subject.join(text), Text: v.text.join(text), HTML: v.html.join(html)}
}

// hrefValue is what html/template makes of u as an href attribute's whole
// value (a filtered and normalised URL), as the HTML parser reads it back.
func (s *Set) hrefValue(u string) string {
	if u == "" {
		return ""
	}
	var b strings.Builder
	if err := s.href.Execute(&b, u); err != nil {
		return "#ZgotmplZ"
	}
	v := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
	return stdhtml.UnescapeString(v)
}

// newHrefTemplate is the one-action template hrefValue executes.
func newHrefTemplate() *htmltemplate.Template {
	return htmltemplate.Must(htmltemplate.New("href").Parse(`<a href="{{.}}">`))
}

func variantOf(r digest.Recipient) int {
	i := 0
	if r.Name == "" {
		i |= 1
	}
	if r.Email == "" {
		i |= 2
	}
	if r.UnsubscribeURL == "" {
		i |= 4
	}
	return i
}

func maskRecipient(r digest.Recipient, variant int) digest.Recipient {
	if variant&1 != 0 {
		r.Name = ""
	}
	if variant&2 != 0 {
		r.Email = ""
	}
	if variant&4 != 0 {
		r.UnsubscribeURL = ""
	}
	return r
}

func placeholderRecipient(variant int) digest.Recipient {
	return maskRecipient(digest.Recipient{Name: phName, Email: phEmail, UnsubscribeURL: phURL}, variant)
}

// split is a rendered string cut at its placeholders: parts[0] hole[0]
// parts[1] hole[1] ... parts[n].
type split struct {
	parts []string
	holes []int // 0 name, 1 email, 2 unsubscribe URL
	size  int
}

func splitAt(s string) split {
	var sp split
	sp.size = len(s)
	for {
		i, which := -1, 0
		for k, ph := range []string{phName, phEmail, phURL} {
			if j := strings.Index(s, ph); j >= 0 && (i < 0 || j < i) {
				i, which = j, k
			}
		}
		if i < 0 {
			sp.parts = append(sp.parts, s)
			return sp
		}
		sp.parts = append(sp.parts, s[:i])
		sp.holes = append(sp.holes, which)
		s = s[i+len([]string{phName, phEmail, phURL}[which]):]
	}
}

func (sp split) join(values [3]string) string {
	if len(sp.holes) == 0 {
		return strings.Join(sp.parts, "")
	}
	var b strings.Builder
	b.Grow(sp.size + 64*len(sp.holes))
	for i, p := range sp.parts {
		b.WriteString(p)
		if i < len(sp.holes) {
			b.WriteString(values[sp.holes[i]])
		}
	}
	return b.String()
}
