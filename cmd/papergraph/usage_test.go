package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUsageErrorsEarly: usage errors are refused before any work (no
// reading, no output directory made) with exit status 2 and one clear
// message.
func TestUsageErrorsEarly(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	in := filepath.Join(dir, "papers.csv")
	require.NoError(t, os.WriteFile(in, []byte(csvInput), 0o644))
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"-o names a file", []string{"build", "-o", file, in}, "not a directory"},
		{"unknown engine", []string{"build", "-o", out, "-engine", "bogus", in}, `want one of dot, neato, sfdp`},
		{"negative top-k", []string{"build", "-o", out, "-top-k", "-3", in}, "-top-k -3: want 0 or more"},
		{"negative max-df", []string{"build", "-o", out, "-max-df", "-1", in}, "-max-df -1: want 0 or more"},
		{"backbone of 1", []string{"build", "-o", out, "-backbone", "1", in}, "-backbone 1: want a level in (0, 1)"},
		{"negative max-record", []string{"extract", "-max-record", "-5", in}, "-max-record -5"},
		{"profile is an output", []string{"build", "-o", out, "-formats", "csv", "-cpuprofile", filepath.Join(out, "nodes.csv"), in}, "-cpuprofile"},
		{"unknown input format", []string{"build", "-o", out, "-input-format", "bogus", in}, "want one of hf-page, hf-json"},
		{"unknown input format extract", []string{"extract", in, "-input-format", "bogus"}, `-input-format "bogus"`},
		{"directory input", []string{"build", "-o", out, dir}, "is a directory"},
		{"directory input extract", []string{"extract", dir}, "is a directory"},
		{"stdin twice", []string{"extract", "-", "-"}, "standard input (-) named twice"},
		{"flag after files, bad value", []string{"build", in, "-top-k", "x"}, `invalid value "x" for flag -top-k`},
		{"tables -o names a file", []string{"extract", "-format", "jsonl", "-o", file, in}, "extract: -o " + file + ": not a directory"},
		{"export -o names a file", []string{"export", "-nodes", in, "-edges", in, "-o", file}, "export: -o " + file + ": not a directory"},
		{"export unknown engine", []string{"export", "-nodes", in, "-edges", in, "-o", out, "-engine", "bogus"}, "export: -engine"},
		{"export directory input", []string{"export", "-nodes", dir, "-edges", in, "-o", out}, "is a directory"},
		{"export -stream of a picture", []string{"export", "-stream", "-nodes", in, "-edges", in, "-o", out, "-formats", "graphml,svg"}, "export: -stream: svg needs the whole graph"},
		{"diff -o names a file", []string{"diff", "-o", file, in, in}, "diff: -o " + file + ": not a directory"},
		{"diff directory input", []string{"diff", "-o", out, dir, in}, "is a directory"},
		{"path directory input", []string{"path", "a", "b", dir}, "is a directory"},
		{"neighbours directory input", []string{"neighbours", "a", dir}, "is a directory"},
		{"profile is a directory", []string{"build", "-o", out, "-cpuprofile", dir, in}, "cpuprofile: " + dir + " is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, stdout, stderr := runCmd(t, "", tc.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.stderr)
			assert.Equal(t, 1, strings.Count(stderr, "papergraph: "), "one message: %q", stderr)
			assert.Less(t, time.Since(start), time.Second, "refused before any work")
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "no output directory made")
		})
	}
}

// TestFlagsAfterFiles: flags may follow the file names; "--" ends the
// flags.
func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "papers.csv")
	require.NoError(t, os.WriteFile(in, []byte(csvInput), 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "", "build", in, "-o", out, "-formats", "csv", "-quiet")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "-quiet after the file is read")
	assert.FileExists(t, filepath.Join(out, "nodes.csv"))

	dash := filepath.Join(dir, "-quiet")
	require.NoError(t, os.WriteFile(dash, []byte(csvInput), 0o644))
	code, stdout, stderr := runCmd(t, "", "extract", "-quiet", "--", dash)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, `"title":"A paper"`, "after --, -quiet is a file name")
}
