package export

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// ringStream is a stream of n papers, each sharing an edge with the k
// papers after it, made row by row as they are read (no table, nothing
// held); sample is called every 10,000 edges read.
func ringStream(t testing.TB, n, k int, sample func()) *graph.Stream {
	id := func(i int) string { return fmt.Sprintf("paper:%08d", i) }
	nodes := func(yield func(*graph.Node, bool) bool) error {
		for i := range n {
			p := graph.Node{ID: id(i), Kind: papergraph.KindPaper, Title: "A paper " + id(i), Year: 2026,
				Authors: []string{"A. Author", "B. Author"}}
			if !yield(&p, false) {
				break
			}
		}
		return nil
	}
	read := 0
	edges := func(yield func(*graph.Edge) bool) error {
		for i := range n {
			for j := i + 1; j <= i+k && j < n; j++ {
				if read++; read%10000 == 0 && sample != nil {
					sample()
				}
				e := graph.Edge{Source: id(i), Target: id(j), Relation: graph.Shares, Weight: 0.25}
				if !yield(&e) {
					return nil
				}
			}
		}
		return nil
	}
	s, err := graph.OpenStream(context.Background(), nodes, edges)
	require.NoError(t, err)
	return s
}

// peakHeap writes GraphML, GEXF and both CSV files of a ring stream of n
// papers and k edges each to io.Discard and returns the largest heap in
// use while the edges were read, above the heap before.
func peakHeap(t testing.TB, n, k int) uint64 {
	var ms runtime.MemStats
	var base, peak uint64
	sample := func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	s := ringStream(t, n, k, sample)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak = ms.HeapAlloc, ms.HeapAlloc
	for _, write := range []func(io.Writer, rows, Options) error{graphML, gexf, nodesCSV, edgesCSV} {
		require.NoError(t, write(io.Discard, rows{s: s}, Options{}))
	}
	return peak - base
}

// TestStreamMemoryFlat: writing a stream holds one row at a time, so ten
// times the edges take no more heap.
func TestStreamMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	few := peakHeap(t, 10000, 3)   // 30k edges
	many := peakHeap(t, 10000, 30) // 300k edges
	t.Logf("peak heap above the stream's own: %d KB at 30k edges, %d KB at 300k", few>>10, many>>10)
	assert.Less(t, many, 2*few+8<<20, "heap grows with the edges")
}

// BenchmarkStreamHeap reports the heap a stream's writers take above the
// stream's own per-node arrays, as the edges grow tenfold:
//
//	go test ./export -run '^$' -bench StreamHeap -benchtime 1x -cpu 1
func BenchmarkStreamHeap(b *testing.B) {
	for _, k := range []int{5, 50} {
		b.Run(fmt.Sprintf("edges=%d", 20000*k), func(b *testing.B) {
			var peak uint64
			for range b.N {
				peak = peakHeap(b, 20000, k)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// TestStreamFilesRefuses: formats that need the whole graph, and a
// layout, are refused before anything is written.
func TestStreamFilesRefuses(t *testing.T) {
	s := ringStream(t, 10, 2, nil)
	for _, f := range Formats {
		files, err := StreamFiles(context.Background(), t.TempDir(), s, []Format{f}, Options{})
		if f.Whole != "" {
			assert.ErrorIs(t, err, ErrWholeGraph, f.Name)
			continue
		}
		require.NoError(t, err, f.Name)
		assert.Len(t, files, len(f.Files), f.Name)
		for _, ff := range f.Files {
			assert.NotNil(t, ff.Stream, f.Name)
		}
	}
	_, err := StreamFiles(context.Background(), t.TempDir(), s, Formats[3:4], Options{Layout: &Layout{}})
	assert.ErrorIs(t, err, ErrWholeGraph)
}
