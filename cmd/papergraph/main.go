package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/papergraph/papergraph/cmd/papergraph/internal/early"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := early.Take() // caught since package initialisation
	go func() {
		// The first Ctrl-C (or SIGTERM, or SIGHUP: the terminal went
		// away) stops the run cleanly: temporary
		// files removed, previous outputs kept. Then the default action
		// is back: a second one kills at once.
		s := <-sigs
		signal.Stop(sigs)
		cancel(signalError{s})
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	signal.Stop(sigs)
	os.Exit(code)
}

// signalError is the cause of a run's cancellation by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return fmt.Sprintf("interrupted by %v", e.sig) }

// exitCode is 128 plus the signal's number, as a shell reports a command
// a signal ended (130 for SIGINT, 143 for SIGTERM).
func (e signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}
