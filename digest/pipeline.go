package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/digest/story"
	"github.com/digestd/digestd/digest/topic"
	"github.com/digestd/digestd/store"
)

// ErrNothingNew is returned by Run when no subscriber has anything new.
var ErrNothingNew = errors.New("nothing new")

// Pipeline builds digests. Build it once with New and reuse it for every run.
type Pipeline struct {
	sources    []Source
	state      State
	topic      *topic.Matcher
	dedupe     dedupe.Options
	stories    story.Options
	summarizer Summarizer
	log        *slog.Logger

	title        string
	timezone     string
	maxStories   int
	maxPerSource int
	memory       time.Duration
	workers      int
	progress     func(done, total int)
	lag          time.Duration

	fallback        Summarizer
	summaryDeadline time.Duration
}

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithTitle sets the digest's title.
func WithTitle(s string) Option { return func(p *Pipeline) { p.title = s } }

// WithTimezone sets the IANA zone the digest's dates are shown in.
func WithTimezone(tz string) Option { return func(p *Pipeline) { p.timezone = tz } }

// WithMaxStories caps the number of stories in one digest.
func WithMaxStories(n int) Option { return func(p *Pipeline) { p.maxStories = n } }

// WithMaxPerSource caps the articles one source may have in one digest (0 = no cap).
func WithMaxPerSource(n int) Option { return func(p *Pipeline) { p.maxPerSource = n } }

// WithDedupe sets the duplicate detection options.
func WithDedupe(o dedupe.Options) Option { return func(p *Pipeline) { p.dedupe = o } }

// WithStories sets the story grouping options.
func WithStories(o story.Options) Option { return func(p *Pipeline) { p.stories = o } }

// WithLogger sets where progress and warnings go.
func WithLogger(l *slog.Logger) Option { return func(p *Pipeline) { p.log = l } }

// WithMemory sets how far back delivered articles are remembered for "seen" checks.
func WithMemory(d time.Duration) Option { return func(p *Pipeline) { p.memory = d } }

// WithProgress sets a function told how many sources are done, as they finish.
func WithProgress(f func(done, total int)) Option { return func(p *Pipeline) { p.progress = f } }

// WithSummaryDeadline bounds the time the summarizer may take; stories it has not summarised by
// then go to fallback (an extractive summarizer), so that the digest still goes out on time.
func WithSummaryDeadline(d time.Duration, fallback Summarizer) Option {
	return func(p *Pipeline) { p.summaryDeadline, p.fallback = d, fallback }
}

// WithLag lets an article seen for the first time be this much older than the look-back: feeds
// often list an item some time after its publication date, and it must not age out unseen.
func WithLag(d time.Duration) Option { return func(p *Pipeline) { p.lag = d } }

// WithWorkers sets how many articles are cleaned at once (default: GOMAXPROCS).
func WithWorkers(n int) Option { return func(p *Pipeline) { p.workers = n } }

// New returns a pipeline over sources, keeping state in st, judging relevance with m and
// summarising with sum.
func New(sources []Source, st State, m *topic.Matcher, sum Summarizer, opts ...Option) *Pipeline {
	p := &Pipeline{
		sources:    sources,
		state:      st,
		topic:      m,
		summarizer: sum,
		dedupe:     dedupe.DefaultOptions(),
		stories:    story.DefaultOptions(),
		log:        slog.New(slog.DiscardHandler),
		title:      "Digest",
		timezone:   "UTC",
		maxStories: 12,
		memory:     90 * 24 * time.Hour,
		workers:    runtime.GOMAXPROCS(0),
	}
	for _, o := range opts {
		o(p)
	}
	return p
}

// BuildOptions are one run's inputs.
type BuildOptions struct {
	Now   time.Time
	Since time.Time // the look-back: older articles are "old"
	// DryRun reads the store but writes nothing to it.
	DryRun bool
	// Subscribers are the active subscribers' addresses: an article is "seen" once all of them
	// have been delivered it.
	Subscribers []string
	// Unconditional gathers without conditional-GET validators, so that items a source sent
	// before come again (used while letters are pending: their articles must be re-gathered for
	// the letter that supersedes them).
	Unconditional bool
}

// Build is a built digest with what delivery needs to know about it.
type Build struct {
	Digest *Digest
	// deliveredTo says, per article id, which subscribers already have it (or a copy of it).
	deliveredTo map[string]map[string]bool
	// seen are the gathered articles to remember as seen.
	seen []store.Seen
	// validators are the sources' new conditional-GET validators.
	validators map[string]store.Validators
	stories    []*storyWork
	opts       BuildOptions
}

// Build gathers every source and builds the digest. Source and article failures are statuses in
// the digest; only a failing store or a cancelled context fail the build.
func (p *Pipeline) Build(ctx context.Context, opt BuildOptions) (*Build, error) {
	now := opt.Now.UTC()
	d := &Digest{
		Version:     FormatVersion,
		Title:       p.title,
		GeneratedAt: now,
		Since:       opt.Since.UTC(),
		Until:       now,
		Timezone:    p.timezone,
		Stories:     []Story{},
	}
	b := &Build{Digest: d, opts: opt}

	items, reports, vals := p.gatherAll(ctx, opt.Since, opt.Unconditional)
	b.validators = vals
	d.Sources = reports
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	arts := p.prepare(ctx, items)
	if err := p.judge(ctx, b, arts, now); err != nil {
		return nil, err
	}
	if err := p.summarize(ctx, b); err != nil {
		return nil, err
	}
	d.Articles = finalArticles(arts)
	d.Counts = count(d)
	return b, nil
}

func (p *Pipeline) warn(msg string, args ...any) { p.log.Warn(msg, args...) }

func fmtDay(t time.Time) string { return t.UTC().Format("2006-01-02") }

func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprint(err)
}
