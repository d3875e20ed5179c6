package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/npmci"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The JavaScript readers (testdata/js: cytoscape, d3-force, graphology,
// graphology-gexf, graphology-graphml, and puppeteer-core for the viewer
// test, versions pinned by its
// package-lock.json) are installed once with `npm ci` into the user cache
// directory, outside the repository. Without node and npm the test skips
// (fails under CI=true, like every external reader).

var jsInstall = sync.OnceValues(func() (string, error) {
	return npmci.Install(filepath.Join("testdata", "js"), "papergraph-export-js")
})

// jsReaders returns the node binary and a readers.mjs beside the
// installed node_modules.
func jsReaders(t *testing.T) (string, string) {
	t.Helper()
	return jsScript(t, "readers.mjs")
}

// jsScript returns the node binary and a copy of testdata/js/name beside
// the installed node_modules, so that its imports resolve.
func jsScript(t *testing.T, name string) (string, string) {
	t.Helper()
	node := need(t, "node")
	need(t, "npm")
	dir, err := jsInstall()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("javascript readers are required under CI=true: %v", err)
		}
		t.Skipf("javascript readers not installed: %v", err)
	}
	script, err := os.ReadFile(filepath.Join("testdata", "js", name))
	require.NoError(t, err)
	f, err := os.CreateTemp(dir, strings.TrimSuffix(name, ".mjs")+"-*.mjs")
	require.NoError(t, err)
	t.Cleanup(func() { os.Remove(f.Name()) })
	_, err = f.Write(script)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return node, f.Name()
}

// jsSummary is what readers.mjs prints: attributes as [JS type, value].
type jsSummary struct {
	Class    string                      `json:"class"`
	Directed bool                        `json:"directed"`
	Nodes    map[string]map[string][]any `json:"nodes"`
	Edges    map[string]map[string][]any `json:"edges"`
	Warnings []string                    `json:"warnings"`
}

// TestJSReaders loads what we write with the JavaScript libraries web
// viewers use: Cytoscape.js, D3's force layout, graphology (sigma.js's
// graph) and graphology's GEXF and GraphML parsers (how sigma.js apps load
// Gephi files). Every node keeps its label, position, size and colour,
// every edge its relation and weight.
func TestJSReaders(t *testing.T) {
	node, script := jsReaders(t)
	small, hostile, big := smallGraph(t), hostileGraph(t), randomGraph(t, 300, 7)
	graphs := []struct {
		name string
		g    *graph.Graph
		opt  Options
	}{
		{"small", small, Options{Layout: layoutFor(small)}},
		{"small-mixed", small, Options{Layout: layoutFor(small), UndirectedShares: true}},
		{"small-gephi", small, Options{Layout: layoutFor(small), Shares: SharesGephi}},
		{"hostile", hostile, Options{Layout: layoutFor(hostile)}},
		{"random-300", big, Options{Layout: layoutFor(big)}},
	}
	readers := []struct {
		reader string
		w      writerFunc
		text   func(string) string
		screen bool // y grows downwards
		color  func(RGB) string
	}{
		{"cytoscape", CytoscapeJSON, validUTF8, true, RGB.Hex},
		{"d3-force", NodeLinkJSON, validUTF8, true, RGB.Hex},
		{"graphology", GraphologyJSON, validUTF8, false, RGB.Hex},
		{"graphology-gexf", GEXF, xmlSafe, false, func(c RGB) string { return fmt.Sprintf("rgb(%d,%d,%d)", c.R, c.G, c.B) }},
		{"graphology-graphml", GraphML, xmlSafe, false, RGB.Hex},
	}
	for _, gc := range graphs {
		for _, r := range readers {
			t.Run(gc.name+"/"+r.reader, func(t *testing.T) {
				t.Parallel()
				path := filepath.Join(t.TempDir(), "graph")
				require.NoError(t, os.WriteFile(path, write(t, func(b *bytes.Buffer) error { return r.w(b, gc.g, gc.opt) }), 0o644))
				var stdout, stderr bytes.Buffer
				cmd := exec.Command(node, script, r.reader, path)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				require.NoError(t, cmd.Run(), "%s could not load the file:\n%s", r.reader, stderr.String())
				var s jsSummary
				require.NoError(t, json.Unmarshal(stdout.Bytes(), &s))
				assert.Empty(t, s.Warnings, "the reader warned")
				require.Len(t, s.Nodes, len(gc.g.Nodes()), "node count")
				require.Len(t, s.Edges, len(gc.g.Edges()), "edge count (no edge merged, dropped or dangling)")
				val := func(m map[string][]any, k string) (string, any) {
					if tv, ok := m[k]; ok && len(tv) == 2 {
						return tv[0].(string), tv[1]
					}
					return "", nil
				}
				for _, n := range gc.g.Nodes() {
					m, ok := s.Nodes[r.text(n.ID)]
					require.True(t, ok, "node %q missing", n.ID)
					_, v := val(m, "label")
					assert.Equal(t, r.text(label(&n)), v, "node %q: label", n.ID)
					typ, v := val(m, "size")
					assert.Equal(t, "number", typ, "node %q: size", n.ID)
					assert.InDelta(t, Size(n), v, 1e-9)
					_, v = val(m, "color")
					assert.Equal(t, r.color(Color(n)), v, "node %q: color", n.ID)
					p := gc.opt.Layout.Pos[n.ID]
					if r.screen {
						p.Y = gc.opt.Layout.Height - p.Y
					}
					for k, want := range map[string]float64{"x": p.X, "y": p.Y} {
						typ, v = val(m, k)
						if assert.Equal(t, "number", typ, "node %q: %s (sigma.js needs numbers)", n.ID, k) {
							assert.InDelta(t, want, v, 1e-9, "node %q: %s", n.ID, k)
						}
					}
				}
				for _, e := range gc.g.Edges() {
					key := r.text(e.Source) + "|" + r.text(e.Target) + "|" + string(e.Relation)
					m, ok := s.Edges[key]
					require.True(t, ok, "edge %s missing", key)
					typ, v := val(m, "weight")
					assert.Equal(t, "number", typ, "edge %s: weight", key)
					assert.InDelta(t, e.Weight, v, 1e-9)
					if r.reader == "cytoscape" || r.reader == "d3-force" || r.reader == "graphology" {
						_, v = val(m, "color")
						assert.Equal(t, EdgeColor(e).Hex(), v, "edge %s: color", key)
						width := "width"
						if r.reader == "graphology" {
							width = "size" // sigma.js's name
						}
						_, v = val(m, width)
						assert.InDelta(t, EdgeWidth(e), v, 1e-9, "edge %s: %s", key, width)
					}
					switch r.reader {
					case "graphology": // sigma.js draws type "line" without an arrowhead
						_, v = val(m, "type")
						assert.Equal(t, map[bool]string{true: "line", false: "arrow"}[e.Relation == graph.Shares], v, "edge %s: type", key)
					case "cytoscape": // for target-arrow-shape: data(arrow)
						_, v = val(m, "arrow")
						assert.Equal(t, map[bool]string{true: "none", false: "triangle"}[e.Relation == graph.Shares], v, "edge %s: arrow", key)
					}
					if e.Evidence != "" {
						_, v = val(m, "evidence")
						assert.Equal(t, r.text(e.Evidence), v, "edge %s: evidence", key)
					}
					// graphology-graphml ignores directed="false" in a
					// directed graph; graphology-gexf honours type="undirected".
					if _, v := val(m, "undirected"); v != nil && (r.reader == "graphology" || r.reader == "graphology-gexf" && gc.opt.gexfUndirected()) {
						assert.Equal(t, e.Relation == graph.Shares, v, "edge %s: shares edges are undirected", key)
					}
				}
			})
		}
	}
}
