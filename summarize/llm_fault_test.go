package summarize

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/digestd/digestd/summarize/openaitest"
)

func TestLLMFaults(t *testing.T) {
	tests := []struct {
		name     string
		replies  []openaitest.Reply
		edit     func(*LLMConfig)
		key      string // server's API key
		stories  int
		calls    int
		method   string
		fallback string // prefix
		waits    []time.Duration
	}{
		{name: "429 with Retry-After seconds", replies: []openaitest.Reply{{Status: 429, RetryAfter: "2"}},
			stories: 1, calls: 2, method: MethodLLM, waits: []time.Duration{2 * time.Second}},
		{name: "Retry-After is capped", replies: []openaitest.Reply{{Status: 429, RetryAfter: "3600"}},
			stories: 1, calls: 2, method: MethodLLM, waits: []time.Duration{5 * time.Second}},
		{name: "500 then success", replies: []openaitest.Reply{{Status: 500}, {Status: 503}},
			stories: 1, calls: 3, method: MethodLLM},
		{name: "endpoint stays down", replies: []openaitest.Reply{{Status: 500}, {Status: 500}, {Status: 500}, {Status: 500}},
			stories: 3, calls: 3, method: MethodExtractive, fallback: "endpoint: HTTP 500"},
		{name: "slow answer times out", replies: []openaitest.Reply{{Delay: 5 * time.Second}, {Delay: 5 * time.Second}},
			edit:    func(c *LLMConfig) { c.Timeout = 50 * time.Millisecond; c.Retries = 1 },
			stories: 2, calls: 2, method: MethodExtractive, fallback: "endpoint: timeout"},
		{name: "malformed JSON", replies: []openaitest.Reply{{Raw: `{"id": "x", "choices": [`}},
			stories: 1, calls: 1, method: MethodExtractive, fallback: "endpoint: malformed response"},
		{name: "wrong key", key: "sk-right", stories: 3, calls: 1, method: MethodExtractive, fallback: "endpoint: HTTP 401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New()
			defer srv.Close()
			srv.APIKey = tt.key
			srv.Enqueue(tt.replies...)
			l, sl, _ := newTestLLM(t, srv, nil, func(c *LLMConfig) {
				c.APIKey = "sk-wrong"
				c.Concurrency = 1
				if tt.edit != nil {
					tt.edit(c)
				}
			})
			sums, _, err := l.SummarizeAll(context.Background(), stories(tt.stories))
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range sums {
				if s.Method != tt.method || !strings.HasPrefix(s.Fallback, tt.fallback) || s.Text == "" {
					t.Errorf("story %d: %+v, want %s with fallback %q…", i, s, tt.method, tt.fallback)
				}
				if strings.Contains(s.Fallback, "sk-wrong") {
					t.Errorf("fallback leaks the key: %q", s.Fallback)
				}
			}
			if srv.Calls() != tt.calls {
				t.Errorf("calls = %d, want %d", srv.Calls(), tt.calls)
			}
			if tt.waits != nil {
				if got := sl.all(); len(got) != len(tt.waits) || got[0] != tt.waits[0] {
					t.Errorf("waits = %v, want %v", got, tt.waits)
				}
			}
		})
	}
}

func TestLLMConcurrencyBounded(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	for range 6 {
		srv.Enqueue(openaitest.Reply{Delay: 30 * time.Millisecond})
	}
	l, _, _ := newTestLLM(t, srv, nil, func(c *LLMConfig) { c.Concurrency = 2 })
	sums, usage, err := l.SummarizeAll(context.Background(), stories(6))
	if err != nil {
		t.Fatal(err)
	}
	if m := srv.MaxInFlight(); m > 2 || m < 1 {
		t.Errorf("max in flight = %d, want 1..2", m)
	}
	if usage.Requests != 6 {
		t.Errorf("requests = %d", usage.Requests)
	}
	for i, s := range sums {
		if s.Method != MethodLLM {
			t.Errorf("story %d: %+v", i, s)
		}
	}
}

func TestLLMCancelled(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	srv.Enqueue(openaitest.Reply{Delay: 5 * time.Second})
	l, _, _ := newTestLLM(t, srv, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, _, err := l.SummarizeAll(ctx, stories(3)); err == nil {
		t.Fatal("no error from a cancelled run")
	}
}

func TestLLMTranslate(t *testing.T) {
	ru := Story{ID: "ru", Headline: "Министры встретились в Брюсселе", Articles: []Article{{Title: "Министры встретились в Брюсселе",
		Text: "Министры иностранных дел 27 стран встретились в Брюсселе в понедельник. Они согласовали пакет помощи на 5 млрд евро."}}}
	tests := []struct {
		name      string
		translate bool
		reply     string
		prompt    string
		prefix    string
	}{
		{"translate", true, "Foreign ministers of 27 countries met in Brussels and agreed on 5 billion euros of aid.", "Write the summary in English", "[Translated from Russian] "},
		{"keep language", false, "Министры иностранных дел 27 стран встретились в Брюсселе в понедельник.", "Write the summary in Russian", "[Russian] "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New()
			defer srv.Close()
			srv.Enqueue(openaitest.Reply{Content: tt.reply})
			l, _, _ := newTestLLM(t, srv, nil, func(c *LLMConfig) { c.Translate = tt.translate })
			sums, _, err := l.SummarizeAll(context.Background(), []Story{ru})
			if err != nil {
				t.Fatal(err)
			}
			if s := sums[0]; s.Method != MethodLLM || s.Lang != LangRussian || s.Text != tt.prefix+tt.reply {
				t.Errorf("summary = %+v", s)
			}
			if sys := srv.Requests()[0].Messages[0].Content; !strings.Contains(sys, tt.prompt) {
				t.Errorf("system prompt lacks %q: %q", tt.prompt, sys)
			}
		})
	}
}

func TestLLMPing(t *testing.T) {
	tests := []struct {
		name, serverKey string
		models          bool
		wantErr         string
	}{
		{"models listed", "", true, ""},
		{"wrong key", "sk-other", true, "401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New()
			defer srv.Close()
			srv.APIKey = tt.serverKey
			l, _, _ := newTestLLM(t, srv, nil, func(c *LLMConfig) { c.APIKey = "sk-mine" })
			err := l.Ping(context.Background())
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Ping = %v, want %q", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "sk-mine") {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
}

func TestLLMPingWithoutModelList(t *testing.T) {
	// A server with a chat endpoint but no model list (some local servers).
	srv := openaitest.New()
	defer srv.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/models", http.NotFound)
	mux.Handle("/", srv.Config.Handler)
	srv.Config.Handler = mux
	l, _, _ := newTestLLM(t, srv, nil, nil)
	if err := l.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if srv.Calls() != 1 {
		t.Errorf("chat calls = %d, want 1", srv.Calls())
	}
}

func TestNewLLMConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  LLMConfig
		ok   bool
	}{
		{"no model", LLMConfig{BaseURL: "http://localhost:11434/v1"}, false},
		{"bad url", LLMConfig{BaseURL: "localhost:11434", Model: "m"}, false},
		{"ftp url", LLMConfig{BaseURL: "ftp://x/v1", Model: "m"}, false},
		{"default url", LLMConfig{Model: "m"}, true},
		{"local server without key", LLMConfig{BaseURL: "http://127.0.0.1:8080/v1", Model: "m"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewLLM(tt.cfg, nil, nil, nil)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestLLMRetryAfterDate(t *testing.T) {
	srv := openaitest.New()
	defer srv.Close()
	srv.Enqueue(openaitest.Reply{Status: 503, RetryAfter: time.Now().Add(4 * time.Second).UTC().Format(http.TimeFormat)})
	l, sl, _ := newTestLLM(t, srv, nil, nil)
	sums, _, err := l.SummarizeAll(context.Background(), stories(1))
	if err != nil {
		t.Fatal(err)
	}
	if sums[0].Method != MethodLLM {
		t.Fatalf("summary = %+v", sums[0])
	}
	// The date has whole seconds: the wait is between 3 and 4 seconds.
	if w := sl.all(); len(w) != 1 || w[0] <= 2*time.Second || w[0] > 4*time.Second {
		t.Fatalf("waits = %v, want one of about 4s", w)
	}
}
