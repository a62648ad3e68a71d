package summarize_test

import (
	"context"
	"fmt"
	"time"

	"github.com/digestd/digestd/summarize"
	"github.com/digestd/digestd/summarize/openaitest"
)

func ExampleExtractive_Summarize() {
	e := summarize.NewExtractive(summarize.WithSentences(2), summarize.WithMaxWords(60))
	story := summarize.Story{
		ID:       "s1",
		Headline: "Ministers agree aid package for Ukraine",
		Articles: []summarize.Article{{
			Title: "Ministers agree aid package for Ukraine",
			Text: "BRUSSELS (AP) — EU foreign ministers agreed on Monday on a new aid package for Ukraine worth 5 billion euros.\n\n" +
				"Share this article.\n" +
				"The package will pay for air defence and ammunition, the ministers said after the meeting.\n" +
				"What do you think about it?\n" +
				"The weather in Brussels was mild for the season.",
		}},
	}
	sum, err := e.Summarize(context.Background(), story)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Method)
	fmt.Println(sum.Text)
	// Output:
	// extractive
	// EU foreign ministers agreed on Monday on a new aid package for Ukraine worth 5 billion euros. The package will pay for air defence and ammunition, the ministers said after the meeting.
}

func ExampleLLM_SummarizeAll() {
	srv := openaitest.New() // any OpenAI-compatible endpoint: OpenAI, Ollama, vLLM, llama.cpp
	defer srv.Close()
	llm, err := summarize.NewLLM(summarize.LLMConfig{
		BaseURL:              srv.BaseURL(),
		Model:                "test-model",
		MaxRequestsPerDigest: 1,
		Timeout:              10 * time.Second,
	}, &summarize.MemoryCache{}, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	stories := []summarize.Story{
		{ID: "a", Articles: []summarize.Article{{Text: "Kyiv and Warsaw signed a grain transit deal on Tuesday. Trucks will move first."}}},
		{ID: "b", Articles: []summarize.Article{{Text: "The envoy arrived in Kyiv on Monday for two days of talks."}}},
	}
	sums, usage, err := llm.SummarizeAll(context.Background(), stories)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range sums {
		fmt.Printf("%s %q %s\n", s.Method, s.Fallback, s.Text)
	}
	fmt.Println("requests:", usage.Requests)
	// Output:
	// llm "" Kyiv and Warsaw signed a grain transit deal on Tuesday.
	// extractive "budget: request limit (1 per digest) reached" The envoy arrived in Kyiv on Monday for two days of talks.
	// requests: 1
}
