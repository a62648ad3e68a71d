package digest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/digest/gather"
)

// corpus generates n articles: events reported by several outlets (some as near-identical wire
// copies), off-topic war and city news, in the proportions of a busy news day.
func corpus(n int, seed uint64) []gather.Item {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	places := []string{"Geneva", "Istanbul", "Riyadh", "Brussels", "Ankara", "Vienna", "Doha", "Warsaw", "Oslo", "Helsinki"}
	topics := []string{"prisoner exchange", "ceasefire", "sanctions package", "security guarantees", "grain corridor", "peace summit", "energy truce", "humanitarian corridor"}
	actors := []string{"Ukraine's foreign minister", "the Kremlin", "the US envoy", "EU foreign ministers", "Turkish mediators", "the Swiss foreign ministry", "NATO officials", "the UN special envoy"}
	filler := strings.Fields("officials said the delegations would continue to work on the details over the coming days while experts prepared documents for the leaders and observers noted that several questions remained open including the timetable the monitoring of any agreement and the role of partners in guaranteeing it")
	sentence := func(ev int) string {
		w := make([]string, 0, 30)
		w = append(w, actors[(ev+r.IntN(3))%len(actors)], "said", "on", []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}[ev%5], "that")
		for range 12 + r.IntN(10) {
			w = append(w, filler[r.IntN(len(filler))])
		}
		w = append(w, "in", places[ev%len(places)], "on", "the", topics[ev%len(topics)]+".")
		return strings.Join(w, " ")
	}
	article := func(ev int) string {
		paras := make([]string, 0, 8)
		for range 5 + r.IntN(4) {
			paras = append(paras, sentence(ev)+" "+sentence(ev))
		}
		return strings.Join(paras, "\n\n")
	}
	t0 := time.Date(2025, 6, 3, 6, 0, 0, 0, time.UTC)
	items := make([]gather.Item, 0, n)
	var lastWire string
	for i := range n {
		ev := r.IntN(max(1, n/6))
		it := gather.Item{Source: fmt.Sprintf("outlet-%d", i%40), URL: fmt.Sprintf("https://outlet-%d.test/a/%d", i%40, i),
			ContentType: "text/plain", Published: t0.Add(-time.Duration(r.IntN(20)) * time.Hour)}
		switch k := r.IntN(10); {
		case k < 6:
			it.Title = fmt.Sprintf("Talks in %s on the %s: %s", places[ev%len(places)], topics[ev%len(topics)], actors[ev%len(actors)])
			it.Body = []byte(article(ev))
			lastWire = string(it.Body)
		case k < 8 && lastWire != "":
			it.Title = fmt.Sprintf("Wire: %s talks continue", places[ev%len(places)])
			it.Body = []byte(strings.Replace(lastWire, "said", "stated", 2) + "\n\nShare this article")
		default:
			it.Title = fmt.Sprintf("Storm and traffic news number %d", i)
			it.Body = []byte(strings.Repeat("Heavy rain flooded streets in the city centre and buses were delayed for hours, the transport office said. ", 4+r.IntN(4)))
		}
		items = append(items, it)
	}
	return items
}

func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			items := corpus(n, 1)
			f := newFixture(b, items...)
			at := time.Date(2025, 6, 3, 7, 0, 0, 0, time.UTC)
			b.ReportAllocs()
			var d *digest.Digest
			for b.Loop() {
				bl, err := f.p.Build(context.Background(), digest.BuildOptions{Now: at, Since: at.Add(-48 * time.Hour), DryRun: true})
				if err != nil {
					b.Fatal(err)
				}
				d = bl.Digest
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(d.Counts.Stories), "stories")
			b.ReportMetric(float64(d.Counts.Duplicates), "duplicates")
		})
	}
}
