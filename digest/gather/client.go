package gather

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync"
	"time"
)

// Defaults of a Client.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultPerHost      = 2
	DefaultConcurrency  = 8
	DefaultMaxRedirects = 5
)

// Client is a polite HTTP client shared by every source of a run: it sends
// one User-Agent, keeps at most PerHost requests in flight to one host and
// Concurrency overall, bounds each request by a timeout, caps bodies (also
// after gzip decompression), stops redirect loops, and does conditional GET.
// A Client is safe for concurrent use.
type Client struct {
	ua           string
	timeout      time.Duration
	maxBytes     int64
	perHost      int
	maxRedirects int
	http         *http.Client
	all          chan struct{}

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

// Option configures a Client.
type Option func(*Client)

// WithUserAgent sets the whole User-Agent header ("" keeps the default).
func WithUserAgent(s string) Option {
	return func(c *Client) {
		if s != "" {
			c.ua = s
		}
	}
}

// WithVersion sets the version named in the default User-Agent.
func WithVersion(v string) Option {
	return func(c *Client) { c.ua = fmt.Sprintf(UserAgentFormat, v) }
}

// WithTimeout bounds each request, body included (default 20s; zero or
// less keeps the default).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithMaxBytes caps each body, after decompression (default 5 MiB; zero or
// less keeps the default).
func WithMaxBytes(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}

// WithPerHost limits the requests in flight to one host (default 2; zero or
// less keeps the default).
func WithPerHost(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.perHost = n
		}
	}
}

// WithConcurrency limits the requests in flight overall (default 8; zero or
// less keeps the default).
func WithConcurrency(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.all = make(chan struct{}, n)
		}
	}
}

// WithHTTPClient sets the underlying client (tests). Its redirect policy is
// replaced by the Client's own.
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithMaxRedirects sets how many redirects a request may follow (default 5;
// 0 follows none; less than zero keeps the default).
func WithMaxRedirects(n int) Option {
	return func(c *Client) {
		if n >= 0 {
			c.maxRedirects = n
		}
	}
}

// NewClient returns a Client with the defaults changed by opts.
func NewClient(opts ...Option) *Client {
	c := &Client{
		ua:           fmt.Sprintf(UserAgentFormat, Version),
		timeout:      DefaultTimeout,
		maxBytes:     DefaultMaxBytes,
		perHost:      DefaultPerHost,
		maxRedirects: DefaultMaxRedirects,
		all:          make(chan struct{}, DefaultConcurrency),
		hosts:        map[string]*hostSlot{},
	}
	for _, o := range opts {
		o(c)
	}
	var h http.Client
	if c.http != nil {
		h = *c.http
	} else {
		h.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          32,
			IdleConnTimeout:       60 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 30 * time.Second,
		}
	}
	next := h.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	h.Transport = &limiter{c: c, next: next}
	if h.Jar == nil {
		// Cookies live for the Client (one run): enough for a site that
		// sets a cookie and redirects back, never stored on disk.
		h.Jar, _ = cookiejar.New(nil)
	}
	h.CheckRedirect = c.checkRedirect
	c.http = &h
	return c
}

// Accept headers: what each kind of request prefers.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
	acceptAny  = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
)

// Response is the outcome of one GET.
type Response struct {
	Body        []byte // decompressed, at most the size cap; not yet decoded to UTF-8
	ContentType string // the Content-Type header as sent
	FinalURL    string // the URL after redirects
	State       State  // the validators the server sent (on a 304, the request's for those it did not resend)
	NotModified bool   // the server answered 304; Body is empty
	Status      int
}

// StatusError is an HTTP error status (4xx, 5xx, or an unexpected 1xx/3xx).
// Get wraps it in an error that names the URL.
type StatusError struct {
	URL        string
	Code       int
	Status     string
	RetryAfter string // the Retry-After header of a 429 or 503, as sent
}

func (e *StatusError) Error() string {
	msg := "server answered " + e.Status
	if e.RetryAfter != "" {
		msg += " (Retry-After: " + e.RetryAfter + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrStatus) true.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }

// Get fetches url, sending st's validators as If-None-Match and
// If-Modified-Since. A 304 gives NotModified and no error. A status of 400 or
// more gives a *StatusError (with the Response's Status set). Every error
// names the URL; the sentinels ErrTooLarge, ErrRedirects and ErrTimeout can
// be tested with errors.Is.
func (c *Client) Get(ctx context.Context, rawURL string, st State) (Response, error) {
	resp, err := c.fetch(ctx, rawURL, st, acceptAny)
	if err != nil {
		return resp, fmt.Errorf("gather: %w", err)
	}
	return resp, nil
}

// fetch is Get with errors that start "GET url:", for callers that add
// their own prefix.
func (c *Client) fetch(ctx context.Context, rawURL string, st State, accept string) (Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Response{}, fmt.Errorf("GET %s: not an http(s) URL", rawURL)
	}
	resp, err := c.get(ctx, u.String(), st, accept)
	if err != nil {
		return resp, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	return resp, nil
}

func (c *Client) get(ctx context.Context, rawURL string, st State, accept string) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Err != nil {
			err = ue.Err // the URL is named by Get
		}
		return Response{}, err
	}
	defer resp.Body.Close()
	out := Response{
		ContentType: resp.Header.Get("Content-Type"),
		FinalURL:    resp.Request.URL.String(),
		Status:      resp.StatusCode,
		State:       State{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.State.ETag == "" {
			out.State.ETag = st.ETag
		}
		if out.State.LastModified == "" {
			out.State.LastModified = st.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		se := &StatusError{URL: rawURL, Code: resp.StatusCode, Status: resp.Status}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			se.RetryAfter = resp.Header.Get("Retry-After")
		}
		return out, se
	}
	if resp.ContentLength > c.maxBytes && resp.Header.Get("Content-Encoding") == "" {
		return out, fmt.Errorf("body of %d bytes is larger than %d: %w", resp.ContentLength, c.maxBytes, ErrTooLarge)
	}
	body, err := c.readBody(resp)
	if err != nil {
		return out, err
	}
	out.Body = body
	return out, nil
}

// checkRedirect stops after maxRedirects redirects, or at a loop: a URL
// visited twice already. (One revisit is allowed: a site may set a cookie
// and send the client back to the same URL.)
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	visits := 0
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			visits++
		}
	}
	if visits >= 2 {
		return fmt.Errorf("redirect loop back to %s: %w", req.URL, ErrRedirects)
	}
	if len(via) > c.maxRedirects {
		return fmt.Errorf("more than %d redirects (last to %s): %w", c.maxRedirects, req.URL, ErrRedirects)
	}
	return nil
}
