package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/require"
)

// Fuzz targets, one per writer (run one with e.g.
// go test ./export -run '^$' -fuzz FuzzGraphML -fuzztime 30s). Each builds
// a small graph whose IDs, labels, titles, authors, URLs and evidence come
// from the fuzzer, writes it, and checks that the output parses with the
// matching Go parser, keeps every node, edge and attribute value, and (for
// GraphML and GEXF) still passes the Gephi conformance check. Seeds are
// the hostile titles of the other tests.

func fuzzSeeds(f *testing.F) {
	for i, s := range hostileTitles {
		f.Add(s, hostileTitles[(i+1)%len(hostileTitles)], "2401."+itoa(i), 0.5)
	}
	f.Add("", "", "", 1.0)
	f.Add("e0", "x", "e1", -2.5)
}

// fuzzGraph builds the fuzz graph, or returns nil when the input cannot
// make one (the graph package refuses it: empty or equal IDs).
func fuzzGraph(t *testing.T, text, other, id string, weight float64) (*graph.Graph, Options) {
	gb := graph.NewBuilder()
	a, b := "paper:"+id, "dataset:"+other
	nodes := []graph.Node{
		{ID: a, Kind: papergraph.KindPaper, Label: text, Title: other, URL: text, Authors: []string{text, other},
			Year: len(text), Community: len(other) - 1, Family: other},
		{ID: b, Kind: papergraph.KindDataset, Label: other, Title: text, Papers: 1, Community: -1},
	}
	for _, n := range nodes {
		if gb.AddNode(n) != nil {
			return nil, Options{}
		}
	}
	for _, e := range []graph.Edge{
		{Source: a, Target: b, Relation: graph.Mentions, Weight: weight, Evidence: text},
		{Source: a, Target: b, Relation: graph.Shares, Weight: weight, Shared: []string{b, other}},
		{Source: b, Target: a, Relation: graph.Cites, Weight: 1, Evidence: other},
	} {
		require.NoError(t, gb.AddEdge(e))
	}
	g, err := gb.Graph()
	require.NoError(t, err)
	l := &Layout{Pos: map[string]Point{a: {X: weight, Y: 1}, b: {X: 2, Y: -weight}}, Height: 10}
	return g, Options{Layout: l, Description: text, Version: other, Shared: true}
}

// refused reports whether err is a refusal the input deserves; other
// errors fail the test.
func refused(t *testing.T, err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrIDClash) || errors.Is(err, ErrNotFinite) {
		return true
	}
	t.Fatalf("unexpected error: %v", err)
	return true
}

func fuzzXML(f *testing.F, w writerFunc, decode func([]byte) (view, error), conform func(testing.TB, []byte, expect)) {
	fuzzWritten(f, w, func(t *testing.T, g *graph.Graph, opt Options, out []byte) {
		conform(t, out, expectFor(g, opt))
		got, err := decode(out)
		require.NoError(t, err)
		checkView(t, wantView(g, opt, xmlSafe), got)
	})
}

func FuzzGraphML(f *testing.F) { fuzzXML(f, GraphML, decodeGraphML, checkGraphMLConformance) }

func FuzzGEXF(f *testing.F) { fuzzXML(f, GEXF, decodeGEXF, checkGEXFConformance) }

func FuzzJSON(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, other, id string, weight float64) {
		g, opt := fuzzGraph(t, text, other, id, weight)
		if g == nil {
			return
		}
		for _, form := range []struct {
			w      writerFunc
			decode func([]byte) (view, error)
		}{
			{CytoscapeJSON, decodeCytoscape}, {NodeLinkJSON, decodeNodeLink}, {GraphologyJSON, decodeGraphology},
		} {
			var b bytes.Buffer
			if refused(t, form.w(&b, g, opt)) {
				continue
			}
			require.True(t, json.Valid(b.Bytes()), "invalid JSON:\n%s", b.String())
			got, err := form.decode(b.Bytes())
			require.NoError(t, err)
			checkView(t, wantView(g, opt, validUTF8), got)
		}
	})
}

func FuzzCSV(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, other, id string, weight float64) {
		g, opt := fuzzGraph(t, text, other, id, weight)
		if g == nil {
			return
		}
		out := func(w writerFunc, o Options) []byte {
			var b bytes.Buffer
			if refused(t, w(&b, g, o)) {
				return nil
			}
			return b.Bytes()
		}
		nodes, edges := out(NodesCSV, opt), out(EdgesCSV, opt)
		if nodes == nil || edges == nil {
			return
		}
		got, err := decodeCSV(nodes, edges)
		require.NoError(t, err)
		checkView(t, wantView(g, opt, csvRead), got)
		neo := opt
		neo.CSV = CSVNeo4j
		for _, c := range []struct {
			w    writerFunc
			rows int
		}{{NodesCSV, 1 + len(g.Nodes())}, {EdgesCSV, 1 + len(g.Edges())}} {
			rows, err := csv.NewReader(bytes.NewReader(out(c.w, neo))).ReadAll()
			require.NoError(t, err)
			require.Len(t, rows, c.rows, "a header and a row per node or edge")
		}
	})
}

// FuzzHTML: whatever the text, graph.html keeps exactly its three
// scripts, the data parses as JSON and gives every label and title back.
func FuzzHTML(f *testing.F) {
	fuzzWritten(f, HTML, func(t *testing.T, g *graph.Graph, _ Options, out []byte) {
		page := string(out)
		require.Equal(t, 3, strings.Count(page, "<script"), "script elements")
		require.Equal(t, 3, strings.Count(page, "</script"), "script ends")
		scripts := scriptText(t, page)
		var data struct{ Nodes [][]any }
		require.NoError(t, json.Unmarshal([]byte(scripts[0]), &data), "data:\n%s", scripts[0])
		require.Len(t, data.Nodes, len(g.Nodes()))
		for i, n := range g.Nodes() {
			require.Equal(t, validUTF8(n.ID), data.Nodes[i][0])
			require.Equal(t, validUTF8(label(&n)), data.Nodes[i][1])
			require.Equal(t, validUTF8(n.Title), data.Nodes[i][3])
		}
	})
}
