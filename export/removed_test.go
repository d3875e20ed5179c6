package export

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRemovedCSV: five papers name "hub", over the cap of three, which
// alone would have joined 5 × 4 / 2 = 10 pairs; papers 1–3 also name "x"
// (three pairs), and keeping each paper's strongest link (ties to the
// smaller ID) keeps 1–2 and 1–3, dropping 2–3.
func TestRemovedCSV(t *testing.T) {
	var ps []papergraph.Paper
	for i := 1; i <= 5; i++ {
		p := papergraph.Paper{ArXiv: fmt.Sprintf("2401.0000%d", i), Title: fmt.Sprintf("Paper %d", i)}
		p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.KindDataset, Name: "hub", Surface: "hub", Start: 0, End: 3, Rule: "gazetteer"})
		if i <= 3 {
			p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.KindDataset, Name: "x", Surface: "x", Start: 10, End: 11, Rule: "gazetteer"})
		}
		ps = append(ps, p)
	}
	g, err := graph.Build(ps, graph.Options{MaxDF: 3, TopK: 1})
	require.NoError(t, err)
	require.Equal(t, 2, g.Stats().Shares)
	var b bytes.Buffer
	require.NoError(t, RemovedCSV(&b, g, Options{}))
	assert.Equal(t, "artifact,label,papers,reason,links_removed\n"+
		"dataset:hub,hub,5,max-df 3,10\n"+
		",,,top-k 1,1\n", b.String())

	// Paper 1's two links are equally strong, (1 − 1/2)^1 = 0.5, and 2
	// and 3 have one link each: at 0.4 the backbone cuts both.
	bb, err := graph.Build(ps, graph.Options{MaxDF: 3, TopK: 1, Backbone: 0.4})
	require.NoError(t, err)
	require.Equal(t, 0, bb.Stats().Shares)
	b.Reset()
	require.NoError(t, RemovedCSV(&b, bb, Options{}))
	assert.Equal(t, "artifact,label,papers,reason,links_removed\n"+
		"dataset:hub,hub,5,max-df 3,10\n"+
		",,,top-k 1,1\n"+
		",,,backbone 0.4,2\n", b.String())

	exact, err := graph.Build(ps, graph.Options{Exact: true})
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, RemovedCSV(&b, exact, Options{}))
	assert.Equal(t, "artifact,label,papers,reason,links_removed\n", b.String(), "the exact projection cuts nothing")
}
