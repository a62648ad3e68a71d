package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/store"
)

// schedule parses [schedule] cron in the digest's time zone (a CRON_TZ= prefix wins).
func schedule(c *config.Config) (cron.Schedule, error) {
	spec := c.Schedule.Cron
	if c.Digest.Timezone != "" && !hasTZPrefix(spec) && spec[0] != '@' {
		spec = "CRON_TZ=" + c.Digest.Timezone + " " + spec
	}
	s, err := config.CronParser().Parse(spec)
	if err != nil {
		return nil, usageErr("config: %s: schedule.cron: %v", c.Path, err)
	}
	return s, nil
}

func hasTZPrefix(spec string) bool {
	return len(spec) > 3 && (spec[:3] == "TZ=" || len(spec) > 8 && spec[:8] == "CRON_TZ=")
}

// daemon is serve's state: the current configuration and the last run's outcome.
type daemon struct {
	mu   sync.Mutex
	cfg  *config.Config
	last *outcome
	next time.Time
	st   *store.Store
	log  *slog.Logger
}

// cmdServe runs digests on the schedule until the context is cancelled.
func cmdServe(ctx context.Context, args []string, env Env) error {
	f := newFlags("serve", env)
	if err := f.parse(args); err != nil {
		return err
	}
	c, err := f.load(env)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, c)
	for _, w := range c.Warnings {
		log.Warn(w)
	}
	sched, err := schedule(c)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	d := &daemon{cfg: c, st: st, log: log}

	if c.Server.Listen != "" {
		srv, err := d.listen(c.Server.Listen)
		if err != nil {
			return err
		}
		defer srv.Shutdown(context.WithoutCancel(ctx))
	}
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	job := cron.FuncJob(func() { d.run(runCtx) })
	cl := cron.VerbosePrintfLogger(slog.NewLogLogger(log.Handler(), slog.LevelDebug))
	cr := cron.New(cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)))
	id := cr.Schedule(sched, job)
	cr.Start()
	d.setNext(cr.Entry(id).Next)
	log.Info("serving", "schedule", c.Schedule.Cron, "next", cr.Entry(id).Next)

	for {
		select {
		case <-ctx.Done():
			log.Info("stopping: waiting for the run in progress")
			stopped := cr.Stop()
			select {
			case <-stopped.Done():
			case <-time.After(30 * time.Second):
				cancelRuns()
				<-stopped.Done()
			}
			return nil
		case <-env.Reload:
			nc, err := f.load(env)
			if err != nil {
				log.Error("reload refused; keeping the running configuration", "err", err)
				continue
			}
			ns, err := schedule(nc)
			if err != nil {
				log.Error("reload refused; keeping the running configuration", "err", err)
				continue
			}
			d.mu.Lock()
			d.cfg = nc
			d.mu.Unlock()
			cr.Remove(id)
			id = cr.Schedule(ns, job)
			d.setNext(cr.Entry(id).Next)
			log.Info("configuration reloaded", "schedule", nc.Schedule.Cron)
		}
	}
}

func (d *daemon) setNext(t time.Time) {
	d.mu.Lock()
	d.next = t
	d.mu.Unlock()
}

// run is one scheduled run.
func (d *daemon) run(ctx context.Context) {
	d.mu.Lock()
	c := d.cfg
	d.mu.Unlock()
	o, err := runOnce(ctx, c, d.st, d.log, runOptions{kind: "scheduled"}, time.Now())
	if err != nil {
		d.log.Error("scheduled run failed", "err", err)
	}
	_ = finish(ctx, Env{Stderr: logWriter{d.log}}, d.st, d.log, o, err)
	d.mu.Lock()
	d.last = o
	d.mu.Unlock()
}

type logWriter struct{ log *slog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.log.Info(string(p))
	return len(p), nil
}

// listen serves /healthz.
func (d *daemon) listen(addr string) (*http.Server, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", d.healthz)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Error("health server stopped", "err", err)
		}
	}()
	return srv, nil
}

func (d *daemon) healthz(w http.ResponseWriter, _ *http.Request) {
	d.mu.Lock()
	last, next := d.last, d.next
	d.mu.Unlock()
	body := map[string]any{"next_run": next}
	code := http.StatusOK
	if last != nil {
		body["last_run"] = last.Started
		body["last_status"] = last.Status
		if last.Status == "failed" {
			code = http.StatusServiceUnavailable
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}
