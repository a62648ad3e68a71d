package mail_test

import (
	"context"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/internal/mailpittest"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/templates"
)

// BenchmarkSend10k renders the sample digest once, personalises it for
// 10,000 subscribers (name, address, signed unsubscribe link) and sends them
// over one connection to a local Mailpit. Run it with -benchtime=1x.
func BenchmarkSend10k(b *testing.B) {
	const n = 10000
	mp := mailpittest.Start(b)
	s, err := mail.NewSMTP(mail.PlainConfig(mp))
	if err != nil {
		b.Fatal(err)
	}
	set, err := templates.Load("")
	if err != nil {
		b.Fatal(err)
	}
	secret := []byte("benchmark secret")
	date := time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC)

	var peak atomic.Uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if h := ms.HeapInuse; h > peak.Load() {
			peak.Store(h)
		}
	}
	var elapsed time.Duration
	var sent int
	for b.Loop() {
		start := time.Now()
		shared, err := set.RenderShared(templates.Data{Digest: templates.SampleDigest(), Why: "You subscribed as {email}."})
		if err != nil {
			b.Fatal(err)
		}
		msgs := make([]mail.Message, n)
		for i := range msgs {
			addr := "subscriber" + strconv.Itoa(i) + "@example.org"
			r := shared.For(digest.Recipient{Email: addr, Name: "Subscriber " + strconv.Itoa(i),
				UnsubscribeURL: "https://digest.example.org/unsubscribe/" + mail.UnsubscribeToken(secret, addr)})
			msgs[i] = mail.Message{Key: "2026-11-21/" + addr, From: "digest@example.org", FromName: "Digest",
				To: addr, Subject: r.Subject, Text: r.Text, HTML: r.HTML, Date: date,
				UnsubscribeURL: "https://digest.example.org/unsubscribe/" + mail.UnsubscribeToken(secret, addr)}
		}
		sample()
		ok := 0
		err = s.Send(context.Background(), msgs, func(i int, err error) {
			if err != nil {
				b.Errorf("message %d: %v", i, err)
				return
			}
			ok++
			if i%500 == 0 {
				sample()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		sent += ok
	}
	sample()
	b.ReportMetric(float64(sent)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
