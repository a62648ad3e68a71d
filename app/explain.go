package app

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
)

// cmdExplain prints why each gathered article is in or out, without changing anything.
func cmdExplain(ctx context.Context, args []string, env Env) error {
	f := newFlags("explain", env)
	since := f.String("since", "", "look back to this date, RFC 3339 time or duration")
	ss, err := f.start(ctx, args, env)
	if err != nil {
		return err
	}
	defer ss.Close()
	o, err := runOnce(ctx, ss.cfg, ss.st, ss.log, runOptions{since: *since, dryRun: true, kind: "explain"}, time.Now())
	if err != nil {
		return err
	}
	d := o.build.Digest
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSCORE\tSTORY\tDUPLICATE_OF\tSOURCE\tTITLE\tMATCHED\tREASON")
	for _, a := range d.Articles {
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Status, a.Relevance, dash(a.Story), dash(a.DuplicateOf),
			a.Source, cut(a.Title, 60), dash(strings.Join(a.Matched, ",")), oneLine(a.Reason))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\n%d articles, %d stories, since %s\n", len(d.Articles), len(d.Stories), d.Since.Format(time.RFC3339))
	for _, s := range d.Stories {
		fmt.Fprintf(env.Stdout, "  %s  %s (%d articles)\n", s.ID, s.Headline, len(s.Articles))
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func cut(s string, n int) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
