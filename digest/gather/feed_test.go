package gather

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFeedFormats(t *testing.T) {
	type want struct {
		n                           int
		title, url, author, summary string
		published                   time.Time
	}
	tests := []struct {
		name, file, ctype string
		want              want
	}{
		{"rss 2.0", "rss2.xml", "application/rss+xml", want{3, "Foreign ministers meet in Geneva on prisoner exchange",
			"https://news.example.org/world/2025/03/geneva-talks.html", "Olena Petrenko", "Delegations met",
			time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC)}},
		{"atom", "atom.xml", "application/atom+xml", want{2, "Statement on the humanitarian corridor",
			"https://mfa.example.gov/en/press/statement-17", "Press Service", "<p>The ministry welcomes",
			time.Date(2025, 3, 4, 8, 15, 0, 0, time.UTC)}},
		{"rdf", "rdf.xml", "application/rdf+xml", want{1, "Council adopts new sanctions package",
			"https://rdf.example.net/a1", "Desk", "The package targets shipping.", time.Date(2025, 2, 24, 7, 0, 0, 0, time.UTC)}},
		{"json feed", "feed.json", "application/feed+json", want{1, "Leaders to hold summit on reconstruction",
			"https://json.example.com/posts/summit", "Mykola Shevchuk", "A reconstruction conference",
			time.Date(2025, 3, 5, 6, 0, 0, 0, time.UTC)}},
		{"windows-1251 from prolog", "cp1251.xml", "application/rss+xml", want{1, "Переговори щодо обміну полоненими",
			"https://cp.example.org/news/1", "", "Делегації зустрілися в Женеві; «обмін» заплановано на квітень.",
			time.Date(2025, 3, 4, 7, 0, 0, 0, time.UTC)}},
		{"windows-1251 despite a utf-8 header", "cp1251.xml", "text/xml; charset=utf-8", want{1, "Переговори щодо обміну полоненими",
			"https://cp.example.org/news/1", "", "Делегації зустрілися", time.Date(2025, 3, 4, 7, 0, 0, 0, time.UTC)}},
		{"koi8-r", "koi8r.xml", "application/xml", want{1, "Переговоры об обмене пленными",
			"https://koi.example.org/news/1", "", "Делегации встретились в Женеве; обмен запланирован на апрель.",
			time.Date(2025, 3, 4, 7, 0, 0, 0, time.UTC)}},
		{"latin-1 from the header", "latin1-noprolog.xml", "application/rss+xml; charset=ISO-8859-1", want{1,
			"Négociations à Genève: la délégation arrive", "https://latin.example.fr/a", "", "Café, crème et « résumé ».", time.Time{}}},
		{"undeclared latin-1", "latin1-noprolog.xml", "application/rss+xml", want{1,
			"Négociations à Genève: la délégation arrive", "https://latin.example.fr/a", "", "Café, crème", time.Time{}}},
		{"broken prolog", "broken-prolog.xml", "text/xml", want{1, "Київ і Варшава підписали меморандум",
			"https://broken.example.org/m", "", "Text & more", time.Time{}}},
		{"feed served as text/html", "rss2.xml", "text/html; charset=utf-8", want{3, "Foreign ministers meet in Geneva on prisoner exchange",
			"https://news.example.org/world/2025/03/geneva-talks.html", "Olena Petrenko", "Delegations met", time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serveBytes(t, readFixture(t, tt.file), tt.ctype)
			res, err := Feed{Name: "f", URL: srv.URL + "/feed", FullText: ptr(false), Client: testClient()}.
				Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != tt.want.n {
				t.Fatalf("%d items, want %d", len(res.Items), tt.want.n)
			}
			it := res.Items[0]
			if it.Title != tt.want.title || it.URL != tt.want.url || it.Author != tt.want.author {
				t.Errorf("got title %q url %q author %q\nwant      %q     %q        %q", it.Title, it.URL, it.Author, tt.want.title, tt.want.url, tt.want.author)
			}
			if !strings.Contains(it.Summary, tt.want.summary) {
				t.Errorf("summary %q does not contain %q", it.Summary, tt.want.summary)
			}
			if !it.Published.Equal(tt.want.published) {
				t.Errorf("published %v, want %v", it.Published, tt.want.published)
			}
			if it.Source != "f" || it.Kind != KindFeed || it.Body != nil || it.Err != nil {
				t.Errorf("source %q kind %q body %d bytes err %v", it.Source, it.Kind, len(it.Body), it.Err)
			}
		})
	}
}

func TestFeedItemDetails(t *testing.T) {
	srv := serveBytes(t, readFixture(t, "rss2.xml"), "application/rss+xml")
	res, err := Feed{Name: "f", URL: srv.URL, FullText: ptr(false), Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
	if err != nil {
		t.Fatal(err)
	}
	json := serveBytes(t, readFixture(t, "feed.json"), "application/feed+json")
	jres, err := Feed{Name: "j", URL: json.URL, FullText: ptr(false), Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
	if err != nil {
		t.Fatal(err)
	}
	if got := jres.Items[0]; strings.Join(got.Categories, "|") != "reconstruction|summit" || got.Language != "uk" {
		t.Errorf("json feed: categories %q language %q", got.Categories, got.Language)
	}
	if got := res.Items[1]; got.URL != "https://news.example.org/world/2025/03/full.html" || !strings.HasPrefix(got.Summary, "<p>The envoys") {
		t.Errorf("content item: url %q summary %.30q (content:encoded must win over description)", got.URL, got.Summary)
	}
	if got := res.Items[0]; strings.Join(got.Categories, "|") != "Diplomacy|Europe" || got.Language != "en-gb" {
		t.Errorf("categories %q language %q", got.Categories, got.Language)
	}
	if got := res.Items[2]; got.URL != "https://news.example.org/world/guid-only" || !got.Published.IsZero() {
		t.Errorf("guid item: url %q published %v", got.URL, got.Published)
	}
}

func TestFeedConditionalGET(t *testing.T) {
	const lastMod = "Tue, 04 Mar 2025 10:00:00 GMT"
	tests := []struct {
		name     string
		etag, lm string // validators the server sends
		stored   State  // what a second run sends
	}{
		{"etag", `"v1"`, "", State{ETag: `"v1"`}},
		{"last-modified", "", lastMod, State{LastModified: lastMod}},
		{"both", `W/"abc"`, lastMod, State{ETag: `W/"abc"`, LastModified: lastMod}},
	}
	body := readFixture(t, "atom.xml")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var hits, notModified int
			var agents []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				hits++
				agents = append(agents, r.UserAgent())
				if !strings.HasPrefix(r.Header.Get("Accept"), "application/rss+xml") {
					t.Errorf("a feed request prefers %q", r.Header.Get("Accept"))
				}
				match := (tt.etag != "" && r.Header.Get("If-None-Match") == tt.etag) ||
					(tt.etag == "" && tt.lm != "" && r.Header.Get("If-Modified-Since") == tt.lm)
				if tt.etag != "" {
					w.Header().Set("ETag", tt.etag)
				}
				if tt.lm != "" {
					w.Header().Set("Last-Modified", tt.lm)
				}
				if match {
					notModified++
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Header().Set("Content-Type", "application/atom+xml")
				w.Write(body)
			}))
			defer srv.Close()
			feed := Feed{Name: "f", URL: srv.URL, FullText: ptr(false), Client: testClient()}
			first, err := feed.Gather(context.Background(), time.Time{}, State{})
			if err != nil {
				t.Fatal(err)
			}
			if first.NotModified || len(first.Items) != 2 || first.State != tt.stored {
				t.Fatalf("first run: notModified %v, %d items, state %+v (want %+v)", first.NotModified, len(first.Items), first.State, tt.stored)
			}
			second, err := feed.Gather(context.Background(), time.Time{}, first.State)
			if err != nil {
				t.Fatal(err)
			}
			if !second.NotModified || len(second.Items) != 0 || second.State != tt.stored {
				t.Errorf("second run: notModified %v, %d items, state %+v", second.NotModified, len(second.Items), second.State)
			}
			if hits != 2 || notModified != 1 {
				t.Errorf("server saw %d requests, %d answered 304", hits, notModified)
			}
			for _, ua := range agents {
				if !strings.HasPrefix(ua, "digestd/") || !strings.Contains(ua, "https://github.com/digestd/digestd") {
					t.Errorf("User-Agent %q does not name digestd and its URL", ua)
				}
			}
		})
	}
}

func TestFeedErrors(t *testing.T) {
	rss := readFixture(t, "rss2.xml")
	tests := []struct {
		name    string
		body    []byte
		ctype   string
		status  int
		wantErr error
	}{
		{"truncated xml", rss[:len(rss)/2], "application/rss+xml", 200, ErrParse},
		{"html page", []byte("<!DOCTYPE html><html><body>Not a feed</body></html>"), "text/html", 200, ErrContentType},
		{"image", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "image/png", 200, ErrContentType},
		{"plain text", []byte("hello, this is not a feed"), "text/plain", 200, ErrParse},
		{"empty body", nil, "application/rss+xml", 200, ErrParse},
		{"binary as xml", append([]byte("<rss>"), make([]byte, 100)...), "application/xml", 200, ErrBinary},
		{"404", []byte("gone"), "text/plain", 404, ErrStatus},
		{"500", []byte("oops"), "text/plain", 500, ErrStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				w.WriteHeader(tt.status)
				w.Write(tt.body)
			}))
			defer srv.Close()
			url := srv.URL + "/feed.xml"
			res, err := Feed{Name: "src", URL: url, Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "src") {
				t.Errorf("error %q does not name the source and the URL", err)
			}
			if len(res.Items) != 0 || res.State != (State{}) {
				t.Errorf("failed source returned %d items, state %+v", len(res.Items), res.State)
			}
		})
	}
}

func TestFeedFullText(t *testing.T) {
	long := strings.Repeat("The delegations agreed on a detailed timetable for the next round of talks. ", 20)
	var mu sync.Mutex
	hits := map[string]int{}
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><link>%[1]s/</link>
<item><title>teaser</title><link>/a/teaser?utm_source=feed</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>Talks resumed today…</description></item>
<item><title>full</title><link>/a/full</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>%[2]s</description></item>
<item><title>old teaser</title><link>/a/old</link><pubDate>Mon, 03 Feb 2025 09:00:00 GMT</pubDate><description>Old news.</description></item>
<item><title>broken link</title><link>/a/missing</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>Short.</description></item>
<item><title>teaser again</title><link>/a/teaser#comments</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>Same story, listed twice.</description></item>
<item><title>pdf</title><link>/a/doc.pdf</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>A document.</description></item>
</channel></rss>`, srvURL, long)
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/a/missing":
			http.NotFound(w, r)
		case "/a/doc.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
		default:
			w.Header().Set("Content-Type", "text/html; charset=windows-1251")
			w.Write([]byte("<html><body><p>page " + r.URL.Path + " \xcf\xe5\xf0\xe5\xe3\xee\xe2\xee\xf0\xe8</p></body></html>"))
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL
	since := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

	tests := []struct {
		name    string
		mode    *bool
		known   string   // a path the caller already holds
		fetched []string // paths whose page is in Body
		failed  []string // paths with Err
	}{
		{"auto", nil, "", []string{"/a/teaser", "/a/teaser"}, []string{"/a/missing", "/a/doc.pdf"}},
		{"always", ptr(true), "", []string{"/a/teaser", "/a/full", "/a/teaser"}, []string{"/a/missing", "/a/doc.pdf"}},
		{"never", ptr(false), "", nil, nil},
		{"known urls skipped", nil, "/a/teaser", nil, []string{"/a/missing", "/a/doc.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			clear(hits)
			mu.Unlock()
			known := func(u string) bool { return tt.known != "" && u == srv.URL+tt.known }
			res, err := Feed{Name: "f", URL: srv.URL + "/feed", FullText: tt.mode, Client: testClient(), Known: known}.Gather(context.Background(), since, State{})
			if err != nil {
				t.Fatal(err)
			}
			var fetched, failed []string
			for _, it := range res.Items {
				path := strings.TrimPrefix(it.URL, srv.URL)
				if it.Err != nil {
					failed = append(failed, path)
					if !errors.Is(it.Err, ErrFullText) || !strings.Contains(it.Err.Error(), it.URL) || it.Summary == "" {
						t.Errorf("%s: error %q does not name the URL, or the summary was lost", path, it.Err)
					}
					continue
				}
				if it.Body != nil {
					fetched = append(fetched, path)
					want := "page " + path + " Переговори"
					if !strings.Contains(string(it.Body), want) || it.ContentType != TypeHTML {
						t.Errorf("%s: body %q (type %q) lacks %q", path, it.Body, it.ContentType, want)
					}
				}
			}
			if fmt.Sprint(fetched) != fmt.Sprint(tt.fetched) || fmt.Sprint(failed) != fmt.Sprint(tt.failed) {
				t.Errorf("fetched %v failed %v, want %v and %v", fetched, failed, tt.fetched, tt.failed)
			}
			mu.Lock()
			defer mu.Unlock()
			if hits["/a/old"] != 0 {
				t.Errorf("an item older than since was fetched")
			}
			for p, n := range hits {
				if n > 1 {
					t.Errorf("%s fetched %d times", p, n)
				}
			}
		})
	}
}

func TestFeedHTMLPageNamesItsFeeds(t *testing.T) {
	srv := serveBytes(t, []byte(`<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.rss"></head><body>Home</body></html>`), "text/html")
	_, err := Feed{Name: "f", URL: srv.URL + "/", Client: testClient()}.Gather(context.Background(), time.Time{}, State{})
	if !errors.Is(err, ErrContentType) || !strings.Contains(err.Error(), srv.URL+"/feed.rss") {
		t.Errorf("err = %v, want ErrContentType naming %s/feed.rss", err, srv.URL)
	}
}

func TestFeedLimitErrors(t *testing.T) {
	rss := readFixture(t, "rss2.xml")
	bomb := gzipped(t, 20<<20)
	mux := http.NewServeMux()
	mux.HandleFunc("/large", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bytes.Repeat(rss, 40)) // ~80 KB
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := NewClient(WithMaxBytes(32<<10), WithTimeout(150*time.Millisecond))
	tests := []struct {
		path string
		want error
	}{
		{"/large", ErrTooLarge},
		{"/bomb", ErrTooLarge},
		{"/loop", ErrRedirects},
		{"/slow", ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			url := srv.URL + tt.path
			res, err := Feed{Name: "src", URL: url, Client: c}.Gather(context.Background(), time.Time{}, State{})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), url) || !strings.HasPrefix(err.Error(), "gather: feed src: ") {
				t.Errorf("err = %v, want %v naming the source and %s", err, tt.want, url)
			}
			if len(res.Items) != 0 {
				t.Errorf("%d items from a failed source", len(res.Items))
			}
		})
	}
}

func TestFeedURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"feed://example.org/rss", "http://example.org/rss"},
		{"FEED:https://example.org/rss", "https://example.org/rss"},
		{" https://example.org/rss ", "https://example.org/rss"},
		{"feeds.example.org/x", "feeds.example.org/x"},
		{"feed", "feed"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := FeedURL(tt.in); got != tt.want {
				t.Errorf("FeedURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
