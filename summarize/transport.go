package summarize

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// retryTransport wraps an http.RoundTripper with a per-attempt timeout,
// bounded concurrency, and retries with exponential backoff and full jitter
// on network errors, timeouts, 429 and 5xx, honouring Retry-After.
type retryTransport struct {
	base        http.RoundTripper
	timeout     time.Duration
	retries     int
	baseBackoff time.Duration
	maxBackoff  time.Duration
	sem         chan struct{}
	sleep       func(ctx context.Context, d time.Duration) error
	now         func() time.Time
	logger      *slog.Logger
}

// RoundTrip implements http.RoundTripper.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	select {
	case t.sem <- struct{}{}:
		defer func() { <-t.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	body, err := requestBody(req)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, t.timeout)
		r := req.Clone(actx)
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}
		resp, err := t.base.RoundTrip(r)
		if err == nil && !retryableStatus(resp.StatusCode) {
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			return resp, nil
		}
		if ctx.Err() != nil || attempt >= t.retries {
			if err != nil {
				cancel()
				return nil, err
			}
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			return resp, nil
		}
		wait := t.backoff(attempt)
		status := 0
		if err == nil {
			status = resp.StatusCode
			if d, ok := retryAfter(resp.Header.Get("Retry-After"), t.now()); ok {
				wait = d
			}
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		cancel()
		wait = min(wait, t.maxBackoff)
		t.logger.Debug("llm request retry", "url", req.URL.Redacted(), "attempt", attempt+1,
			"status", status, "error", errString(err), "wait", wait)
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// backoff is the full-jitter exponential backoff for attempt (0-based):
// a random wait between half and all of base·2^attempt.
func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.baseBackoff << min(attempt, 20)
	if d <= 0 || d > t.maxBackoff {
		d = t.maxBackoff
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		const year = 365 * 24 * 3600 // beyond any cap; avoids overflow
		return time.Duration(min(max(secs, 0), year)) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// requestBody reads the body of req so that it can be sent again.
func requestBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("summarize: reading request body: %w", err)
	}
	return b, nil
}

// cancelBody cancels the attempt's context once the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// sleepContext waits for d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) && ue.Timeout() {
		return "timeout"
	}
	return err.Error()
}
