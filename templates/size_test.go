package templates

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
)

// gmailClip is the size past which Gmail hides the rest of a message behind
// "[Message clipped]" (the unsubscribe link in the footer among it).
const gmailClip = 102 * 1024

// bigDigest is a heavy day: n stories of about 60 words, six sources each.
func bigDigest(n int) *digest.Digest {
	d := SampleDigest()
	base := d.Stories[0]
	d.Stories = nil
	for i := range n {
		s := base
		s.Headline = strings.Repeat("Word ", 14) + "headline " + itoa(i)
		s.Summary = strings.Repeat("A sentence of the summary with several words in it. ", 7)
		s.Links = nil
		for j := range 6 {
			t := time.Date(2026, 11, 20, 10+j, 5, 0, 0, time.UTC)
			s.Links = append(s.Links, digest.Link{Outlet: "Outlet number " + itoa(j), Title: "An article title of ordinary length here",
				URL: "https://news" + itoa(j) + ".example.com/world/2026/11/20/a-fairly-long-slug-for-the-article-" + itoa(i), Published: &t})
		}
		d.Stories = append(d.Stories, s)
	}
	return d
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestHTMLUnderGmailClip(t *testing.T) {
	s := mustLoad(t, "")
	for _, n := range []int{10, 25} {
		r, err := s.Render(Data{Digest: bigDigest(n), Recipient: digest.Recipient{Email: "a@example.org", UnsubscribeURL: "https://u.example/" + strings.Repeat("t", 80)}})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d stories: HTML %d bytes, text %d bytes", n, len(r.HTML), len(r.Text))
		if n == 25 && len(r.HTML) > gmailClip {
			t.Errorf("%d stories give %d bytes of HTML, past Gmail's %d-byte clip", n, len(r.HTML), gmailClip)
		}
	}
}
