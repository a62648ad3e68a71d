package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/digest/dedupe"
	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/digest/story"
	"github.com/digestd/digestd/digest/topic"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/store"
	"github.com/digestd/digestd/summarize"
	"github.com/digestd/digestd/templates"
)

// newLogger builds the process's logger from [log]: text or JSON on stderr.
func newLogger(w io.Writer, c *config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// httpClient is the polite client every source shares.
func httpClient(c *config.Config) *gather.Client {
	opts := []gather.Option{
		gather.WithVersion(Version),
		gather.WithTimeout(c.Gather.Timeout.D()),
		gather.WithMaxBytes(c.Gather.MaxBytes),
		gather.WithPerHost(c.Gather.PerHost),
		gather.WithConcurrency(c.Gather.Concurrency),
	}
	if c.Gather.UserAgent != "" {
		opts = append(opts, gather.WithUserAgent(c.Gather.UserAgent))
	}
	return gather.NewClient(opts...)
}

// sources builds the configured, enabled sources. known, when not nil, tells feeds which linked
// pages need no fetching (already delivered).
func sources(c *config.Config, known func(url string) bool) []digest.Source {
	client := httpClient(c)
	var out []digest.Source
	for _, s := range c.Sources {
		if s.Disabled {
			continue
		}
		src := digest.Source{Name: s.Name, Kind: s.Kind, Label: s.Label, Preferred: s.Preferred}
		switch s.Kind {
		case "files":
			src.Gatherer = gather.Files{Name: s.Name, Path: s.Path, MaxBytes: c.Gather.MaxBytes}
		case "feed":
			src.Gatherer = gather.Feed{Name: s.Name, URL: s.URL, FullText: s.FullText, Client: client, Known: known}
		case "page":
			src.Gatherer = gather.Page{Name: s.Name, URL: s.URL, Client: client}
		}
		out = append(out, src)
	}
	return out
}

// matcher builds the relevance profile: the built-in one unless [topic] lists terms.
func matcher(c *config.Config) (*topic.Matcher, error) {
	p := topic.DefaultProfile()
	t := c.Topic
	if len(t.Terms) > 0 {
		p.Terms, p.Must, p.Exclude = t.Terms, t.Must, t.Exclude
	} else {
		if len(t.Must) > 0 {
			p.Must = t.Must
		}
		p.Exclude = append(p.Exclude, t.Exclude...)
	}
	if t.Threshold != nil {
		p.Threshold = *t.Threshold
	}
	if t.TitleWeight != nil {
		p.TitleWeight = *t.TitleWeight
	}
	m, err := topic.New(p)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: fmt.Errorf("config: %s: [topic]: %w", c.Path, err)}
	}
	return m, nil
}

func extractive(c *config.Config) *summarize.Extractive {
	return summarize.NewExtractive(summarize.WithSentences(c.Summarize.Sentences), summarize.WithMaxWords(c.Summarize.MaxWords))
}

// summarizer builds the configured summarizer; the LLM one falls back to the extractive one.
func summarizer(c *config.Config, cache summarize.Cache, log *slog.Logger) (digest.Summarizer, error) {
	ext := extractive(c)
	if c.Summarize.Method != "llm" {
		return ext, nil
	}
	l := c.Summarize.LLM
	llm, err := summarize.NewLLM(summarize.LLMConfig{
		BaseURL: l.BaseURL, Model: l.Model, APIKey: l.APIKey.Reveal(),
		MaxTokensPerDigest: l.MaxTokensPerDigest, MaxRequestsPerDigest: l.MaxRequestsPerDigest,
		MaxInputTokens: l.MaxInputTokens, Timeout: l.Timeout.D(), Retries: l.Retries, Concurrency: l.Concurrency,
		Sentences: c.Summarize.Sentences, MaxWords: c.Summarize.MaxWords, Translate: l.Translate,
	}, cache, ext, log)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: fmt.Errorf("config: %s: [summarize.llm]: %w", c.Path, err)}
	}
	return llm, nil
}

// pipeline builds the whole pipeline over an open store; progress may be nil.
func pipeline(ctx context.Context, c *config.Config, st *store.Store, log *slog.Logger, progress func(done, total int)) (*digest.Pipeline, error) {
	m, err := matcher(c)
	if err != nil {
		return nil, err
	}
	sum, err := summarizer(c, st, log)
	if err != nil {
		return nil, err
	}
	dd := dedupe.DefaultOptions()
	if c.Dedupe.Threshold > 0 {
		dd.Threshold = c.Dedupe.Threshold
	}
	if c.Dedupe.Shingle > 0 {
		dd.Shingle = c.Dedupe.Shingle
	}
	so := story.DefaultOptions()
	so.Window = c.Stories.Window.D()
	so.Common = story.ProfileTerms(m.Profile())
	if c.Stories.Threshold > 0 {
		so.Threshold = c.Stories.Threshold
	}
	known, err := deliveredURLs(ctx, st)
	if err != nil {
		return nil, err
	}
	return digest.New(sources(c, known), st, m, sum,
		digest.WithTitle(c.Digest.Title),
		digest.WithTimezone(c.Digest.Timezone),
		digest.WithMaxStories(c.Digest.MaxStories),
		digest.WithMaxPerSource(c.Digest.MaxPerSource),
		digest.WithDedupe(dd),
		digest.WithStories(so),
		digest.WithLogger(log),
		digest.WithProgress(progress),
		digest.WithSummaryDeadline(c.Summarize.LLM.Deadline.D(), extractive(c)),
		digest.WithLag(min(c.Digest.Window.D()/4, 6*time.Hour)),
	), nil
}

// deliveredURLs returns a lookup of the URLs delivered in the last weeks: a feed need not fetch
// those pages again.
func deliveredURLs(ctx context.Context, st *store.Store) (func(string) bool, error) {
	del, err := st.DeliveredSince(ctx, time.Now().Add(-30*24*time.Hour))
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(del))
	for _, d := range del {
		set[d.URL] = true
	}
	return func(u string) bool { return set[u] }, nil
}

// terminalProgress writes "gathering: done/total sources" on one line when w is a terminal,
// and returns nil otherwise.
func terminalProgress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(f, "\rgathering: %d/%d sources", done, total)
		if done == total {
			fmt.Fprint(f, "\r\033[K")
		}
	}
}

// renderer adapts the template set to the pipeline.
type renderer struct {
	set *templates.Set
	loc *time.Location
	why string
}

func (r renderer) Render(d *digest.Digest, stories []digest.Story) (digest.Letters, error) {
	sh, err := r.set.RenderShared(templates.Data{Digest: d, Stories: stories, Location: r.loc, Why: r.why})
	if err != nil {
		return nil, err
	}
	return letters{sh}, nil
}

type letters struct{ sh templates.Shared }

func (l letters) For(rc digest.Recipient) digest.Rendered {
	r := l.sh.For(rc)
	return digest.Rendered{Subject: r.Subject, HTML: r.HTML, Text: r.Text}
}

func loadTemplates(c *config.Config) (*templates.Set, error) {
	set, err := templates.Load(c.Digest.Templates)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: err}
	}
	return set, nil
}

// delivery builds how letters are rendered and sent; sender is nil for a dry run.
func delivery(c *config.Config, set *templates.Set, sender digest.Sender, log *slog.Logger) digest.Delivery {
	dl := digest.Delivery{
		Renderer: renderer{set: set, loc: c.Location(), why: fmt.Sprintf("You get this because you subscribed to %s.", c.Digest.Title)},
		Sender:   sender,
		From:     c.Mail.From, FromName: c.Mail.FromName,
		Mailto:  c.Mail.Unsubscribe.Mailto,
		Retries: 2, Backoff: 2 * time.Second,
		Log: log,
	}
	if u, secret := c.Mail.Unsubscribe.URL, c.Mail.Unsubscribe.Secret; u != "" && secret != "" {
		dl.Unsubscribe = func(email string) string {
			v := url.Values{"token": {mail.UnsubscribeToken([]byte(secret.Reveal()), email)}}
			return u + "?" + v.Encode()
		}
	}
	return dl
}

// sender builds the configured transport.
func sender(c *config.Config) (digest.Sender, error) {
	switch c.Mail.Transport {
	case "smtp":
		s := c.Mail.SMTP
		cfg := mail.SMTPConfig{Host: s.Host, Port: s.Port, Username: s.Username, Password: s.Password.Reveal(),
			TLS: s.TLS, Timeout: s.Timeout.D(), HELO: s.HELO}
		if d := c.Mail.DKIM; d.Domain != "" {
			cfg.DKIM = &mail.DKIMConfig{Domain: d.Domain, Selector: d.Selector, KeyFile: d.KeyFile}
		}
		smtp, err := mail.NewSMTP(cfg)
		if err != nil {
			return nil, &exitError{code: ExitUsage, err: fmt.Errorf("config: %s: [mail.smtp]: %w", c.Path, err)}
		}
		return smtp, nil
	default:
		return mail.File{Dir: c.Mail.File.Dir}, nil
	}
}
