package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digestd/digestd/store"
)

// cmdStatus prints the last runs, the next scheduled run, the outbox and the subscribers;
// --clear EMAIL makes a rejected or unsubscribed address active again.
func cmdStatus(ctx context.Context, args []string, env Env) error {
	f := newFlags("status", env)
	clear := f.String("clear", "", "make this rejected or unsubscribed address active again")
	ss, err := f.start(ctx, args, env)
	if err != nil {
		return err
	}
	defer ss.Close()
	c, st := ss.cfg, ss.st
	w := env.Stdout
	if *clear != "" {
		if err := st.SetSubscriberStatus(ctx, *clear, store.SubscriberActive, "cleared by the operator", time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s is active again\n", strings.ToLower(*clear))
	}
	runs, err := st.Runs(ctx, 5)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Last runs:")
	if len(runs) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, r := range runs {
		var o outcome
		_ = json.Unmarshal([]byte(r.Report), &o)
		fmt.Fprintf(w, "  %s  %-9s %-11s %d stories, %d sent, %d pending %s\n", r.StartedAt.Local().Format(time.DateTime), r.Kind, r.Status,
			o.Counts.Stories, o.Delivery.Sent, o.Delivery.Pending, oneLine(o.Error))
	}
	if sched, err := scheduleOf(c); err == nil {
		fmt.Fprintf(w, "Next scheduled run: %s\n", sched.Next(time.Now()).In(sched.Location()).Format(time.DateTime+" MST"))
	}
	pending, err := st.Pending(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Outbox: %d pending\n", len(pending))
	for _, l := range pending {
		fmt.Fprintf(w, "  %s  %d attempts  %s\n", l.Subscriber, l.Attempts, oneLine(l.LastError))
	}
	known, err := st.Subscribers(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Subscribers:")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, s := range c.Subscribers {
		k, ok := known[strings.ToLower(s.Email)]
		status, last := store.SubscriberActive, "never"
		if ok {
			status = k.Status
			if !k.LastDelivery.IsZero() {
				last = k.LastDelivery.Local().Format(time.DateTime)
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\tlast delivery %s\t%s\n", s.Email, status, last, oneLine(k.Reason))
	}
	return tw.Flush()
}
