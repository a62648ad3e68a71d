package gather

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gzipped compresses n zero bytes.
func gzipped(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 64<<10)
	for n > 0 {
		k := min(n, len(chunk))
		zw.Write(chunk[:k])
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestClientGetErrors(t *testing.T) {
	const limit = 64 << 10
	bomb := gzipped(t, 50<<20) // 50 MiB of zeros in ~50 KiB
	small := gzipped(t, 1000)
	mux := http.NewServeMux()
	mux.HandleFunc("/big-length", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(limit*100))
		w.Write(make([]byte, limit*2)) // the client must stop without reading the rest
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("a"), 4096)
		for range 1000 { // 4 MB unless the client hangs up
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bomb)
	})
	mux.HandleFunc("/gzip-ok", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("no Accept-Encoding: gzip")
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(small)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/pingpong/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pingpong/b", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/pingpong/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pingpong/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n == 0 {
			w.Write([]byte("arrived"))
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/gate", func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("consent"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "consent", Value: "yes", Path: "/"})
			http.Redirect(w, r, "/gate", http.StatusFound)
			return
		}
		w.Write([]byte("behind the gate"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/teapot", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := NewClient(WithMaxBytes(limit), WithTimeout(500*time.Millisecond))

	tests := []struct {
		name, path string
		wantErr    error
		wantBody   string
	}{
		{"too large by length", "/big-length", ErrTooLarge, ""},
		{"too large while reading", "/big-chunked", ErrTooLarge, ""},
		{"gzip bomb", "/bomb", ErrTooLarge, ""},
		{"gzip decoded", "/gzip-ok", nil, strings.Repeat("\x00", 1000)},
		{"redirect loop", "/loop", ErrRedirects, ""},
		{"cookie and back", "/gate", nil, "behind the gate"},
		{"redirect ping-pong", "/pingpong/a", ErrRedirects, ""},
		{"five redirects allowed", "/chain/5", nil, "arrived"},
		{"six redirects refused", "/chain/6", ErrRedirects, ""},
		{"timeout before headers", "/slow", ErrTimeout, ""},
		{"timeout in the body", "/slow-body", ErrTimeout, ""},
		{"4xx", "/teapot", ErrStatus, ""},
		{"404", "/nowhere", ErrStatus, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := srv.URL + tt.path
			resp, err := c.Get(context.Background(), url, State{})
			if tt.wantErr == nil {
				if err != nil || string(resp.Body) != tt.wantBody {
					t.Fatalf("err %v, body %.40q", err, resp.Body)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), url) {
				t.Errorf("error %q does not name %s", err, url)
			}
			if resp.Body != nil {
				t.Errorf("a failed GET returned %d bytes", len(resp.Body))
			}
		})
	}
	t.Run("reads at most the cap", func(t *testing.T) {
		ct := &countingTransport{}
		cc := NewClient(WithMaxBytes(limit), WithHTTPClient(&http.Client{Transport: ct}))
		for _, path := range []string{"/big-chunked", "/big-length"} {
			ct.n.Store(0)
			if _, err := cc.Get(context.Background(), srv.URL+path, State{}); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("%s: err = %v", path, err)
			}
			if n := ct.n.Load(); n > limit+1 {
				t.Errorf("%s: read %d bytes of the body, cap %d", path, n, limit)
			}
		}
	})
	t.Run("status error code", func(t *testing.T) {
		_, err := c.Get(context.Background(), srv.URL+"/teapot", State{})
		var se *StatusError
		if !errors.As(err, &se) || se.Code != http.StatusTeapot {
			t.Errorf("err = %#v, want a StatusError with code 418", err)
		}
	})
	t.Run("not http", func(t *testing.T) {
		if _, err := c.Get(context.Background(), "ftp://example.org/x", State{}); err == nil || !strings.Contains(err.Error(), "ftp://example.org/x") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("cancelled context is not a timeout", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Get(ctx, srv.URL+"/slow", State{})
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// inflight counts concurrent requests and remembers the maximum.
type inflight struct {
	mu       sync.Mutex
	now, max int
}

func (f *inflight) enter() {
	f.mu.Lock()
	f.now++
	f.max = max(f.max, f.now)
	f.mu.Unlock()
}

func (f *inflight) leave() {
	f.mu.Lock()
	f.now--
	f.mu.Unlock()
}

func TestClientConcurrencyLimits(t *testing.T) {
	const hosts, perHostRequests = 5, 6
	var overall inflight
	per := make([]*inflight, hosts)
	var urls []string
	for i := range hosts {
		per[i] = &inflight{}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			overall.enter()
			per[i].enter()
			time.Sleep(30 * time.Millisecond)
			per[i].leave()
			overall.leave()
			w.Write([]byte("ok"))
		}))
		defer srv.Close()
		for j := range perHostRequests {
			urls = append(urls, fmt.Sprintf("%s/%d", srv.URL, j))
		}
	}
	tests := []struct {
		name              string
		opts              []Option
		wantHost, wantAll int
	}{
		{"defaults", nil, DefaultPerHost, DefaultConcurrency},
		{"configured", []Option{WithPerHost(1), WithConcurrency(3)}, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			overall = inflight{}
			for _, p := range per {
				*p = inflight{}
			}
			c := testClient(tt.opts...)
			var wg sync.WaitGroup
			for _, u := range urls {
				wg.Go(func() {
					if _, err := c.Get(context.Background(), u, State{}); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			for i, p := range per {
				if p.max > tt.wantHost {
					t.Errorf("host %d had %d requests in flight, limit %d", i, p.max, tt.wantHost)
				}
			}
			if overall.max > tt.wantAll {
				t.Errorf("%d requests in flight overall, limit %d", overall.max, tt.wantAll)
			}
			if overall.max < 2 {
				t.Errorf("only %d request in flight at once: the limits serialise everything", overall.max)
			}
			if len(c.hosts) != 0 {
				t.Errorf("%d host slots left after all requests finished", len(c.hosts))
			}
		})
	}
}

func TestClientUserAgent(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.UserAgent() }))
	defer srv.Close()
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"default", nil, "digestd/" + Version + " (+https://github.com/digestd/digestd)"},
		{"version", []Option{WithVersion("1.2.3")}, "digestd/1.2.3 (+https://github.com/digestd/digestd)"},
		{"custom", []Option{WithUserAgent("probe/1")}, "probe/1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewClient(tt.opts...).Get(context.Background(), srv.URL, State{}); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("User-Agent %q, want %q", got, tt.want)
			}
		})
	}
}

// countingTransport counts the body bytes the client reads.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, n: &c.n}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

func TestClientOptionDefaults(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want [5]int64 // per host, overall, max bytes, redirects, timeout
	}{
		{"none", nil, [5]int64{2, 8, 5 << 20, 5, int64(DefaultTimeout)}},
		{"zeros keep defaults", []Option{WithPerHost(0), WithConcurrency(0), WithMaxBytes(0), WithMaxRedirects(-1), WithTimeout(0)},
			[5]int64{2, 8, 5 << 20, 5, int64(DefaultTimeout)}},
		{"set", []Option{WithPerHost(3), WithConcurrency(4), WithMaxBytes(100), WithMaxRedirects(0), WithTimeout(time.Second)},
			[5]int64{3, 4, 100, 0, int64(time.Second)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClient(tt.opts...)
			got := [5]int64{int64(c.perHost), int64(cap(c.all)), c.maxBytes, int64(c.maxRedirects), int64(c.timeout)}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestClientLimitsFollowRedirects: the per-host limit holds for the host a
// redirect leads to, not only for the host first asked.
func TestClientLimitsFollowRedirects(t *testing.T) {
	var back inflight
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		back.enter()
		time.Sleep(30 * time.Millisecond)
		back.leave()
		w.Write([]byte("article"))
	}))
	defer target.Close()
	var urls []string
	for range 4 {
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+r.URL.Path, http.StatusFound)
		}))
		defer front.Close()
		for j := range 3 {
			urls = append(urls, fmt.Sprintf("%s/story/%d", front.URL, j))
		}
	}
	c := testClient()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			if resp, err := c.Get(context.Background(), u, State{}); err != nil || string(resp.Body) != "article" {
				t.Errorf("%s: %q, %v", u, resp.Body, err)
			}
		})
	}
	wg.Wait()
	if back.max > DefaultPerHost || back.max < 1 {
		t.Errorf("redirect target had %d requests in flight, limit %d", back.max, DefaultPerHost)
	}
}

// TestClientTimeoutExcludesQueueing: waiting for a host's slot does not eat
// into a request's timeout.
func TestClientTimeoutExcludesQueueing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(60 * time.Millisecond)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c := NewClient(WithPerHost(1), WithTimeout(time.Second))
	var wg sync.WaitGroup
	for i := range 25 { // 25 x 60ms queued behind one slot: 1.5s in all
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i), State{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
