package summarize

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// Defaults of the extractive summarizer.
const (
	DefaultSentences = 3
	DefaultMaxWords  = 80
	// DefaultMaxInputSentences caps how many sentences of each article are
	// read: news puts the facts first, and a 200,000-word text must stay cheap.
	DefaultMaxInputSentences = 200
	// maxArticles caps how many articles of one story are read.
	maxArticles = 12
	// stemCacheSize bounds the words whose stems an Extractive remembers
	// (a few megabytes).
	stemCacheSize = 50000
)

// Option configures an Extractive summarizer.
type Option func(*options)

type options struct {
	sentences, maxWords, maxInput int
}

// WithSentences sets the most sentences in a summary (default 3).
func WithSentences(n int) Option { return func(o *options) { o.sentences = n } }

// WithMaxWords sets the most words in a summary (default 80; n <= 0: no cap).
// Sentences that do not fit are dropped, never cut, except when the single
// best sentence alone is longer: it is trimmed at a word boundary with "…".
func WithMaxWords(n int) Option { return func(o *options) { o.maxWords = n } }

// WithMaxInputSentences sets how many sentences of each article are read
// (default DefaultMaxInputSentences).
func WithMaxInputSentences(n int) Option { return func(o *options) { o.maxInput = n } }

// Extractive summarises a story by picking its most central sentences.
// It is safe for concurrent use.
type Extractive struct {
	opts     options
	dateline *regexp.Regexp
	stems    *stemCache
}

// NewExtractive returns an extractive summarizer.
func NewExtractive(opts ...Option) *Extractive {
	o := options{sentences: DefaultSentences, maxWords: DefaultMaxWords, maxInput: DefaultMaxInputSentences}
	for _, opt := range opts {
		opt(&o)
	}
	if o.sentences <= 0 {
		o.sentences = DefaultSentences
	}
	if o.maxInput <= 0 {
		o.maxInput = DefaultMaxInputSentences
	}
	return &Extractive{opts: o, dateline: datelinePattern(), stems: newStemCache(stemCacheSize)}
}

// Summarize returns the summary of one story. A story without text gives
// ErrEmpty, one with only boilerplate or fragments ErrNoSentence; in both
// cases the Summary has empty Text and the detected Lang.
func (e *Extractive) Summarize(ctx context.Context, s Story) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, fmt.Errorf("summarize: story %s: %w", s.ID, err)
	}
	sum := Summary{Method: MethodExtractive, Lang: storyLang(s)}
	if !hasText(s) {
		return sum, fmt.Errorf("summarize: story %q: %w", s.ID, ErrEmpty)
	}
	chosen := e.pick(s, sum.Lang)
	if len(chosen) == 0 {
		return sum, fmt.Errorf("summarize: story %q: %w", s.ID, ErrNoSentence)
	}
	sum.Text = withLangNote(strings.Join(chosen, " "), sum.Lang, false)
	return sum, nil
}

// SummarizeAll summarises every story, in order. A story that cannot be
// summarised (no text, no usable sentence) gets a Summary with empty Text;
// the error is non-nil only when ctx ends. Usage is always zero.
func (e *Extractive) SummarizeAll(ctx context.Context, stories []Story) ([]Summary, Usage, error) {
	out := make([]Summary, len(stories))
	for i, s := range stories {
		sum, err := e.Summarize(ctx, s)
		if err != nil && ctx.Err() != nil {
			return out, Usage{}, fmt.Errorf("summarize: %w", ctx.Err())
		}
		out[i] = sum
	}
	return out, Usage{}, nil
}

// withLangNote says in the summary which language the sources were in.
func withLangNote(text, lang string, translated bool) string {
	if lang == LangEnglish || text == "" {
		return text
	}
	if translated {
		return "[Translated from " + langName(lang) + "] " + text
	}
	return "[" + langName(lang) + "] " + text
}

func hasText(s Story) bool {
	for _, a := range s.Articles {
		if strings.TrimSpace(a.Text) != "" {
			return true
		}
	}
	return false
}

// storyLang detects the language of a story from its first article.
func storyLang(s Story) string {
	var b strings.Builder
	b.WriteString(s.Headline)
	for _, a := range s.Articles {
		b.WriteString(" ")
		b.WriteString(head(a.Title, 200))
		b.WriteString(" ")
		b.WriteString(head(a.Text, 2000))
		if b.Len() > 2000 {
			break
		}
	}
	return detectLang(b.String())
}

// trimWords cuts s to at most n words at a word boundary and marks the cut.
func trimWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.TrimRight(strings.Join(f[:n], " "), ",;:—–- ") + "…"
}
