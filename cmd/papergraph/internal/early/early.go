// Package early catches the signals that stop papergraph from the first
// moments of package initialisation: it imports only os, os/signal and
// syscall (not even fmt), so it is initialised as soon as they are, before
// the packages whose start-up takes long (the WebAssembly Graphviz compiles for a few hundred
// milliseconds). A signal before any handler exists would kill the
// process or, when the shell started it with SIGINT ignored (a background
// job), be lost. One that comes before main calls [Take] ends the process
// at once with 128 plus the signal's number: nothing has been read or
// written yet.
package early

import (
	"os"
	"os/signal"
	"syscall"
)

var (
	signals = make(chan os.Signal, 1)
	taken   = make(chan struct{})
	handed  = make(chan chan os.Signal)
)

func init() {
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		select {
		case s := <-signals:
			os.Stderr.WriteString("papergraph: interrupted while starting: nothing read or written\n")
			code := 130
			if n, ok := s.(syscall.Signal); ok {
				code = 128 + int(n)
			}
			os.Exit(code)
		case <-taken:
			handed <- signals
		}
	}()
}

// Take hands the signals over to the caller (main): from then on they
// arrive on the returned channel and no longer end the process here.
// Call it once.
func Take() chan os.Signal {
	close(taken)
	return <-handed
}
