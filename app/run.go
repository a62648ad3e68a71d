package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/digest"
	"github.com/digestd/digestd/store"
)

// runOptions are one run's flags.
type runOptions struct {
	since  string // --since, "" for the default look-back
	dryRun bool
	out    string // "" writes no files
	kind   string // "run", "preview", "scheduled", "explain"
	// progress is told as sources finish (nil: silent).
	progress func(done, total int)
}

// outcome is what one run did, for the report, the store and serve's health.
type outcome struct {
	Kind     string         `json:"kind"`
	Started  time.Time      `json:"started"`
	Duration string         `json:"duration"`
	Since    time.Time      `json:"since"`
	Counts   digest.Counts  `json:"counts"`
	Methods  map[string]int `json:"summary_methods"`
	LLM      digest.Usage   `json:"llm"`
	Delivery digest.Report  `json:"delivery"`
	Sources  []string       `json:"source_errors,omitempty"`
	Status   string         `json:"status"`
	Error    string         `json:"error,omitempty"`
	build    *digest.Build
}

// runOnce is the one code path of run, preview, explain and serve's scheduled runs.
func runOnce(ctx context.Context, c *config.Config, st *store.Store, log *slog.Logger, opt runOptions, now time.Time) (*outcome, error) {
	out := &outcome{Kind: opt.kind, Started: now, Methods: map[string]int{}}
	set, err := loadTemplates(c)
	if err != nil {
		return out, err
	}
	p, err := pipeline(ctx, c, st, log, opt.progress)
	if err != nil {
		return out, err
	}
	known, err := st.Subscribers(ctx)
	if err != nil {
		return out, err
	}
	subs := activeSubscribers(c, known)
	emails := make([]string, len(subs))
	active := make(map[string]bool, len(subs))
	for i, s := range subs {
		emails[i] = s.Email
		active[strings.ToLower(s.Email)] = true
	}
	pending, err := pendingLetters(ctx, st, active, opt.dryRun, log)
	if err != nil {
		return out, err
	}
	since, err := lookBack(c, subs, known, pending, opt.since, now)
	if err != nil {
		return out, err
	}
	out.Since = since
	b, err := p.Build(ctx, digest.BuildOptions{Now: now, Since: since, DryRun: opt.dryRun, Subscribers: emails,
		// Letters are waiting: gather everything again, so the letter that supersedes them has their articles.
		Unconditional: len(pending) > 0})
	if err != nil {
		return out, err
	}
	out.build = b
	d := b.Digest
	out.Counts, out.LLM = d.Counts, d.LLM
	for _, s := range d.Stories {
		out.Methods[s.Method]++
	}
	for _, s := range d.Sources {
		if s.Error != "" {
			out.Sources = append(out.Sources, s.Name+": "+s.Error)
		}
	}
	if opt.kind == "explain" {
		return out, nil
	}
	var snd digest.Sender
	if !opt.dryRun {
		if snd, err = sender(c); err != nil {
			return out, err
		}
	}
	dl := delivery(c, set, snd, log)
	dl.Active, dl.Pending = active, pending
	letters, err := digest.Compose(b, subs, dl)
	if err != nil {
		return out, err
	}
	if opt.out != "" {
		if err := writeOutputs(opt.out, b, set, c, letters); err != nil {
			return out, err
		}
	}
	if opt.dryRun {
		return out, nil
	}
	rep, err := p.Commit(ctx, b, letters, dl, now)
	out.Delivery = rep
	return out, err
}

// pendingLetters returns the outbox's pending letters for active subscribers. A real run first
// cancels those for addresses no longer configured, so that they never go out.
func pendingLetters(ctx context.Context, st *store.Store, active map[string]bool, dry bool, log *slog.Logger) ([]store.Letter, error) {
	all, err := st.Pending(ctx)
	if err != nil {
		return nil, err
	}
	var out []store.Letter
	for _, l := range all {
		if active[l.Subscriber] {
			out = append(out, l)
			continue
		}
		if !dry {
			log.Warn("cancelling a pending letter: its address is no longer an active subscriber", "to", l.Subscriber, "key", l.Key)
			if err := st.CancelPending(ctx, l.Subscriber, "no longer an active subscriber"); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// activeSubscribers are the configured subscribers the store (known) has not flagged.
func activeSubscribers(c *config.Config, known map[string]store.SubscriberState) []digest.Recipient {
	var out []digest.Recipient
	for _, s := range c.Subscribers {
		if k, ok := known[strings.ToLower(s.Email)]; ok && k.Status != store.SubscriberActive {
			continue
		}
		out = append(out, digest.Recipient{Email: s.Email, Name: s.Name})
	}
	return out
}

// lookBack is how far back a run looks: --since when given; otherwise the window, stretched back
// to cover every active subscriber since their last successful delivery (catch-up after
// downtime) and since the start of their oldest pending letter (which the new letter should
// supersede), never further than max_catch_up. known and pending are the store's subscribers and
// pending letters.
func lookBack(c *config.Config, subs []digest.Recipient, known map[string]store.SubscriberState, pending []store.Letter, flag string, now time.Time) (time.Time, error) {
	if flag != "" {
		t, err := parseSince(flag, now, c.Location())
		if err != nil {
			return t, usageErr("%v", err)
		}
		return t, nil
	}
	since := now.Add(-c.Digest.Window.D())
	oldestPending := map[string]time.Time{}
	for _, l := range pending {
		if t, ok := oldestPending[l.Subscriber]; !ok || l.PeriodStart.Before(t) {
			oldestPending[l.Subscriber] = l.PeriodStart
		}
	}
	for _, s := range subs {
		email := strings.ToLower(s.Email)
		from := known[email].LastDelivery
		if p, ok := oldestPending[email]; ok && (from.IsZero() || p.Before(from)) {
			from = p // a letter still pending covers from its start: the next one must too
		}
		if !from.IsZero() && from.Before(since) {
			since = from
		}
	}
	if floor := now.Add(-c.Digest.MaxCatchUp.D()); since.Before(floor) {
		since = floor
	}
	return since, nil
}

// cmdRun is `digestd run` and `digestd preview`.
func cmdRun(ctx context.Context, args []string, env Env, preview bool) error {
	name := "run"
	if preview {
		name = "preview"
	}
	f := newFlags(name, env)
	since := f.String("since", "", "look back to this date, RFC 3339 time or duration (default: [digest] window)")
	out := f.String("out", "out", "folder for digest.html, digest.txt, digest.json and one .eml per subscriber")
	dry := preview
	if !preview {
		f.BoolVar(&dry, "dry-run", false, "send nothing and change nothing")
	}
	ss, err := f.start(ctx, args, env)
	if err != nil {
		return err
	}
	defer ss.Close()
	kind := "run"
	if dry {
		kind = "preview"
	}
	opt := runOptions{since: *since, dryRun: dry, out: *out, kind: kind, progress: terminalProgress(env.Stderr)}
	run := runLocked
	if dry {
		run = runOnce // a dry run changes nothing, so it needs no lock
	}
	o, err := run(ctx, ss.cfg, ss.st, ss.log, opt, time.Now())
	return finish(ctx, env, ss.st, ss.log, o, err)
}

// finish reports a run on stderr and in the store, and turns its result into the exit error.
func finish(ctx context.Context, env Env, st *store.Store, log *slog.Logger, o *outcome, err error) error {
	o.Duration = time.Since(o.Started).Round(time.Millisecond).String()
	switch {
	case err != nil:
		o.Status, o.Error = "failed", err.Error()
	case o.Counts.Stories == 0 && o.Delivery.Sent == 0 && o.Delivery.Enqueued == 0:
		o.Status = "nothing new"
	default:
		o.Status = "ok"
	}
	fmt.Fprintln(env.Stderr, report(o))
	if o.Status == "nothing new" {
		fmt.Fprintln(env.Stderr, "digestd: nothing new since", o.Since.Format(time.RFC3339))
	}
	if js, jerr := json.Marshal(o); jerr == nil {
		if rerr := st.RecordRun(context.WithoutCancel(ctx), store.Run{StartedAt: o.Started, FinishedAt: time.Now(), Kind: o.Kind, Status: o.Status, Report: string(js)}); rerr != nil {
			log.Warn("cannot record the run report", "err", rerr)
		}
	}
	if err != nil && errors.Is(err, digest.ErrDeliveryIncomplete) {
		return &exitError{code: ExitFailed, err: err}
	}
	return err
}

// report is the run report in a few lines.
func report(o *outcome) string {
	c := o.Counts
	var b strings.Builder
	fmt.Fprintf(&b, "digestd: %s report (%s): sources %d ok, %d failed", o.Kind, o.Duration, c.Sources-c.SourceErrors, c.SourceErrors)
	if c.SourceErrors > 0 {
		b.WriteString(" (warnings above)")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "  articles %d: %d included, %d duplicate, %d irrelevant, %d old, %d seen, %d capped, %d empty, %d error\n",
		c.Gathered, c.Included, c.Duplicates, c.Irrelevant, c.Old, c.Seen, c.Capped, c.Empty, c.Errors)
	fmt.Fprintf(&b, "  stories %d", c.Stories)
	for m, n := range o.Methods {
		fmt.Fprintf(&b, ", %s %d", m, n)
	}
	if o.LLM.Requests > 0 || o.LLM.CacheHits > 0 {
		fmt.Fprintf(&b, "; llm %d requests, %d+%d tokens, %d cached", o.LLM.Requests, o.LLM.PromptTokens, o.LLM.CompletionTokens, o.LLM.CacheHits)
	}
	d := o.Delivery
	if o.Kind != "preview" && o.Kind != "explain" {
		fmt.Fprintf(&b, "\n  letters: %d new, %d sent, %d pending, %d rejected", d.Enqueued, d.Sent, d.Pending, d.Rejected)
		for _, r := range d.Rejections {
			fmt.Fprintf(&b, "\n  rejected: %s", oneLine(r))
		}
	}
	if o.Error != "" {
		fmt.Fprintf(&b, "\n  error: %s", oneLine(o.Error))
	}
	return b.String()
}
