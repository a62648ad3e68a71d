package digest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/digest/topic"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/store"
	"github.com/digestd/digestd/summarize"
	"github.com/digestd/digestd/templates"
)

// memSource serves fixed items, as a feed would after parsing.
type memSource struct {
	items []gather.Item
	err   error
}

func (m *memSource) Gather(context.Context, time.Time, gather.State) (gather.Result, error) {
	if m.err != nil {
		return gather.Result{}, m.err
	}
	return gather.Result{Items: m.items, State: gather.State{ETag: `"v1"`}}, nil
}

var now = time.Date(2025, 6, 3, 7, 0, 0, 0, time.UTC)

// Article bodies written for these tests.
const (
	talksBody = `Foreign ministers of Ukraine and Russia met in Geneva on Monday for talks on a prisoner exchange, mediated by Swiss diplomats, and agreed to meet again next week.

The Swiss foreign ministry said the negotiations covered the exchange of detainees and a humanitarian corridor for civilians, and that both delegations had accepted a framework for the next round.

Ukraine's foreign minister said the ceasefire along the corridor would be monitored by observers, while the Kremlin said the sanctions question was not part of these talks.

Diplomats said the envoys would report to their capitals before the next round of negotiations in Geneva.`
	strikeBody = `A drone struck an electrical substation in the Kharkiv region overnight, cutting power to several villages, regional officials said on Tuesday.

Repair crews restored electricity to most homes by the afternoon. Firefighters put out a blaze at the site and no one was hurt, the regional administration said.

Engineers said the damaged transformer would take several weeks to replace.`
	marathonBody = `Thousands of runners took part in the Kyiv city marathon on Sunday under clear skies, organisers said.

The winner finished in just over two hours and ten minutes, and a record number of amateur runners completed the course along the river embankment.

The organisers thanked volunteers and said next year's race would start from the same square.`
)

func item(url, title, body string, published time.Time) gather.Item {
	return gather.Item{URL: url, Title: title, Body: []byte(body), ContentType: "text/plain", Published: published}
}

type fixture struct {
	st       *store.Store
	p        *digest.Pipeline
	src      *memSource
	outbox   string
	delivery digest.Delivery
}

func newFixture(t testing.TB, items ...gather.Item) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m, err := topic.New(topic.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	src := &memSource{items: items}
	for i := range src.items {
		if src.items[i].Source == "" {
			src.items[i].Source = "wire"
		}
	}
	p := digest.New([]digest.Source{{Name: "wire", Kind: "feed", Gatherer: src}}, st, m, summarize.NewExtractive())
	set, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, p: p, src: src, outbox: filepath.Join(dir, "outbox")}
	f.delivery = digest.Delivery{Renderer: tmplRenderer{set}, Sender: mail.File{Dir: f.outbox}, From: "digest@example.org"}
	return f
}

type tmplRenderer struct{ set *templates.Set }

func (r tmplRenderer) Render(d *digest.Digest, stories []digest.Story) (digest.Letters, error) {
	sh, err := r.set.RenderShared(templates.Data{Digest: d, Stories: stories})
	return tmplLetters{sh}, err
}

type tmplLetters struct{ sh templates.Shared }

func (l tmplLetters) For(r digest.Recipient) digest.Rendered {
	x := l.sh.For(r)
	return digest.Rendered{Subject: x.Subject, HTML: x.HTML, Text: x.Text}
}

func (f *fixture) build(t testing.TB, at time.Time, dry bool, subs ...string) *digest.Build {
	t.Helper()
	b, err := f.p.Build(context.Background(), digest.BuildOptions{Now: at, Since: at.Add(-48 * time.Hour), DryRun: dry, Subscribers: subs})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func byURL(d *digest.Digest) map[string]digest.Article {
	out := map[string]digest.Article{}
	for _, a := range d.Articles {
		out[a.URL] = a
	}
	return out
}

func TestStatusesAndReasons(t *testing.T) {
	f := newFixture(t,
		item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now.Add(-2*time.Hour)),
		item("https://b.test/talks-copy", "Geneva talks: new round agreed", talksBody+"\n\nShare this article", now.Add(-time.Hour)),
		item("https://a.test/old", "Earlier talks in Geneva end without agreement", strings.ReplaceAll(talksBody, "Monday", "Friday")+" More words here.", now.Add(-30*24*time.Hour)),
		item("https://a.test/strike", "Drone strike cuts power in Kharkiv villages", strikeBody, now.Add(-3*time.Hour)),
		item("https://a.test/marathon", "Thousands run the Kyiv marathon", marathonBody, now.Add(-3*time.Hour)),
		item("https://a.test/empty", "Share this", "Share this article\n\nLeave a comment", now),
		gather.Item{URL: "https://a.test/broken", Err: errors.New("gather: GET https://a.test/broken: 500 Internal Server Error")},
	)
	b := f.build(t, now, true)
	got := byURL(b.Digest)
	want := map[string]digest.Status{
		"https://a.test/talks":      digest.StatusIncluded,
		"https://b.test/talks-copy": digest.StatusDuplicate,
		"https://a.test/old":        digest.StatusOld,
		"https://a.test/strike":     digest.StatusIrrelevant,
		"https://a.test/marathon":   digest.StatusIrrelevant,
		"https://a.test/empty":      digest.StatusEmpty,
		"https://a.test/broken":     digest.StatusError,
	}
	for url, st := range want {
		a, ok := got[url]
		if !ok {
			t.Errorf("%s: missing from the digest", url)
			continue
		}
		if a.Status != st {
			t.Errorf("%s: status %s (%s), want %s", url, a.Status, a.Reason, st)
		}
		if st != digest.StatusIncluded && a.Reason == "" {
			t.Errorf("%s: %s without a reason", url, a.Status)
		}
	}
	if dup := got["https://b.test/talks-copy"]; dup.DuplicateOf != got["https://a.test/talks"].ID {
		t.Errorf("duplicate_of = %q, want the kept copy %q", dup.DuplicateOf, got["https://a.test/talks"].ID)
	}
	if len(b.Digest.Stories) != 1 {
		t.Fatalf("%d stories, want 1: %+v", len(b.Digest.Stories), b.Digest.Stories)
	}
	s := b.Digest.Stories[0]
	if len(s.Articles) != 2 || len(s.Links) != 2 {
		t.Errorf("story lists %d articles and %d links, want the kept copy and its duplicate", len(s.Articles), len(s.Links))
	}
	if s.Summary == "" || s.Method != "extractive" {
		t.Errorf("story summary %q by %q", s.Summary, s.Method)
	}
	c := b.Digest.Counts
	if c.Gathered != 7 || c.Included != 1 || c.Duplicates != 1 || c.Irrelevant != 2 || c.Old != 1 || c.Empty != 1 || c.Errors != 1 {
		t.Errorf("counts = %+v", c)
	}
}

func TestSourceFailureIsReportedAndRunGoesOn(t *testing.T) {
	f := newFixture(t, item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now))
	bad := &memSource{err: errors.New("gather: GET https://down.test/feed: connection refused")}
	m, _ := topic.New(topic.DefaultProfile())
	p := digest.New([]digest.Source{{Name: "wire", Kind: "feed", Gatherer: f.src}, {Name: "down", Kind: "feed", Gatherer: bad}}, f.st, m, summarize.NewExtractive())
	b, err := p.Build(context.Background(), digest.BuildOptions{Now: now, Since: now.Add(-time.Hour * 24)})
	if err != nil {
		t.Fatalf("a failing source failed the build: %v", err)
	}
	if len(b.Digest.Stories) != 1 {
		t.Errorf("%d stories, want 1", len(b.Digest.Stories))
	}
	if s := b.Digest.Sources[1]; s.Name != "down" || !strings.Contains(s.Error, "connection refused") {
		t.Errorf("source report = %+v", s)
	}
	if b.Digest.Counts.SourceErrors != 1 {
		t.Errorf("source errors = %d", b.Digest.Counts.SourceErrors)
	}
}

func TestDeliveredArticlesAreNotRepeated(t *testing.T) {
	ctx := context.Background()
	talks := item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now.Add(-time.Hour))
	f := newFixture(t, talks)
	subs := []digest.Recipient{{Email: "ann@example.org"}}

	b := f.build(t, now, false, "ann@example.org")
	letters, err := digest.Compose(b, subs, f.delivery)
	if err != nil || len(letters) != 1 {
		t.Fatalf("compose: %d letters, %v", len(letters), err)
	}
	rep, err := f.p.Commit(ctx, b, letters, f.delivery, now)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("commit: %+v, %v", rep, err)
	}

	// The same story republished under another URL and headline is seen, not new.
	copyOf := item("https://b.test/elsewhere", "Prisoner swap talks to resume", strings.Replace(talksBody, "on Monday", "on Monday afternoon", 1), now.Add(-time.Hour))
	f.src.items = []gather.Item{talks, copyOf}
	f.src.items[1].Source = "other"
	later := now.Add(2 * time.Hour)
	b = f.build(t, later, false, "ann@example.org")
	for _, a := range b.Digest.Articles {
		if a.Status != digest.StatusSeen {
			t.Errorf("%s: status %s (%s), want seen", a.URL, a.Status, a.Reason)
		}
	}
	letters, _ = digest.Compose(b, subs, f.delivery)
	if len(letters) != 0 {
		t.Errorf("%d letters for nothing new", len(letters))
	}

	// A new subscriber still gets it: delivered to one is not delivered to all.
	b = f.build(t, later, false, "ann@example.org", "bob@example.org")
	letters, _ = digest.Compose(b, append(subs, digest.Recipient{Email: "bob@example.org"}), f.delivery)
	if len(letters) != 1 || letters[0].Message.To != "bob@example.org" {
		t.Fatalf("letters = %d, want one for bob", len(letters))
	}
}

// flakySender fails every message with err for the first fails calls, then delivers to a folder.
type flakySender struct {
	fails int
	err   error
	calls int
	next  mail.File
}

func (s *flakySender) Send(ctx context.Context, msgs []mail.Message, done func(int, error)) error {
	s.calls++
	if s.calls <= s.fails {
		for i := range msgs {
			done(i, s.err)
		}
		return nil
	}
	return s.next.Send(ctx, msgs, done)
}

// smtpErr is a mail server's reply.
type smtpErr struct {
	code int
	temp bool
}

func (e smtpErr) Error() string { return fmt.Sprintf("%d mailbox says no", e.code) }
func (e smtpErr) IsTemp() bool  { return e.temp }

func TestTemporaryFailureLeavesLettersPendingThenDeliversOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now))
	fl := &flakySender{fails: 1, err: smtpErr{421, true}, next: mail.File{Dir: f.outbox}}
	dl := f.delivery
	dl.Sender = fl
	dl.Retries = 0
	subs := []digest.Recipient{{Email: "ann@example.org"}, {Email: "bob@example.org"}}
	b := f.build(t, now, false, "ann@example.org", "bob@example.org")
	letters, _ := digest.Compose(b, subs, dl)
	rep, err := f.p.Commit(ctx, b, letters, dl, now)
	if !errors.Is(err, digest.ErrDeliveryIncomplete) || rep.Pending != 2 || rep.Sent != 0 {
		t.Fatalf("first commit: %+v, %v; want 2 pending and ErrDeliveryIncomplete", rep, err)
	}
	if del, _ := f.st.DeliveredSince(ctx, time.Time{}); len(del) != 0 {
		t.Fatalf("articles marked delivered although nothing was accepted: %d", len(del))
	}
	// The next run sends the pending letters once; a third sends nothing.
	var rep2 digest.Report
	if err := f.p.SendPending(ctx, dl, now.Add(time.Hour), &rep2); err != nil || rep2.Sent != 2 {
		t.Fatalf("resend: %+v, %v", rep2, err)
	}
	var rep3 digest.Report
	if err := f.p.SendPending(ctx, dl, now.Add(2*time.Hour), &rep3); err != nil || rep3.Sent != 0 {
		t.Fatalf("third send: %+v, %v", rep3, err)
	}
	emls, _ := filepath.Glob(filepath.Join(f.outbox, "*.eml"))
	if len(emls) != 2 {
		t.Errorf("%d letters in the outbox folder, want 2", len(emls))
	}
}

func TestWithinRunRetryRecovers(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now))
	dl := f.delivery
	dl.Sender = &flakySender{fails: 1, err: smtpErr{451, true}, next: mail.File{Dir: f.outbox}}
	dl.Retries, dl.Backoff = 2, time.Millisecond
	b := f.build(t, now, false, "ann@example.org")
	letters, _ := digest.Compose(b, []digest.Recipient{{Email: "ann@example.org"}}, dl)
	rep, err := f.p.Commit(ctx, b, letters, dl, now)
	if err != nil || rep.Sent != 1 || rep.Pending != 0 {
		t.Fatalf("commit with one retry: %+v, %v", rep, err)
	}
}

func TestPermanentRejectionIsRecordedNotFatal(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now))
	dl := f.delivery
	// A message the server can never take for this address (the SMTP 5xx case is tested against
	// a real server in package mail).
	dl.Sender = &flakySender{fails: 99, err: fmt.Errorf("550 no such mailbox: %w", mail.ErrInvalid)}
	b := f.build(t, now, false, "gone@example.org")
	letters, _ := digest.Compose(b, []digest.Recipient{{Email: "gone@example.org"}}, dl)
	rep, err := f.p.Commit(ctx, b, letters, dl, now)
	if err != nil {
		t.Fatalf("a permanent rejection failed the run: %v", err)
	}
	if rep.Rejected != 1 || len(rep.Rejections) != 1 || rep.Pending != 0 {
		t.Fatalf("report = %+v", rep)
	}
	subs, _ := f.st.Subscribers(ctx)
	if subs["gone@example.org"].Status != store.SubscriberRejected {
		t.Errorf("subscriber not flagged: %+v", subs["gone@example.org"])
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, time.Time{}))
	b := f.build(t, now, true, "ann@example.org")
	if len(b.Digest.Stories) != 1 {
		t.Fatalf("%d stories", len(b.Digest.Stories))
	}
	if _, err := f.p.Commit(ctx, b, nil, f.delivery, now); err == nil {
		t.Fatal("Commit accepted a dry run")
	}
	seen, _ := f.st.FirstSeen(ctx, []string{b.Digest.Articles[0].ID})
	v, _ := f.st.Validators(ctx, "wire")
	if len(seen) != 0 || v != (store.Validators{}) {
		t.Fatalf("the dry run wrote to the store: seen %v, validators %+v", seen, v)
	}
	// An undated article stays new for a later run: a preview did not start its clock.
	b = f.build(t, now.Add(72*time.Hour), true)
	if a := b.Digest.Articles[0]; a.Status != digest.StatusIncluded {
		t.Errorf("after a preview, the undated article is %s (%s)", a.Status, a.Reason)
	}
}

const followUpBody = `Ukraine and Russia exchanged lists of detainees in Geneva on Wednesday ahead of the prisoner exchange agreed at the talks mediated by Swiss diplomats, the Swiss foreign ministry said.

The delegations met again in Geneva to settle the humanitarian corridor for civilians, and the negotiations on the exchange of detainees are expected to conclude this week.

Ukraine's foreign minister said observers would monitor the ceasefire along the corridor once the exchange begins.`

func TestStoryReportedBeforeComesBackAsUpdate(t *testing.T) {
	ctx := context.Background()
	talks := item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now.Add(-time.Hour))
	f := newFixture(t, talks)
	subs := []digest.Recipient{{Email: "ann@example.org"}}
	b := f.build(t, now, false, "ann@example.org")
	letters, _ := digest.Compose(b, subs, f.delivery)
	if _, err := f.p.Commit(ctx, b, letters, f.delivery, now); err != nil {
		t.Fatal(err)
	}
	first := b.Digest.Stories[0]

	later := now.Add(26 * time.Hour)
	f.src.items = []gather.Item{talks, item("https://b.test/lists", "Geneva talks: Ukraine and Russia exchange lists of detainees for prisoner swap", followUpBody, later.Add(-time.Hour))}
	b = f.build(t, later, true, "ann@example.org")
	if len(b.Digest.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(b.Digest.Stories))
	}
	s := b.Digest.Stories[0]
	if !s.Update || s.ID != first.ID {
		t.Errorf("story %q: update=%v id=%s; want an update of %s", s.Headline, s.Update, s.ID, first.ID)
	}
	if len(s.Articles) != 1 || s.Links[0].URL != "https://b.test/lists" {
		t.Errorf("the update lists %v; want only the new article", s.Articles)
	}
	// It is an update for Ann, who got the story, and news for Bob, who subscribed since.
	letters, err := digest.Compose(b, []digest.Recipient{{Email: "ann@example.org"}, {Email: "bob@example.org"}}, f.delivery)
	if err != nil || len(letters) != 2 {
		t.Fatalf("compose: %d letters, %v", len(letters), err)
	}
	if ann, bob := letters[0].Message.Text, letters[1].Message.Text; !strings.Contains(ann, "Update: ") || strings.Contains(bob, "Update: ") {
		t.Errorf("Update marker: for ann %v, for bob %v; want ann only", strings.Contains(ann, "Update: "), strings.Contains(bob, "Update: "))
	}

	// An unrelated event is a new story, not an update.
	f.src.items = []gather.Item{item("https://c.test/sanctions", "EU ministers agree new sanctions package on Russia over the war in Ukraine",
		"European Union foreign ministers agreed in Brussels on Tuesday on a new package of sanctions against Russia over its war in Ukraine, diplomats said.\n\nThe package targets energy revenues and shipping, and ministers also discussed security guarantees for Kyiv in any peace settlement.\n\nUkraine's foreign minister welcomed the decision and called for the sanctions to be enforced quickly.", later.Add(-time.Hour))}
	b = f.build(t, later, true, "ann@example.org")
	if len(b.Digest.Stories) != 1 || b.Digest.Stories[0].Update {
		t.Errorf("an unrelated event came as an update: %+v", b.Digest.Stories)
	}
}

func TestLateFeedItemDoesNotAgeOutUnseen(t *testing.T) {
	since := now.Add(-24 * time.Hour)
	late := item("https://a.test/late", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, since.Add(-10*time.Minute))
	f := newFixture(t, late)
	m, _ := topic.New(topic.DefaultProfile())
	build := func(lag time.Duration) digest.Status {
		p := digest.New([]digest.Source{{Name: "wire", Kind: "feed", Gatherer: f.src}}, f.st, m, summarize.NewExtractive(), digest.WithLag(lag))
		b, err := p.Build(context.Background(), digest.BuildOptions{Now: now, Since: since, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		return b.Digest.Articles[0].Status
	}
	if got := build(0); got != digest.StatusOld {
		t.Errorf("without lag: %s, want old", got)
	}
	if got := build(time.Hour); got != digest.StatusIncluded {
		t.Errorf("with an hour of lag, an item 10 minutes before the look-back and never seen: %s, want included", got)
	}
}

// After a failed send, the next digest supersedes the pending letter when it carries all of its
// articles, and otherwise leaves it pending and carries none of them: every article reaches the
// subscriber exactly once.
func TestPendingLettersNeitherLostNorRepeated(t *testing.T) {
	ctx := context.Background()
	talks := item("https://a.test/talks", "Ukraine and Russia agree in Geneva to hold new prisoner exchange talks", talksBody, now.Add(-2*time.Hour))
	sanctions := item("https://b.test/sanctions", "EU ministers agree new sanctions package on Russia over the war in Ukraine",
		"European Union foreign ministers agreed in Brussels on Tuesday on a new package of sanctions against Russia over its war in Ukraine, diplomats said.\n\nThe package targets energy revenues and shipping, and ministers also discussed security guarantees for Kyiv in any peace settlement.\n\nUkraine's foreign minister welcomed the decision and called for the sanctions to be enforced quickly.", now.Add(-2*time.Hour))
	envoy := item("https://c.test/envoy", "UN envoy visits Kyiv and Ankara to revive Black Sea grain corridor talks",
		"A United Nations envoy held talks in Kyiv and Ankara on Thursday to revive the Black Sea grain corridor, diplomats said.\n\nThe envoy met Ukraine's foreign minister and Turkish mediators, and said negotiations with Russia on safe passage for ships would resume next week.\n\nThe Kremlin said it was ready for talks on the corridor if sanctions on its farm exports were eased.", now.Add(-time.Hour))
	subs := []digest.Recipient{{Email: "ann@example.org"}}

	for _, tc := range []struct {
		name      string
		second    []gather.Item // what the second run gathers
		wantFiles int           // letters delivered in the end
	}{
		{"covered: one letter supersedes", []gather.Item{talks, sanctions, envoy}, 1},
		{"not covered: the old letter goes too, without overlap", []gather.Item{sanctions, envoy}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, talks, sanctions)
			dl := f.delivery
			dl.Sender = &flakySender{fails: 1, err: smtpErr{421, true}, next: mail.File{Dir: f.outbox}}
			b := f.build(t, now, false, "ann@example.org")
			letters, _ := digest.Compose(b, subs, dl)
			if _, err := f.p.Commit(ctx, b, letters, dl, now); !errors.Is(err, digest.ErrDeliveryIncomplete) {
				t.Fatalf("first run: %v, want a pending letter", err)
			}
			pending, _ := f.st.Pending(ctx)

			later := now.Add(time.Hour)
			f.src.items = tc.second
			b, err := f.p.Build(ctx, digest.BuildOptions{Now: later, Since: now.Add(-24 * time.Hour), Subscribers: []string{"ann@example.org"}, Unconditional: true})
			if err != nil {
				t.Fatal(err)
			}
			dl.Pending = pending
			letters, err = digest.Compose(b, subs, dl)
			if err != nil || len(letters) != 1 {
				t.Fatalf("second compose: %d letters, %v", len(letters), err)
			}
			if _, err := f.p.Commit(ctx, b, letters, dl, later); err != nil {
				t.Fatalf("second run: %v", err)
			}
			emls, _ := filepath.Glob(filepath.Join(f.outbox, "*.eml"))
			if len(emls) != tc.wantFiles {
				t.Errorf("%d letters delivered, want %d", len(emls), tc.wantFiles)
			}
			// Every article exactly once across what was delivered.
			count := map[string]int{}
			for _, e := range emls {
				raw, _ := os.ReadFile(e)
				for _, u := range []string{"https://a.test/talks", "https://b.test/sanctions", "https://c.test/envoy"} {
					if strings.Contains(string(raw), u) {
						count[u]++
					}
				}
			}
			for _, u := range []string{"https://a.test/talks", "https://b.test/sanctions", "https://c.test/envoy"} {
				if count[u] != 1 {
					t.Errorf("%s delivered %d times, want once", u, count[u])
				}
			}
		})
	}
}
