package app

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are serve's Prometheus metrics, on a registry of their own (no globals).
type metrics struct {
	reg          *prometheus.Registry
	runs         *prometheus.CounterVec
	duration     prometheus.Histogram
	articles     *prometheus.CounterVec
	stories      prometheus.Counter
	llmTokens    *prometheus.CounterVec
	llmRequests  prometheus.Counter
	messages     *prometheus.CounterVec
	sourceErrors *prometheus.CounterVec
	nextRun      prometheus.Gauge
	lastRun      prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "digestd_runs_total",
			Help: "Digest runs by outcome (ok, nothing new, failed)."}, []string{"status"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "digestd_run_duration_seconds",
			Help: "How long a run took.", Buckets: prometheus.ExponentialBuckets(0.5, 2, 12)}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "digestd_articles_total",
			Help: "Gathered articles by final status (included, duplicate, irrelevant, old, seen, capped, empty, error)."}, []string{"status"}),
		stories: prometheus.NewCounter(prometheus.CounterOpts{Name: "digestd_stories_total", Help: "Stories in built digests."}),
		llmTokens: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "digestd_llm_tokens_total",
			Help: "LLM tokens used, by kind (prompt, completion)."}, []string{"kind"}),
		llmRequests: prometheus.NewCounter(prometheus.CounterOpts{Name: "digestd_llm_requests_total", Help: "LLM requests made."}),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "digestd_messages_total",
			Help: "Letters by outcome (sent, rejected, pending)."}, []string{"result"}),
		sourceErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "digestd_source_errors_total",
			Help: "Failed gathers by source."}, []string{"source"}),
		nextRun: prometheus.NewGauge(prometheus.GaugeOpts{Name: "digestd_next_run_timestamp_seconds", Help: "When the next scheduled run is due."}),
		lastRun: prometheus.NewGauge(prometheus.GaugeOpts{Name: "digestd_last_run_timestamp_seconds", Help: "When the last run started."}),
	}
	m.reg.MustRegister(m.runs, m.duration, m.articles, m.stories, m.llmTokens, m.llmRequests, m.messages,
		m.sourceErrors, m.nextRun, m.lastRun, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe adds one run's outcome.
func (m *metrics) observe(o *outcome, took time.Duration) {
	m.runs.WithLabelValues(o.Status).Inc()
	m.duration.Observe(took.Seconds())
	m.lastRun.Set(float64(o.Started.Unix()))
	c := o.Counts
	for status, n := range map[string]int{"included": c.Included, "duplicate": c.Duplicates, "irrelevant": c.Irrelevant,
		"old": c.Old, "seen": c.Seen, "capped": c.Capped, "empty": c.Empty, "error": c.Errors} {
		m.articles.WithLabelValues(status).Add(float64(n))
	}
	m.stories.Add(float64(c.Stories))
	m.llmTokens.WithLabelValues("prompt").Add(float64(o.LLM.PromptTokens))
	m.llmTokens.WithLabelValues("completion").Add(float64(o.LLM.CompletionTokens))
	m.llmRequests.Add(float64(o.LLM.Requests))
	m.messages.WithLabelValues("sent").Add(float64(o.Delivery.Sent))
	m.messages.WithLabelValues("rejected").Add(float64(o.Delivery.Rejected))
	m.messages.WithLabelValues("pending").Add(float64(o.Delivery.Pending))
	if o.build != nil {
		for _, s := range o.build.Digest.Sources {
			if s.Error != "" {
				m.sourceErrors.WithLabelValues(s.Name).Inc()
			}
		}
	}
}
