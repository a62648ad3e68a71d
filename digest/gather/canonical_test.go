package gather

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, raw, base, want string
	}{
		{"empty", "", "https://example.org/", ""},
		{"utm and fragment", "https://Example.ORG/a/b?id=7&utm_source=x&utm_Medium=y#top", "", "https://example.org/a/b?id=7"},
		{"fbclid gclid", "http://example.org/p?fbclid=1&q=a&gclid=2", "", "http://example.org/p?q=a"},
		{"only trackers", "https://example.org/p?utm_campaign=z", "", "https://example.org/p"},
		{"relative path", "../news/1.html?x=1#c", "https://example.org/world/europe/index.html", "https://example.org/world/news/1.html?x=1"},
		{"root relative", "/story/42", "https://example.org/feed.xml", "https://example.org/story/42"},
		{"scheme relative", "//CDN.example.net/a", "https://example.org/", "https://cdn.example.net/a"},
		{"default port https", "https://example.org:443/x", "", "https://example.org/x"},
		{"default port http", "HTTP://example.org:80", "", "http://example.org/"},
		{"other port kept", "http://example.org:8080/x", "", "http://example.org:8080/x"},
		{"param order kept", "https://example.org/s?b=2&a=1", "", "https://example.org/s?b=2&a=1"},
		{"encoded tracker key", "https://example.org/s?utm%5Fsource=x&a=1", "", "https://example.org/s?a=1"},
		{"absolute ignores base", "https://a.example/x", "https://b.example/", "https://a.example/x"},
		{"trailing dot host", "https://example.org./x", "", "https://example.org/x"},
		{"ipv6 default port", "http://[::1]:80/x", "", "http://[::1]/x"},
		{"file url", "file:///tmp/a b.txt", "", "file:///tmp/a%20b.txt"},
		{"unparsable kept", " http://%zz ", "", "http://%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalURL(tt.raw, tt.base); got != tt.want {
				t.Errorf("CanonicalURL(%q, %q) = %q, want %q", tt.raw, tt.base, got, tt.want)
			}
		})
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://Example.org:443/a?utm_source=x&b=1#f", "/rel?gclid=1", "//h/x", "http://[::1]:80",
		"mailto:a@b", "file:///x", "?q=1", "https://e.org/%zz", "HTTP://E.ORG",
	} {
		f.Add(s, "https://example.org/base/")
	}
	f.Fuzz(func(t *testing.T, raw, base string) {
		got := CanonicalURL(raw, base)
		if got == "" {
			return // only a fragment or white space
		}
		u, err := url.Parse(got)
		if err != nil {
			return // unparsable input is returned as given
		}
		if u.Fragment != "" {
			t.Errorf("fragment kept: %q", got)
		}
		for k := range u.Query() {
			if isTracking(strings.ToLower(k)) {
				t.Errorf("tracking parameter %q kept: %q", k, got)
			}
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return // the properties below are for web URLs
		}
		if u.Scheme != strings.ToLower(u.Scheme) || u.Host != strings.ToLower(u.Host) {
			t.Errorf("scheme or host not lowercased: %q", got)
		}
		if again := CanonicalURL(got, ""); again != got {
			t.Errorf("not idempotent: %q -> %q -> %q", raw, got, again)
		}
	})
}
