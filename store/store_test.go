package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2025, 6, 1, 7, 0, 0, 0, time.UTC)

func TestFirstSeenKeepsTheFirstTime(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	a := Seen{ID: "a1", URL: "https://x.test/a", Hash: -42, Title: "A", Source: "x"}
	if err := s.RecordSeen(ctx, []Seen{a}, t0); err != nil {
		t.Fatal(err)
	}
	a.Title = "A, edited"
	if err := s.RecordSeen(ctx, []Seen{a}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := s.FirstSeen(ctx, []string{"a1", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got["a1"].Equal(t0) {
		t.Fatalf("FirstSeen = %v, want a1 at %v only", got, t0)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.RecordSeen(ctx, []Seen{{ID: "a1", URL: "u1", Hash: 1, Title: "t", Source: "s"}, {ID: "a2", URL: "u2", Hash: 2, Title: "t", Source: "s"}}, t0); err != nil {
		t.Fatal(err)
	}
	first := Letter{Key: "ann|1", Subscriber: "ann@x.test", PeriodStart: t0.Add(-24 * time.Hour), PeriodEnd: t0, Articles: []string{"a1"}, Message: []byte("m1")}
	if err := s.Enqueue(ctx, first, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, first, t0); !errors.Is(err, ErrLetterExists) {
		t.Fatalf("second enqueue of one key: %v, want ErrLetterExists", err)
	}
	// A temporary failure leaves it pending.
	if err := s.MarkAttempt(ctx, first.Key, errors.New("421 try later"), false, t0); err != nil {
		t.Fatal(err)
	}
	// The next digest supersedes it.
	second := Letter{Key: "ann|2", Subscriber: "ann@x.test", PeriodStart: t0.Add(-24 * time.Hour), PeriodEnd: t0.Add(24 * time.Hour), Articles: []string{"a1", "a2"}, Message: []byte("m2")}
	if err := s.Enqueue(ctx, second, t0.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	pending, err := s.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].Key != "ann|2" || string(pending[0].Message) != "m2" {
		t.Fatalf("pending = %+v, want only ann|2", pending)
	}
	if ok, err := s.MarkSent(ctx, "ann|1", t0); err != nil || ok {
		t.Fatalf("a superseded letter was marked sent: %v %v", ok, err)
	}
	if ok, err := s.MarkSent(ctx, "ann|2", t0.Add(25*time.Hour)); err != nil || !ok {
		t.Fatalf("MarkSent = %v, %v", ok, err)
	}
	if ok, _ := s.MarkSent(ctx, "ann|2", t0.Add(26*time.Hour)); ok {
		t.Fatal("a letter was marked sent twice")
	}
	del, err := s.DeliveredSince(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(del) != 2 || del[0].Subscribers[0] != "ann@x.test" {
		t.Fatalf("delivered = %+v", del)
	}
	subs, err := s.Subscribers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := subs["ann@x.test"]; got.Status != SubscriberActive || !got.LastDelivery.Equal(t0.Add(24*time.Hour)) {
		t.Fatalf("subscriber state = %+v", got)
	}
}

func TestPermanentFailureFlagsSubscriber(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	l := Letter{Key: "bob|1", Subscriber: "bob@x.test", PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("m")}
	if err := s.Enqueue(ctx, l, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkAttempt(ctx, l.Key, errors.New("550 no such user"), true, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 0 {
		t.Fatalf("a rejected letter is still pending: %+v", p)
	}
	subs, _ := s.Subscribers(ctx)
	if got := subs["bob@x.test"]; got.Status != SubscriberRejected || got.Reason != "550 no such user" {
		t.Fatalf("subscriber = %+v, want rejected with the reply", got)
	}
	failed, _ := s.Letters(ctx, LetterFailed, 10)
	if len(failed) != 1 || failed[0].Attempts != 1 {
		t.Fatalf("failed letters = %+v", failed)
	}
}

func TestValidatorsCacheAndRuns(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if v, err := s.Validators(ctx, "feed"); err != nil || v != (Validators{}) {
		t.Fatalf("unknown source: %+v %v", v, err)
	}
	want := Validators{ETag: `"abc"`, LastModified: "Mon, 02 Jun 2025 07:00:00 GMT"}
	if err := s.SetValidators(ctx, "feed", want, t0); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Validators(ctx, "feed"); v != want {
		t.Fatalf("validators = %+v, want %+v", v, want)
	}
	if _, ok, _ := s.Get(ctx, "k"); ok {
		t.Fatal("empty cache hit")
	}
	if err := s.Put(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.Get(ctx, "k"); !ok || v != "v" {
		t.Fatalf("cache = %q %v", v, ok)
	}
	if err := s.RecordRun(ctx, Run{StartedAt: t0, FinishedAt: t0.Add(time.Second), Kind: "run", Status: "ok", Report: "{}"}); err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs(ctx, 5)
	if err != nil || len(runs) != 1 || runs[0].Status != "ok" {
		t.Fatalf("runs = %+v %v", runs, err)
	}
}

func TestReopenKeepsState(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordSeen(ctx, []Seen{{ID: "a", URL: "u", Title: "t", Source: "s"}}, t0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _ := s.FirstSeen(ctx, []string{"a"})
	if !got["a"].Equal(t0) {
		t.Fatalf("after reopen: %v", got)
	}
}

func TestStoriesRemembered(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.RecordStories(ctx, []Story{{ID: "s-1", Headline: "Talks", Signature: []byte("sig1"), Reported: t0, Readers: []string{"Ann@x.test"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordStories(ctx, []Story{{ID: "s-1", Headline: "Talks go on", Signature: []byte("sig2"), Reported: t0.Add(time.Hour)},
		{ID: "s-old", Headline: "Old", Signature: []byte("x"), Reported: t0.Add(-30 * 24 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.StoriesSince(ctx, t0.Add(-7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Headline != "Talks go on" || string(got[0].Signature) != "sig2" || len(got[0].Readers) != 1 || got[0].Readers[0] != "ann@x.test" {
		t.Fatalf("stories = %+v", got)
	}
}

func TestSupersedeOnlyWhatIsCovered(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	old := Letter{Key: "k1", Subscriber: "ann@x.test", PeriodEnd: t0, Articles: []string{"feed-item"}, Message: []byte("m1")}
	if err := s.Enqueue(ctx, old, t0); err != nil {
		t.Fatal(err)
	}
	// The next letter lacks the feed item (say the feed answered 304): the old one must stay.
	if err := s.Enqueue(ctx, Letter{Key: "k2", Subscriber: "ann@x.test", PeriodEnd: t0.Add(time.Hour), Articles: []string{"file-item"}, Message: []byte("m2")}, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 2 {
		t.Fatalf("%d pending, want both letters (nothing lost)", len(p))
	}
	// One that covers both supersedes both.
	if err := s.Enqueue(ctx, Letter{Key: "k3", Subscriber: "ann@x.test", PeriodEnd: t0.Add(2 * time.Hour), Articles: []string{"feed-item", "file-item", "new"}, Message: []byte("m3")}, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 1 || p[0].Key != "k3" {
		t.Fatalf("pending = %+v, want only k3", p)
	}
}

func TestUnsubscribeIsCaseInsensitiveAndCancelsPendingLetters(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.Enqueue(ctx, Letter{Key: "k", Subscriber: "bob@example.org", PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("m")}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSubscriberStatus(ctx, "Bob@Example.org", SubscriberUnsubscribed, "link", t0); err != nil {
		t.Fatal(err)
	}
	subs, _ := s.Subscribers(ctx)
	if len(subs) != 1 || subs["bob@example.org"].Status != SubscriberUnsubscribed {
		t.Fatalf("subscribers = %+v", subs)
	}
	if p, _ := s.Pending(ctx); len(p) != 0 {
		t.Fatalf("a letter to an unsubscribed address is still pending: %+v", p)
	}
}

func TestDeliveredArticleKeepsItsFingerprint(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	full := Seen{ID: "a", URL: "u", Hash: 11, Sig: []byte("full"), Title: "t", Source: "s"}
	if err := s.RecordSeen(ctx, []Seen{full}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, Letter{Key: "k", Subscriber: "ann@x.test", PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("m")}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkSent(ctx, "k", t0); err != nil {
		t.Fatal(err)
	}
	teaser := full
	teaser.Hash, teaser.Sig = 22, []byte("teaser")
	if err := s.RecordSeen(ctx, []Seen{teaser}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	del, _ := s.DeliveredSince(ctx, time.Time{})
	if len(del) != 1 || del[0].Hash != 11 || string(del[0].Sig) != "full" {
		t.Fatalf("delivered = %+v, want the delivered text's fingerprint", del)
	}
}

func TestLettersForAddressesThatLeft(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	// A permanent rejection cancels the address's other pending letters.
	for _, k := range []string{"k1", "k2"} {
		if err := s.Enqueue(ctx, Letter{Key: k, Subscriber: "gone@x.test", PeriodEnd: t0, Articles: []string{k}, Message: []byte("m")}, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MarkAttempt(ctx, "k1", errors.New("550 no such user"), true, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 0 {
		t.Fatalf("after a permanent rejection %d letters pending, want 0", len(p))
	}
	// A letter built while its address was flagged is stored cancelled.
	if err := s.Enqueue(ctx, Letter{Key: "k3", Subscriber: "gone@x.test", PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("m")}, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 0 {
		t.Fatalf("a letter to a flagged address is pending")
	}
	// CancelPending ends an address's letters.
	if err := s.Enqueue(ctx, Letter{Key: "k4", Subscriber: "old@x.test", PeriodEnd: t0, Articles: []string{"a"}, Message: []byte("m")}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.CancelPending(ctx, "Old@x.test", "removed"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx); len(p) != 0 {
		t.Fatalf("CancelPending left %d letters", len(p))
	}
}

func TestMarkSentRecordsStoryReaders(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := s.RecordStories(ctx, []Story{{ID: "s-1", Headline: "Talks", Signature: []byte("sig"), Reported: t0}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, Letter{Key: "k", Subscriber: "ann@x.test", PeriodEnd: t0, Articles: []string{"a"}, Stories: []string{"s-1"}, Message: []byte("m")}, t0); err != nil {
		t.Fatal(err)
	}
	got, _ := s.StoriesSince(ctx, time.Time{})
	if len(got) != 1 || len(got[0].Readers) != 0 {
		t.Fatalf("before sending: %+v, want no readers", got)
	}
	if _, err := s.MarkSent(ctx, "k", t0); err != nil {
		t.Fatal(err)
	}
	got, _ = s.StoriesSince(ctx, time.Time{})
	if len(got) != 1 || len(got[0].Readers) != 1 || got[0].Readers[0] != "ann@x.test" {
		t.Fatalf("after sending: %+v, want ann as reader", got)
	}
}
