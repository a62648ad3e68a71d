package summarize

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"

	openai "github.com/sashabaranov/go-openai"
)

// SummarizeAll summarises every story, in order, with one chat request per
// story not found in the cache. When the next request would exceed the
// per-digest budget, that story and all later ones fall back to extractive;
// when the endpoint fails (after retries), the stories not yet sent fall back
// too. Fallback says why on each such Summary. The error is non-nil only when
// ctx ends.
func (l *LLM) SummarizeAll(ctx context.Context, stories []Story) ([]Summary, Usage, error) {
	out := make([]Summary, len(stories))
	b := &budget{maxTokens: l.cfg.MaxTokensPerDigest, maxReqs: l.cfg.MaxRequestsPerDigest}
	sem := make(chan struct{}, l.cfg.Concurrency)
	var wg sync.WaitGroup
	for i, s := range stories {
		if ctx.Err() != nil {
			break
		}
		if !hasText(s) {
			out[i] = l.extractive(ctx, s, "no text")
			continue
		}
		job := l.newJob(s)
		if text, ok := l.cached(ctx, job.key); ok {
			b.hit()
			out[i] = Summary{Text: withLangNote(text, job.spec.lang, job.spec.translate), Method: MethodLLM, Lang: job.spec.lang}
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		if reason := b.reserve(job.estimate); reason != "" {
			<-sem
			out[i] = l.extractive(ctx, s, reason)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = l.summarizeOne(ctx, b, job)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return out, b.usage, fmt.Errorf("summarize: llm: %w", err)
	}
	return out, b.usage, nil
}

// job is one story's request.
type job struct {
	story    Story
	spec     promptSpec
	key      string
	msgs     []openai.ChatCompletionMessage
	estimate int // prompt + completion tokens, an upper bound for the budget
}

func (l *LLM) newJob(s Story) *job {
	spec := promptSpec{sentences: l.cfg.Sentences, maxWords: l.cfg.MaxWords, lang: storyLang(s), translate: l.cfg.Translate}
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: systemPrompt(spec)},
		{Role: openai.ChatMessageRoleUser, Content: userPrompt(s, l.cfg.MaxInputTokens*4)},
	}
	return &job{story: s, spec: spec, key: cacheKey(l.cfg.Model, spec, s), msgs: msgs,
		estimate: estimateMessages(msgs) + l.maxCompletion()}
}

func estimateMessages(msgs []openai.ChatCompletionMessage) int {
	n := 0
	for _, m := range msgs {
		n += estimateTokens(m.Content) + 4 // role and framing
	}
	return n
}

func (l *LLM) cached(ctx context.Context, key string) (string, bool) {
	if l.cache == nil {
		return "", false
	}
	v, ok, err := l.cache.Get(ctx, key)
	if err != nil {
		l.logger.Warn("llm cache read failed", "error", err)
		return "", false
	}
	return v, ok
}

// summarizeOne asks for the story's summary, checks its form and grounding,
// retries once with the complaint, and falls back to extractive.
func (l *LLM) summarizeOne(ctx context.Context, b *budget, j *job) Summary {
	g := newGrounding(j.story)
	names := !(j.spec.translate && j.spec.lang != LangEnglish)
	msgs := j.msgs
	reserved := j.estimate
	var complaint string
	for attempt := range 2 {
		if attempt > 0 {
			reserved = estimateMessages(msgs) + l.maxCompletion()
			if reason := b.reserve(reserved); reason != "" {
				return l.extractive(ctx, j.story, complaint+"; no retry: "+reason)
			}
		}
		resp, err := l.client.CreateChatCompletion(ctx, l.request(msgs, l.maxCompletion()))
		b.settle(reserved, resp.Usage, err == nil)
		if err != nil {
			reason := "endpoint: " + describeErr(err)
			if ctx.Err() == nil && endpointDown(err) {
				b.markDown(reason)
			}
			l.logger.Warn("llm request failed", "story", j.story.ID, "error", describeErr(err))
			return l.extractive(ctx, j.story, reason)
		}
		if len(resp.Choices) == 0 {
			return l.extractive(ctx, j.story, "endpoint: answer without choices")
		}
		answer := resp.Choices[0].Message.Content
		text, c := checkForm(answer, j.spec.sentences, j.spec.maxWords)
		if c != "" && resp.Choices[0].FinishReason == openai.FinishReasonLength {
			// Out of completion tokens (a reasoning model's thinking, or a
			// rambling answer): asking again would end the same way.
			reason := "form: answer cut off at the token limit"
			l.logger.Warn("llm summary rejected", "story", j.story.ID, "attempt", attempt+1, "reason", reason)
			return l.extractive(ctx, j.story, reason)
		}
		if c != "" {
			complaint = "form: " + c
		} else if c = g.check(text, names); c != "" {
			complaint = "grounding: " + c
		} else {
			if l.cache != nil {
				if err := l.cache.Put(ctx, j.key, text); err != nil {
					l.logger.Warn("llm cache write failed", "error", err)
				}
			}
			return Summary{Text: withLangNote(text, j.spec.lang, j.spec.translate), Method: MethodLLM, Lang: j.spec.lang}
		}
		l.logger.Warn("llm summary rejected", "story", j.story.ID, "attempt", attempt+1, "reason", complaint)
		msgs = append(msgs[:len(msgs):len(msgs)],
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: answer},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: "Your summary was rejected (" + complaint +
				"). Write a new summary that follows every rule and uses only names, numbers and dates that appear in the articles."})
	}
	return l.extractive(ctx, j.story, complaint)
}

// extractive summarises s with the fallback summarizer and records why.
func (l *LLM) extractive(ctx context.Context, s Story, reason string) Summary {
	sum, err := l.fallback.Summarize(ctx, s)
	if err != nil && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNoSentence) {
		l.logger.Warn("extractive fallback failed", "story", s.ID, "error", err)
	}
	sum.Fallback = reason
	return sum
}

// endpointDown reports errors that will repeat for every story: network
// failures, timeouts, authentication, unknown model, 429 and 5xx that
// outlived the retries. A 400-class complaint about one request does not.
func endpointDown(err error) bool {
	status := 0
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == 0:
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		return !errors.As(err, &syn) && !errors.As(err, &typ) && !errors.Is(err, io.ErrUnexpectedEOF)
	case status == http.StatusBadRequest, status == http.StatusRequestEntityTooLarge, status == http.StatusUnprocessableEntity:
		return false
	}
	return true
}

// describeErr is a short, key-free description of a request error.
func describeErr(err error) string {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &apiErr):
		return fmt.Sprintf("HTTP %d %s", apiErr.HTTPStatusCode, head(apiErr.Message, 120))
	case errors.As(err, &reqErr):
		return fmt.Sprintf("HTTP %d", reqErr.HTTPStatusCode)
	case errors.As(err, &syn):
		return "malformed response: " + syn.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed response: truncated JSON"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return head(strings.TrimSpace(err.Error()), 160)
}
