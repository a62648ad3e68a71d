package summarize

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Defaults of the LLM summarizer.
const (
	DefaultBaseURL        = "https://api.openai.com/v1"
	DefaultMaxInputTokens = 3000
	DefaultTimeout        = 60 * time.Second
	DefaultRetries        = 3
	DefaultConcurrency    = 4
	DefaultBaseBackoff    = 500 * time.Millisecond
	DefaultMaxBackoff     = 30 * time.Second
)

// LLMConfig configures the LLM summarizer. Zero values take the defaults;
// zero budgets mean no limit.
type LLMConfig struct {
	BaseURL, Model, APIKey string // APIKey may be empty for a local server
	MaxTokensPerDigest     int    // prompt + completion tokens per SummarizeAll call
	MaxRequestsPerDigest   int    // chat requests per SummarizeAll call
	MaxInputTokens         int    // per-request budget for the story texts (~4 chars a token)
	Timeout                time.Duration
	Retries                int // retries per request on 429, 5xx and network errors; < 0: none
	Concurrency            int // requests in flight
	Sentences, MaxWords    int
	Translate              bool         // ask for English when sources are Russian or Ukrainian
	HTTPClient             *http.Client // optional base client; its Transport is wrapped

	// BaseBackoff and MaxBackoff shape retry waits: full-jitter exponential
	// backoff from BaseBackoff, and every wait, Retry-After included, capped
	// at MaxBackoff.
	BaseBackoff, MaxBackoff time.Duration
	// Sleep waits between retries (nil: a timer); tests inject a fast one.
	Sleep func(ctx context.Context, d time.Duration) error
}

// LLM summarises stories through an OpenAI-compatible chat-completions
// endpoint, one request per story, falling back to an Extractive summarizer
// per story when the budget is spent, the endpoint fails or an answer breaks
// the form or grounding rules. It is safe for concurrent use.
type LLM struct {
	cfg      LLMConfig
	client   *openai.Client
	cache    Cache
	fallback *Extractive
	logger   *slog.Logger
}

// NewLLM returns an LLM summarizer. cache may be nil (no caching); fallback
// nil builds an Extractive with the configured limits; logger nil discards.
func NewLLM(cfg LLMConfig, cache Cache, fallback *Extractive, logger *slog.Logger) (*LLM, error) {
	if cfg.Model == "" {
		return nil, errors.New("summarize: llm: model is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("summarize: llm: base_url %q is not an http(s) URL", cfg.BaseURL)
	}
	cfg = withLLMDefaults(cfg)
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if fallback == nil {
		fallback = NewExtractive(WithSentences(cfg.Sentences), WithMaxWords(cfg.MaxWords))
	}
	base := http.DefaultTransport
	client := &http.Client{}
	if cfg.HTTPClient != nil {
		*client = *cfg.HTTPClient
		if cfg.HTTPClient.Transport != nil {
			base = cfg.HTTPClient.Transport
		}
	}
	client.Transport = &retryTransport{
		base: base, timeout: cfg.Timeout, retries: cfg.Retries,
		baseBackoff: cfg.BaseBackoff, maxBackoff: cfg.MaxBackoff,
		sem: make(chan struct{}, cfg.Concurrency), sleep: cfg.Sleep, now: time.Now, logger: logger,
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = client
	return &LLM{cfg: cfg, client: openai.NewClientWithConfig(oc), cache: cache, fallback: fallback, logger: logger}, nil
}

func withLLMDefaults(cfg LLMConfig) LLMConfig {
	if cfg.MaxInputTokens <= 0 {
		cfg.MaxInputTokens = DefaultMaxInputTokens
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	switch {
	case cfg.Retries < 0:
		cfg.Retries = 0
	case cfg.Retries == 0:
		cfg.Retries = DefaultRetries
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.Sentences <= 0 {
		cfg.Sentences = DefaultSentences
	}
	if cfg.MaxWords <= 0 {
		cfg.MaxWords = DefaultMaxWords
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = DefaultBaseBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepContext
	}
	return cfg
}

// Ping checks that the endpoint answers: it lists the models, and when the
// server has no model list, sends a one-token request.
func (l *LLM) Ping(ctx context.Context) error {
	_, err := l.client.ListModels(ctx)
	if err == nil {
		return nil
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	if (errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusNotFound) ||
		(errors.As(err, &reqErr) && reqErr.HTTPStatusCode == http.StatusNotFound) {
		_, err = l.client.CreateChatCompletion(ctx, l.request([]openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleUser, Content: "Reply with OK."}}, 1))
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("summarize: llm: reaching %s: %w", redactURL(l.cfg.BaseURL), err)
}

// request builds a chat request; reasoning models take max_completion_tokens.
func (l *LLM) request(msgs []openai.ChatCompletionMessage, maxTokens int) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: l.cfg.Model, Messages: msgs, MaxTokens: maxTokens}
	if openai.NewReasoningValidator().Validate(req) != nil {
		req.MaxTokens = 0
		req.MaxCompletionTokens = maxTokens + 1024 // room for reasoning
	}
	return req
}

// maxCompletion is the completion budget of one answer.
func (l *LLM) maxCompletion() int { return l.cfg.MaxWords*3 + 64 }

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

// budget tracks one SummarizeAll call's usage against the per-digest limits.
type budget struct {
	mu                  sync.Mutex
	maxTokens, maxReqs  int
	committed, requests int // tokens reserved or spent; requests started
	usage               Usage
	exhausted, endpoint string // why no more requests are made
}

// reserve books a request of up to tokens, or says why it may not be made.
func (b *budget) reserve(tokens int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.endpoint != "":
		return b.endpoint
	case b.exhausted != "":
		return b.exhausted
	case b.maxReqs > 0 && b.requests+1 > b.maxReqs:
		b.exhausted = fmt.Sprintf("budget: request limit (%d per digest) reached", b.maxReqs)
		return b.exhausted
	case b.maxTokens > 0 && b.committed+tokens > b.maxTokens:
		b.exhausted = fmt.Sprintf("budget: token limit (%d per digest) would be exceeded", b.maxTokens)
		return b.exhausted
	}
	b.requests++
	b.committed += tokens
	return ""
}

// settle replaces a reservation by what the response reported.
func (b *budget) settle(reserved int, u openai.Usage, answered bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.usage.Requests++
	b.usage.PromptTokens += u.PromptTokens
	b.usage.CompletionTokens += u.CompletionTokens
	switch {
	case !answered:
		b.committed -= reserved
	case u.TotalTokens > 0 || u.PromptTokens+u.CompletionTokens > 0:
		b.committed += max(u.TotalTokens, u.PromptTokens+u.CompletionTokens) - reserved
	}
}

func (b *budget) markDown(reason string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.endpoint == "" {
		b.endpoint = reason
	}
}

func (b *budget) hit() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.usage.CacheHits++
}
