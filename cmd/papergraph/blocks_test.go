package main

import (
	"compress/gzip"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// TestPaperBlocks: papers come out in the order added whatever the
// inputs' size says; a size that tells the count right makes one slice
// (no blocks to join), one that tells it wrong falls back to blocks.
func TestPaperBlocks(t *testing.T) {
	const n = 3*paperBlock + 123
	for _, tc := range []struct {
		name   string
		size   int64 // bytes of the inputs, 100 a paper read
		blocks bool  // the papers went to blocks
	}{
		{"unknown size", 0, true},
		{"size right", 100 * n, false},
		{"size too small", 100 * paperBlock * 3 / 2, true},
		{"size too large", 100 * 10 * n, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := paperBlocks{size: tc.size}
			for i := range n {
				b.add(papergraph.Paper{Year: i}, int64(100*(i+1)))
			}
			assert.Equal(t, tc.blocks, len(b.blocks) > 0, "blocks")
			got := b.join()
			require.Len(t, got, n)
			for i, p := range got {
				if p.Year != i {
					t.Fatalf("paper %d is the paper added as %d", i, p.Year)
				}
			}
		})
	}
}

// TestEntityBlocks: each paper gets its own entities back, equal and with
// no capacity past them, so an append never writes into another's (an
// empty list comes back as it was).
func TestEntityBlocks(t *testing.T) {
	var b entityBlocks
	var want, got [][]papergraph.Entity
	for i := range 3 * entityBlock {
		es := make([]papergraph.Entity, i%7, 2*(i%7)+1)
		for k := range es {
			es[k] = papergraph.Entity{Name: "e", Start: i, End: k}
		}
		want = append(want, append([]papergraph.Entity(nil), es...))
		got = append(got, b.hold(es))
	}
	big := make([]papergraph.Entity, entityBlock+1)
	want, got = append(want, big), append(got, b.hold(big))
	for i := range got {
		require.Equal(t, len(want[i]), len(got[i]), "paper %d", i)
		if len(got[i]) > 0 {
			assert.Equal(t, len(got[i]), cap(got[i]), "paper %d: capacity", i)
		}
		_ = append(got[i], papergraph.Entity{Name: "appended"})
	}
	for i := range got {
		if len(want[i]) > 0 {
			assert.Equal(t, want[i], got[i], "paper %d", i)
		}
	}
}

// TestLimitHeap: a large plain input sets a heap limit of 1.8 times its
// size and heapLimitFixed for the run, and puts the previous limit back after
// it; a small or gzip-compressed input, or a GOMEMLIMIT of the user's,
// sets none.
func TestLimitHeap(t *testing.T) {
	dir := t.TempDir()
	sized := func(name string, size int64, gz bool) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		require.NoError(t, err)
		if gz {
			zw := gzip.NewWriter(f)
			require.NoError(t, zw.Close())
		}
		require.NoError(t, f.Truncate(size)) // sparse: no disk used
		require.NoError(t, f.Close())
		return path
	}
	const large = 1 << 30
	for _, tc := range []struct {
		name   string
		inputs []string
		env    string
		want   int64 // 0: no limit set
	}{
		{"large", []string{sized("large.jsonl", large, false)}, "", large/5*9 + heapLimitFixed},
		{"two halves", []string{sized("a.jsonl", large/2, false), sized("b.jsonl", large/2, false)}, "", large/5*9 + heapLimitFixed},
		{"just large enough", []string{sized("enough.jsonl", heapLimitInput, false)}, "", heapLimitInput/5*9 + heapLimitFixed},
		{"small", []string{sized("small.jsonl", heapLimitInput-1, false)}, "", 0},
		{"gzip", []string{sized("large.jsonl.gz", large, true)}, "", 0},
		{"GOMEMLIMIT", []string{sized("large2.jsonl", large, false)}, "8GiB", 0},
		{"stdin", []string{"-"}, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", tc.env)
			before := debug.SetMemoryLimit(-1)
			stop := limitHeap(tc.inputs, newLogger(io.Discard, false))
			got := debug.SetMemoryLimit(-1)
			limited := heapLimited()
			stop()
			assert.Equal(t, before, debug.SetMemoryLimit(-1), "the limit after the run")
			if before == math.MaxInt64 { // no GOMEMLIMIT when the test started
				assert.Equal(t, tc.want != 0, limited, "heapLimited during the run")
				assert.False(t, heapLimited(), "heapLimited after the run")
			}
			if tc.want == 0 {
				assert.Equal(t, before, got, "no limit set")
			} else {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

// TestRaisedLimit: the limit is raised only when the live heap nears it,
// to twice the live heap, as far as the collector's default lets it grow.
func TestRaisedLimit(t *testing.T) {
	assert.Equal(t, int64(1000), raisedLimit(1000, 0))
	assert.Equal(t, int64(1000), raisedLimit(1000, 900))
	assert.Equal(t, int64(1802), raisedLimit(1000, 901))
	assert.Equal(t, int64(4000), raisedLimit(1000, 2000))
}
