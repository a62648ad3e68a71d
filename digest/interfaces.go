package digest

import (
	"context"
	"time"

	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/store"
	"github.com/digestd/digestd/summarize"
)

// Gatherer fetches one source's items (gather.Files, gather.Feed and gather.Page are ones).
type Gatherer interface {
	Gather(ctx context.Context, since time.Time, st gather.State) (gather.Result, error)
}

// Source is one configured source.
type Source struct {
	Name      string
	Kind      string // "feed", "page" or "files"
	Label     string // shown beside the outlet (e.g. "Russian state media")
	Preferred bool   // its copy wins among duplicates
	Gatherer  Gatherer
}

// Summarizer writes one summary per story (summarize.Extractive and summarize.LLM are ones).
type Summarizer interface {
	SummarizeAll(ctx context.Context, stories []summarize.Story) ([]summarize.Summary, summarize.Usage, error)
}

// Renderer renders the letter for a set of stories once; the result is personalised per recipient
// without rendering again.
type Renderer interface {
	Render(d *Digest, stories []Story) (Letters, error)
}

// Letters is a rendered letter that can be addressed to each recipient.
type Letters interface {
	For(r Recipient) Rendered
}

// Rendered is one subscriber's letter.
type Rendered struct {
	Subject, HTML, Text string
}

// Sender delivers messages, calling done for each as soon as its outcome is known.
type Sender interface {
	Send(ctx context.Context, msgs []mail.Message, done func(i int, err error)) error
}

// State is what the pipeline reads and writes in the store (store.Store is one).
type State interface {
	FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error)
	RecordSeen(ctx context.Context, arts []store.Seen, now time.Time) error
	DeliveredSince(ctx context.Context, since time.Time) ([]store.Delivered, error)
	Validators(ctx context.Context, source string) (store.Validators, error)
	SetValidators(ctx context.Context, source string, v store.Validators, now time.Time) error
	Enqueue(ctx context.Context, l store.Letter, now time.Time) error
	Pending(ctx context.Context) ([]store.Letter, error)
	MarkSent(ctx context.Context, key string, now time.Time) (bool, error)
	MarkAttempt(ctx context.Context, key string, cause error, permanent bool, now time.Time) error
	RecordStories(ctx context.Context, stories []store.Story) error
	StoriesSince(ctx context.Context, since time.Time) ([]store.Story, error)
}
