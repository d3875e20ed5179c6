package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// errUsage marks a usage error: exit status 2.
var errUsage = errors.New("usage")

// run is the whole command: it parses args, does the work and returns the
// exit status. Errors are printed once, on stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdin, stdout, stderr)
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintln(stderr, "papergraph: interrupted: no output written or replaced")
		var sig signalError
		if errors.As(context.Cause(ctx), &sig) {
			return sig.exitCode()
		}
		return 130 // as a shell reports a command ended by SIGINT
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "papergraph: %v\nRun 'papergraph -h' for usage.\n", strings.TrimSuffix(err.Error(), ": "+errUsage.Error()))
		return 2
	default:
		fmt.Fprintf(stderr, "papergraph: %v\n", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("no command given: %w", errUsage)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage())
		return nil
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, "papergraph", version())
		return nil
	case "build":
		return build(ctx, args[1:], stdin, stdout, stderr)
	case "extract":
		return extractCmd(ctx, args[1:], stdin, stdout, stderr)
	case "fetch":
		return fetchCmd(ctx, args[1:], stdin, stdout, stderr)
	case "export":
		return exportCmd(ctx, args[1:], stdin, stdout, stderr)
	case "formats":
		return formatsCmd(stdout)
	case "diff":
		return diffCmd(ctx, args[1:], stdin, stdout, stderr)
	case "path":
		return pathCmd(ctx, args[1:], stdin, stdout, stderr)
	case "neighbours", "neighbors":
		return neighboursCmd(ctx, args[1:], stdin, stdout, stderr)
	}
	return fmt.Errorf("unknown command %q: %w", args[0], errUsage)
}

// version returns the module version the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

//go:embed doc.go
var docSource string

// usage returns the command's documentation: the comment in doc.go.
func usage() string {
	s := docSource
	if i := strings.Index(s, "/*\n"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.Index(s, "*/"); i >= 0 {
		s = s[:i]
	}
	return s
}
