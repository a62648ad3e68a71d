package templates

import (
	"flag"
	goldenfile "github.com/digestd/digestd/internal/golden"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func mustLoad(t testing.TB, dir string) *Set {
	t.Helper()
	s, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(%q): %v", dir, err)
	}
	return s
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), got, *update)
}

func TestRenderGolden(t *testing.T) {
	s := mustLoad(t, "")
	full := digest.Recipient{Email: "ann@example.org", Name: "Ann", UnsubscribeURL: "https://digest.example.org/unsubscribe?t=abc123"}
	tests := []struct {
		name string
		data Data
	}{
		{"sample", Data{Digest: SampleDigest(), Recipient: full, Why: "You subscribed to {title} as {email}."}},
		{"subset_utc", Data{Digest: SampleDigest(), Stories: SampleDigest().Stories[1:2], Location: time.UTC,
			Recipient: digest.Recipient{Email: "bob@example.org"}}},
		{"stress", Data{Digest: stressDigest(), Recipient: full}},
		{"empty", Data{Digest: &digest.Digest{Title: "Ukraine diplomacy", Until: time.Date(2026, 11, 21, 5, 0, 0, 0, time.UTC)},
			Recipient: digest.Recipient{Email: "bob@example.org"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.Render(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".subject", r.Subject+"\n")
			golden(t, tt.name+".txt", r.Text)
			golden(t, tt.name+".html", r.HTML)
		})
	}
}

func TestRenderContent(t *testing.T) {
	s := mustLoad(t, "")
	d := Data{Digest: SampleDigest(), Recipient: digest.Recipient{Email: "ann@example.org", UnsubscribeURL: "https://u.example/x"}}
	r, err := s.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Ukraine diplomacy — 21 Nov: 3 stories"; r.Subject != want {
		t.Errorf("subject = %q, want %q", r.Subject, want)
	}
	checks := []struct {
		name, part, want string
	}{
		{"date in zone", r.HTML, "Saturday, 21 November 2026"},
		{"in this digest", r.HTML, "In this digest: 3 stories from 5 sources, 20 Nov 07:00 – 21 Nov 07:00 EET."},
		{"time in zone", r.HTML, `20 Nov 18:40</span>`},
		{"update marker html", r.HTML, `>Update:</span>`},
		{"update marker text", r.Text, "2. Update: Envoy says"},
		{"outlet from host", r.HTML, `>example.net</a>`},
		{"unsubscribe html", r.HTML, `<a href="https://u.example/x"`},
		{"unsubscribe text", r.Text, "Unsubscribe: https://u.example/x"},
		{"counts", r.Text, "This run gathered 48 articles: 12 duplicates and 9 off-topic left out."},
		{"why default", r.Text, "ann@example.org is subscribed"},
		{"dark mode meta", r.HTML, `<meta name="color-scheme" content="light dark"/>`},
		{"dark mode rules kept", r.HTML, `@media (prefers-color-scheme: dark)`},
		{"dark mode wins over inline", r.HTML, `background-color: #111418 !important`},
		{"css inlined", r.HTML, `<td class="story" style="padding:16px 24px;`},
		{"text links", r.Text, "   - Wire Service, 20 Nov 18:40: https://news.example.com/world/grain-talks"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(c.part, c.want) {
				t.Errorf("missing %q", c.want)
			}
		})
	}
	t.Run("no external resources", func(t *testing.T) {
		for _, bad := range []string{"<link", "@import", "<img", "<script", "url("} {
			if strings.Contains(r.HTML, bad) {
				t.Errorf("HTML holds %q", bad)
			}
		}
	})
	t.Run("width at most 600", func(t *testing.T) {
		for _, m := range regexp.MustCompile(`width="(\d+)"|max-width:(\d+)px`).FindAllStringSubmatch(r.HTML, -1) {
			if n := m[1] + m[2]; len(n) > 3 || n > "600" && len(n) == 3 {
				t.Errorf("width %s > 600", n)
			}
		}
	})
	t.Run("no unsubscribe without url", func(t *testing.T) {
		d.Recipient.UnsubscribeURL = ""
		r, err := s.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.HTML, "Unsubscribe") || strings.Contains(r.Text, "Unsubscribe") {
			t.Error("unsubscribe shown without a URL")
		}
	})
}

func TestRenderEscapes(t *testing.T) {
	s := mustLoad(t, "")
	evil := `<script>alert("x")</script> & 'q'`
	d := Data{
		Digest: &digest.Digest{
			Title: evil,
			Until: time.Date(2026, 11, 21, 5, 0, 0, 0, time.UTC),
			Stories: []digest.Story{{
				Headline: evil, Summary: `<b>bold</b> "quoted" it's`,
				Links: []digest.Link{
					{Outlet: `Out"let <i>`, URL: "javascript:alert(1)", Title: `"><script>`},
					{Outlet: "Fine", URL: `https://ok.example/?a=1&b="2"`},
				},
			}},
		},
		Recipient: digest.Recipient{Email: "a@example.org", Name: `<script>N</script>`, UnsubscribeURL: `javascript:alert(2)`},
		Why:       `{name} <script>why</script>`,
	}
	r, err := s.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(r.HTML, "<script"); n != 0 {
		t.Errorf("%d raw <script in the HTML", n)
	}
	for _, want := range []string{
		`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;`,
		`&lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34; it&#39;s`,
		`Out&#34;let &lt;i&gt;`,
		`href="#ZgotmplZ"`,
		`href="https://ok.example/?a=1&amp;b=%222%22"`,
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(r.HTML, "javascript:") {
		t.Error("javascript: URL survived")
	}
	if !strings.Contains(r.Text, `1. `+evil) {
		t.Errorf("text part should carry the title as written:\n%s", r.Text)
	}
	if !strings.Contains(r.Subject, evil) {
		t.Errorf("subject = %q", r.Subject)
	}
}

func TestLoadOverride(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(SubjectName, "{{.Title}} / {{len .Stories}}")
	write(CSSName, ".title { color: #ff0000; }")
	s := mustLoad(t, dir)
	r, err := s.Render(Data{Digest: SampleDigest()})
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Ukraine diplomacy / 3" {
		t.Errorf("overridden subject = %q", r.Subject)
	}
	if !strings.Contains(r.HTML, `class="title" style="color:#ff0000"`) {
		t.Error("overridden CSS not inlined")
	}
	if !strings.Contains(r.Text, "In this digest:") {
		t.Error("text part should still be the embedded default")
	}
	if got := s.Source(SubjectName); got != filepath.Join(dir, SubjectName) {
		t.Errorf("Source(subject) = %q", got)
	}
	if got := s.Source(TextName); got != TextName {
		t.Errorf("Source(text) = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		load            bool // the error comes from Load, else from Check
		want            string
	}{
		{"html parse", HTMLName, "<p>\n\n{{.Title}\n", true, HTMLName + ":3: "},
		{"text parse", TextName, "ok\n{{if .Title}}\n", true, TextName + ":3: "},
		{"subject unknown func", SubjectName, "{{nosuch .Title}}", true, SubjectName + ":1: "},
		{"html bad field", HTMLName, "<p>\n{{.Nope}}</p>", false, HTMLName + ":2:"},
		{"html escaper", HTMLName, "<a href=\"{{.Title}}\n{{if .Title}}\">{{end}}", false, HTMLName},
		{"text bad method call", TextName, "{{.When 3}}", false, TextName + ":1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(dir)
			if !tt.load {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				err = s.Check()
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "templates: ") || !strings.Contains(err.Error(), filepath.Join(dir, tt.want)) {
				t.Errorf("error %q should start with templates: and name %q", err, filepath.Join(dir, tt.want))
			}
		})
	}
}

func TestCheckDefaults(t *testing.T) {
	if err := mustLoad(t, "").Check(); err != nil {
		t.Fatal(err)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, in, want string
		width          int
	}{
		{"short", "a b c", "a b c", 10},
		{"breaks", "aaa bbb ccc ddd", "aaa bbb\n  ccc ddd", 7},
		{"long word", "aaaaaaaaaa b", "aaaaaaaaaa\n  b", 4},
		{"paragraphs", "a b\nc d", "a b\n  c d", 10},
		{"runes", "ééé ééé", "ééé ééé", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.width, "  ", tt.in); got != tt.want {
				t.Errorf("wrap = %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	s := mustLoad(b, "")
	d := Data{Digest: SampleDigest(), Recipient: digest.Recipient{Email: "a@example.org", UnsubscribeURL: "https://u.example/x"}}
	for b.Loop() {
		if _, err := s.Render(d); err != nil {
			b.Fatal(err)
		}
	}
}

// stressDigest has what tends to break a narrow layout: a long headline, a
// word longer than a phone's width, a story with many sources, a title that
// needs escaping.
func stressDigest() *digest.Digest {
	d := SampleDigest()
	d.Title = `Diplomacy & "talks" <weekly>`
	long := d.Stories[0]
	long.Headline = "Delegations from twelve countries reach a provisional understanding on the framework for monitoring a ceasefire line after marathon overnight negotiations"
	long.Summary = "The text of the understanding was published at https://www.example.org/documents/2026/11/21/provisional-understanding-framework-monitoring-ceasefire-line-full-text.pdf and runs to forty pages. " + long.Summary
	for i := range 6 {
		l := long.Links[i%len(long.Links)]
		l.Outlet = []string{"Ministry of Foreign Affairs", "Wire Service", "Daily Courier", "Evening Ledger", "Policy Review", "Regional Broadcaster"}[i]
		long.Links = append(long.Links, l)
	}
	d.Stories = append([]digest.Story{long}, d.Stories...)
	return d
}
