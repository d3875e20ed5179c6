package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render"
	"github.com/papergraph/papergraph/extract/fetch"
	"github.com/papergraph/papergraph/extract/read"
)

// stdinIsData reports whether standard input carries data for a run that
// names no file: a pipe or a redirected file, not a terminal or /dev/null
// (character devices) and not a reader a library caller passed in.
func stdinIsData(stdin io.Reader) bool {
	f, ok := stdin.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	m := fi.Mode()
	return m&os.ModeNamedPipe != 0 || m.IsRegular() || m&os.ModeSocket != 0
}

// inputNames returns the inputs a run reads: the files named, else
// standard input ("-") when it carries data, else none (the embedded
// sample).
func inputNames(files []string, stdin io.Reader) []string {
	if len(files) == 0 && stdinIsData(stdin) {
		return []string{export.StdinName}
	}
	return files
}

// checkInputs rejects, before any work, inputs that cannot be read: a
// directory and standard input named twice are usage errors; a missing
// or unreadable file is an error of its own.
func checkInputs(cmd string, files []string) error {
	stdin := 0
	for _, f := range files {
		if f == export.StdinName {
			if stdin++; stdin == 2 {
				return fmt.Errorf("%s: standard input (-) named twice: it can be read only once: %w", cmd, errUsage)
			}
			continue
		}
		if isSource(f) {
			if _, err := fetch.ParseSource(f); err != nil {
				return fmt.Errorf("%s: %w: %w", cmd, err, errUsage)
			}
			continue
		}
		fi, err := os.Stat(f)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		if fi.IsDir() {
			return fmt.Errorf("%s: %s is a directory: name the files in it (%s/*): %w", cmd, f, strings.TrimSuffix(f, "/"), errUsage)
		}
	}
	return nil
}

// allInputs is every file a run reads: its inputs that are not sources
// and the -entities file.
func (c *common) allInputs(inputs []string) []string {
	files := slices.DeleteFunc(slices.Clone(inputs), isSource)
	if c.entities != "" {
		files = append(files, c.entities)
	}
	return files
}

// checkOutputDir rejects an -o that exists and is not a directory.
func checkOutputDir(cmd, dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: -o %s: %w", cmd, dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: -o %s: not a directory (-o names the directory the outputs go into): %w", cmd, dir, errUsage)
	}
	return nil
}

// checkEngine rejects an unknown -engine, listing the engines.
func checkEngine(cmd, engine string) error {
	if engine == "" || slices.Contains(render.Engines(), engine) {
		return nil
	}
	return fmt.Errorf("%s: -engine %q: want one of %s: %w", cmd, engine, strings.Join(render.Engines(), ", "), errUsage)
}

// checkInputFormat rejects an unknown -input-format, listing the formats.
func checkInputFormat(cmd, format string) error {
	if f := strings.ToLower(format); f == "" || f == "auto" || slices.Contains(read.Formats(), f) {
		return nil
	}
	return fmt.Errorf("%s: -input-format %q: want one of %s: %w", cmd, format, strings.Join(read.Formats(), ", "), errUsage)
}

// checkNotNegative rejects a negative value of the named integer flags.
func checkNotNegative(fs *flag.FlagSet, names ...string) error {
	for _, name := range names {
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if g, ok := f.Value.(flag.Getter); ok {
			switch v := g.Get().(type) {
			case int:
				if v < 0 {
					return fmt.Errorf("%s: -%s %d: want 0 or more: %w", fs.Name(), name, v, errUsage)
				}
			case int64:
				if v < 0 {
					return fmt.Errorf("%s: -%s %d: want 0 or more: %w", fs.Name(), name, v, errUsage)
				}
			case float64:
				if v < 0 {
					return fmt.Errorf("%s: -%s %g: want 0 or more: %w", fs.Name(), name, v, errUsage)
				}
			}
		}
	}
	return nil
}

// checkProfileNotOutput rejects a -cpuprofile that names one of the
// outputs (by path, or by device and inode when it exists): the output
// would replace the profile.
func checkProfileNotOutput(profile string, targets []string) error {
	if profile == "" {
		return nil
	}
	p, _ := filepath.Abs(profile)
	pi, perr := os.Stat(profile)
	for _, t := range targets {
		a, _ := filepath.Abs(t)
		ti, terr := os.Stat(t)
		if a == p || perr == nil && terr == nil && os.SameFile(pi, ti) {
			return fmt.Errorf("build: -cpuprofile %s is also an output (%s): %w", profile, t, errUsage)
		}
	}
	return nil
}

// formatFiles returns the names of the files of formats, in order.
func formatFiles(formats []export.Format) []string {
	var names []string
	for _, f := range formats {
		for _, ff := range f.Files {
			names = append(names, ff.Name)
		}
	}
	return names
}

// outputTargets returns the paths of the files build writes into dir for
// formats, in the order of the files.
func outputTargets(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}
