package main

import (
	"encoding/json"
	"fmt"
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
	return int64(ru.Maxrss) << 10 // Linux reports KiB (an int32 on 32-bit systems)
}

// TestWorstRecordMemory: one record of the worst legal kind costs a
// bounded number of bytes of memory per byte of it (peak RSS of the
// command over its peak on a one-line record): at most 10 for a record
// of 6 MiB of each shape of internal/worst (dense names and links, only
// distinct names, links or identifiers, one name repeated, an endless
// list), at most 40 MiB for one of 1 MiB, where the garbage collector's
// fixed headroom over the extractor's tables dominates; extract -explain
// too, which lists the first extract.MaxPerText decisions of a record
// and counts the rest (TestRecordCutIsReported). Extraction reads
// a window at a time (extract.TestLongTextWindows) and keeps at most
// extract.MaxPerText artifacts and references of a record
// (extract.TestPerTextCap).
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
	args := func(cmd, in string) []string {
		switch cmd {
		case "build":
			return []string{"build", "-quiet", "-o", t.TempDir(), "-formats", "csv", in}
		case "explain":
			return []string{"extract", "-quiet", "-explain", in}
		}
		return []string{"extract", "-quiet", in}
	}
	base := map[string]int64{}
	for _, cmd := range []string{"extract", "explain", "build"} {
		base[cmd] = peakRSS(t, args(cmd, tiny)...)
	}
	type run struct {
		cmd, shape string
		n          int
	}
	runs := []run{{"build", "dense", 6 << 20}, {"build", "names", 6 << 20}, {"extract", "refs", 1 << 20}, {"extract", "names", 1 << 20},
		{"explain", "dense", 6 << 20}, {"explain", "repeated", 6 << 20}}
	for _, shape := range worst.ShapeNames() {
		runs = append(runs, run{"extract", shape, 6 << 20})
	}
	for _, tc := range runs {
		t.Run(fmt.Sprintf("%s/%s/%dMiB", tc.cmd, tc.shape, tc.n>>20), func(t *testing.T) {
			rss := peakRSS(t, args(tc.cmd, write(tc.shape, worst.Shapes[tc.shape](tc.n)))...)
			over := rss - base[tc.cmd]
			perByte := float64(over) / float64(tc.n)
			t.Logf("%d MB over %d MB for one line of a record of %d MiB: %.1f bytes per byte", over>>20, base[tc.cmd]>>20, tc.n>>20, perByte)
			if tc.n < 4<<20 {
				assert.LessOrEqual(t, over, int64(40<<20), "memory over an idle run for a small record")
				return
			}
			assert.LessOrEqual(t, perByte, 10.0, "memory per byte of the record")
		})
	}
}

// TestRecordCutIsReported: a record that names more artifacts or
// references than extraction keeps says so: extract's line carries
// left_out (and with -explain, explain_left_out past the first
// extract.MaxPerText decisions), and the run names the record with its
// position.
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

	code, stdout, stderr = runCmd(t, "", "extract", "-explain", in)
	require.Equal(t, 0, code, stderr)
	var why struct {
		Explain        []json.RawMessage `json:"explain"`
		ExplainLeftOut int               `json:"explain_left_out"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &why))
	assert.Len(t, why.Explain, extract.MaxPerText, "-explain lists the first decisions")
	assert.Greater(t, why.ExplainLeftOut, extract.MaxPerText, "-explain counts the decisions past them")

	code, _, stderr = runCmd(t, "", "build", "-o", t.TempDir(), "-formats", "csv", in)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, note)

	code, _, stderr = runCmd(t, "", "extract", "-format", "jsonl", "-o", t.TempDir(), in)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, note)
}
