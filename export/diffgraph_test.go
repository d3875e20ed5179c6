package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDiffGraphReaders: the GraphML of a diff graph (graph.Compare) is
// read by networkx with every node's and edge's status. (Its edge status
// key has id edge_status and attr.name status: GraphML key ids are unique
// across nodes and edges, so it is the one key whose id is not its name;
// Gephi, matching no property by that id, takes the name.)
func TestDiffGraphReaders(t *testing.T) {
	old, err := graph.Build(builtPapers(60, 5), graph.Options{})
	require.NoError(t, err)
	new, err := graph.Build(builtPapers(80, 5), graph.Options{})
	require.NoError(t, err)
	d, err := graph.Compare(old, new)
	require.NoError(t, err)
	out := write(t, func(b *bytes.Buffer) error { return GraphML(b, d.Graph, Options{}) })
	py := needPython(t, "networkx")
	p := filepath.Join(t.TempDir(), "diff.graphml")
	require.NoError(t, os.WriteFile(p, out, 0o644))
	script := `import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({"nodes": {g.nodes[n]["nid"]: g.nodes[n]["status"] for n in g.nodes},
  "edges": sorted([d["status"] for _, _, d in g.edges(data=True)])}))`
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, "-c", script, p)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	var got struct {
		Nodes map[string]string
		Edges []string
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &got))
	require.Len(t, got.Nodes, len(d.Graph.Nodes()))
	counts := map[string]int{}
	for _, n := range d.Graph.Nodes() {
		assert.Equal(t, string(n.Status), got.Nodes[n.ID], n.ID)
		counts[string(n.Status)]++
	}
	assert.NotZero(t, counts["added"])
	assert.NotZero(t, counts["kept"])
	assert.Len(t, got.Edges, d.Graph.NumEdges())
}
