package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph/graph"
)

// The three JSON forms share the node and edge attributes below; they
// differ in how they wrap them. Objects are written from structs, so keys
// come in a fixed order, and one node or edge at a time, so memory stays
// flat however large the graph. encoding/json escapes <, > and & (the
// output is safe to inline in an HTML <script>) and replaces bytes that
// are not UTF-8 with U+FFFD; other text is kept as is (JSON can carry
// control characters, XML cannot).

// jsonNode holds a node's attributes in every JSON form.
type jsonNode struct {
	Label     string   `json:"label"`
	Kind      string   `json:"kind,omitempty"`
	Title     string   `json:"title,omitempty"`
	URL       string   `json:"url,omitempty"`
	ArXiv     string   `json:"arxiv,omitempty"`
	DOI       string   `json:"doi,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Year      int      `json:"year,omitempty"`
	Community *int     `json:"community,omitempty"`
	External  bool     `json:"external"`
	Family    string   `json:"family,omitempty"`
	Papers    int      `json:"papers,omitempty"`
	Size      float64  `json:"size"`
	Color     string   `json:"color"`
}

func newJSONNode(n *graph.Node) jsonNode {
	j := jsonNode{
		Label: label(n), Kind: string(n.Kind), Title: n.Title, URL: n.URL, ArXiv: n.ArXiv, DOI: n.DOI,
		Authors: n.Authors, Year: n.Year, External: n.External, Family: n.Family, Papers: n.Papers,
		Size: Size(*n), Color: Color(*n).Hex(),
	}
	if n.Community >= 0 {
		c := n.Community
		j.Community = &c
	}
	return j
}

// jsonEdge holds an edge's attributes in every JSON form. Directed is
// false for shares edges (symmetric), true otherwise.
type jsonEdge struct {
	Relation string   `json:"relation"`
	Weight   float64  `json:"weight"`
	Directed bool     `json:"directed"`
	Evidence string   `json:"evidence,omitempty"`
	Shared   []string `json:"shared,omitempty"`
}

func newJSONEdge(e *graph.Edge) jsonEdge {
	return jsonEdge{Relation: string(e.Relation), Weight: e.Weight, Directed: !undirected(e), Evidence: e.Evidence, Shared: e.Shared}
}

// jsonMeta names the graph and describes how the file was made.
type jsonMeta struct {
	Name        string `json:"name"`
	Creator     string `json:"creator"`
	Description string `json:"description,omitempty"`
}

func newJSONMeta(opt Options) jsonMeta {
	return jsonMeta{Name: "papergraph", Creator: opt.creator(), Description: opt.Description}
}

// point is a position in JSON.
type point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// screen returns node id's position with y growing downwards, as
// Cytoscape.js, D3 and SVG draw: x, Height−y. Nil without a layout.
func screen(l *Layout, id string) *point {
	p, ok := l.Position(id)
	if !ok {
		return nil
	}
	return &point{X: p.X, Y: l.Height - p.Y}
}

// jsonWriter streams a JSON document of literal text and marshalled
// values.
type jsonWriter struct {
	*sink
	buf bytes.Buffer  // one value at a time
	enc *json.Encoder // into buf; escapes HTML characters, as json.Marshal does
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	j := &jsonWriter{sink: newSink(w)}
	j.enc = json.NewEncoder(&j.buf)
	return j
}

// value writes v as compact JSON (without the newline Encode adds).
func (j *jsonWriter) value(v any) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		j.err = err
		return
	}
	b := j.buf.Bytes()
	j.Write(b[:len(b)-1])
}

// next starts the i-th item of a list, one per line, comma-separated; it
// reports false once marshalling or writing has failed.
func (j *jsonWriter) next(i int) bool {
	if j.err != nil || j.failed() {
		return false
	}
	if i > 0 {
		j.WriteString(",\n")
	} else {
		j.WriteString("\n")
	}
	return true
}

// nodeList writes the nodes of g with item(n), then closes the line.
func (j *jsonWriter) nodeList(g *graph.Graph, item func(n *graph.Node)) {
	nodes := g.Nodes()
	for i := range nodes {
		if !j.next(i) {
			break
		}
		item(&nodes[i])
	}
	j.WriteString("\n")
}

// edgeList writes the edges of g with item(i, e), i the edge's index.
func (j *jsonWriter) edgeList(g *graph.Graph, item func(i int, e *graph.Edge)) {
	i := 0
	e := new(graph.Edge) // reused, see GraphML
	for edge := range g.AllEdges() {
		if !j.next(i) {
			break
		}
		*e = edge
		item(i, e)
		i++
	}
	j.WriteString("\n")
}

func (j *jsonWriter) close(format string) error {
	if j.err != nil {
		return fmt.Errorf("export: %s: %w", format, j.err)
	}
	return j.sink.close(format)
}

// CytoscapeJSON writes g as Cytoscape.js elements JSON, which
// cytoscape({elements: ...}), cy.json() and Cytoscape desktop (File >
// Import > Network from File, .cyjs) read:
//
//	{"data": {"name": "papergraph", "creator": ..., "description": ...},
//	 "elements": {
//	  "nodes": [{"data": {"id", "label", "kind", ..., "size", "color"}, "position": {"x", "y"}}],
//	  "edges": [{"data": {"id", "source", "target", "relation", "weight", "directed", ...}}]}}
//
// Positions (when opt.Layout is set) have y growing downwards, as
// Cytoscape.js draws: (x, Layout.Height − y). Colours are "#rrggbb"
// ([Color]), sizes [Size]; style with data(color), data(size). Edge IDs
// e0, e1, ... share Cytoscape's one ID namespace with node IDs: a node
// called like an edge is refused with [ErrIDClash].
func CytoscapeJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "cytoscape json"
	if err := check(format, g, opt); err != nil {
		return err
	}
	for _, n := range g.Nodes() {
		if k, err := strconv.Atoi(strings.TrimPrefix(n.ID, "e")); err == nil && k >= 0 && k < g.NumEdges() && edgeID(k) == n.ID {
			return fmt.Errorf("export: %s: node id %q is also an edge id: %w", format, n.ID, ErrIDClash)
		}
	}
	type cyNodeData struct {
		ID string `json:"id"`
		jsonNode
	}
	type cyNode struct {
		Data     cyNodeData `json:"data"`
		Position *point     `json:"position,omitempty"`
	}
	type cyEdgeData struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		Target string `json:"target"`
		jsonEdge
	}
	type cyEdge struct {
		Data cyEdgeData `json:"data"`
	}
	j := newJSONWriter(w)
	j.WriteString(`{"data":`)
	j.value(newJSONMeta(opt))
	j.WriteString(",\n" + `"elements":{"nodes":[`)
	j.nodeList(g, func(n *graph.Node) {
		j.value(cyNode{Data: cyNodeData{ID: n.ID, jsonNode: newJSONNode(n)}, Position: screen(opt.Layout, n.ID)})
	})
	j.WriteString(`],"edges":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		j.value(cyEdge{Data: cyEdgeData{ID: edgeID(i), Source: e.Source, Target: e.Target, jsonEdge: newJSONEdge(e)}})
	})
	j.WriteString("]}}\n")
	return j.close(format)
}

// NodeLinkJSON writes g in the node-link form that D3 (d3-force:
// nodes, links with source/target IDs) and networkx
// (json_graph.node_link_graph) read:
//
//	{"directed": true, "multigraph": false, "graph": {"name", "creator", "description"},
//	 "nodes": [{"id", "label", "kind", ..., "size", "color", "x", "y"}],
//	 "links": [{"source", "target", "id", "relation", "weight", "directed", ...}]}
//
// x and y (when opt.Layout is set) have y growing downwards, as D3 and SVG
// draw: (x, Layout.Height − y); d3-force starts from them. "multigraph"
// is true when two edges join the same (source, target) with different
// relations; links then carry "key": the relation, which networkx uses as
// the MultiDiGraph edge key.
func NodeLinkJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "node-link json"
	if err := check(format, g, opt); err != nil {
		return err
	}
	type nlNode struct {
		ID string `json:"id"`
		jsonNode
		X *float64 `json:"x,omitempty"`
		Y *float64 `json:"y,omitempty"`
	}
	type nlLink struct {
		Source string `json:"source"`
		Target string `json:"target"`
		Key    string `json:"key,omitempty"`
		ID     string `json:"id"`
		jsonEdge
	}
	multi := multigraph(g, true)
	j := newJSONWriter(w)
	fmt.Fprintf(j, `{"directed":true,"multigraph":%t,"graph":`, multi)
	j.value(newJSONMeta(opt))
	j.WriteString(",\n" + `"nodes":[`)
	j.nodeList(g, func(n *graph.Node) {
		v := nlNode{ID: n.ID, jsonNode: newJSONNode(n)}
		if p := screen(opt.Layout, n.ID); p != nil {
			v.X, v.Y = &p.X, &p.Y
		}
		j.value(v)
	})
	j.WriteString(`],` + "\n" + `"links":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		v := nlLink{Source: e.Source, Target: e.Target, ID: edgeID(i), jsonEdge: newJSONEdge(e)}
		if multi {
			v.Key = string(e.Relation)
		}
		j.value(v)
	})
	j.WriteString("]}\n")
	return j.close(format)
}

// GraphologyJSON writes g in graphology's serialisation format, which
// graph.import(data) / Graph.from(data) read and sigma.js draws directly:
//
//	{"attributes": {"name", "creator", "description"},
//	 "options": {"type": "mixed", "multi": false, "allowSelfLoops": true},
//	 "nodes": [{"key", "attributes": {"label", "x", "y", "size", "color", "kind", ...}}],
//	 "edges": [{"key", "source", "target", "undirected": true?, "attributes": {"relation", "weight", ...}}]}
//
// The graph is mixed: shares edges are undirected, mentions and cites
// directed. "multi" is true when two edges join the same pair of nodes.
// x and y (when opt.Layout is set) are the layout's own, y growing
// upwards as in Gephi and sigma.js; sigma.js needs them (without a layout,
// run a graphology layout first). sigma.js reads label, x, y, size and
// color as they are.
func GraphologyJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "graphology json"
	if err := check(format, g, opt); err != nil {
		return err
	}
	type goNodeAttrs struct {
		jsonNode
		X *float64 `json:"x,omitempty"`
		Y *float64 `json:"y,omitempty"`
	}
	type goNode struct {
		Key        string      `json:"key"`
		Attributes goNodeAttrs `json:"attributes"`
	}
	type goEdge struct {
		Key        string   `json:"key"`
		Source     string   `json:"source"`
		Target     string   `json:"target"`
		Undirected bool     `json:"undirected,omitempty"`
		Attributes jsonEdge `json:"attributes"`
	}
	j := newJSONWriter(w)
	j.WriteString(`{"attributes":`)
	j.value(newJSONMeta(opt))
	fmt.Fprintf(j, ",\n"+`"options":{"type":"mixed","multi":%t,"allowSelfLoops":true},`+"\n"+`"nodes":[`, multigraph(g, false))
	j.nodeList(g, func(n *graph.Node) {
		v := goNode{Key: n.ID, Attributes: goNodeAttrs{jsonNode: newJSONNode(n)}}
		if p, ok := opt.Layout.Position(n.ID); ok {
			v.Attributes.X, v.Attributes.Y = &p.X, &p.Y
		}
		j.value(v)
	})
	j.WriteString(`],` + "\n" + `"edges":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		j.value(goEdge{Key: edgeID(i), Source: e.Source, Target: e.Target, Undirected: undirected(e), Attributes: newJSONEdge(e)})
	})
	j.WriteString("]}\n")
	return j.close(format)
}
