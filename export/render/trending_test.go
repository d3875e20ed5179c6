package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/graph"
)

// trendingGraph builds the graph of the shared sample, the Hugging Face
// trending page, through the real pipeline with default options.
func trendingGraph(t testing.TB) *graph.Graph {
	t.Helper()
	path := filepath.Join("..", "..", "internal", "sample", "hf-trending-page.txt")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, err := read.Open(f, path, read.Options{})
	require.NoError(t, err)
	x, err := extract.New(extract.Config{})
	require.NoError(t, err)
	var papers []papergraph.Paper
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		x.Paper(&p)
		papers = append(papers, p)
	}
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	return g
}

// TestTrendingSample renders the real sample and checks the picture: one
// node group per node, no overlaps, a proportionate canvas. With RENDER_SAMPLE_OUT=dir it
// also writes sample.dot, sample.svg and sample.png there (see
// the README, "Pictures").
func TestTrendingSample(t *testing.T) {
	g := trendingGraph(t)
	lay, svg := layoutSVG(t, g, export.Options{}, Options{})
	doc := parseSVG(t, svg)
	byName, legend := graphNodes(t, g, doc)
	assert.Len(t, byName, len(g.Nodes()))
	assert.NotEmpty(t, legend)
	assertNoOverlaps(t, byName)
	perNode := lay.Width * lay.Height / float64(max(1, len(g.Nodes())))
	assert.Less(t, perNode, 200.0*200.0, "canvas %gx%g for %d nodes", lay.Width, lay.Height, len(g.Nodes()))
	dir := os.Getenv("RENDER_SAMPLE_OUT")
	scale := 1.0 // keeps the test quick under -race
	if dir != "" {
		scale = 2
	}
	var pngBuf bytes.Buffer
	require.NoError(t, PNG(context.Background(), &pngBuf, g, export.Options{Layout: lay}, Options{Scale: scale}))
	t.Logf("sample: %d nodes, %d edges, engine %s, %gx%g pt, SVG %d bytes, PNG %d bytes",
		len(g.Nodes()), g.NumEdges(), lay.Engine, lay.Width, lay.Height, len(svg), pngBuf.Len())
	if dir != "" {
		var dot bytes.Buffer
		require.NoError(t, export.DOT(&dot, g, export.Options{Layout: lay}))
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.dot"), dot.Bytes(), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.svg"), svg, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.png"), pngBuf.Bytes(), 0o644))
	}
}

func BenchmarkTrendingLayout(b *testing.B) {
	g := trendingGraph(b)
	for b.Loop() {
		if _, err := Layout(context.Background(), g, export.Options{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrendingSVG(b *testing.B) {
	g := trendingGraph(b)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(b, err)
	for b.Loop() {
		if err := SVG(context.Background(), io.Discard, g, export.Options{Layout: lay}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrendingPNG(b *testing.B) {
	g := trendingGraph(b)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(b, err)
	for b.Loop() {
		if err := PNG(context.Background(), io.Discard, g, export.Options{Layout: lay}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
