package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/digestd/digestd/schedule"
)

// problems collects validation errors, each naming its key and line.
type problems struct {
	c    *Config
	msgs []string
}

func (p *problems) add(key toml.Key, index int, format string, args ...any) {
	name := key.String()
	if index >= 0 {
		name = fmt.Sprintf("%s[%d].%s", key[0], index, strings.Join(key[1:], "."))
	}
	where := p.c.Path
	if where == "" {
		where = "config"
	}
	if line := p.c.loc.lineAt(key, index); line > 0 {
		where = fmt.Sprintf("%s:%d", where, line)
	}
	p.msgs = append(p.msgs, fmt.Sprintf("%s: %s: %s", where, name, fmt.Sprintf(format, args...)))
}

// Validate checks every value and returns one error listing every problem found, or nil.
// Problems that do not stop a run are appended to Warnings.
func (c *Config) Validate() error {
	p := &problems{c: c}
	k := func(s ...string) toml.Key { return toml.Key(s) }

	if strings.TrimSpace(c.Digest.Title) == "" {
		p.add(k("digest", "title"), -1, "must not be empty")
	}
	if _, err := time.LoadLocation(c.Digest.Timezone); err != nil || c.Digest.Timezone == "" {
		p.add(k("digest", "timezone"), -1, "%q is not an IANA time zone (e.g. \"Europe/Kyiv\")", c.Digest.Timezone)
	}
	if c.Digest.Window <= 0 {
		p.add(k("digest", "window"), -1, "must be positive")
	}
	if c.Digest.MaxStories < 1 {
		p.add(k("digest", "max_stories"), -1, "must be at least 1")
	}
	if c.Digest.MaxPerSource < 0 {
		p.add(k("digest", "max_per_source"), -1, "must not be negative (0 = no limit)")
	}
	if c.Digest.MaxCatchUp < c.Digest.Window {
		p.add(k("digest", "max_catch_up"), -1, "must be at least the window (%s)", c.Digest.Window.D())
	}
	if spec := strings.TrimSpace(c.Schedule.Cron); spec == "" {
		p.add(k("schedule", "cron"), -1, "must not be empty")
	} else if _, err := schedule.Parse(spec, time.UTC); err != nil {
		p.add(k("schedule", "cron"), -1, "%v", err)
	}

	c.validateSources(p, k)
	c.validateGather(p, k)
	c.validateTopic(p, k)
	c.validateSummarize(p, k)
	c.validateMail(p, k)

	if len(c.Subscribers) == 0 {
		c.Warnings = append(c.Warnings, "no [[subscriber]] configured: digests are built but sent to nobody")
	}
	seen := map[string]bool{}
	for i, s := range c.Subscribers {
		addr, err := mail.ParseAddress(s.Email)
		if err != nil || addr.Address != strings.TrimSpace(s.Email) {
			p.add(k("subscriber", "email"), i, "%q is not an email address", s.Email)
			continue
		}
		low := strings.ToLower(addr.Address)
		if seen[low] {
			p.add(k("subscriber", "email"), i, "%q is listed twice", s.Email)
		}
		seen[low] = true
	}
	if c.Server.Grace < 0 {
		p.add(k("server", "grace"), -1, "must not be negative")
	}
	if c.Store.Path == "" {
		p.add(k("store", "path"), -1, "must not be empty")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		p.add(k("log", "format"), -1, "%q is not one of text, json", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		p.add(k("log", "level"), -1, "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	if len(p.msgs) > 0 {
		return fmt.Errorf("config: %w:\n  %s", ErrInvalid, strings.Join(p.msgs, "\n  "))
	}
	return nil
}

func (c *Config) validateSources(p *problems, k func(...string) toml.Key) {
	if len(c.Sources) == 0 {
		p.add(k("source"), -1, "at least one [[source]] is needed")
	}
	names := map[string]bool{}
	for i, s := range c.Sources {
		if strings.TrimSpace(s.Name) == "" {
			p.add(k("source", "name"), i, "must not be empty")
		} else if names[s.Name] {
			p.add(k("source", "name"), i, "%q is used by two sources", s.Name)
		}
		names[s.Name] = true
		switch s.Kind {
		case "feed", "page":
			if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				p.add(k("source", "url"), i, "%q is not an http(s) URL", s.URL)
			}
			if s.Path != "" {
				p.add(k("source", "path"), i, "is for kind \"files\" only")
			}
		case "files":
			if s.Path == "" {
				p.add(k("source", "path"), i, "must name a file, a folder or a glob")
			}
			if s.URL != "" {
				p.add(k("source", "url"), i, "is for kinds \"feed\" and \"page\" only")
			}
		default:
			p.add(k("source", "kind"), i, "%q is not one of feed, page, files", s.Kind)
		}
	}
}

func (c *Config) validateGather(p *problems, k func(...string) toml.Key) {
	g := c.Gather
	if g.Timeout <= 0 {
		p.add(k("gather", "timeout"), -1, "must be positive")
	}
	if g.MaxBytes < 1024 {
		p.add(k("gather", "max_bytes"), -1, "must be at least 1024")
	}
	if g.PerHost < 1 {
		p.add(k("gather", "per_host"), -1, "must be at least 1")
	}
	if g.Concurrency < 1 {
		p.add(k("gather", "concurrency"), -1, "must be at least 1")
	}
}

func (c *Config) validateTopic(p *problems, k func(...string) toml.Key) {
	t := c.Topic
	if t.Threshold != nil && (*t.Threshold < 0 || *t.Threshold > 1) {
		p.add(k("topic", "threshold"), -1, "must be between 0 and 1")
	}
	if t.TitleWeight != nil && *t.TitleWeight < 1 {
		p.add(k("topic", "title_weight"), -1, "must be at least 1")
	}
	for term, w := range t.Terms {
		if strings.TrimSpace(term) == "" || w <= 0 {
			p.add(k("topic", "terms", term), -1, "weight must be positive and the term non-empty")
		}
	}
	for i, g := range t.Must {
		if len(g) == 0 {
			p.add(k("topic", "must"), -1, "group %d is empty", i+1)
		}
	}
	if c.Dedupe.Threshold < 0 || c.Dedupe.Threshold > 1 {
		p.add(k("dedupe", "threshold"), -1, "must be between 0 and 1 (0 = default)")
	}
	if c.Dedupe.Shingle < 0 {
		p.add(k("dedupe", "shingle"), -1, "must not be negative (0 = default)")
	}
	if c.Stories.Window <= 0 {
		p.add(k("stories", "window"), -1, "must be positive")
	}
	if c.Stories.Threshold < 0 || c.Stories.Threshold > 1 {
		p.add(k("stories", "threshold"), -1, "must be between 0 and 1 (0 = default)")
	}
}

func (c *Config) validateSummarize(p *problems, k func(...string) toml.Key) {
	s := c.Summarize
	switch s.Method {
	case "extractive":
	case "llm":
		if s.LLM.Model == "" {
			p.add(k("summarize", "llm", "model"), -1, "is needed when method = \"llm\"")
		}
		if s.LLM.BaseURL != "" {
			if u, err := url.Parse(s.LLM.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				p.add(k("summarize", "llm", "base_url"), -1, "%q is not an http(s) URL", s.LLM.BaseURL)
			}
		}
	default:
		p.add(k("summarize", "method"), -1, "%q is not one of extractive, llm", s.Method)
	}
	if s.Sentences < 1 || s.Sentences > 10 {
		p.add(k("summarize", "sentences"), -1, "must be between 1 and 10")
	}
	if s.MaxWords < 10 {
		p.add(k("summarize", "max_words"), -1, "must be at least 10")
	}
	if s.LLM.MaxTokensPerDigest < 0 || s.LLM.MaxRequestsPerDigest < 0 {
		p.add(k("summarize", "llm"), -1, "budgets must not be negative")
	}
	if s.LLM.Concurrency < 1 {
		p.add(k("summarize", "llm", "concurrency"), -1, "must be at least 1")
	}
}

func (c *Config) validateMail(p *problems, k func(...string) toml.Key) {
	m := c.Mail
	if _, err := mail.ParseAddress(m.From); err != nil {
		p.add(k("mail", "from"), -1, "%q is not an email address", m.From)
	}
	switch m.Transport {
	case "file":
		if m.File.Dir == "" {
			p.add(k("mail", "file", "dir"), -1, "must not be empty")
		}
	case "smtp":
		if m.SMTP.Host == "" {
			p.add(k("mail", "smtp", "host"), -1, "is needed when transport = \"smtp\"")
		}
		if m.SMTP.Port < 1 || m.SMTP.Port > 65535 {
			p.add(k("mail", "smtp", "port"), -1, "%d is not a port", m.SMTP.Port)
		}
		if m.SMTP.Username != "" && m.SMTP.Password == "" {
			c.Warnings = append(c.Warnings, fmt.Sprintf("mail.smtp.username is set but $%s is empty", m.SMTP.PasswordEnv))
		}
	default:
		p.add(k("mail", "transport"), -1, "%q is not one of smtp, file", m.Transport)
	}
	switch m.SMTP.TLS {
	case "mandatory", "opportunistic", "none":
	default:
		p.add(k("mail", "smtp", "tls"), -1, "%q is not one of mandatory, opportunistic, none", m.SMTP.TLS)
	}
	if m.DKIM.Domain != "" && m.DKIM.KeyFile == "" {
		p.add(k("mail", "dkim", "key_file"), -1, "is needed when mail.dkim.domain is set")
	}
	if u := m.Unsubscribe.URL; u != "" {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
			p.add(k("mail", "unsubscribe", "url"), -1, "%q is not an http(s) URL", u)
		}
		if m.Unsubscribe.Secret == "" {
			c.Warnings = append(c.Warnings, fmt.Sprintf("mail.unsubscribe.url is set but $%s is empty: letters carry no unsubscribe link", m.Unsubscribe.SecretEnv))
		}
	}
}
