// Package config reads digestd's TOML configuration: it decodes config.toml into a Config, fills
// defaults, resolves relative paths against the file's folder, reads secrets from the environment
// variables the file names, and validates every value with errors that name the file, key and line.
// It does not act on the configuration: building sources, senders and schedules is the caller's job.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the whole of config.toml.
type Config struct {
	Digest      Digest       `toml:"digest"`
	Schedule    Schedule     `toml:"schedule"`
	Sources     []Source     `toml:"source"`
	Gather      Gather       `toml:"gather"`
	Topic       Topic        `toml:"topic"`
	Dedupe      Dedupe       `toml:"dedupe"`
	Stories     Stories      `toml:"stories"`
	Summarize   Summarize    `toml:"summarize"`
	Mail        Mail         `toml:"mail"`
	Subscribers []Subscriber `toml:"subscriber"`
	Store       Store        `toml:"store"`
	Server      Server       `toml:"server"`
	Log         Log          `toml:"log"`

	// Path is the file the configuration was read from ("" for built-in defaults).
	Path string `toml:"-"`
	// Warnings are problems that do not stop a run (no subscribers, ...).
	Warnings []string `toml:"-"`

	loc *locator
}

// Digest is the [digest] section.
type Digest struct {
	Title        string   `toml:"title"`
	Timezone     string   `toml:"timezone"`
	Window       Duration `toml:"window"`
	MaxStories   int      `toml:"max_stories"`
	MaxPerSource int      `toml:"max_per_source"`
	MaxCatchUp   Duration `toml:"max_catch_up"`
	Templates    string   `toml:"templates"`
}

// Schedule is the [schedule] section.
type Schedule struct {
	Cron string `toml:"cron"`
}

// Source is one [[source]].
type Source struct {
	Name string `toml:"name"`
	Kind string `toml:"kind"`
	URL  string `toml:"url"`
	Path string `toml:"path"`
	// Label is shown beside the outlet's name (e.g. "Russian state media").
	Label string `toml:"label"`
	// FullText: unset = fetch the linked page when a feed item is a teaser.
	FullText  *bool `toml:"full_text"`
	Preferred bool  `toml:"preferred"`
	Disabled  bool  `toml:"disabled"`
}

// Gather is the [gather] section: how sources are fetched.
type Gather struct {
	UserAgent   string   `toml:"user_agent"`
	Timeout     Duration `toml:"timeout"`
	MaxBytes    int64    `toml:"max_bytes"`
	PerHost     int      `toml:"per_host"`
	Concurrency int      `toml:"concurrency"`
}

// Topic is the [topic] relevance profile. With no terms the built-in profile is used.
type Topic struct {
	// Threshold and TitleWeight override the built-in profile's when set.
	Threshold   *float64           `toml:"threshold"`
	TitleWeight *float64           `toml:"title_weight"`
	Terms       map[string]float64 `toml:"terms"`
	Must        [][]string         `toml:"must"`
	Exclude     []string           `toml:"exclude"`
}

// Dedupe is the [dedupe] section: near-duplicate thresholds.
type Dedupe struct {
	Threshold float64 `toml:"threshold"`
	Shingle   int     `toml:"shingle"`
}

// Stories is the [stories] section: how articles join a story.
type Stories struct {
	Window    Duration `toml:"window"`
	Threshold float64  `toml:"threshold"`
}

// Summarize is the [summarize] section.
type Summarize struct {
	Method    string `toml:"method"`
	Sentences int    `toml:"sentences"`
	MaxWords  int    `toml:"max_words"`
	LLM       LLM    `toml:"llm"`
}

// LLM is [summarize.llm].
type LLM struct {
	BaseURL              string   `toml:"base_url"`
	Model                string   `toml:"model"`
	APIKeyEnv            string   `toml:"api_key_env"`
	MaxTokensPerDigest   int      `toml:"max_tokens_per_digest"`
	MaxRequestsPerDigest int      `toml:"max_requests_per_digest"`
	MaxInputTokens       int      `toml:"max_input_tokens"`
	Timeout              Duration `toml:"timeout"`
	Deadline             Duration `toml:"deadline"`
	Retries              int      `toml:"retries"`
	Concurrency          int      `toml:"concurrency"`
	Translate            bool     `toml:"translate"`

	// APIKey is read from the variable APIKeyEnv names.
	APIKey Secret `toml:"-"`
}

// Mail is the [mail] section.
type Mail struct {
	Transport   string      `toml:"transport"`
	From        string      `toml:"from"`
	FromName    string      `toml:"from_name"`
	SMTP        SMTP        `toml:"smtp"`
	File        FileMail    `toml:"file"`
	DKIM        DKIM        `toml:"dkim"`
	Unsubscribe Unsubscribe `toml:"unsubscribe"`
}

// SMTP is [mail.smtp].
type SMTP struct {
	Host        string   `toml:"host"`
	Port        int      `toml:"port"`
	Username    string   `toml:"username"`
	PasswordEnv string   `toml:"password_env"`
	TLS         string   `toml:"tls"`
	Timeout     Duration `toml:"timeout"`
	HELO        string   `toml:"helo"`

	Password Secret `toml:"-"`
}

// FileMail is [mail.file].
type FileMail struct {
	Dir string `toml:"dir"`
}

// DKIM is [mail.dkim]; signing is on when domain is set.
type DKIM struct {
	Domain   string `toml:"domain"`
	Selector string `toml:"selector"`
	KeyFile  string `toml:"key_file"`
}

// Unsubscribe is [mail.unsubscribe].
type Unsubscribe struct {
	// URL is the public base of serve's unsubscribe handler, e.g. "https://digest.example.org/unsubscribe".
	URL       string `toml:"url"`
	Mailto    string `toml:"mailto"`
	SecretEnv string `toml:"secret_env"`

	Secret Secret `toml:"-"`
}

// Subscriber is one [[subscriber]].
type Subscriber struct {
	Email string `toml:"email"`
	Name  string `toml:"name"`
}

// Store is the [store] section.
type Store struct {
	Path string `toml:"path"`
}

// Server is the [server] section.
type Server struct {
	Listen string `toml:"listen"`
	// Grace is how long a stopping daemon lets the run in progress finish before cancelling it.
	Grace Duration `toml:"grace"`
}

// Log is the [log] section.
type Log struct {
	Format string `toml:"format"`
	Level  string `toml:"level"`
}

// Secret is a value read from the environment; it never prints.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// LogValue hides the value from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret itself, for the one place that must send it.
func (s Secret) Reveal() string { return string(s) }

// Duration is a time.Duration written as "36h", "90m" or "7d".
type Duration time.Duration

// UnmarshalText reads a Go duration or a whole number of days ("7d").
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration back.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// ParseDuration reads a Go duration ("36h") or days ("7d").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		if _, err := fmt.Sscanf(n, "%d", &days); err == nil && fmt.Sprint(days) == n {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration (use e.g. \"24h\", \"90m\" or \"7d\")", s)
	}
	return v, nil
}

// ErrInvalid marks every configuration error, so callers can exit with the usage code.
var ErrInvalid = errors.New("invalid configuration")

// Load reads, defaults, resolves and validates the file at path. getenv reads secrets
// (pass os.Getenv); it may be nil when no secrets are needed.
func Load(path string, getenv func(string) string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w: %w", ErrInvalid, err)
	}
	return Parse(data, path, getenv)
}

// Parse decodes data as if read from path (used to name the file in errors and to resolve
// relative paths).
func Parse(data []byte, path string, getenv func(string) string) (*Config, error) {
	c := Default()
	c.Path = path
	c.loc = newLocator(string(data))
	md, err := toml.Decode(string(data), c)
	if err != nil {
		return nil, decodeError(path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var msgs []string
		for _, k := range und {
			msgs = append(msgs, fmt.Sprintf("%s:%d: unknown key %q", path, c.loc.line(k), k.String()))
		}
		return nil, fmt.Errorf("config: %w: %s", ErrInvalid, strings.Join(msgs, "; "))
	}
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	c.resolve(dir)
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	c.readSecrets(getenv)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// typeErrRE matches the decoder's type errors: `toml: line 8 (last key "digest.max_stories"): ...`.
var typeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func decodeError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if pe.LastKey != "" {
			return fmt.Errorf("config: %s:%d: %s: %w: %s", path, pe.Position.Line, pe.LastKey, ErrInvalid, pe.Message)
		}
		return fmt.Errorf("config: %s:%d: %w: %s", path, pe.Position.Line, ErrInvalid, pe.Message)
	}
	if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("config: %s:%s: %s: %w: %s", path, m[1], m[2], ErrInvalid, m[3])
	}
	return fmt.Errorf("config: %s: %w: %w", path, ErrInvalid, err)
}

// Location returns the digest's time zone (UTC when none is set).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Digest.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func (c *Config) resolve(dir string) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	for i := range c.Sources {
		c.Sources[i].Path = abs(c.Sources[i].Path)
	}
	c.Store.Path = abs(c.Store.Path)
	c.Mail.File.Dir = abs(c.Mail.File.Dir)
	c.Mail.DKIM.KeyFile = abs(c.Mail.DKIM.KeyFile)
	c.Digest.Templates = abs(c.Digest.Templates)
}

func (c *Config) readSecrets(getenv func(string) string) {
	c.Summarize.LLM.APIKey = Secret(getenv(c.Summarize.LLM.APIKeyEnv))
	c.Mail.SMTP.Password = Secret(getenv(c.Mail.SMTP.PasswordEnv))
	c.Mail.Unsubscribe.Secret = Secret(getenv(c.Mail.Unsubscribe.SecretEnv))
}
