package summarize

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Article is one cleaned article of a story.
type Article struct {
	Title     string
	Text      string // cleaned body, paragraphs separated by "\n\n"
	Source    string
	Published time.Time
}

// Story is a group of articles about one event, best article first.
type Story struct {
	ID       string
	Headline string
	Articles []Article
}

// Usage counts what an LLM run cost. Extractive runs report zero usage.
type Usage struct {
	Requests         int
	PromptTokens     int
	CompletionTokens int
	CacheHits        int
}

// Method names reported in Summary.Method.
const (
	MethodExtractive = "extractive"
	MethodLLM        = "llm"
)

// Summary is the summary of one story.
type Summary struct {
	Text     string
	Method   string // MethodExtractive or MethodLLM
	Fallback string // why the LLM was not used for this story; "" otherwise
	Lang     string // detected source language when not English, e.g. "ru", "uk"
}

var (
	// ErrEmpty is returned for a story whose articles have no text.
	ErrEmpty = errors.New("summarize: story has no text")
	// ErrNoSentence is returned when a story has text but not one sentence
	// that can stand in a summary (only boilerplate, links or fragments).
	ErrNoSentence = errors.New("summarize: no usable sentence")
)

// Cache stores summaries by key. The store implements it with SQLite;
// MemoryCache serves tests and one-shot commands.
type Cache interface {
	Get(ctx context.Context, key string) (string, bool, error)
	Put(ctx context.Context, key, value string) error
}

// MemoryCache is a Cache held in memory, safe for concurrent use.
// The zero value is ready to use.
type MemoryCache struct {
	mu sync.Mutex
	m  map[string]string
}

// Get returns the value stored under key.
func (c *MemoryCache) Get(_ context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok, nil
}

// Put stores value under key.
func (c *MemoryCache) Put(_ context.Context, key, value string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]string)
	}
	c.m[key] = value
	return nil
}

// Len reports how many entries the cache holds.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
