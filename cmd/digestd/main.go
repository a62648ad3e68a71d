// Command digestd gathers articles, builds a digest and emails it; see README.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/digestd/digestd/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	env := app.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv, Reload: hup}
	if err := app.Run(ctx, os.Args[1:], env); err != nil {
		fmt.Fprintln(os.Stderr, "digestd:", err)
		os.Exit(app.ExitCode(err))
	}
}
