package app

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/summarize"
)

// cmdCheck validates the configuration and, with --connect, reaches every source, the SMTP
// server and the LLM endpoint.
func cmdCheck(ctx context.Context, args []string, env Env) error {
	f := newFlags("check", env)
	connect := f.Bool("connect", false, "reach each source, the SMTP server and the LLM endpoint (sends nothing)")
	if err := f.parse(args); err != nil {
		return err
	}
	c, err := f.load(env)
	if err != nil {
		return err
	}
	set, err := loadTemplates(c)
	if err != nil {
		return err
	}
	if err := set.Check(); err != nil {
		return usageErr("%v", err)
	}
	if _, err := scheduleOf(c); err != nil {
		return err
	}
	if _, err := matcher(c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: configuration OK (%d sources, %d subscribers, transport %s, summaries %s)\n",
		c.Path, len(c.Sources), len(c.Subscribers), c.Mail.Transport, c.Summarize.Method)
	for _, w := range c.Warnings {
		fmt.Fprintln(env.Stdout, "warning:", w)
	}
	if !*connect {
		return nil
	}
	failed := 0
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nWHAT\tNAME\tRESULT")
	noFullText := false
	for i := range c.Sources {
		c.Sources[i].FullText = &noFullText // reaching the feed is the check; its pages are not
	}
	for _, s := range sources(c, nil) {
		cctx, cancel := context.WithTimeout(ctx, c.Gather.Timeout.D()+5*time.Second)
		res, err := s.Gatherer.Gather(cctx, time.Now().Add(-c.Digest.Window.D()), gather.State{})
		cancel()
		if err != nil {
			failed++
			fmt.Fprintf(tw, "source %s\t%s\tFAILED: %s\n", s.Kind, s.Name, oneLine(err.Error()))
			continue
		}
		bad := 0
		for _, it := range res.Items {
			if it.Err != nil {
				bad++
			}
		}
		fmt.Fprintf(tw, "source %s\t%s\tok: %d items (%d with errors)\n", s.Kind, s.Name, len(res.Items), bad)
	}
	if c.Mail.Transport == "smtp" {
		snd, err := sender(c)
		if err == nil {
			cctx, cancel := context.WithTimeout(ctx, c.Mail.SMTP.Timeout.D())
			err = snd.(*mail.SMTP).Check(cctx)
			cancel()
		}
		if err != nil {
			failed++
			fmt.Fprintf(tw, "smtp\t%s:%d\tFAILED: %s\n", c.Mail.SMTP.Host, c.Mail.SMTP.Port, oneLine(err.Error()))
		} else {
			fmt.Fprintf(tw, "smtp\t%s:%d\tok (tls %s; nothing sent)\n", c.Mail.SMTP.Host, c.Mail.SMTP.Port, c.Mail.SMTP.TLS)
		}
	} else {
		fmt.Fprintf(tw, "mail file\t%s\tok (letters are written there)\n", c.Mail.File.Dir)
	}
	if c.Summarize.Method == "llm" {
		sum, err := summarizer(c, nil, newLogger(env.Stderr, c))
		if err == nil {
			cctx, cancel := context.WithTimeout(ctx, c.Summarize.LLM.Timeout.D())
			err = sum.(*summarize.LLM).Ping(cctx)
			cancel()
		}
		if err != nil {
			failed++
			fmt.Fprintf(tw, "llm\t%s\tFAILED: %s\n", c.Summarize.LLM.Model, oneLine(err.Error()))
		} else {
			fmt.Fprintf(tw, "llm\t%s\tok\n", c.Summarize.LLM.Model)
		}
	}
	tw.Flush()
	if failed > 0 {
		return &exitError{code: ExitFailed, err: fmt.Errorf("check: %d things could not be reached", failed)}
	}
	return nil
}
