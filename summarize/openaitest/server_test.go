package openaitest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

func client(key, base string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = base
	return openai.NewClientWithConfig(cfg)
}

var chatReq = openai.ChatCompletionRequest{Model: "test-model", Messages: []openai.ChatCompletionMessage{
	{Role: "system", Content: "Summarise."},
	{Role: "user", Content: "<article n=\"1\">\nTalks resumed in Geneva. More later.\n</article>"},
}}

func TestChatCompletion(t *testing.T) {
	s := New()
	defer s.Close()
	for _, base := range []string{s.BaseURL(), s.URL} { // with and without /v1
		resp, err := client("", base).CreateChatCompletion(context.Background(), chatReq)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Object != "chat.completion" || resp.Model != "test-model" || len(resp.Choices) != 1 ||
			resp.Choices[0].Message.Role != "assistant" || resp.Choices[0].Message.Content != "Talks resumed in Geneva." ||
			resp.Choices[0].FinishReason != openai.FinishReasonStop {
			t.Fatalf("response = %+v", resp)
		}
		if u := resp.Usage; u.PromptTokens == 0 || u.CompletionTokens == 0 || u.TotalTokens != u.PromptTokens+u.CompletionTokens {
			t.Fatalf("usage = %+v", u)
		}
	}
	if got := s.Requests(); len(got) != 2 || got[0].Messages[1].Role != "user" {
		t.Fatalf("recorded = %+v", got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		reply   Reply
		req     openai.ChatCompletionRequest
		status  int
		errType string
	}{
		{"rate limited", "", Reply{Status: 429, RetryAfter: "1"}, chatReq, 429, "rate_limit_exceeded"},
		{"server error", "", Reply{Status: 500}, chatReq, 500, "server_error"},
		{"wrong key", "sk-right", Reply{}, chatReq, 401, "invalid_request_error"},
		{"no messages", "", Reply{}, openai.ChatCompletionRequest{Model: "test-model"}, 400, "invalid_request_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New()
			defer s.Close()
			s.APIKey = tt.key
			s.Enqueue(tt.reply)
			_, err := client("sk-wrong", s.BaseURL()).CreateChatCompletion(context.Background(), tt.req)
			var apiErr *openai.APIError
			if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != tt.status || apiErr.Type != tt.errType || apiErr.Message == "" {
				t.Fatalf("err = %#v", err)
			}
		})
	}
}

func TestRetryAfterHeaderAndRawBody(t *testing.T) {
	s := New()
	defer s.Close()
	s.Enqueue(Reply{Status: 429, RetryAfter: "3"}, Reply{Raw: `{"choices": [`})
	resp, err := http.Post(s.BaseURL()+"/chat/completions", "application/json",
		strings.NewReader(`{"model":"m","messages":[{"role":"user","content":"x"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3" {
		t.Fatalf("status %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	_, err = client("", s.BaseURL()).CreateChatCompletion(context.Background(), chatReq)
	if err == nil {
		t.Fatal("malformed JSON accepted")
	}
}

func TestSlowReplyEndsWithClient(t *testing.T) {
	s := New()
	defer s.Close()
	s.Enqueue(Reply{Delay: 10 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := client("", s.BaseURL()).CreateChatCompletion(ctx, chatReq); err == nil {
		t.Fatal("no timeout")
	}
	// s.Close (deferred) returns only once the handler has stopped waiting.
}

func TestModelsAndUnknownPath(t *testing.T) {
	s := New()
	defer s.Close()
	list, err := client("", s.BaseURL()).ListModels(context.Background())
	if err != nil || len(list.Models) != 1 || list.Models[0].ID != "test-model" {
		t.Fatalf("models = %+v, %v", list, err)
	}
	resp, err := http.Get(s.URL + "/v1/nothing")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("status = %d", resp.StatusCode)
	}
}
