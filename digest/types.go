package digest

import "time"

// FormatVersion is the version of digest.json that this package writes.
const FormatVersion = 1

// Status says what became of one gathered article.
type Status string

// The statuses an article can end a run with.
const (
	StatusIncluded   Status = "included"   // in a story of this digest
	StatusDuplicate  Status = "duplicate"  // same text as another article (see DuplicateOf)
	StatusIrrelevant Status = "irrelevant" // below the topic threshold
	StatusOld        Status = "old"        // published before the look-back
	StatusSeen       Status = "seen"       // delivered by an earlier digest
	StatusCapped     Status = "capped"     // cut by max_stories or a per-source limit
	StatusEmpty      Status = "empty"      // nothing left after cleaning
	StatusError      Status = "error"      // could not be read or parsed
)

// Digest is one built digest: what digest.json holds and what the templates render.
type Digest struct {
	Version     int       `json:"version"`
	Title       string    `json:"title"`
	GeneratedAt time.Time `json:"generated_at"`
	Since       time.Time `json:"since"`
	Until       time.Time `json:"until"`
	// Timezone is the IANA name dates are shown in.
	Timezone string         `json:"timezone"`
	Stories  []Story        `json:"stories"`
	Articles []Article      `json:"articles"`
	Sources  []SourceReport `json:"sources"`
	Counts   Counts         `json:"counts"`
	// LLM is the usage of the LLM summarizer in this run (zero when unused).
	LLM Usage `json:"llm"`
}

// Story is one event, reported by one or more articles.
type Story struct {
	ID       string `json:"id"`
	Headline string `json:"headline"`
	Summary  string `json:"summary"`
	// Method is "extractive" or "llm": how Summary was written.
	Method string `json:"method"`
	// Fallback says why an LLM summary was not used, when it was asked for.
	Fallback  string     `json:"fallback,omitempty"`
	Published *time.Time `json:"published"`
	// Articles lists the ids of every article of the story, duplicates included.
	Articles []string `json:"articles"`
	// Update is true when the story continues one reported in an earlier digest.
	Update bool `json:"update,omitempty"`
	// Links are the story's sources, one per article, best first.
	Links []Link `json:"links"`
}

// Link is one outlet's article within a story.
type Link struct {
	Outlet    string     `json:"outlet"`
	Title     string     `json:"title"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

// Article is one gathered article and what the run made of it.
type Article struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Source      string     `json:"source"`
	Outlet      string     `json:"outlet,omitempty"`
	Published   *time.Time `json:"published"`
	Status      Status     `json:"status"`
	Reason      string     `json:"reason"`
	Relevance   float64    `json:"relevance"`
	Matched     []string   `json:"matched,omitempty"`
	DuplicateOf string     `json:"duplicate_of"`
	Story       string     `json:"story"`
	Lang        string     `json:"lang,omitempty"`
	Text        string     `json:"text"`
}

// SourceReport is what one source gave in this run.
type SourceReport struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Items int    `json:"items"`
	// NotModified is true when the source answered 304 to a conditional GET.
	NotModified bool   `json:"not_modified,omitempty"`
	Error       string `json:"error"`
}

// Counts are the run's totals, shown in the digest's footer and report.
type Counts struct {
	Gathered   int `json:"gathered"`
	Included   int `json:"included"`
	Duplicates int `json:"duplicates"`
	Irrelevant int `json:"irrelevant"`
	Old        int `json:"old"`
	Seen       int `json:"seen"`
	Capped     int `json:"capped"`
	Empty      int `json:"empty"`
	Errors     int `json:"errors"`
	Stories    int `json:"stories"`
	Sources    int `json:"sources"`
	// SourceErrors counts sources that failed in this run.
	SourceErrors int `json:"source_errors"`
}

// Usage is what an LLM summarizer consumed.
type Usage struct {
	Requests         int `json:"requests"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	CacheHits        int `json:"cache_hits"`
}

// Recipient is one subscriber as a letter addresses them.
type Recipient struct {
	Email string
	Name  string
	// UnsubscribeURL is the subscriber's personal one-click link (empty when none is configured).
	UnsubscribeURL string
}
