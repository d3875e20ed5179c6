package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/internal/worst"
)

// worstRecords are abstracts of about n bytes that cost extraction the
// most: one dense with names and links (the 30 MB record), one of
// nothing but distinct names, one of nothing but arXiv identifiers.
var worstRecords = map[string]func(n int) string{"dense": worst.Dense, "names": worst.Names, "refs": worst.Refs}

// peakRSS runs papergraph with args and returns its peak resident set.
func peakRSS(t *testing.T, args ...string) int64 {
	t.Helper()
	cmd := papergraphCommand(t, nil, args...)
	cmd.Stdout = io.Discard
	err := cmd.Run()
	if err != nil {
		msg, _ := os.ReadFile(cmd.Stderr.(*os.File).Name())
		t.Fatalf("papergraph %v: %v: %s", args, err, msg)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this system")
	}
	return ru.Maxrss << 10 // Linux reports KiB
}

// TestWorstRecordMemory: one record of the worst legal kind costs a
// bounded number of bytes of memory per byte of it (peak RSS of the
// command over its peak on a one-line record): at most 10 for an abstract
// dense with names and links, whose result is small; a record of nothing
// but distinct names or references returns a result that is itself
// many times the text (an entity or a reference is 136-160 bytes in
// memory for about 15 of text), bounded at 64. Extraction itself reads a
// window at a time (extract.TestLongTextWindows).
func TestWorstRecordMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures memory (the race detector multiplies it)")
	}
	dir := t.TempDir()
	write := func(name, abstract string) string {
		b, err := json.Marshal(map[string]string{"id": "2401.00001", "title": "A paper", "abstract": abstract, "categories": "cs.LG"})
		require.NoError(t, err)
		p := filepath.Join(dir, name+".jsonl")
		require.NoError(t, os.WriteFile(p, append(b, '\n'), 0o644))
		return p
	}
	tiny := write("tiny", "We evaluate BERT on GLUE.")
	const n = 6 << 20
	for _, tc := range []struct {
		cmd, shape string
		bound      float64
	}{
		{"extract", "dense", 10}, {"build", "dense", 10},
		{"extract", "names", 64}, {"extract", "refs", 64},
	} {
		t.Run(tc.cmd+"/"+tc.shape, func(t *testing.T) {
			args := func(in string) []string {
				if tc.cmd == "build" {
					return []string{"build", "-quiet", "-o", t.TempDir(), "-formats", "csv", in}
				}
				return []string{"extract", "-quiet", in}
			}
			base := peakRSS(t, args(tiny)...)
			rss := peakRSS(t, args(write(tc.shape, worstRecords[tc.shape](n)))...)
			perByte := float64(rss-base) / n
			t.Logf("%d MB over %d MB for one line of a record of %d MB: %.1f bytes per byte", (rss-base)>>20, base>>20, n>>20, perByte)
			assert.LessOrEqual(t, perByte, tc.bound, "memory per byte of the record")
		})
	}
}

// TestRecordCutIsReported: a record that names more artifacts or
// references than extraction keeps says so: extract's line carries
// left_out, and the run names the record with its position.
func TestRecordCutIsReported(t *testing.T) {
	dir := t.TempDir()
	b, err := json.Marshal(map[string]string{"id": "2401.00001", "title": "A paper", "abstract": worst.Names(400 << 10), "categories": "cs.LG"})
	require.NoError(t, err)
	in := filepath.Join(dir, "names.jsonl")
	require.NoError(t, os.WriteFile(in, append([]byte("\n"), append(b, '\n')...), 0o644))
	note := in + ":2: the abstract names more than 10000 artifacts or references"

	code, stdout, stderr := runCmd(t, "", "extract", in)
	require.Equal(t, 0, code, stderr)
	var rec struct {
		Entities []json.RawMessage `json:"entities"`
		LeftOut  int               `json:"left_out"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rec))
	assert.Len(t, rec.Entities, extract.MaxPerText)
	assert.Greater(t, rec.LeftOut, extract.MaxPerText, "the mentions past the cap are counted")
	assert.Contains(t, stderr, note)

	code, _, stderr = runCmd(t, "", "build", "-o", t.TempDir(), "-formats", "csv", in)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, note)

	code, _, stderr = runCmd(t, "", "extract", "-format", "jsonl", "-o", t.TempDir(), in)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, note)
}
