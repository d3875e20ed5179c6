package graph_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/graph"
)

// extractFile reads and extracts the papers of a file.
func extractFile(t testing.TB, path string, limit int) []papergraph.Paper {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, err := read.Open(f, path, read.Options{})
	require.NoError(t, err)
	x, err := extract.New(extract.Config{})
	require.NoError(t, err)
	var papers []papergraph.Paper
	for limit <= 0 || len(papers) < limit {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		x.Paper(&p)
		papers = append(papers, p)
	}
	return papers
}

// twinPairs counts the pairs of a paper and an artifact it mentions with
// the same label, in any case: a paper and what it introduces drawn twice.
func twinPairs(g *graph.Graph) int {
	n := 0
	for e := range g.AllEdges() {
		if e.Relation != graph.Mentions {
			continue
		}
		p, _ := g.Node(e.Source)
		a, _ := g.Node(e.Target)
		if strings.EqualFold(p.Label, a.Label) {
			n++
		}
	}
	return n
}

// TestFoldIntroduced builds the sample split and folded: folding removes
// every paper/artifact twin, each folded artifact is listed by its paper,
// and every other paper that named it cites that paper instead.
func TestFoldIntroduced(t *testing.T) {
	papers := extractFile(t, filepath.Join("..", "internal", "sample", "hf-trending-page.txt"), 0)
	split, err := graph.Build(papers, graph.Options{Split: true})
	require.NoError(t, err)
	folded, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	t.Logf("sample: %d twin pairs split, %d folded (%d artifacts folded)", twinPairs(split), twinPairs(folded), folded.Stats().Folded)
	assert.Equal(t, 10, twinPairs(split), "the sample's paper/artifact twins when split")
	assert.Equal(t, 0, twinPairs(folded))
	assert.Equal(t, 0, split.Stats().Folded)
	require.Positive(t, folded.Stats().Folded)
	assert.Equal(t, len(split.Nodes())-folded.Stats().Folded, len(folded.Nodes()))

	listed := 0
	for _, n := range folded.Nodes() {
		if len(n.Introduces) == 0 {
			continue
		}
		assert.Equal(t, papergraph.KindPaper, n.Kind, n.ID)
		for _, name := range n.Introduces {
			listed++
			// The artifact was a node of the split graph, mentioned by
			// its paper; each other paper mentioning it now cites it.
			var art string
			for _, e := range split.EdgesAt(n.ID) {
				if a, _ := split.Node(e.Target); e.Relation == graph.Mentions && e.Source == n.ID && a.Label == name {
					art = a.ID
				}
			}
			require.NotEmpty(t, art, "%s introduces %q", n.ID, name)
			_, gone := folded.Node(art)
			assert.False(t, gone, "%s still a node", art)
			for _, e := range split.EdgesAt(art) {
				if e.Source == n.ID {
					continue
				}
				c, ok := folded.Edge(e.Source, n.ID, graph.Cites)
				if assert.True(t, ok, "%s names %s: no cites edge to %s", e.Source, art, n.ID) {
					assert.Contains(t, c.Evidence, art)
				}
			}
		}
	}
	assert.Equal(t, folded.Stats().Folded, listed)
}

// monthBatch returns the path of a real month batch of
// ../shared/corpus (the nearest shared directory beside the repository or
// above it; $SHARED overrides it). It skips the test when the batch is absent, except under CI,
// where it fails.
func monthBatch(t testing.TB, month string) string {
	t.Helper()
	shared := os.Getenv("SHARED")
	if shared == "" {
		// The nearest directory named shared beside the repository or
		// one above it (../shared for a clone beside it).
		shared = filepath.Join("..", "..", "shared")
		for dir, _ := filepath.Abs("."); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if st, err := os.Stat(filepath.Join(dir, "shared", "corpus")); err == nil && st.IsDir() {
				shared = filepath.Join(dir, "shared")
				break
			}
		}
	}
	path := filepath.Join(shared, "corpus", "arxiv-"+month, "papers.jsonl")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("month batch: %v", err)
		}
		t.Skipf("month batch: %v (set SHARED to the shared directory)", err)
	}
	return path
}

// TestFoldMonthBatch measures the twins on the first 100 papers of a real
// month batch.
func TestFoldMonthBatch(t *testing.T) {
	path := monthBatch(t, "2026-08")
	papers := extractFile(t, path, 100)
	split, err := graph.Build(papers, graph.Options{Split: true})
	require.NoError(t, err)
	folded, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	t.Logf("100 papers: %d twin pairs split, %d folded (%d artifacts folded)", twinPairs(split), twinPairs(folded), folded.Stats().Folded)
	assert.Positive(t, twinPairs(split))
	// No paper keeps a mentions edge to an artifact it alone introduces.
	by := map[string][]string{}
	for _, p := range papers {
		for _, e := range p.Entities {
			if e.Introduced && !slices.Contains(by[e.Key()], p.Key()) {
				by[e.Key()] = append(by[e.Key()], p.Key())
			}
		}
	}
	for key, ps := range by {
		if len(ps) == 1 {
			_, ok := folded.Edge(ps[0], key, graph.Mentions)
			assert.False(t, ok, "%s still mentions %s, which it alone introduces", ps[0], key)
		}
	}
}
