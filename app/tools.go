package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/digest/clean"
	"github.com/digestd/digestd/digest/extract"
	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/summarize"
)

// loadOrDefault loads the config when the file exists; extract and summarize also work without one.
func loadOrDefault(f *flags, env Env) (*config.Config, error) {
	if _, err := os.Stat(*f.config); err != nil && os.IsNotExist(err) && !f.set("config") {
		return config.Default(), nil
	}
	return f.load(env)
}

func (f *flags) set(name string) bool {
	found := false
	f.Visit(func(fl *flag.Flag) {
		if fl.Name == name {
			found = true
		}
	})
	return found
}

// extracted is what `digestd extract` prints.
type extracted struct {
	Title     string     `json:"title"`
	Published *time.Time `json:"published"`
	URL       string     `json:"url,omitempty"`
	Byline    string     `json:"byline,omitempty"`
	SiteName  string     `json:"site_name,omitempty"`
	Lang      string     `json:"lang,omitempty"`
	Status    int        `json:"http_status,omitempty"`
	Text      string     `json:"text"`
	Dropped   []dropped  `json:"dropped"`
}

type dropped struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// cmdExtract prints one page or scraped file as JSON.
func cmdExtract(ctx context.Context, args []string, env Env) error {
	f := newFlags("extract", env)
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return usageErr("extract: give one FILE or URL")
	}
	c, err := loadOrDefault(f, env)
	if err != nil {
		return err
	}
	target := f.Arg(0)
	var body []byte
	var ctype, where string
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		resp, err := httpClient(c).Get(ctx, target, gather.State{})
		if err != nil {
			return err
		}
		where = gather.CanonicalURL(resp.FinalURL, target)
		if body, ctype, err = gather.DecodePage(resp.Body, resp.ContentType); err != nil {
			return fmt.Errorf("extract %s: %w", target, err)
		}
	} else {
		if body, err = os.ReadFile(target); err != nil {
			return err
		}
		ctype = fileType(target, body)
		if abs, err := filepath.Abs(target); err == nil {
			where = gather.FileURL(abs)
		}
	}
	out := extracted{URL: where, Dropped: []dropped{}}
	if strings.Contains(ctype, "html") {
		doc, err := extract.HTML(body, where)
		if err != nil {
			return fmt.Errorf("extract %s: %w", target, err)
		}
		out.Title, out.Byline, out.SiteName, out.Lang = doc.Title, doc.Byline, doc.SiteName, doc.Lang
		out.Text = clean.Text(doc.Paragraphs)
		out.Published = timePtr(doc.Published)
		if doc.Canonical != "" {
			out.URL = gather.CanonicalURL(doc.Canonical, where)
		}
		for _, d := range doc.Dropped {
			out.Dropped = append(out.Dropped, dropped{d.Text, d.Reason})
		}
	} else {
		pg := clean.ParseText(string(body))
		out.Title, out.Byline, out.Status = pg.Title, pg.Byline, pg.Status
		out.Text = clean.Text(pg.Paragraphs)
		out.Published = timePtr(pg.Published)
		for _, d := range pg.Dropped {
			out.Dropped = append(out.Dropped, dropped{d.Text, d.Reason})
		}
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func fileType(name string, body []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "text/html"
	case ".md", ".markdown":
		return "text/markdown"
	}
	head := strings.ToLower(string(body[:min(len(body), 512)]))
	if strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") {
		return "text/html"
	}
	return "text/plain"
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// cmdSummarize prints the extractive summary of one text.
func cmdSummarize(ctx context.Context, args []string, env Env) error {
	f := newFlags("summarize", env)
	n := f.Int("sentences", 0, "sentences in the summary (default: [summarize] sentences)")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 1 {
		return usageErr("summarize: give at most one FILE (or - for stdin)")
	}
	c, err := loadOrDefault(f, env)
	if err != nil {
		return err
	}
	var r io.Reader = env.Stdin
	if f.NArg() == 1 && f.Arg(0) != "-" {
		file, err := os.Open(f.Arg(0))
		if err != nil {
			return err
		}
		defer file.Close()
		r = file
	}
	if r == nil {
		return usageErr("summarize: no input")
	}
	text, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return err
	}
	sentences := c.Summarize.Sentences
	if *n > 0 {
		sentences = *n
	}
	ext := summarize.NewExtractive(summarize.WithSentences(sentences), summarize.WithMaxWords(max(c.Summarize.MaxWords, sentences*40)))
	name := "-"
	if f.NArg() == 1 {
		name = f.Arg(0)
	}
	title, body := "", ""
	if fileType(name, text) == "text/html" {
		if doc, err := extract.HTML(text, ""); err == nil {
			title, body = doc.Title, clean.Text(doc.Paragraphs)
		}
	} else {
		pg := clean.ParseText(string(text))
		title, body = pg.Title, clean.Text(pg.Paragraphs)
	}
	if strings.TrimSpace(body) == "" {
		body = string(text)
	}
	s, err := ext.Summarize(ctx, summarize.Story{Headline: title, Articles: []summarize.Article{{Title: title, Text: body}}})
	switch {
	case errors.Is(err, summarize.ErrEmpty):
		return usageErr("summarize: the input has no text")
	case errors.Is(err, summarize.ErrNoSentence):
		return &exitError{code: ExitFailed, err: errors.New("summarize: the input has no sentence fit for a summary (only boilerplate or fragments)")}
	case err != nil:
		return err
	}
	fmt.Fprintln(env.Stdout, s.Text)
	return nil
}
