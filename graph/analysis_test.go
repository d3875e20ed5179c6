package graph

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdSums makes the degree and strength pass call started as it starts,
// until the test ends.
func holdSums(t *testing.T, started func()) {
	t.Helper()
	sumsStarted = started
	t.Cleanup(func() { sumsStarted = nil })
}

// TestSumsJoined checks that Degree and Strength are the same bits with
// one worker, where the pass runs in place, and with four, where it runs
// beside the analysis: held back, the pass is still running when the
// analysis ends, and the build must wait for it.
func TestSumsJoined(t *testing.T) {
	holdSums(t, func() { time.Sleep(50 * time.Millisecond) })
	papers := synthetic(400, 3)
	var nodes [2][]Node
	for i, workers := range []int{1, 4} {
		g, err := Build(papers, Options{Workers: workers})
		require.NoError(t, err)
		nodes[i] = g.Nodes()
	}
	require.Equal(t, len(nodes[0]), len(nodes[1]))
	edges := 0
	for v, n := range nodes[0] {
		m := nodes[1][v]
		assert.Equal(t, n.Degree, m.Degree, "degree of %s", n.ID)
		assert.Equal(t, math.Float64bits(n.Strength), math.Float64bits(m.Strength), "strength of %s", n.ID)
		edges += n.Degree
	}
	assert.Positive(t, edges, "no degrees summed")
}

// cancelAfter is a slog.Handler that cancels a context once the build
// logs the end of the phase named phase.
type cancelAfter struct {
	phase  string
	cancel context.CancelFunc
}

func (h cancelAfter) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelAfter) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h cancelAfter) WithGroup(string) slog.Handler            { return h }
func (h cancelAfter) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "phase" && a.Value.String() == h.phase {
			h.cancel()
		}
		return true
	})
	return nil
}

// TestSumsCancelled cancels a build between the edges and the analysis:
// BuildContext returns the context's error and leaves no goroutine
// behind, not even the degree and strength pass, which would otherwise
// read every edge after the build has ended.
func TestSumsCancelled(t *testing.T) {
	release := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	holdSums(t, func() { <-release })
	papers := synthetic(400, 3)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := Options{Workers: 4, Logger: slog.New(cancelAfter{"edges", cancel})}
	g, err := BuildContext(ctx, papers, opt)
	assert.Nil(t, g)
	require.True(t, errors.Is(err, context.Canceled), "%v", err)
	left := runtime.NumGoroutine()
	for deadline := time.Now().Add(time.Second); left > before && time.Now().Before(deadline); left = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, left, before, "goroutines left by a cancelled build")
}
