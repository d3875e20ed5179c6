package export

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// denseGraph has about 100,000 edges: 1200 papers naming 3 of 60 artifacts
// each, fully projected, with hostile titles.
func denseGraph(t *testing.T) *graph.Graph {
	r := rand.New(rand.NewPCG(3, 3))
	var papers []papergraph.Paper
	for i := range 1200 {
		p := papergraph.Paper{ArXiv: "2401." + itoa(10000+i), Title: "Paper " + itoa(i) + ": " + hostileTitles[i%len(hostileTitles)], Year: 2024}
		for range 3 {
			a := r.IntN(60)
			name := "artifact-" + itoa(a)
			p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.Kinds[a%len(papergraph.Kinds)], Name: name, Surface: name, Rule: "test"})
		}
		papers = append(papers, p)
	}
	g, err := graph.Build(papers, graph.Options{Exact: true})
	require.NoError(t, err)
	return g
}

// TestParallelEdgesIdentical: a graph large enough for the edges to be
// formatted in parallel blocks gives the bytes of the one-goroutine path
// (GOMAXPROCS 1), whatever GOMAXPROCS.
func TestParallelEdgesIdentical(t *testing.T) {
	g := denseGraph(t)
	require.GreaterOrEqual(t, g.NumEdges(), parallelEdgeMin+edgeBlock/2, "the graph must take the parallel path, with a last partial block")
	for _, opt := range []Options{{}, {UndirectedShares: true, Version: "v1"}, {Shared: true, CSV: CSVNeo4j}} {
		for _, w := range dataWriters {
			want := sequential(t, w.fn, g, opt)
			for _, procs := range []int{2, 5} {
				old := runtime.GOMAXPROCS(procs)
				var got bytes.Buffer
				err := w.fn(&got, g, opt)
				runtime.GOMAXPROCS(old)
				require.NoError(t, err)
				if !bytes.Equal(want.Bytes(), got.Bytes()) {
					t.Fatalf("%s, GOMAXPROCS %d: differs from GOMAXPROCS 1 at byte %d", w.name, procs, firstDiff(want.Bytes(), got.Bytes()))
				}
			}
		}
	}
}

// TestParallelEdgesWriteError: a write error anywhere (the header, the
// first block, the middle, the last bytes) stops the parallel writer with
// that error; it returns only when its goroutines have ended.
func TestParallelEdgesWriteError(t *testing.T) {
	g := denseGraph(t)
	for _, w := range dataWriters {
		want := sequential(t, w.fn, g, Options{})
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // the parallel path even on one CPU
		var full countingWriter
		require.NoError(t, w.fn(&full, g, Options{}))
		for _, at := range []int64{0, 100, 70_000, full.n / 2, full.n - 40, full.n - 1} {
			f := &failAfter{n: int(at), err: syscall.ENOSPC}
			err := w.fn(f, g, Options{})
			require.ErrorIs(t, err, syscall.ENOSPC, "%s failing at byte %d of %d", w.name, at, full.n)
			assert.True(t, bytes.Equal(want.Bytes()[:at], f.got), "%s failing at byte %d: the bytes before the error are the file's", w.name, at)
		}
	}
}

// sequential writes g with fn on one goroutine: the parallel path is not
// taken.
func sequential(t *testing.T, fn writerFunc, g *graph.Graph, opt Options) *bytes.Buffer {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var b bytes.Buffer
	require.NoError(t, fn(&b, g, opt))
	return &b
}

// TestParallelEdgesFile writes a graph whose edges take the parallel path
// into files through WriteFiles, in every data format, where each block is written through the
// file's asyncWriter by the goroutine that formatted it: the files hold
// the bytes of the one-goroutine path.
func TestParallelEdgesFile(t *testing.T) {
	g := denseGraph(t)
	dir := t.TempDir()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var files []File
	for _, w := range dataWriters {
		files = append(files, File{Path: filepath.Join(dir, w.name), Write: func(out io.Writer) error { return w.fn(out, g, Options{}) }})
	}
	require.NoError(t, WriteFiles(context.Background(), files, nil))
	for _, w := range dataWriters {
		want := sequential(t, w.fn, g, Options{})
		got, err := os.ReadFile(filepath.Join(dir, w.name))
		require.NoError(t, err)
		if !bytes.Equal(want.Bytes(), got) {
			t.Fatalf("%s: differs from GOMAXPROCS 1 at byte %d", w.name, firstDiff(want.Bytes(), got))
		}
	}
}
