package gather

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// hostSlot is the semaphore of one host and how many requests use it.
type hostSlot struct {
	sem   chan struct{}
	users int
}

// limiter is the RoundTripper that enforces the Client's limits on every
// hop, redirects included: each request holds a slot of its host and one of
// the overall limit until its body is closed.
type limiter struct {
	c    *Client
	next http.RoundTripper
}

func (l *limiter) RoundTrip(req *http.Request) (*http.Response, error) {
	release, err := l.c.acquire(req.Context(), hostKey(req.URL))
	if err != nil {
		return nil, fmt.Errorf("waiting for a slot for %s: %w", req.URL.Host, err)
	}
	// The timeout starts once the request may go: time spent queueing
	// behind other requests to the same host does not count.
	ctx, cancel := context.WithTimeoutCause(req.Context(), l.c.timeout, ErrTimeout)
	done := sync.OnceFunc(func() { cancel(); release() })
	resp, err := l.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		done()
		if context.Cause(ctx) == ErrTimeout {
			err = timeoutError(l.c.timeout)
		}
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, ctx: ctx, timeout: l.c.timeout, release: done}
	return resp, nil
}

func timeoutError(d time.Duration) error {
	return fmt.Errorf("no complete answer within %s: %w", d, ErrTimeout)
}

// releasingBody gives the request's slots back when it is closed, and
// reports a read cut short by the timeout as ErrTimeout.
type releasingBody struct {
	io.ReadCloser
	ctx     context.Context
	timeout time.Duration
	release func()
}

func (b *releasingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && context.Cause(b.ctx) == ErrTimeout {
		err = timeoutError(b.timeout)
	}
	return n, err
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// hostKey names the host a request counts against: lowercase, without a
// default port.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return host
	}
	return host + ":" + port
}

// acquire takes a slot of host, then one of the overall limit, and returns
// the function that gives both back.
func (c *Client) acquire(ctx context.Context, host string) (func(), error) {
	c.mu.Lock()
	slot := c.hosts[host]
	if slot == nil {
		slot = &hostSlot{sem: make(chan struct{}, c.perHost)}
		c.hosts[host] = slot
	}
	slot.users++
	c.mu.Unlock()
	done := func() {
		c.mu.Lock()
		if slot.users--; slot.users == 0 {
			delete(c.hosts, host)
		}
		c.mu.Unlock()
	}
	select {
	case slot.sem <- struct{}{}:
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
	select {
	case c.all <- struct{}{}:
	case <-ctx.Done():
		<-slot.sem
		done()
		return nil, ctx.Err()
	}
	return func() {
		<-c.all
		<-slot.sem
		done()
	}, nil
}
