package gather

import (
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// readBody reads the body, decompressing gzip/deflate itself so that the cap
// applies to the decompressed size (a gzip bomb stops at the cap) as well as
// to the bytes on the wire.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	var r io.Reader = newCapReader(resp.Body, c.maxBytes, "body")
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = newCapReader(zr, c.maxBytes, "decompressed body")
	case "deflate":
		zr := flate.NewReader(r)
		defer zr.Close()
		r = newCapReader(zr, c.maxBytes, "decompressed body")
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

// capReader fails with ErrTooLarge once more than limit bytes are read,
// having read at most limit+1.
type capReader struct {
	r     io.Reader
	left  int64
	limit int64
	what  string
}

func newCapReader(r io.Reader, limit int64, what string) *capReader {
	return &capReader{r: r, left: limit, limit: limit, what: what}
}

func (c *capReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, fmt.Errorf("%s larger than %d bytes: %w", c.what, c.limit, ErrTooLarge)
	}
	return n, err
}
