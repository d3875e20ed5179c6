package tables_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export/tables"
	"github.com/papergraph/papergraph/graph"
)

var (
	wantNodes = []graph.Node{
		{ID: "dataset:imagenet", Kind: "dataset", Label: "ImageNet", Title: "ImageNet", Papers: 2, Community: -1},
		{ID: "paper:2401.00001", Kind: "paper", Label: "GoldNet", Title: "GoldNet: a, b", Authors: []string{"A. Author", "B, Author"}, Year: 2024, Introduces: []string{"GoldNet"}, Community: -1},
	}
	wantEdges = []graph.Edge{
		{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1, Evidence: `gazetteer: "ImageNet" @3`},
		{Source: "paper:2401.00001", Target: "paper:2401.00002", Relation: graph.Shares, Weight: 0.6931, Shared: []string{"dataset:imagenet"}},
	}
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestReadFormats(t *testing.T) {
	csvNodes := write(t, "nodes.csv", "kind,id,label,title,authors,year,introduces,papers,left_out,extra\n"+
		"dataset,dataset:imagenet,ImageNet,ImageNet,,,,2,true,x\n"+
		`paper,paper:2401.00001,GoldNet,"GoldNet: a, b","[""A. Author"",""B, Author""]",2024,"[""GoldNet""]",0,false,y`+"\n")
	csvEdges := write(t, "edges.csv", "source,target,relation,weight,evidence,shared\n"+
		`paper:2401.00001,dataset:imagenet,mentions,1,"gazetteer: ""ImageNet"" @3",`+"\n"+
		`paper:2401.00001,paper:2401.00002,shares,0.6931,,"[""dataset:imagenet""]"`+"\n")
	jsonNodes := write(t, "nodes.jsonl", `{"id":"dataset:imagenet","kind":"dataset","label":"ImageNet","title":"ImageNet","papers":2,"left_out":true}`+"\n"+
		`{"id":"paper:2401.00001","kind":"paper","label":"GoldNet","title":"GoldNet: a, b","authors":["A. Author","B, Author"],"year":2024,"introduces":["GoldNet"],"authors_extra":1}`+"\n")
	jsonEdges := write(t, "edges.jsonl", `{"source":"paper:2401.00001","target":"dataset:imagenet","relation":"mentions","weight":1,"evidence":"gazetteer: \"ImageNet\" @3","shared":[]}`+"\n"+
		`{"source":"paper:2401.00001","target":"paper:2401.00002","relation":"shares","weight":0.6931,"shared":["dataset:imagenet"]}`+"\n")
	dir := t.TempDir()
	pqNodes, pqEdges := filepath.Join(dir, "nodes.parquet"), filepath.Join(dir, "edges.parquet")
	require.NoError(t, parquet.WriteFile(pqNodes, []tables.Node{
		{ID: "dataset:imagenet", Kind: "dataset", Label: "ImageNet", Title: "ImageNet", Papers: 2, LeftOut: true},
		{ID: "paper:2401.00001", Kind: "paper", Label: "GoldNet", Title: "GoldNet: a, b", Authors: []string{"A. Author", "B, Author"}, Year: 2024, Introduces: []string{"GoldNet"}},
	}))
	require.NoError(t, parquet.WriteFile(pqEdges, []tables.Edge{
		{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: "mentions", Weight: 1, Evidence: `gazetteer: "ImageNet" @3`},
		{Source: "paper:2401.00001", Target: "paper:2401.00002", Relation: "shares", Weight: 0.6931, Shared: []string{"dataset:imagenet"}},
	}))
	for _, tc := range []struct{ name, nodes, edges string }{
		{"csv", csvNodes, csvEdges}, {"jsonl", jsonNodes, jsonEdges}, {"parquet", pqNodes, pqEdges},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes, leftOut, err := tables.ReadNodes(tc.nodes)
			require.NoError(t, err)
			assert.Equal(t, wantNodes, nodes)
			assert.Equal(t, []string{"dataset:imagenet"}, leftOut)
			edges, err := tables.ReadEdges(tc.edges)
			require.NoError(t, err)
			assert.Equal(t, wantEdges, edges)
		})
	}
}

func TestReadErrors(t *testing.T) {
	_, _, err := tables.ReadNodes(write(t, "nodes.xlsx", ""))
	assert.ErrorIs(t, err, tables.ErrFormat)
	_, _, err = tables.ReadNodes(write(t, "nodes.csv", "label\nx\n"))
	assert.ErrorIs(t, err, tables.ErrColumn, "no id column")
	_, err = tables.ReadEdges(write(t, "edges.csv", "source,target,relation,weight\na,b,shares,heavy\n"))
	assert.ErrorIs(t, err, tables.ErrColumn)
	assert.ErrorContains(t, err, "edges.csv:2")
	_, err = tables.ReadEdges(write(t, "edges.jsonl", "{\"source\":1}\n"))
	assert.ErrorIs(t, err, tables.ErrColumn)
	assert.ErrorContains(t, err, "edges.jsonl:1")
}

func TestAssembleChecks(t *testing.T) {
	_, err := graph.Assemble(t.Context(), slicesOf(wantNodes[0], wantNodes[0]), nil, nil, graph.Options{})
	assert.ErrorIs(t, err, graph.ErrDuplicate)
	_, err = graph.Assemble(t.Context(), slicesOf(wantNodes...), wantEdges, nil, graph.Options{})
	assert.ErrorIs(t, err, graph.ErrNoNode, "paper:2401.00002 is no node")
	nodes := append(slicesOf(wantNodes...), graph.Node{ID: "paper:2401.00002", Kind: "paper", Label: "B"})
	g, err := graph.Assemble(t.Context(), nodes, append([]graph.Edge(nil), wantEdges...), []string{"dataset:imagenet"}, graph.Options{})
	require.NoError(t, err)
	st := g.Stats()
	assert.Equal(t, 2, st.Papers)
	assert.Equal(t, 1, st.Shares)
	assert.Equal(t, []string{"dataset:imagenet"}, st.LeftOut)
	n, ok := g.Node("paper:2401.00001")
	require.True(t, ok)
	assert.Equal(t, 2, n.Degree)
	assert.InDelta(t, 1.6931, n.Strength, 1e-9)
	assert.Greater(t, n.PageRank, 0.0)
}

func slicesOf(n ...graph.Node) []graph.Node { return append([]graph.Node(nil), n...) }
