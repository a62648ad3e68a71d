package summarize

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func story(texts ...string) Story {
	s := Story{ID: "s1", Headline: "Ukraine and Russia resume peace talks in Geneva"}
	for i, t := range texts {
		s.Articles = append(s.Articles, Article{Title: s.Headline, Text: t, Source: fmt.Sprintf("src%d", i)})
	}
	return s
}

const talksArticle = `GENEVA (Reuters) - Ukrainian and Russian negotiators resumed peace talks in Geneva on Tuesday, the first direct meeting in six months.

The talks, mediated by Switzerland and Turkey, focus on a prisoner exchange and the safety of the Zaporizhzhia nuclear plant.
What do you think about the talks?
Share this article on social media.
Ukraine's delegation is led by Rustem Umerov, who said the exchange of prisoners was the priority for Kyiv.

Russia's delegation said it was ready to discuss the nuclear plant but not territory.
The negotiators plan to meet again on Thursday after consulting their capitals.
Diplomats said a prisoner exchange could be agreed within weeks if the talks in Geneva continue
Reporting by Jane Doe; Editing by John Roe.`

func TestExtractiveSummarize(t *testing.T) {
	e := NewExtractive()
	sum, err := e.Summarize(context.Background(), story(talksArticle))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Method != MethodExtractive || sum.Lang != "" || sum.Fallback != "" {
		t.Errorf("summary fields = %+v", sum)
	}
	sents := SplitSentences(sum.Text)
	if len(sents) == 0 || len(sents) > DefaultSentences {
		t.Fatalf("got %d sentences: %q", len(sents), sum.Text)
	}
	if wordCount(sum.Text) > DefaultMaxWords {
		t.Errorf("summary has %d words, limit %d", wordCount(sum.Text), DefaultMaxWords)
	}
	for _, bad := range []string{"GENEVA (Reuters)", "What do you think", "Share this", "Reporting by", "if the talks in Geneva continue"} {
		if strings.Contains(sum.Text, bad) {
			t.Errorf("summary contains %q: %q", bad, sum.Text)
		}
	}
	if !strings.HasPrefix(sum.Text, "Ukrainian and Russian negotiators resumed peace talks") {
		t.Errorf("summary does not open with the lead (dateline stripped): %q", sum.Text)
	}
}

func TestExtractiveBadInput(t *testing.T) {
	long := strings.Repeat("Diplomats from Kyiv and Brussels met again to discuss the sanctions package in detail. ", 14000) // ~200,000 words
	tests := []struct {
		name    string
		story   Story
		wantErr error
		check   func(t *testing.T, s Summary)
	}{
		{"empty", story("  \n\n "), ErrEmpty, nil},
		{"no articles", Story{ID: "x"}, ErrEmpty, nil},
		{"only boilerplate", story("Sign up for our newsletter today and never miss a story.\nRead more: https://example.org/x"), ErrNoSentence, nil},
		{"one sentence", story("The foreign ministers of France and Germany arrived in Kyiv on Monday."), nil, func(t *testing.T, s Summary) {
			if s.Text != "The foreign ministers of France and Germany arrived in Kyiv on Monday." {
				t.Errorf("text = %q", s.Text)
			}
		}},
		{"huge article", story(long), nil, func(t *testing.T, s Summary) {
			if s.Text == "" || wordCount(s.Text) > DefaultMaxWords {
				t.Errorf("text = %q", s.Text)
			}
		}},
		{"huge line without stops", story(strings.Repeat("words without any sentence end ", 40000)), ErrNoSentence, nil},
		{"russian", story("Министры иностранных дел Украины и Польши встретились в Варшаве во вторник. Они обсудили поставки зерна и санкции против России. Следующая встреча запланирована на весну."), nil, func(t *testing.T, s Summary) {
			if s.Lang != LangRussian || !strings.HasPrefix(s.Text, "[Russian] ") || !strings.Contains(s.Text, "Варшаве") {
				t.Errorf("summary = %+v", s)
			}
		}},
		{"ukrainian", story("Міністр закордонних справ України зустрівся з колегою з Польщі у Варшаві. Сторони обговорили постачання зерна і санкції. Наступна зустріч відбудеться навесні."), nil, func(t *testing.T, s Summary) {
			if s.Lang != LangUkrainian || !strings.HasPrefix(s.Text, "[Ukrainian] ") {
				t.Errorf("summary = %+v", s)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewExtractive().Summarize(context.Background(), tt.story)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil && s.Text != "" {
				t.Errorf("text = %q, want empty", s.Text)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func TestExtractiveLimits(t *testing.T) {
	text := "The ministers met in Brussels on Monday to discuss new sanctions against Moscow. " +
		"The ministers agreed on a package of sanctions aimed at Russian banks and energy exports. " +
		"Hungary said it would not block the package, diplomats said after the meeting ended. " +
		"The package now goes to the leaders, who meet in two weeks."
	tests := []struct {
		name     string
		opts     []Option
		maxSents int
		maxWords int
		trimmed  bool
	}{
		{"one sentence", []Option{WithSentences(1)}, 1, 80, false},
		{"word cap drops sentences", []Option{WithSentences(4), WithMaxWords(30)}, 4, 30, false},
		{"first sentence too long is trimmed", []Option{WithMaxWords(5)}, 1, 5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewExtractive(tt.opts...).Summarize(context.Background(), story(text))
			if err != nil {
				t.Fatal(err)
			}
			if n := len(SplitSentences(s.Text)); n > tt.maxSents {
				t.Errorf("%d sentences > %d: %q", n, tt.maxSents, s.Text)
			}
			if n := wordCount(s.Text); n > tt.maxWords {
				t.Errorf("%d words > %d: %q", n, tt.maxWords, s.Text)
			}
			if got := strings.HasSuffix(s.Text, "…"); got != tt.trimmed {
				t.Errorf("trimmed = %v, want %v: %q", got, tt.trimmed, s.Text)
			}
			if !tt.trimmed {
				for _, sent := range SplitSentences(s.Text) {
					if !strings.Contains(text, sent) {
						t.Errorf("sentence %q is not a whole source sentence", sent)
					}
				}
			}
		})
	}
}

func TestExtractiveMultiArticle(t *testing.T) {
	a := "Ukraine and Russia resumed peace talks in Geneva on Tuesday after a six-month pause.\n" +
		"The talks focus on a prisoner exchange and the Zaporizhzhia nuclear plant.\n" +
		"The weather in Geneva was cold and wet throughout the day."
	b := "Peace talks between Ukraine and Russia resumed in Geneva on Tuesday after a six-month pause.\n" +
		"Turkey offered to host the next round of peace talks between Ukraine and Russia in Istanbul.\n" +
		"Switzerland said it would mediate the talks on the nuclear plant with Turkey."
	s, err := NewExtractive().Summarize(context.Background(), story(a, b))
	if err != nil {
		t.Fatal(err)
	}
	sents := SplitSentences(s.Text)
	if strings.Contains(s.Text, "resumed peace talks in Geneva") && strings.Contains(s.Text, "resumed in Geneva on Tuesday") {
		t.Errorf("both near-identical leads were picked: %q", s.Text)
	}
	fromB := false
	for _, sent := range sents {
		if strings.Contains(b, sent) && !strings.Contains(a, sent) {
			fromB = true
		} else if fromB {
			t.Errorf("sentence of article 1 after one of article 2: %q", s.Text)
		}
	}
	if !fromB {
		t.Errorf("no sentence from the second article: %q", s.Text)
	}
}

func TestExtractiveSummarizeAll(t *testing.T) {
	e := NewExtractive()
	stories := []Story{story(talksArticle), story(""), story("The envoy arrived in Kyiv on Monday for two days of talks.")}
	sums, usage, err := e.SummarizeAll(context.Background(), stories)
	if err != nil {
		t.Fatal(err)
	}
	if usage != (Usage{}) {
		t.Errorf("usage = %+v, want zero", usage)
	}
	if len(sums) != 3 || sums[0].Text == "" || sums[1].Text != "" || sums[2].Text == "" {
		t.Fatalf("summaries = %+v", sums)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := e.SummarizeAll(ctx, stories); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v", err)
	}
}

// benchArticle generates a news-like article of about words words.
func benchArticle(seed uint64, words int) string {
	vocab := strings.Fields("ukraine russia talks peace minister foreign president sanctions kyiv moscow " +
		"brussels geneva delegation ceasefire prisoners exchange nuclear plant energy grain exports " +
		"negotiators envoy summit agreement deal security guarantees border troops officials said " +
		"on the in of and to a for with after before from about new week monday tuesday council " +
		"european union nato alliance support military aid package billion euros dollars vote")
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	n := 0
	for n < words {
		l := 12 + r.IntN(18)
		for i := range l {
			w := vocab[r.IntN(len(vocab))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
		n += l
		if r.IntN(3) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

func BenchmarkSummarize(b *testing.B) {
	e := NewExtractive()
	stories := make([]Story, 16)
	for i := range stories {
		stories[i] = story(benchArticle(uint64(i), 600))
	}
	ctx := context.Background()
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		if _, err := e.Summarize(ctx, stories[i%len(stories)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	reportRates(b, i, cpuTime()-cpu)
}

// reportRates reports articles per wall-clock second and, where the process
// CPU time is known, per CPU-second (the one-core figure on a busy machine;
// the benchmark runs on one goroutine).
func reportRates(b *testing.B, n int, cpu time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

func FuzzSummarize(f *testing.F) {
	for _, s := range []string{talksArticle, "", "Один. Два три четыре пять шесть.", `"A b c d e." F g h i j.`, strings.Repeat("x ", 300) + "."} {
		f.Add(s, "headline")
	}
	e := NewExtractive(WithSentences(2), WithMaxWords(40))
	f.Fuzz(func(t *testing.T, text, headline string) {
		s, err := e.Summarize(context.Background(), Story{Headline: headline, Articles: []Article{{Title: headline, Text: text}, {Text: text + "\n" + headline}}})
		if err != nil {
			if s.Text != "" {
				t.Fatalf("error %v with text %q", err, s.Text)
			}
			return
		}
		body := strings.TrimPrefix(strings.TrimPrefix(s.Text, "[Russian] "), "[Ukrainian] ")
		if wordCount(body) > 40 {
			t.Fatalf("%d words: %q", wordCount(body), body)
		}
	})
}

func TestExtractiveLongArticlesFirst(t *testing.T) {
	long := strings.Repeat("Delegates from many countries discussed the agenda of the conference at length. ", 1)
	for i := range 600 {
		long += fmt.Sprintf("Delegate number %d from the conference spoke about procedure number %d. ", i, i)
	}
	second := "Ukraine and Russia agreed on a prisoner exchange mediated by Turkey on Friday."
	s := story(long, strings.ReplaceAll(long, "Delegate", "Observer"), second)
	s.Headline = "Ukraine and Russia agree prisoner exchange mediated by Turkey"
	sum, err := NewExtractive().Summarize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sum.Text, second) {
		t.Errorf("the second source was crowded out: %q", sum.Text)
	}
}
