package gather_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/digestd/digestd/digest/gather"
)

func ExampleCanonicalURL() {
	fmt.Println(gather.CanonicalURL("../news/1.html?id=7&utm_source=rss#comments", "HTTPS://Example.org:443/world/europe/"))
	// Output: https://example.org/world/news/1.html?id=7
}

func ExampleFeed_Gather() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Talks resume in Geneva</title><link>/a/1?utm_medium=rss</link><description>Delegations met again.</description></item>
</channel></rss>`)
	}))
	defer srv.Close()

	client := gather.NewClient(gather.WithVersion("1.0"), gather.WithTimeout(5*time.Second))
	never := false
	feed := gather.Feed{Name: "wire", URL: srv.URL, FullText: &never, Client: client}

	first, err := feed.Gather(context.Background(), time.Time{}, gather.State{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range first.Items {
		fmt.Println(it.Title, it.URL)
	}
	// The caller stores first.State and hands it back on the next run.
	second, _ := feed.Gather(context.Background(), time.Time{}, first.State)
	fmt.Println("not modified:", second.NotModified, "items:", len(second.Items))
	// Output:
	// Talks resume in Geneva https://wire.example/a/1
	// not modified: true items: 0
}
