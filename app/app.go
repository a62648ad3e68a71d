// Package app is digestd's command line: it parses the commands and flags, loads the
// configuration, builds every part (sources, store, summarizer, templates, sender) and runs the
// pipeline once (run, preview, explain) or on a schedule (serve). It is the only place that wires
// parts together; it never exits the process — main does, with ExitCode.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/digestd/digestd/config"
	"github.com/digestd/digestd/store"
)

// Version is digestd's version, set at build time with -ldflags "-X github.com/digestd/digestd/app.Version=…".
var Version = "0.1.0-dev"

// Env is what the process gives the commands.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
	// Reload receives SIGHUP (serve reloads its configuration); may be nil.
	Reload <-chan os.Signal
}

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // the run failed (delivery, store), or check --connect could not reach something
	ExitUsage  = 2 // bad usage or bad configuration
)

// exitError carries an exit code with its error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error from Run to the process's exit code.
func ExitCode(err error) int {
	var e *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &e):
		return e.code
	case errors.Is(err, config.ErrInvalid), errors.Is(err, flag.ErrHelp):
		return ExitUsage
	default:
		return ExitFailed
	}
}

const usage = `digestd gathers articles on a topic, builds a digest of stories and emails it.

Usage:
  digestd run       [--config F] [--since T] [--dry-run] [--out DIR]   gather, build and deliver a digest now
  digestd preview   [--config F] [--since T] [--out DIR]               same as run --dry-run
  digestd explain   [--config F] [--since T]                           why each gathered article is in or out
  digestd serve     [--config F]                                       the daemon: runs on the [schedule]
  digestd check     [--config F] [--connect]                           validate config; --connect reaches sources, SMTP, LLM
  digestd status    [--config F] [--clear EMAIL]                       last runs, outbox, subscribers; --clear reactivates an address
  digestd extract   [--config F] FILE|URL                              one page or scraped file -> JSON
  digestd summarize [--config F] [--sentences N] [FILE|-]              summary of one article's text (stdin by default)
  digestd version

--config defaults to $DIGESTD_CONFIG, else ./config.toml. --since takes a date (2025-01-01),
an RFC 3339 time or a duration back from now (36h, 7d).
`

// Run runs one command.
func Run(ctx context.Context, args []string, env Env) error {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return usageErr("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "run":
		return cmdRun(ctx, rest, env, false)
	case "preview":
		return cmdRun(ctx, rest, env, true)
	case "explain":
		return cmdExplain(ctx, rest, env)
	case "serve":
		return cmdServe(ctx, rest, env)
	case "check":
		return cmdCheck(ctx, rest, env)
	case "status":
		return cmdStatus(ctx, rest, env)
	case "extract":
		return cmdExtract(ctx, rest, env)
	case "summarize":
		return cmdSummarize(ctx, rest, env)
	case "version", "--version", "-version":
		fmt.Fprintln(env.Stdout, "digestd", Version)
		return nil
	case "help", "-h", "--help", "-help":
		fmt.Fprint(env.Stdout, usage)
		return nil
	default:
		fmt.Fprint(env.Stderr, usage)
		return usageErr("unknown command %q", cmd)
	}
}

// flags is a command's flag set with the shared --config flag.
type flags struct {
	*flag.FlagSet
	config *string
}

func newFlags(name string, env Env) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	def := env.Getenv("DIGESTD_CONFIG")
	if def == "" {
		def = "config.toml"
	}
	return &flags{FlagSet: fs, config: fs.String("config", def, "configuration file")}
}

// parse parses args, allowing flags after positional arguments too.
func (f *flags) parse(args []string) error {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return &exitError{code: ExitUsage, err: err}
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return f.Parse(append([]string{"--"}, pos...))
}

func (f *flags) load(env Env) (*config.Config, error) {
	c, err := config.Load(*f.config, env.Getenv)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: err}
	}
	return c, nil
}

// session is what most commands work with: the configuration, a logger and the open store.
type session struct {
	cfg *config.Config
	log *slog.Logger
	st  *store.Store
}

// start parses the arguments of a command that takes no positional ones, then opens its session.
func (f *flags) start(ctx context.Context, args []string, env Env) (*session, error) {
	if err := f.parse(args); err != nil {
		return nil, err
	}
	if f.NArg() > 0 {
		return nil, usageErr("%s: unexpected argument %q", f.Name(), f.Arg(0))
	}
	return f.open(ctx, env)
}

// open loads the configuration (logging its warnings) and opens the store. Close it.
func (f *flags) open(ctx context.Context, env Env) (*session, error) {
	c, err := f.load(env)
	if err != nil {
		return nil, err
	}
	log := newLogger(env.Stderr, c)
	for _, w := range c.Warnings {
		log.Warn(w)
	}
	st, err := store.Open(ctx, c.Store.Path)
	if err != nil {
		return nil, err
	}
	return &session{cfg: c, log: log, st: st}, nil
}

func (s *session) Close() { s.st.Close() }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
