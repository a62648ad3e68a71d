package extract

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func FuzzHTML(f *testing.F) {
	f.Add([]byte("<html><body><article><h1>Talks resume</h1><p>The envoys met again on Monday in Geneva to resume the talks, officials said.</p></article></body></html>"), "https://example.org/a")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("<meta charset=koi8-r><p>\xf0\xd2\xc9</p>"), "::bad url")
	f.Add([]byte("<table><tr><td>a</td><td>b</td></tr></table><pre>x_y</pre>"), "/relative")
	f.Fuzz(func(t *testing.T, body []byte, pageURL string) {
		d, err := HTML(body, pageURL)
		if err != nil {
			return
		}
		if len(d.Paragraphs) == 0 {
			t.Fatal("no error but no paragraphs")
		}
		for _, p := range d.Paragraphs {
			if p == "" || !utf8.ValidString(p) {
				t.Fatalf("bad paragraph %q", p)
			}
		}
		if errors.Is(err, ErrNoContent) {
			t.Fatal("unreachable")
		}
	})
}
