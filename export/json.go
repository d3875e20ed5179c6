package export

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph/graph"
)

// The three JSON forms share the node and edge attributes below; they
// differ in how they wrap them. Objects are written field by field, in a
// fixed order, and one node or edge at a time, so memory stays flat however
// large the graph. The bytes are those encoding/json gives for the structs
// documented on each writer (json.Marshal, compact): strings escape <, >
// and & (the output is safe to inline in an HTML <script>), U+2028 and
// U+2029, and replace bytes that are not UTF-8 with \ufffd; other text is
// kept as is (JSON can carry control characters, XML cannot). Numbers are
// written as encoding/json writes float64 and int. legacy_test.go keeps the
// reflection-based writers this replaced, and the tests compare the two.

// jsonWriter streams a JSON document into a sink.
type jsonWriter struct {
	*sink
	err    error      // a value JSON cannot carry
	floats *floatMemo // of appendJSONFloat, made at the first float
}

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{sink: newSink(w)} }

// str writes s as a JSON string.
func (j *jsonWriter) str(s string) { j.b = appendJSONString(j.b, s) }

// float writes v as a JSON number.
func (j *jsonWriter) float(v float64) {
	if j.floats == nil {
		j.floats = new(floatMemo)
	}
	j.b = j.floats.append(j.b, v, appendJSONFloat)
}

// strs writes l as a JSON array of strings.
func (j *jsonWriter) strs(l []string) {
	j.WriteString("[")
	for i, s := range l {
		if i > 0 {
			j.WriteString(",")
		}
		j.str(s)
	}
	j.WriteString("]")
}

// bool writes v as true or false.
func (j *jsonWriter) bool(v bool) { j.b = strconv.AppendBool(j.b, v) }

// edgeID writes the i-th edge's ID as a JSON string.
func (j *jsonWriter) edgeID(i int) {
	j.b = append(j.b, '"', 'e')
	j.b = strconv.AppendInt(j.b, int64(i), 10)
	j.b = append(j.b, '"')
}

// meta writes the object naming the graph and saying how the file was
// made: {"name":"papergraph","creator":...,"description":...}, the
// description left out when empty.
func (j *jsonWriter) meta(opt Options) {
	j.WriteString(`{"name":"papergraph","creator":`)
	j.str(opt.creator())
	if opt.Description != "" {
		j.WriteString(`,"description":`)
		j.str(opt.Description)
	}
	j.WriteString("}")
}

// node writes a node's attributes in every JSON form, without the braces
// around them: label, kind, title, url, arxiv, doi, authors, year,
// community, community_label, community_color, degree, weighted_degree, pagerank,
// betweenness, cited_by, external, family, introduces, papers, status
// (in the graph of a diff), size, color, in this order; kind to papers left out when empty or zero
// (community and cited_by when negative, pagerank and betweenness when not
// computed), except external, degree and weighted_degree.
func (j *jsonWriter) node(n *graph.Node, opt Options) {
	j.WriteString(`"label":`)
	j.str(label(n))
	j.optional(`,"kind":`, string(n.Kind))
	j.optional(`,"title":`, n.Title)
	j.optional(`,"url":`, n.URL)
	j.optional(`,"arxiv":`, n.ArXiv)
	j.optional(`,"doi":`, n.DOI)
	j.list(`,"authors":`, n.Authors)
	if n.Year != 0 {
		j.WriteString(`,"year":`)
		j.int(n.Year)
	}
	if n.Community >= 0 {
		j.WriteString(`,"community":`)
		j.int(n.Community)
	}
	j.optional(`,"community_label":`, n.CommunityLabel)
	if n.Community >= 0 {
		j.WriteString(`,"community_color":`)
		j.str(graph.CommunityColour(n.Community))
	}
	j.WriteString(`,"degree":`)
	j.int(n.Degree)
	j.WriteString(`,"weighted_degree":`)
	j.b = appendMeasure(j.b, n.Strength)
	if n.PageRank > 0 {
		j.WriteString(`,"pagerank":`)
		j.b = appendMeasure(j.b, n.PageRank)
		j.WriteString(`,"betweenness":`)
		j.b = appendMeasure(j.b, n.Betweenness)
	}
	if n.CitedBy >= 0 {
		j.WriteString(`,"cited_by":`)
		j.int(n.CitedBy)
	}
	j.WriteString(`,"external":`)
	j.bool(n.External)
	j.optional(`,"family":`, n.Family)
	j.list(`,"introduces":`, n.Introduces)
	if n.Papers != 0 {
		j.WriteString(`,"papers":`)
		j.int(n.Papers)
	}
	j.optional(`,"status":`, string(n.Status))
	j.WriteString(`,"size":`)
	j.float(Size(*n))
	j.WriteString(`,"color":"#`)
	j.b = appendHex(j.b, opt.nodeColor(n))
	j.WriteString(`"`)
}

// jsonForm is one of the three JSON forms, for what differs in how they
// carry an edge's style.
type jsonForm int

const (
	cytoscapeForm jsonForm = iota
	nodeLinkForm
	graphologyForm
)

// edge writes an edge's attributes in every JSON form, without the braces:
// relation, weight, directed (false for shares edges, which are
// symmetric), color ([EdgeColor], "#rrggbb"), the width ([EdgeWidth]) and
// arrowhead under the names the form's viewers read, then evidence and
// shared when not empty, and status in the graph of a diff. Cytoscape.js: "width" and "arrow" ("triangle",
// or "none" for shares edges), for the style mappers data(width) and
// data(arrow). Node-link (D3): "width". graphology: "size" and "type"
// ("arrow", or "line" for shares edges), which sigma.js reads as the
// edge's thickness and program.
func (j *jsonWriter) edge(e *graph.Edge, form jsonForm) {
	j.WriteString(`"relation":`)
	j.str(string(e.Relation))
	j.WriteString(`,"weight":`)
	j.float(e.Weight)
	j.WriteString(`,"directed":`)
	j.bool(!undirected(e))
	j.WriteString(`,"color":"#`)
	j.b = appendHex(j.b, EdgeColor(*e))
	j.WriteString(`"`)
	switch form {
	case cytoscapeForm:
		j.WriteString(`,"width":`)
		j.float(EdgeWidth(*e))
		if undirected(e) {
			j.WriteString(`,"arrow":"none"`)
		} else {
			j.WriteString(`,"arrow":"triangle"`)
		}
	case nodeLinkForm:
		j.WriteString(`,"width":`)
		j.float(EdgeWidth(*e))
	case graphologyForm:
		j.WriteString(`,"size":`)
		j.float(EdgeWidth(*e))
		if undirected(e) {
			j.WriteString(`,"type":"line"`)
		} else {
			j.WriteString(`,"type":"arrow"`)
		}
	}
	j.optional(`,"evidence":`, e.Evidence)
	j.list(`,"shared":`, e.Shared)
	j.optional(`,"status":`, string(e.Status))
}

// optional writes key and s unless s is empty.
func (j *jsonWriter) optional(key, s string) {
	if s != "" {
		j.WriteString(key)
		j.str(s)
	}
}

// list writes key and l as an array of strings unless l is empty.
func (j *jsonWriter) list(key string, l []string) {
	if len(l) == 0 {
		return
	}
	j.WriteString(key)
	j.strs(l)
}

// screenXY writes node id's position, key x then X, key y then Y, with y
// growing downwards as Cytoscape.js, D3 and SVG draw (x, Height−y), and
// reports whether the layout has one. A Y too large for a float64 fails
// the writer with [ErrNotFinite] (encoding/json refused it too).
func (j *jsonWriter) screenXY(l *Layout, id, x, y string) bool {
	p, ok := l.Position(id)
	if !ok {
		return false
	}
	sy := l.Height - p.Y
	if !finite(sy) {
		j.err = fmt.Errorf("position of %q on screen (height %g): %w", id, l.Height, ErrNotFinite)
	}
	j.WriteString(x)
	j.float(p.X)
	j.WriteString(y)
	j.float(sy)
	return true
}

// next starts the i-th item of a list, one per line, comma-separated; it
// reports false once a value or a write has failed.
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

// nodeList writes the nodes of r with item(n), then closes the line.
func (j *jsonWriter) nodeList(r rows, item func(n *graph.Node)) {
	i := 0
	err := r.each(func(n *graph.Node) bool {
		if !j.next(i) {
			return false
		}
		item(n)
		i++
		return true
	})
	if err != nil && j.err == nil {
		j.err = err
	}
	j.WriteString("\n")
}

// edgeList writes the edges of r, one per line and comma-separated, each
// with item(w, i, e): w is the writer to write to (edges are formatted on
// several goroutines, see [sink.writeEdges]), i the edge's index, and e
// the edge, with its shared list only when opt.Shared asks for it; item
// writes the edge's source and target with ends (e's are empty when ends
// has a table). Nothing once a value has failed.
func (j *jsonWriter) edgeList(r rows, opt Options, ends *ends, item func(w *jsonWriter, i int, e *graph.Edge)) {
	if j.err != nil {
		return
	}
	wrap := func(s *sink) *jsonWriter { return &jsonWriter{sink: s} }
	err := writeEdgesWith(j.sink, r, opt.Shared, ends, wrap, func(w *jsonWriter, i int, e *graph.Edge) {
		if i > 0 {
			w.WriteString(",\n")
		} else {
			w.WriteString("\n")
		}
		item(w, i, e)
	})
	if err != nil {
		j.err = err
	}
	j.WriteString("\n")
}

func (j *jsonWriter) close(format string) error {
	if j.err != nil {
		return fmt.Errorf("export: %s: %w", format, j.err)
	}
	return j.sink.close(format)
}

// appendHex appends c as rrggbb ([RGB.Hex] without the #).
func appendHex(dst []byte, c RGB) []byte {
	const digits = "0123456789abcdef"
	return append(dst, digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15])
}

// jsonSafe marks the ASCII bytes encoding/json copies as they are (with
// HTML escaping on): printable ASCII except ", \\, <, > and &.
var jsonSafe = func() (t [256]bool) {
	for c := byte(' '); c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping (json.Marshal, a default json.Encoder):
// \" \\ \b \f \n \r \t, \u00XX for the other control characters and
// for <, > and &, \u2028 and \u2029, and \ufffd for each byte that is not
// part of valid UTF-8.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		i = plainJSON(s, i)
		for end := min(i+8, len(s)); i < end; {
			c := s[i]
			if jsonSafe[c] {
				i++
				continue
			}
			if c < utf8.RuneSelf {
				dst = append(dst, s[start:i]...)
				switch c {
				case '\\', '"':
					dst = append(dst, '\\', c)
				case '\b':
					dst = append(dst, '\\', 'b')
				case '\f':
					dst = append(dst, '\\', 'f')
				case '\n':
					dst = append(dst, '\\', 'n')
				case '\r':
					dst = append(dst, '\\', 'r')
				case '\t':
					dst = append(dst, '\\', 't')
				default:
					dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
				}
				i++
				start = i
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			default:
				i += size
				continue
			}
			i += size
			start = i
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONFloat appends a finite v as encoding/json writes a float64:
// the shortest form that reads back exactly, in exponent notation below
// 1e-6 and from 1e21 (with at least one exponent digit: 1e-7, not 1e-07).
func appendJSONFloat(dst []byte, v float64) []byte {
	abs := math.Abs(v)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	if format == 'f' && v != 0 { // -0 is "-0"
		if d, ok := appendShortDecimal(dst, v); ok {
			return d
		}
	}
	dst = strconv.AppendFloat(dst, v, format, -1, 64)
	if format == 'e' {
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// CytoscapeJSON writes g as Cytoscape.js elements JSON, which
// cytoscape({elements: ...}), cy.json() and Cytoscape desktop (File >
// Import > Network from File, .cyjs) read:
//
//	{"data": {"name": "papergraph", "creator": ..., "description": ...},
//	 "elements": {
//	  "nodes": [{"data": {"id", "label", "kind", ..., "size", "color"}, "position": {"x", "y"}}],
//	  "edges": [{"data": {"id", "source", "target", "relation", "weight", "directed", "color", "width", "arrow", ...}}]}}
//
// Positions (when opt.Layout is set) have y growing downwards, as
// Cytoscape.js draws: (x, Layout.Height − y). Colours are "#rrggbb"
// ([Color]), sizes [Size]; style with data(color), data(size), and edges
// with data(color), data(width) and target-arrow-shape data(arrow) (no
// arrowhead on shares edges). Edge IDs
// e0, e1, ... share Cytoscape's one ID namespace with node IDs: a node
// called like an edge is refused with [ErrIDClash].
func CytoscapeJSON(w io.Writer, g *graph.Graph, opt Options) error {
	return cytoscapeJSON(w, rows{g: g}, opt)
}

func cytoscapeJSON(w io.Writer, r rows, opt Options) error {
	const format = "cytoscape json"
	if err := checkRows(format, r, opt); err != nil {
		return err
	}
	for id := range r.ids() {
		if len(id) < 2 || id[0] != 'e' {
			continue
		}
		if k, err := strconv.Atoi(strings.TrimPrefix(id, "e")); err == nil && k >= 0 && k < r.numEdges() && edgeID(k) == id {
			return fmt.Errorf("export: %s: node id %q is also an edge id: %w", format, id, ErrIDClash)
		}
	}
	j := newJSONWriter(w)
	j.WriteString(`{"data":`)
	j.meta(opt)
	j.WriteString(",\n" + `"elements":{"nodes":[`)
	j.nodeList(r, func(n *graph.Node) {
		j.WriteString(`{"data":{"id":`)
		j.str(n.ID)
		j.WriteString(",")
		j.node(n, opt)
		j.WriteString("}")
		if _, ok := opt.Layout.Position(n.ID); ok {
			j.WriteString(`,"position":{`)
			j.screenXY(opt.Layout, n.ID, `"x":`, `,"y":`)
			j.WriteString("}")
		}
		j.WriteString("}")
	})
	j.WriteString(`],"edges":[`)
	ends := endsOf(r, appendJSONString, jsonQuotes)
	j.edgeList(r, opt, ends, func(j *jsonWriter, i int, e *graph.Edge) {
		j.WriteString(`{"data":{"id":`)
		j.edgeID(i)
		j.WriteString(`,"source":`)
		j.b = ends.source(j.b, i, e)
		j.WriteString(`,"target":`)
		j.b = ends.target(j.b, i, e)
		j.WriteString(",")
		j.edge(e, cytoscapeForm)
		j.WriteString("}}")
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
//	 "links": [{"source", "target", "id", "relation", "weight", "directed", "color", "width", ...}]}
//
// x and y (when opt.Layout is set) have y growing downwards, as D3 and SVG
// draw: (x, Layout.Height − y); d3-force starts from them. "multigraph"
// is true when two edges join the same (source, target) with different
// relations; links then carry "key": the relation, which networkx uses as
// the MultiDiGraph edge key.
func NodeLinkJSON(w io.Writer, g *graph.Graph, opt Options) error {
	return nodeLinkJSON(w, rows{g: g}, opt)
}

func nodeLinkJSON(w io.Writer, r rows, opt Options) error {
	const format = "node-link json"
	var multi bool
	if r.g != nil {
		var err error
		if multi, err = checkMulti(format, r.g, opt, true); err != nil {
			return err
		}
	} else {
		if err := checkRows(format, r, opt); err != nil {
			return err
		}
		multi = r.s.Parallel()
	}
	j := newJSONWriter(w)
	j.WriteString(`{"directed":true,"multigraph":`)
	j.bool(multi)
	j.WriteString(`,"graph":`)
	j.meta(opt)
	j.WriteString(",\n" + `"nodes":[`)
	j.nodeList(r, func(n *graph.Node) {
		j.WriteString(`{"id":`)
		j.str(n.ID)
		j.WriteString(",")
		j.node(n, opt)
		j.screenXY(opt.Layout, n.ID, `,"x":`, `,"y":`)
		j.WriteString("}")
	})
	j.WriteString(`],` + "\n" + `"links":[`)
	ends := endsOf(r, appendJSONString, jsonQuotes)
	j.edgeList(r, opt, ends, func(j *jsonWriter, i int, e *graph.Edge) {
		j.WriteString(`{"source":`)
		j.b = ends.source(j.b, i, e)
		j.WriteString(`,"target":`)
		j.b = ends.target(j.b, i, e)
		if multi {
			j.optional(`,"key":`, string(e.Relation))
		}
		j.WriteString(`,"id":`)
		j.edgeID(i)
		j.WriteString(",")
		j.edge(e, nodeLinkForm)
		j.WriteString("}")
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
//	 "edges": [{"key", "source", "target", "undirected": true?, "attributes": {"relation", "weight", "color", "size", "type", ...}}]}
//
// The graph is mixed: shares edges are undirected, mentions and cites
// directed. "multi" is true when two edges join the same pair of nodes.
// x and y (when opt.Layout is set) are the layout's own, y growing
// upwards as in Gephi and sigma.js; sigma.js needs them (without a layout,
// run a graphology layout first). sigma.js reads label, x, y, size and
// color as they are, for nodes and edges, and an edge's type: "arrow",
// or "line" for shares edges, which it then draws without an arrowhead.
func GraphologyJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "graphology json"
	multi, err := checkMulti(format, g, opt, false)
	if err != nil {
		return err
	}
	r := rows{g: g}
	j := newJSONWriter(w)
	j.WriteString(`{"attributes":`)
	j.meta(opt)
	j.WriteString(",\n" + `"options":{"type":"mixed","multi":`)
	j.bool(multi)
	j.WriteString(`,"allowSelfLoops":true},` + "\n" + `"nodes":[`)
	j.nodeList(r, func(n *graph.Node) {
		j.WriteString(`{"key":`)
		j.str(n.ID)
		j.WriteString(`,"attributes":{`)
		j.node(n, opt)
		if p, ok := opt.Layout.Position(n.ID); ok {
			j.WriteString(`,"x":`)
			j.float(p.X)
			j.WriteString(`,"y":`)
			j.float(p.Y)
		}
		j.WriteString("}}")
	})
	j.WriteString(`],` + "\n" + `"edges":[`)
	ends := endsOf(r, appendJSONString, jsonQuotes)
	j.edgeList(r, opt, ends, func(j *jsonWriter, i int, e *graph.Edge) {
		j.WriteString(`{"key":`)
		j.edgeID(i)
		j.WriteString(`,"source":`)
		j.b = ends.source(j.b, i, e)
		j.WriteString(`,"target":`)
		j.b = ends.target(j.b, i, e)
		if undirected(e) {
			j.WriteString(`,"undirected":true`)
		}
		j.WriteString(`,"attributes":{`)
		j.edge(e, graphologyForm)
		j.WriteString("}}")
	})
	j.WriteString("]}\n")
	return j.close(format)
}
