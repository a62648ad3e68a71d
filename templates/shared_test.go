package templates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/digestd/digestd/digest"
)

func TestSharedForEqualsRender(t *testing.T) {
	s := mustLoad(t, "")
	d := Data{Digest: SampleDigest(), Why: "Sent to {name} <{email}> for {title}."}
	sh, err := s.RenderShared(d)
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Exact() {
		t.Error("default templates should personalise by substitution alone")
	}
	recipients := []struct {
		name string
		r    digest.Recipient
	}{
		{"plain", digest.Recipient{Email: "ann@example.org", Name: "Ann", UnsubscribeURL: "https://d.example/u/abc"}},
		{"no name", digest.Recipient{Email: "bob@example.org", UnsubscribeURL: "https://d.example/u/def"}},
		{"no url", digest.Recipient{Email: "cy@example.org", Name: "Cy"}},
		{"nothing", digest.Recipient{}},
		{"html specials", digest.Recipient{Email: "o'neil+news@example.org", Name: `Ann "A&B" <Lee>`, UnsubscribeURL: `https://d.example/u?t=a+b&e=o'neil@x"y`}},
		{"unicode", digest.Recipient{Email: "юля@приклад.укр", Name: "Юлія Ŝ", UnsubscribeURL: "https://d.example/u/ключ?x=é"}},
		{"javascript url", digest.Recipient{Email: "x@example.org", UnsubscribeURL: "javascript:alert(1)"}},
		{"control chars", digest.Recipient{Email: " x@example.org\r\n", Name: "A\r\nBcc: y@example.org", UnsubscribeURL: "https://d.example/u\n"}},
		{"placeholder lookalike", digest.Recipient{Email: phName + "@example.org", Name: phEmail}},
	}
	for _, tt := range recipients {
		t.Run(tt.name, func(t *testing.T) {
			d := d
			d.Recipient = tt.r
			want, err := s.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			got := sh.For(tt.r)
			if got != want {
				t.Errorf("For differs from Render\nsubject %q / %q\ntext:\n%s\n---\n%s", got.Subject, want.Subject, got.Text, want.Text)
				if got.HTML != want.HTML {
					t.Errorf("HTML differs:\n%s\n---\n%s", got.HTML, want.HTML)
				}
			}
		})
	}
}

// A template that puts a personal field where substitution cannot reproduce
// the escaping (an email inside a mailto: URL) must still give what Render gives.
func TestSharedFallsBackToRender(t *testing.T) {
	dir := t.TempDir()
	src := `<html><head></head><body><a href="mailto:{{.Recipient.Email}}?subject=hi">{{.Recipient.Name}}</a></body></html>`
	if err := os.WriteFile(filepath.Join(dir, HTMLName), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustLoad(t, dir)
	d := Data{Digest: SampleDigest()}
	sh, err := s.RenderShared(d)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Exact() {
		t.Error("a mailto: URL built from the email cannot be exact by substitution")
	}
	r := digest.Recipient{Email: "o'neil+x@example.org", Name: "O'Neil"}
	d.Recipient = r
	want, err := s.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := sh.For(r); got != want {
		t.Errorf("For = %q\nRender = %q", got.HTML, want.HTML)
	}
}

func TestSharedZero(t *testing.T) {
	var sh Shared
	if got := sh.For(digest.Recipient{Email: "a@example.org"}); got != (Rendered{}) {
		t.Errorf("zero Shared gave %+v", got)
	}
}

func FuzzSharedFor(f *testing.F) {
	s := mustLoad(f, "")
	d := Data{Digest: SampleDigest(), Why: "{name} {email}"}
	sh, err := s.RenderShared(d)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Ann", "ann@example.org", "https://d.example/u/1")
	f.Add(`"<&>'+`, "a+b@c", "https://x/?q=\"'<>")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, name, email, url string) {
		r := digest.Recipient{Name: name, Email: email, UnsubscribeURL: url}
		d := d
		d.Recipient = r
		want, err := s.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := sh.For(r); got != want {
			t.Errorf("For(%q, %q, %q) differs from Render", name, email, url)
		}
	})
}

func BenchmarkSharedFor(b *testing.B) {
	s := mustLoad(b, "")
	sh, err := s.RenderShared(Data{Digest: SampleDigest()})
	if err != nil {
		b.Fatal(err)
	}
	r := digest.Recipient{Email: "ann@example.org", Name: "Ann", UnsubscribeURL: "https://d.example/u/abcdef"}
	for b.Loop() {
		sh.For(r)
	}
}

func BenchmarkRenderShared(b *testing.B) {
	s := mustLoad(b, "")
	d := Data{Digest: SampleDigest()}
	for b.Loop() {
		if _, err := s.RenderShared(d); err != nil {
			b.Fatal(err)
		}
	}
}
