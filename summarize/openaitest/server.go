// Package openaitest is a scriptable fake of the OpenAI chat-completions API
// for tests: POST /v1/chat/completions (and /chat/completions), GET
// /v1/models (and /models), with the real JSON bodies, usage fields, error
// bodies and status codes. Replies are scripted per request: errors with
// Retry-After, slow answers, malformed JSON, wrong keys. It is not a model:
// the default answer is the first sentence of the first article.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatRequest is the part of a chat-completions request the server reads.
type ChatRequest struct {
	Model               string    `json:"model"`
	Messages            []Message `json:"messages"`
	MaxTokens           int       `json:"max_tokens,omitempty"`
	MaxCompletionTokens int       `json:"max_completion_tokens,omitempty"`
}

// Reply scripts one answer. The zero Reply answers 200 with Respond's text.
type Reply struct {
	Status     int           // HTTP status; 0 = 200
	Content    string        // answer text; "" = Respond(request)
	RetryAfter string        // Retry-After header value
	Delay      time.Duration // wait before answering (ends early if the client leaves)
	Raw        string        // a raw body sent as is (e.g. malformed JSON)
	ErrType    string        // error type for a non-200 status; default from the status
	Usage      *Usage        // reported usage; nil = estimated (~4 chars a token)
	Finish     string        // finish_reason; default "stop"
}

// Usage is the usage object of a response.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Server is the fake endpoint. Set fields before the first request.
type Server struct {
	*httptest.Server
	APIKey  string   // when set, requests need "Authorization: Bearer <APIKey>"
	Models  []string // served by /v1/models; default {"test-model"}
	Respond func(ChatRequest) string

	mu       sync.Mutex
	queue    []Reply
	requests []ChatRequest
	calls    int
	inFlight int
	maxIn    int
}

// New starts a server; close it with Close.
func New() *Server {
	s := &Server{Models: []string{"test-model"}, Respond: FirstSentence}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// BaseURL is the URL to configure a client with ("…/v1").
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Enqueue scripts the next replies to chat requests, in order; once they are
// used up the server answers normally.
func (s *Server) Enqueue(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, r...)
}

// Requests returns the chat requests received so far (malformed ones too,
// decoded as far as possible).
func (s *Server) Requests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.requests...)
}

// MaxInFlight is the most chat requests the server handled at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxIn
}

// Calls counts every HTTP request to the chat endpoint, retries included.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/v1")
	switch path {
	case "/chat/completions":
		if r.Method != http.MethodPost {
			writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "method_not_allowed", "Method "+r.Method+" not allowed.")
			return
		}
		s.chat(w, r)
	case "/models":
		if r.Method != http.MethodGet {
			writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "method_not_allowed", "Method "+r.Method+" not allowed.")
			return
		}
		if !s.authorised(w, r) {
			return
		}
		s.models(w)
	default:
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "Unknown request URL: "+r.Method+" "+r.URL.Path+".")
	}
}

func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	if s.APIKey == "" || r.Header.Get("Authorization") == "Bearer "+s.APIKey {
		return true
	}
	writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.")
	return false
}

func (s *Server) models(w http.ResponseWriter) {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	list := struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{Object: "list"}
	for _, m := range s.Models {
		list.Data = append(list.Data, model{ID: m, Object: "model", Created: 1700000000, OwnedBy: "openaitest"})
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var req ChatRequest
	decodeErr := json.NewDecoder(r.Body).Decode(&req)
	s.mu.Lock()
	s.calls++
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	s.requests = append(s.requests, req)
	var reply Reply
	if len(s.queue) > 0 {
		reply, s.queue = s.queue[0], s.queue[1:]
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if !s.authorised(w, r) {
		return
	}

	if reply.Delay > 0 {
		select {
		case <-time.After(reply.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case decodeErr != nil:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	case req.Model == "":
		writeParamError(w, "model", "you must provide a model parameter")
		return
	case len(req.Messages) == 0:
		writeParamError(w, "messages", "[] is too short - 'messages'")
		return
	}
	if reply.RetryAfter != "" {
		w.Header().Set("Retry-After", reply.RetryAfter)
	}
	if reply.Raw != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(cmpStatus(reply.Status))
		fmt.Fprint(w, reply.Raw)
		return
	}
	if st := cmpStatus(reply.Status); st != http.StatusOK {
		typ := reply.ErrType
		if typ == "" {
			typ = errorType(st)
		}
		writeError(w, st, typ, "", fmt.Sprintf("Scripted error %d.", st))
		return
	}
	content := reply.Content
	if content == "" {
		content = s.Respond(req)
	}
	usage := Usage{PromptTokens: promptTokens(req), CompletionTokens: (len(content) + 3) / 4}
	if reply.Usage != nil {
		usage = *reply.Usage
	}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	finish := reply.Finish
	if finish == "" {
		finish = "stop"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []map[string]any{{"index": 0, "message": Message{Role: "assistant", Content: content}, "finish_reason": finish}},
		"usage":   usage,
	})
}

func cmpStatus(st int) int {
	if st == 0 {
		return http.StatusOK
	}
	return st
}

func promptTokens(req ChatRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += (len(m.Content)+3)/4 + 4
	}
	return n
}

func errorType(status int) string {
	switch {
	case status == http.StatusTooManyRequests:
		return "rate_limit_exceeded"
	case status == http.StatusUnauthorized:
		return "invalid_request_error"
	case status >= 500:
		return "server_error"
	}
	return "invalid_request_error"
}

func writeParamError(w http.ResponseWriter, param, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]any{
		"message": msg, "type": "invalid_request_error", "param": param, "code": nil}})
}

func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var c any
	if code != "" {
		c = code
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": c}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// FirstSentence answers with the first sentence of the first article in the
// last user message: a grounded, well-formed summary.
func FirstSentence(req ChatRequest) string {
	text := firstUser(req)
	if i := strings.Index(text, "<article"); i >= 0 {
		text = text[i:]
		if j := strings.Index(text, ">"); j >= 0 {
			text = text[j+1:]
		}
		if j := strings.Index(text, "</article>"); j >= 0 {
			text = text[:j]
		}
	}
	text = strings.TrimSpace(text)
	if i := strings.Index(text, ". "); i >= 0 {
		text = text[:i+1]
	}
	return text
}

// firstUser returns the content of the first user message (the story).
func firstUser(req ChatRequest) string {
	for _, m := range req.Messages {
		if m.Role == "user" {
			return m.Content
		}
	}
	return ""
}
