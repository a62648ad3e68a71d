package gather

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// readFixture reads testdata/name.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serveBytes starts a server answering every request with body and the
// given Content-Type.
func serveBytes(t testing.TB, body []byte, contentType string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// testClient is a Client with short timeouts for tests.
func testClient(opts ...Option) *Client {
	return NewClient(append([]Option{WithTimeout(5 * time.Second)}, opts...)...)
}

func ptr[T any](v T) *T { return &v }
