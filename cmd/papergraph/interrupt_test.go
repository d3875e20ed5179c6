package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/worst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stopWithin is how soon a cancelled run must return: 0.2 s, more under
// the race detector, which slows every goroutine down.
func stopWithin() time.Duration {
	if raceEnabled {
		return time.Second
	}
	return 200 * time.Millisecond
}

// cancelAt is a stderr that cancels the run when a line containing mark
// is written (the -v log says which phase the run is in) and remembers
// when.
type cancelAt struct {
	mu     sync.Mutex
	mark   string
	cancel context.CancelFunc
	at     time.Time
	b      strings.Builder
}

func (c *cancelAt) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.b.Write(p)
	if c.at.IsZero() && strings.Contains(c.b.String(), c.mark) {
		c.at = time.Now()
		c.cancel()
	}
	return len(p), nil
}

// TestInterruptEveryPhase: Ctrl-C (a cancelled context) in each phase of
// build after reading (TestInterruptWhileReading covers that one), from
// the graph build to the PNG, ends the run within 0.2 s with
// status 130, and the previous outputs stay as they were.
func TestInterruptEveryPhase(t *testing.T) {
	for _, tc := range []struct{ phase, mark string }{
		{"graph build", `msg="graph: build"`},
		{"layout", `phase=graph `},
		{"svg", `phase=layout `},
		{"png rasterising", `msg="render: svg"`},
	} {
		t.Run(tc.phase, func(t *testing.T) {
			out := t.TempDir()
			prev := filepath.Join(out, "graph.png")
			require.NoError(t, os.WriteFile(prev, []byte("previous"), 0o644))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stderr := &cancelAt{mark: tc.mark, cancel: cancel}
			code := run(ctx, []string{"build", "-v", "-o", out, "-formats", "svg,png,graphml"}, strings.NewReader(""), io.Discard, stderr)
			end := time.Now()
			stderr.mu.Lock()
			at, log := stderr.at, stderr.b.String()
			stderr.mu.Unlock()
			require.False(t, at.IsZero(), "the run never reached the phase: %s", log)
			assert.Equal(t, 130, code, log)
			assert.Less(t, end.Sub(at), stopWithin(), "stopped %v after Ctrl-C", end.Sub(at))
			got, _ := os.ReadFile(prev)
			assert.Equal(t, "previous", string(got))
		})
	}
}

// TestInterruptGraphBuild: a graph build of 100,000 papers, cancelled
// after 100 ms, returns within 0.2 s (the build goes on in the
// background; its result is dropped).
func TestInterruptGraphBuild(t *testing.T) {
	papers := make([]papergraph.Paper, 100000)
	for i := range papers {
		papers[i] = papergraph.Paper{ID: fmt.Sprintf("p%06d", i), Title: "T", Entities: []papergraph.Entity{
			{Kind: papergraph.KindDataset, Name: fmt.Sprintf("D%d", i%500), Surface: "D", End: 1, Source: "abstract"},
			{Kind: papergraph.KindDataset, Name: fmt.Sprintf("E%d", i%37), Surface: "E", End: 1, Source: "abstract"},
		}}
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := interruptible(ctx, func() (*graph.Graph, error) { return graph.BuildContext(ctx, papers, graph.Options{}) })
	require.True(t, errors.Is(err, context.Canceled), "%v", err)
	assert.Less(t, time.Since(start), 100*time.Millisecond+stopWithin())
}

// TestInterruptLargeGraph: on a graph of 20,000 papers, making the
// picture's paper view takes seconds without looking at the context;
// Ctrl-C still ends the run within 0.2 s (a writer that formats for long
// is export's TestWriteFilesCancelledStuckWriter). The limits let the
// view be made: under the default ones render.CheckPicture refuses it
// before.
func TestInterruptLargeGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large graph")
	}
	papers := make([]papergraph.Paper, 20000)
	for i := range papers {
		papers[i] = papergraph.Paper{ID: fmt.Sprintf("p%06d", i), Title: fmt.Sprintf("Paper %d", i), Entities: []papergraph.Entity{
			{Kind: papergraph.KindDataset, Name: fmt.Sprintf("D%d", i%500), Surface: "D", End: 1, Source: "abstract"},
			{Kind: papergraph.KindModel, Name: fmt.Sprintf("M%d", i%37), Surface: "M", End: 1, Source: "abstract"},
			{Kind: papergraph.KindBenchmark, Name: fmt.Sprintf("B%d", i%91), Surface: "B", End: 1, Source: "abstract"},
		}}
	}
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	fmts, err := export.ParseFormats("all")
	require.NoError(t, err)
	cancelled := func(after time.Duration) (context.Context, func() time.Time) {
		ctx, cancel := context.WithCancel(context.Background())
		var at time.Time
		var mu sync.Mutex
		time.AfterFunc(after, func() { mu.Lock(); at = time.Now(); mu.Unlock(); cancel() })
		t.Cleanup(cancel)
		return ctx, func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
	}
	t.Run("picture view", func(t *testing.T) {
		ctx, at := cancelled(30 * time.Millisecond)
		_, err := layOut(ctx, g, fmts, render.PictureOptions{}, render.Options{MaxNodes: 1 << 30, MaxEdges: 1 << 30}, false, true, io.Discard, slog.New(slog.DiscardHandler))
		end := time.Now()
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, end.Sub(at()), stopWithin(), "stopped %v after Ctrl-C", end.Sub(at()))
	})
}

// TestInterruptHugeRecord: Ctrl-C while one huge record is extracted (it
// takes seconds), or explained, ends the run within 0.2 s with status
// 130, in build, extract, extract -explain and extract -format; nothing
// is written.
func TestInterruptHugeRecord(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("extracts a record of 8 MiB (a minute under the race detector; Each's cancel is extract.TestEachCancelDuringLongExtraction there)")
	}
	dir := t.TempDir()
	b, err := json.Marshal(map[string]string{"id": "2401.00001", "title": "A paper", "abstract": worst.Dense(8 << 20), "categories": "cs.LG"})
	require.NoError(t, err)
	in := filepath.Join(dir, "huge.jsonl")
	require.NoError(t, os.WriteFile(in, append(b, '\n'), 0o644))
	for _, tc := range []struct {
		name     string
		args     []string
		afterEnd bool // cancel once the record is extracted: in the phase after
	}{
		{"build", []string{"build", "-o", filepath.Join(dir, "out"), "-formats", "csv", in}, false},
		{"extract", []string{"extract", in}, false},
		{"extract -explain", []string{"extract", "-explain", in}, true},
		{"extract -format", []string{"extract", "-format", "jsonl", "-o", filepath.Join(dir, "tables"), in}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var mu sync.Mutex
			var at time.Time
			stop := func() {
				time.AfterFunc(100*time.Millisecond, func() { mu.Lock(); at = time.Now(); mu.Unlock(); cancel() })
			}
			orig := extractPaper
			extractPaper = func(x *extract.Extractor) func(*papergraph.Paper) {
				f := orig(x)
				return func(p *papergraph.Paper) {
					if !tc.afterEnd {
						stop()
					}
					f(p)
					if tc.afterEnd {
						stop()
					}
				}
			}
			defer func() { extractPaper = orig }()
			var stdout strings.Builder
			code := run(ctx, tc.args, strings.NewReader(""), &stdout, io.Discard)
			end := time.Now()
			mu.Lock()
			defer mu.Unlock()
			require.False(t, at.IsZero(), "finished before Ctrl-C")
			assert.Equal(t, 130, code)
			assert.Less(t, end.Sub(at), stopWithin(), "stopped %v after Ctrl-C", end.Sub(at))
			assert.Empty(t, stdout.String())
			for _, d := range []string{"out", "tables"} {
				entries, _ := os.ReadDir(filepath.Join(dir, d))
				assert.Empty(t, entries, "nothing written in %s", d)
			}
		})
	}
}
