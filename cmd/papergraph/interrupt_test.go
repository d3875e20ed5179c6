package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
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
