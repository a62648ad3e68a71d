package app

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/schedule"
	"github.com/digestd/digestd/store"
)

// scheduleOf parses [schedule] cron in the digest's time zone (a CRON_TZ= prefix wins).
func scheduleOf(c *config.Config) (*schedule.Schedule, error) {
	s, err := schedule.Parse(c.Schedule.Cron, c.Location())
	if err != nil {
		return nil, usageErr("config: %s: schedule.cron: %v", c.Path, err)
	}
	return s, nil
}

// daemon is serve's state: the configuration in force, the schedule and the last run.
type daemon struct {
	st      *store.Store
	log     *slog.Logger
	metrics *metrics

	mu      sync.Mutex
	cfg     *config.Config
	sched   *schedule.Schedule
	last    *outcome
	next    time.Time
	running bool
}

func (d *daemon) config() *config.Config {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg
}

// cmdServe runs digests on the schedule until the context is cancelled.
func cmdServe(ctx context.Context, args []string, env Env) error {
	f := newFlags("serve", env)
	ss, err := f.start(ctx, args, env)
	if err != nil {
		return err
	}
	defer ss.Close()
	c, st, log := ss.cfg, ss.st, ss.log
	sched, err := scheduleOf(c)
	if err != nil {
		return err
	}
	if _, err := loadTemplates(c); err != nil {
		return err
	}
	d := &daemon{cfg: c, sched: sched, st: st, log: log, metrics: newMetrics()}

	if c.Server.Listen != "" {
		srv, err := d.listen(c.Server.Listen)
		if err != nil {
			return err
		}
		defer srv.Shutdown(context.WithoutCancel(ctx))
	}

	// Runs get a context of their own: a signal stops new runs at once, but the run in progress
	// may finish within the grace period.
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	cl := cronLogger{log}
	var runs tracker
	chained := cron.NewChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)).Then(cron.FuncJob(func() { d.run(runCtx, "scheduled") }))
	job := cron.FuncJob(func() {
		if runs.start() {
			defer runs.done()
			chained.Run()
		}
	})
	cr := cron.New(cron.WithLocation(sched.Location()), cron.WithLogger(cl))
	id := cr.Schedule(sched, job)
	cr.Start()
	d.setNext(cr.Entry(id).Next)
	log.Info("serving", "schedule", sched.String(), "zone", sched.Location().String(), "next", cr.Entry(id).Next)

	if d.missedRun(ctx, time.Now()) {
		log.Info("the last scheduled run was missed; catching up now")
		go job.Run()
	}

	for {
		select {
		case <-ctx.Done():
			grace := d.config().Server.Grace.D()
			log.Info("stopping: no new runs; waiting for the run in progress", "grace", grace)
			runs.stop()
			stopped := cr.Stop() // no new runs; its context ends when cron's jobs have
			idle := runs.idle()
			select {
			case <-idle:
			case <-time.After(grace):
				log.Warn("grace period over; cancelling the run in progress (pending letters stay in the outbox)")
				cancelRuns()
				<-idle
			}
			<-stopped.Done()
			log.Info("stopped")
			return nil
		case <-env.Reload:
			nc, err := f.load(env)
			if err == nil {
				var ns *schedule.Schedule
				if ns, err = scheduleOf(nc); err == nil {
					if _, err = loadTemplates(nc); err == nil {
						d.mu.Lock()
						d.cfg, d.sched = nc, ns
						d.mu.Unlock()
						cr.Remove(id)
						id = cr.Schedule(ns, job)
						d.setNext(cr.Entry(id).Next)
						log.Info("configuration reloaded", "schedule", ns.String(), "next", cr.Entry(id).Next)
						continue
					}
				}
			}
			log.Error("reload refused; keeping the running configuration", "err", err)
		}
	}
}

// tracker counts runs in progress and refuses new ones once stopping.
type tracker struct {
	mu       sync.Mutex
	stopping bool
	wg       sync.WaitGroup
}

func (t *tracker) start() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopping {
		return false
	}
	t.wg.Add(1)
	return true
}

func (t *tracker) done() { t.wg.Done() }

func (t *tracker) stop() {
	t.mu.Lock()
	t.stopping = true
	t.mu.Unlock()
}

// idle is closed when no run is in progress.
func (t *tracker) idle() <-chan struct{} {
	ch := make(chan struct{})
	go func() { t.wg.Wait(); close(ch) }()
	return ch
}

// missedRun reports whether a scheduled time passed (within max_catch_up) after the last run
// that could deliver.
func (d *daemon) missedRun(ctx context.Context, now time.Time) bool {
	c := d.config()
	prev := d.sched.Prev(now, c.Digest.MaxCatchUp.D())
	if prev.IsZero() {
		return false
	}
	runs, err := d.st.Runs(ctx, 50)
	if err != nil {
		d.log.Warn("cannot read past runs; not catching up", "err", err)
		return false
	}
	for _, r := range runs {
		if r.Kind == "scheduled" || r.Kind == "run" {
			return r.StartedAt.Before(prev.Truncate(time.Second))
		}
	}
	return true
}

func (d *daemon) setNext(t time.Time) {
	d.mu.Lock()
	d.next = t
	d.mu.Unlock()
	d.metrics.nextRun.Set(float64(t.Unix()))
}

// run is one scheduled run; it never panics out (cron.Recover is the last guard).
func (d *daemon) run(ctx context.Context, kind string) {
	c := d.config()
	started := time.Now()
	d.mu.Lock()
	d.running = true
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		d.running = false
		d.next = d.sched.Next(time.Now())
		d.mu.Unlock()
		d.metrics.nextRun.Set(float64(d.next.Unix()))
	}()
	o, err := runLocked(ctx, c, d.st, d.log, runOptions{kind: kind}, started)
	if err != nil {
		d.log.Error("scheduled run failed", "err", err)
	}
	_ = finish(ctx, Env{Stderr: logWriter{d.log}}, d.st, d.log, o, err)
	d.metrics.observe(o, time.Since(started))
	d.mu.Lock()
	d.last = o
	d.mu.Unlock()
}

// runLocked is runOnce under the store's run lock, so that one process sends at a time.
func runLocked(ctx context.Context, c *config.Config, st *store.Store, log *slog.Logger, opt runOptions, now time.Time) (*outcome, error) {
	unlock, err := st.Lock(opt.kind, now)
	if err != nil {
		o := &outcome{Kind: opt.kind, Started: now, Methods: map[string]int{}}
		if errors.Is(err, store.ErrLocked) {
			return o, &exitError{code: ExitFailed, err: err}
		}
		return o, err
	}
	defer unlock()
	return runOnce(ctx, c, st, log, opt, now)
}

// cronLogger sends robfig/cron's messages (including a recovered panic and its stack) to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

type logWriter struct{ log *slog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		w.log.Info(strings.TrimSpace(line))
	}
	return len(p), nil
}
