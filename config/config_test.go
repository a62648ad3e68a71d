package config

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const minimal = `
[[source]]
name = "local"
kind = "files"
path = "articles"
`

func TestParseErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // substrings of the error
	}{
		{"unknown key", minimal + "\n[digest]\ntitel = \"x\"\n", []string{"cfg.toml:8:", `unknown key "digest.titel"`}},
		{"unknown key in source", "[[source]]\nname = \"a\"\nkind = \"files\"\npath = \"x\"\nurll = \"y\"\n", []string{"cfg.toml:5:", `"source.urll"`}},
		{"wrong type", minimal + "\n[digest]\nmax_stories = \"ten\"\n", []string{"cfg.toml:8", "max_stories"}},
		{"syntax", minimal + "\n[digest\n", []string{"cfg.toml:", "table name"}},
		{"bad zone", minimal + "\n[digest]\ntimezone = \"Europe/Kiyv\"\n", []string{"cfg.toml:8", "digest.timezone", "Europe/Kiyv"}},
		{"bad duration", minimal + "\n[digest]\nwindow = \"a day\"\n", []string{"cfg.toml:8", "window"}},
		{"bad kind", "[[source]]\nname = \"a\"\nkind = \"fed\"\nurl = \"https://x.test/\"\n", []string{"cfg.toml:3", "source[0].kind", `"fed"`}},
		{"second source", minimal + "\n[[source]]\nname = \"b\"\nkind = \"feed\"\nurl = \"ftp://x\"\n", []string{"cfg.toml:10", "source[1].url"}},
		{"duplicate name", minimal + minimal, []string{"source[1].name", "used by two sources"}},
		{"no sources", "[digest]\ntitle = \"x\"\n", []string{"at least one [[source]]"}},
		{"bad cron", minimal + "\n[schedule]\ncron = \"0 7 * *\"\n", []string{"cfg.toml:8", "schedule.cron"}},
		{"bad method", minimal + "\n[summarize]\nmethod = \"abstractive\"\n", []string{"cfg.toml:8", "summarize.method"}},
		{"llm needs model", minimal + "\n[summarize]\nmethod = \"llm\"\n", []string{"summarize.llm.model"}},
		{"bad transport", minimal + "\n[mail]\ntransport = \"pigeon\"\n", []string{"cfg.toml:8", "mail.transport"}},
		{"smtp needs host", minimal + "\n[mail]\ntransport = \"smtp\"\n", []string{"mail.smtp.host"}},
		{"bad tls", minimal + "\n[mail.smtp]\ntls = \"sometimes\"\n", []string{"cfg.toml:8", "mail.smtp.tls"}},
		{"bad subscriber", minimal + "\n[[subscriber]]\nemail = \"not an address\"\n", []string{"cfg.toml:8", "subscriber[0].email"}},
		{"bad threshold", minimal + "\n[topic]\nthreshold = 1.5\n", []string{"cfg.toml:8", "topic.threshold"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text), "cfg.toml", nil)
			if err == nil {
				t.Fatalf("no error for:\n%s", tc.text)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDefaultsValidate(t *testing.T) {
	c, err := Parse([]byte(minimal), "/etc/digestd/config.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Sources[0].Path, filepath.FromSlash("/etc/digestd/articles"); got != want {
		t.Errorf("relative path resolved to %q, want %q", got, want)
	}
	if got, want := c.Store.Path, filepath.FromSlash("/etc/digestd/digestd.db"); got != want {
		t.Errorf("store path %q, want %q", got, want)
	}
	if c.Mail.Transport != "file" || c.Summarize.Method != "extractive" || c.Digest.Window.D() != 24*time.Hour {
		t.Errorf("defaults not applied: %+v %+v", c.Mail, c.Digest)
	}
	if len(c.Warnings) == 0 || !strings.Contains(c.Warnings[0], "subscriber") {
		t.Errorf("no warning about missing subscribers: %v", c.Warnings)
	}
}

func TestSecretsComeFromNamedVariables(t *testing.T) {
	text := minimal + "\n[mail.smtp]\npassword_env = \"MY_PW\"\n[summarize.llm]\napi_key_env = \"MY_KEY\"\n"
	env := map[string]string{"MY_PW": "hunter2", "MY_KEY": "sk-123"}
	c, err := Parse([]byte(text), "c.toml", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Mail.SMTP.Password.Reveal() != "hunter2" || c.Summarize.LLM.APIKey.Reveal() != "sk-123" {
		t.Fatalf("secrets not read: %q %q", c.Mail.SMTP.Password.Reveal(), c.Summarize.LLM.APIKey.Reveal())
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("cfg", "pw", c.Mail.SMTP.Password, "smtp", c.Mail.SMTP)
	out := b.String() + fmt.Sprint(c.Mail.SMTP) + fmt.Sprintf("%v %+v", c.Summarize.LLM, c.Summarize.LLM)
	if strings.Contains(out, "hunter2") || strings.Contains(out, "sk-123") {
		t.Fatalf("a secret was printed: %s", out)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"36h", 36 * time.Hour, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1.5d", 0, false},
		{"d", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}
