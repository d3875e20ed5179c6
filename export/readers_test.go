package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readerSummary is what testdata/readers.py prints: attributes as
// [python type name, value].
type readerSummary struct {
	Class    string                                `json:"class"`
	Directed bool                                  `json:"directed"`
	Nodes    map[string]map[string]json.RawMessage `json:"nodes"`
	Edges    map[string]map[string]json.RawMessage `json:"edges"`
}

// attr returns an attribute's python type name and value ("" when absent).
func (s readerSummary) attr(t *testing.T, m map[string]json.RawMessage, name string) (string, any) {
	t.Helper()
	raw, ok := m[name]
	if !ok {
		return "", nil
	}
	var tv []any
	require.NoError(t, json.Unmarshal(raw, &tv))
	require.Len(t, tv, 2)
	return tv[0].(string), tv[1]
}

// readerResult is one file's result from readers.py.
type readerResult struct {
	OK    *readerSummary `json:"ok"`
	Error string         `json:"error"`
}

// readJob is one file for one reader of readers.py.
type readJob struct{ reader, path string }

// readAll loads every file with its reader in one python process (python
// and networkx start once) and returns the results in order.
func readAll(t *testing.T, jobs []readJob) []readerResult {
	t.Helper()
	py := needPython(t, "networkx", "igraph")
	args := []string{filepath.Join("testdata", "readers.py")}
	for _, j := range jobs {
		args = append(args, j.reader, j.path)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "readers.py failed:\n%s", stderr.String())
	var out []readerResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	require.Len(t, out, len(jobs))
	return out
}

// readWith loads one file with one reader, which must accept it.
func readWith(t *testing.T, reader, path string) readerSummary {
	t.Helper()
	r := readAll(t, []readJob{{reader, path}})[0]
	require.Empty(t, r.Error, "%s could not load %s", reader, path)
	return *r.OK
}

// TestRealReaders loads what we write with networkx (GraphML, GEXF,
// node-link JSON) and igraph (GraphML) and checks counts, attribute names,
// types and values node by node and edge by edge, on the small graph, the
// hostile one and a random 300-paper one.
func TestRealReaders(t *testing.T) {
	small, hostile, big := smallGraph(t), hostileGraph(t), randomGraph(t, 300, 7)
	graphs := []struct {
		name string
		g    *graph.Graph
		opt  Options
	}{
		{"small", small, Options{Layout: layoutFor(small), Version: "v1", Description: "d", Shared: true}},
		{"small-no-layout", small, Options{}},
		{"hostile", hostile, Options{Layout: layoutFor(hostile)}},
		{"random-300", big, Options{Layout: layoutFor(big)}},
	}
	formats := []struct {
		reader string
		write  func(*bytes.Buffer, *graph.Graph, Options) error
		// text is what a string reads back as.
		text func(string) string
		// ints: integer columns come back as python int (igraph makes
		// every number a float).
		ints bool
	}{
		{"networkx-graphml", wrap(GraphML), xmlSafe, true},
		{"igraph-graphml", wrap(GraphML), xmlSafe, false},
		{"networkx-gexf", wrap(GEXF), xmlSafe, true},
		{"networkx-nodelink", wrap(NodeLinkJSON), validUTF8, true},
	}
	dir := t.TempDir()
	var jobs []readJob
	for i, gc := range graphs {
		for j, f := range formats {
			path := filepath.Join(dir, fmt.Sprintf("%d-%d", i, j))
			require.NoError(t, os.WriteFile(path, write(t, func(b *bytes.Buffer) error { return f.write(b, gc.g, gc.opt) }), 0o644))
			jobs = append(jobs, readJob{f.reader, path})
		}
	}
	results := readAll(t, jobs)
	for i, gc := range graphs {
		for j, f := range formats {
			t.Run(gc.name+"/"+f.reader, func(t *testing.T) {
				r := results[i*len(formats)+j]
				require.Empty(t, r.Error, "%s could not load the file", f.reader)
				s := *r.OK
				assert.True(t, s.Directed, "graph must load directed")
				require.Len(t, s.Nodes, len(gc.g.Nodes()), "node count")
				require.Len(t, s.Edges, len(gc.g.Edges()), "edge count (no edge merged or lost)")
				for _, n := range gc.g.Nodes() {
					m, ok := s.Nodes[f.text(n.ID)]
					require.True(t, ok, "node %q missing", n.ID)
					typ, v := s.attr(t, m, "label")
					assert.Equal(t, "str", typ, "node %q: label type", n.ID)
					assert.Equal(t, f.text(label(&n)), v, "node %q: label must survive intact", n.ID)
					typ, v = s.attr(t, m, "kind")
					assert.Equal(t, "str", typ)
					assert.Equal(t, string(n.Kind), v)
					if n.Title != "" {
						_, v = s.attr(t, m, "title")
						assert.Equal(t, f.text(n.Title), v, "node %q: title", n.ID)
					}
					typ, v = s.attr(t, m, "size")
					assert.Contains(t, numberTypes, typ, "node %q: size type", n.ID)
					assert.InDelta(t, Size(n), v, 1e-9)
					c := Color(n)
					if strings.HasSuffix(f.reader, "nodelink") {
						_, v = s.attr(t, m, "color")
						assert.Equal(t, c.Hex(), v)
					} else {
						for name, want := range map[string]uint8{"r": c.R, "g": c.G, "b": c.B} {
							typ, v = s.attr(t, m, name)
							if f.ints {
								assert.Equal(t, "int", typ, "node %q: %s must be an integer", n.ID, name)
							}
							assert.EqualValues(t, want, v, "node %q: %s", n.ID, name)
						}
					}
					if p, ok := gc.opt.Layout.Position(n.ID); ok {
						want := p
						if strings.HasSuffix(f.reader, "nodelink") {
							want.Y = gc.opt.Layout.Height - p.Y
						}
						for name, w := range map[string]float64{"x": want.X, "y": want.Y} {
							typ, v = s.attr(t, m, name)
							assert.Contains(t, numberTypes, typ, "node %q: %s type", n.ID, name)
							assert.InDelta(t, w, v, 1e-9, "node %q: %s", n.ID, name)
						}
					} else {
						typ, _ = s.attr(t, m, "x")
						assert.Empty(t, typ, "no layout, no x")
					}
					if n.Year != 0 && f.ints {
						typ, v = s.attr(t, m, "year")
						assert.Equal(t, "int", typ)
						assert.EqualValues(t, n.Year, v)
					}
					typ, v = s.attr(t, m, "external")
					assert.Equal(t, "bool", typ, "node %q: external type", n.ID)
					assert.Equal(t, n.External, v)
					for _, c := range nodeColumns {
						want := pythonTypes(c.typ, f.ints)
						if c.list && strings.HasSuffix(f.reader, "nodelink") {
							want = []string{"list"} // JSON keeps lists
						}
						if c.typ == typeDouble && strings.HasSuffix(f.reader, "nodelink") {
							want = numberTypes
						}
						if typ, _ := s.attr(t, m, c.name); typ != "" && typ != "nan" {
							assert.Contains(t, want, typ, "node %q: %s type", n.ID, c.name)
						}
					}
				}
				if gc.name == "small" && !strings.HasSuffix(f.reader, "nodelink") {
					// Every column has a value on some node of the small
					// graph, so the reader must list exactly these names.
					want := map[string]bool{"label": true, "x": true, "y": true, "size": true, "r": true, "g": true, "b": true}
					for _, c := range nodeColumns {
						want[c.name] = true
					}
					if f.reader == "igraph-graphml" {
						want["id"] = true
					}
					got := map[string]bool{}
					for _, m := range s.Nodes {
						for k := range m {
							got[k] = true
						}
					}
					assert.Equal(t, want, got, "node attribute names")
					wantEdge := map[string]bool{"weight": true}
					for _, c := range edgeColumnsOf(rows{g: gc.g}, gc.opt) {
						wantEdge[c.name] = true
					}
					if f.reader != "networkx-graphml" {
						wantEdge["id"] = true // networkx keeps GEXF edge ids, igraph GraphML ones
					}
					if f.reader == "networkx-gexf" {
						wantEdge["label"] = true
					}
					gotEdge := map[string]bool{}
					for _, m := range s.Edges {
						for k := range m {
							gotEdge[k] = true
						}
					}
					assert.Equal(t, wantEdge, gotEdge, "edge attribute names")
				}
				for _, e := range gc.g.Edges() {
					key := f.text(e.Source) + "|" + f.text(e.Target) + "|" + string(e.Relation)
					m, ok := s.Edges[key]
					require.True(t, ok, "edge %s missing", key)
					typ, v := s.attr(t, m, "weight")
					assert.Contains(t, []string{"float", "int"}, typ, "edge %s: weight type", key)
					assert.InDelta(t, e.Weight, v, 1e-9)
					if e.Evidence != "" {
						_, v = s.attr(t, m, "evidence")
						assert.Equal(t, f.text(e.Evidence), v, "edge %s: evidence", key)
					}
					switch typ, v := s.attr(t, m, sharedColumn); {
					case !gc.opt.Shared:
						assert.Empty(t, typ, "edge %s: no shared list unless asked", key)
					case len(e.Shared) > 0 && !strings.HasSuffix(f.reader, "nodelink"):
						assert.Equal(t, f.text(strings.Join(e.Shared, listSep)), v, "edge %s: shared", key)
					}
				}
			})
		}
	}
}

// pythonTypes are the python types a reader may give a column of type t:
// igraph makes every number a float.
func pythonTypes(t valueType, ints bool) []string {
	switch t {
	case typeInt:
		if ints {
			return []string{"int"}
		}
		return []string{"float"}
	case typeDouble:
		return []string{"float"}
	case typeBool:
		return []string{"bool"}
	}
	return []string{"str"}
}

// numberTypes: XML readers give floats; JSON has one number type, which
// python reads as int when the value is integral.
var numberTypes = []string{"float", "int"}

func wrap(f func(w io.Writer, g *graph.Graph, opt Options) error) func(*bytes.Buffer, *graph.Graph, Options) error {
	return func(b *bytes.Buffer, g *graph.Graph, opt Options) error { return f(b, g, opt) }
}

// TestMixedSharesRefusedByNetworkx documents why UndirectedShares is off
// by default: networkx rejects a GraphML or GEXF that mixes directed and
// undirected edges, while igraph reads it (as all directed).
func TestMixedSharesRefusedByNetworkx(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g), UndirectedShares: true}
	dir := t.TempDir()
	gml, gexf := filepath.Join(dir, "mixed.graphml"), filepath.Join(dir, "mixed.gexf")
	require.NoError(t, os.WriteFile(gml, write(t, func(b *bytes.Buffer) error { return GraphML(b, g, opt) }), 0o644))
	require.NoError(t, os.WriteFile(gexf, write(t, func(b *bytes.Buffer) error { return GEXF(b, g, opt) }), 0o644))
	res := readAll(t, []readJob{{"networkx-graphml", gml}, {"networkx-gexf", gexf}, {"igraph-graphml", gml}})
	for _, r := range res[:2] {
		require.Nil(t, r.OK, "networkx accepted a mixed file; if it reads them now, reconsider the default")
		assert.Contains(t, strings.ToLower(r.Error), "directed", "networkx refuses it for mixing directions")
	}
	require.Empty(t, res[2].Error)
	assert.Len(t, res[2].OK.Edges, len(g.Edges()), "igraph reads it, all edges directed")
}

// TestXMLLint checks GraphML and GEXF with libxml2's parser.
func TestXMLLint(t *testing.T) {
	xmllint := need(t, "xmllint")
	for name, c := range conformanceCases(t) {
		for ext, f := range map[string]func(*bytes.Buffer) error{
			"graphml": func(b *bytes.Buffer) error { return GraphML(b, c.g, c.opt) },
			"gexf":    func(b *bytes.Buffer) error { return GEXF(b, c.g, c.opt) },
		} {
			t.Run(name+"/"+ext, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "g."+ext)
				require.NoError(t, os.WriteFile(path, write(t, f), 0o644))
				out, err := exec.Command(xmllint, "--noout", path).CombinedOutput()
				assert.NoError(t, err, "xmllint: %s", out)
				assert.Empty(t, string(out))
			})
		}
	}
}

// TestSharesGephi: with [SharesGephi] (the command's default) Gephi's own
// format marks shares edges undirected, so Gephi draws them without
// arrowheads, while the GraphML stays all directed and networkx and
// igraph read it whole; networkx's GEXF reader refuses the mixed GEXF
// (-shares directed is for it).
func TestSharesGephi(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g), Shares: SharesGephi}
	dir := t.TempDir()
	gml, gexf := filepath.Join(dir, "g.graphml"), filepath.Join(dir, "g.gexf")
	gmlBytes := write(t, func(b *bytes.Buffer) error { return GraphML(b, g, opt) })
	gexfBytes := write(t, func(b *bytes.Buffer) error { return GEXF(b, g, opt) })
	require.NoError(t, os.WriteFile(gml, gmlBytes, 0o644))
	require.NoError(t, os.WriteFile(gexf, gexfBytes, 0o644))
	assert.Equal(t, string(write(t, func(b *bytes.Buffer) error { return GraphML(b, g, Options{Layout: opt.Layout}) })), string(gmlBytes),
		"GraphML is the same as with every edge directed")
	shares := 0
	for _, e := range g.Edges() {
		if e.Relation == graph.Shares {
			shares++
		}
	}
	require.Positive(t, shares)
	assert.Equal(t, shares, strings.Count(string(gexfBytes), `type="undirected"`), "every shares edge, and only they, undirected in GEXF")
	res := readAll(t, []readJob{{"networkx-graphml", gml}, {"igraph-graphml", gml}, {"networkx-gexf", gexf}})
	for _, r := range res[:2] {
		require.Empty(t, r.Error)
		assert.Len(t, r.OK.Edges, len(g.Edges()))
	}
	assert.Nil(t, res[2].OK, "networkx reads no mixed GEXF")
}
