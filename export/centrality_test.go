package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// centralityTol is how far a written PageRank or betweenness may be from
// networkx's and igraph's: the files carry six significant digits
// (relative error at most 5e-6), and the libraries converge to 1e-13.
const centralityTol = 1e-5

// TestCentralityMatchesNetworkxAndIgraph writes GraphML and has networkx
// and igraph compute PageRank and betweenness of what they read
// (testdata/centrality.py): every node's written value must match both
// within centralityTol (relative, plus 1e-12 absolute for zeros). The graphs
// are the hand-built small one (a shares and a cites edge between the same
// two papers, merged into one link), a random 300-paper one and a built
// one with isolated papers (dangling nodes), all small enough for exact
// betweenness.
func TestCentralityMatchesNetworkxAndIgraph(t *testing.T) {
	py := needPython(t, "networkx", "igraph")
	built, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	graphs := map[string]*graph.Graph{
		"small":      smallGraph(t),
		"random-300": randomGraph(t, 300, 7),
		"built-300":  built,
	}
	dir := t.TempDir()
	var names, paths []string
	for name, g := range graphs {
		require.Equal(t, len(g.Nodes()), g.Stats().BetweennessSources, "%s: exact betweenness", name)
		p := filepath.Join(dir, name+".graphml")
		require.NoError(t, os.WriteFile(p, write(t, func(b *bytes.Buffer) error { return GraphML(b, g, Options{}) }), 0o644))
		names, paths = append(names, name), append(paths, p)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, append([]string{filepath.Join("testdata", "centrality.py")}, paths...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "centrality.py failed:\n%s", stderr.String())
	var got []map[string]map[string]float64
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &got))
	require.Len(t, got, len(paths))
	for i, res := range got {
		g := graphs[names[i]]
		require.Len(t, res, len(g.Nodes()), names[i])
		for _, n := range g.Nodes() {
			r, ok := res[n.ID]
			require.True(t, ok, "%s: %s not read", names[i], n.ID)
			for _, lib := range []string{"nx", "ig"} {
				for _, m := range []string{"pagerank", "betweenness"} {
					want, written := r[lib+"_"+m], r[m]
					assert.InDelta(t, want, written, centralityTol*math.Abs(want)+1e-12,
						"%s: %s %s: %s says %g, the file %g", names[i], n.ID, m, lib, want, written)
				}
			}
		}
	}
}

// TestCommunitiesCSV reads communities.csv of a built graph back with
// encoding/csv: one row per community, in ID order, every field as
// graph.Communities gives it.
func TestCommunitiesCSV(t *testing.T) {
	g, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	cs := g.Communities()
	require.NotEmpty(t, cs)
	rows, err := csv.NewReader(bytes.NewReader(write(t, func(b *bytes.Buffer) error { return CommunitiesCSV(b, g, Options{}) }))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(cs)+1)
	assert.Equal(t, []string{"id", "label", "size", "papers", "color", "top_papers", "top_artifacts"}, rows[0])
	for i, c := range cs {
		assert.Equal(t, []string{strconv.Itoa(c.ID), c.Label, strconv.Itoa(c.Size), strconv.Itoa(c.Papers), c.Colour,
			strings.Join(c.TopPapers, listSep), strings.Join(c.TopArtifacts, listSep)}, rows[i+1])
	}
}

// TestBackboneMatchesPython has networkx read the GraphML of a graph
// built without a backbone and testdata/backbone.py apply the disparity
// filter's formula to its shares edges; the shares edges of the same batch
// built with Options.Backbone must be exactly the ones it keeps.
func TestBackboneMatchesPython(t *testing.T) {
	py := needPython(t, "networkx")
	papers := builtPapers(600, 11)
	full, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "full.graphml")
	require.NoError(t, os.WriteFile(p, write(t, func(b *bytes.Buffer) error { return GraphML(b, full, Options{}) }), 0o644))
	for _, alpha := range []float64{0.1, 0.2, 0.4} {
		t.Run(strconv.FormatFloat(alpha, 'g', -1, 64), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(py, filepath.Join("testdata", "backbone.py"), p, strconv.FormatFloat(alpha, 'g', -1, 64))
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run(), "backbone.py failed:\n%s", stderr.String())
			var want [][2]string
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &want))
			g, err := graph.Build(papers, graph.Options{Backbone: alpha})
			require.NoError(t, err)
			var got [][2]string
			for _, e := range g.Edges() {
				if e.Relation == graph.Shares {
					got = append(got, [2]string{e.Source, e.Target})
				}
			}
			require.NotEmpty(t, got)
			assert.Less(t, len(got), full.Stats().Shares, "the filter cuts something")
			assert.Equal(t, want, got)
			assert.Equal(t, full.Stats().Shares-len(got), g.Stats().BackboneCut)
		})
	}
}
