package export

// Code below is the data writers as they were before the append-style
// rewrite, kept as the reference the new writers must match byte for byte
// (TestLegacyIdentical, FuzzLegacy*).

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph/graph"
)

// replacement stands in for characters XML 1.0 cannot carry and for bytes
// that are not UTF-8.
const oldReplacement = "\uFFFD"

// xmlChar reports whether XML 1.0 allows r in a document: #x9, #xA, #xD,
// #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF. (Surrogates never come
// out of a UTF-8 decoder.)
func oldXmlChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= utf8.MaxRune
	}
}

// xmlSafe returns s with every byte that is not part of valid UTF-8 and
// every character XML 1.0 forbids (\x00–\x08, \x0B, \x0C, \x0E–\x1F,
// U+FFFE, U+FFFF) replaced by U+FFFD, one for one. It does not escape
// markup: the result is the text a parser gives back after reading what
// [sink.attr] or [sink.text] writes. Other writers of XML (SVG) can reuse it.
func oldXmlSafe(s string) string {
	return oldSanitize(s, true)
}

// validUTF8 returns s with every byte that is not part of valid UTF-8
// replaced by U+FFFD, one for one (as encoding/json does).
func oldValidUTF8(s string) string {
	return oldSanitize(s, false)
}

func oldSanitize(s string, forXML bool) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && size == 1
		if !bad && forXML {
			bad = !oldXmlChar(r)
		}
		if bad {
			if b.Len() == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			b.WriteString(oldReplacement)
			last = i + size
		}
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// stickyWriter remembers the first write error so that a writer can stop
// early and report it.
type oldStickyWriter struct {
	w   io.Writer
	err error
}

func (s *oldStickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// sink is the buffered output of one writer call.
type oldSink struct {
	*bufio.Writer
	sw *oldStickyWriter
}

func oldNewSink(w io.Writer) *oldSink {
	sw := &oldStickyWriter{w: w}
	return &oldSink{Writer: bufio.NewWriterSize(sw, 32<<10), sw: sw}
}

// failed reports whether a write to the underlying writer has failed;
// writers check it once per node or edge to stop early.
func (s *oldSink) failed() bool { return s.sw.err != nil }

// close flushes the buffer and returns the first write error, wrapped.
func (s *oldSink) close(format string) error {
	err := s.Flush()
	if s.sw.err != nil {
		err = s.sw.err
	}
	if err != nil {
		return fmt.Errorf("export: write %s: %w", format, err)
	}
	return nil
}

// attr writes str as a double-quoted XML attribute value: &, <, >, "
// escaped; tab, newline and carriage return written as character
// references, so that parsers give them back instead of normalising them
// to spaces; invalid UTF-8 and characters XML 1.0 forbids replaced by
// U+FFFD. No text can close the attribute or the element.
func (s *oldSink) attr(str string) { s.escape(str, true) }

// text writes str as XML character data, escaped like [sink.attr] except
// that tabs and newlines stay literal (parsers keep them in content, and
// streaming readers such as Gephi's drop character data that is only
// whitespace, which a lone "&#10;" can become); carriage returns are still
// references, or parsers would turn "\r\n" into "\n". "]]>" comes out as
// "]]&gt;".
func (s *oldSink) text(str string) { s.escape(str, false) }

func (s *oldSink) escape(str string, attr bool) {
	last := 0
	for i := 0; i < len(str); {
		c := str[i]
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '"':
				esc = "&quot;"
			case '\t':
				if attr {
					esc = "&#9;"
				}
			case '\n':
				if attr {
					esc = "&#10;"
				}
			case '\r':
				esc = "&#13;"
			default:
				if c < 0x20 {
					esc = oldReplacement
				}
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(str[i:])
			if (r == utf8.RuneError && size == 1) || !oldXmlChar(r) {
				esc = oldReplacement
			}
		}
		if esc != "" {
			s.WriteString(str[last:i])
			s.WriteString(esc)
			last = i + size
		}
		i += size
	}
	s.WriteString(str[last:])
}

// formatFloat writes v in the shortest decimal form that reads back
// exactly, never in exponent notation (Java, Python and Go all parse it),
// and without a sign on zero.
func oldFormatFloat(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func oldItoa(i int) string { return strconv.Itoa(i) }

// GraphML writes g as GraphML for Gephi (File > Open), networkx
// (read_graphml), igraph (Read_GraphML), Cytoscape and yEd, following the
// rules of what Gephi's importer maps:
//
//   - every <key> has for="node" or for="edge", an id equal to its
//     attr.name and an attr.type;
//   - nodes carry label, x and y (when opt.Layout is set), size ([Size]) and
//     r, g, b as integers ([Color]): Gephi maps these lower-case names to
//     its display properties;
//   - nodes also carry data columns nid (the node ID again, for igraph,
//     which renumbers vertices), kind, title, url, arxiv, doi, authors
//     (joined with "; "), year, community (when computed), external,
//     family and papers; empty values are left out;
//   - edges have unique ids e0, e1, ... in (source, target, relation)
//     order, the relation as Gephi's edge type (label="mentions" on
//     <edge>) and again as a relation column, a weight, and evidence and
//     shared (joined with "; ") when known.
//
// The graph is directed (edgedefault="directed"): mentions and cites point
// from the paper; a shares edge runs from the smaller node ID to the larger
// and is symmetric by its relation. With opt.UndirectedShares, shares edges
// get directed="false" (a mixed graph Gephi reads and networkx refuses).
//
// The output is streamed and byte-identical for the same graph and
// options. Text is escaped and made valid XML 1.0 ([xmlSafe]). g must be
// finished ([graph.Graph.Finish]); errors are the package's sentinels or
// the writer's, wrapped.
func oldGraphML(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "graphml"
	if err := oldCheckXML(format, g, opt); err != nil {
		return err
	}
	s := oldNewSink(w)
	s.WriteString(oldXmlHeader)
	s.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")

	key := func(name, domain string, t oldValueType) {
		fmt.Fprintf(s, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", name, domain, name, t.graphML())
	}
	key("label", "node", oldTypeString)
	if opt.Layout != nil {
		key("x", "node", oldTypeDouble)
		key("y", "node", oldTypeDouble)
	}
	key("size", "node", oldTypeDouble)
	key("r", "node", oldTypeInt)
	key("g", "node", oldTypeInt)
	key("b", "node", oldTypeInt)
	for _, c := range oldNodeColumns {
		key(c.name, "node", c.typ)
	}
	key("weight", "edge", oldTypeDouble)
	for _, c := range oldEdgeColumns {
		key(c.name, "edge", c.typ)
	}

	s.WriteString(`  <graph id="papergraph" edgedefault="directed">` + "\n    <desc>")
	s.text(opt.creator())
	if opt.Description != "" {
		s.WriteString(": ")
		s.text(opt.Description)
	}
	s.WriteString("</desc>\n")

	data := func(key, value string) {
		s.WriteString(`      <data key="`)
		s.WriteString(key)
		s.WriteString(`">`)
		s.text(value)
		s.WriteString("</data>\n")
	}
	nodes := g.Nodes()
	for i := range nodes {
		if s.failed() {
			break
		}
		n := &nodes[i]
		s.WriteString(`    <node id="`)
		s.attr(n.ID)
		s.WriteString("\">\n")
		data("label", oldLabel(n))
		if p, ok := opt.Layout.Position(n.ID); ok {
			data("x", oldFormatFloat(p.X))
			data("y", oldFormatFloat(p.Y))
		}
		data("size", oldFormatFloat(Size(*n)))
		c := Color(*n)
		data("r", oldItoa(int(c.R)))
		data("g", oldItoa(int(c.G)))
		data("b", oldItoa(int(c.B)))
		for _, col := range oldNodeColumns {
			if v, ok := col.value(n, oldListSep); ok {
				data(col.name, v)
			}
		}
		s.WriteString("    </node>\n")
	}
	i := -1
	e := new(graph.Edge) // one edge reused: a pointer to the loop variable would escape each time
	for edge := range g.AllEdges() {
		i++
		if s.failed() {
			break
		}
		*e = edge
		s.WriteString(`    <edge id="`)
		s.WriteString(oldEdgeID(i))
		s.WriteString(`" source="`)
		s.attr(e.Source)
		s.WriteString(`" target="`)
		s.attr(e.Target)
		s.WriteString(`" label="`)
		s.attr(string(e.Relation))
		if opt.UndirectedShares && oldUndirected(e) {
			s.WriteString(`" directed="false`)
		}
		s.WriteString("\">")
		edgeData := func(key, value string) {
			s.WriteString(`<data key="`)
			s.WriteString(key)
			s.WriteString(`">`)
			s.text(value)
			s.WriteString("</data>")
		}
		edgeData("weight", oldFormatFloat(e.Weight))
		for _, col := range oldEdgeColumns {
			if v, ok := col.value(e, oldListSep); ok {
				edgeData(col.name, v)
			}
		}
		s.WriteString("</edge>\n")
	}
	s.WriteString("  </graph>\n</graphml>\n")
	return s.close(format)
}

const oldXmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// label is a node's display label: its Label, else its Title, else its ID
// (what Gephi would show anyway), so every node has one.
func oldLabel(n *graph.Node) string {
	switch {
	case n.Label != "":
		return n.Label
	case n.Title != "":
		return n.Title
	}
	return n.ID
}

// checkXML is [check] plus refusing a graph where two node IDs become one
// once made valid XML (they differ only in characters XML cannot carry).
func oldCheckXML(format string, g *graph.Graph, opt Options) error {
	if err := oldCheck(format, g, opt); err != nil {
		return err
	}
	nodes := g.Nodes()
	changed := false
	for i := range nodes {
		if oldXmlSafe(nodes[i].ID) != nodes[i].ID {
			changed = true
			break
		}
	}
	if !changed {
		return nil
	}
	seen := make(map[string]string, len(nodes))
	for i := range nodes {
		id := nodes[i].ID
		safe := oldXmlSafe(id)
		if other, ok := seen[safe]; ok {
			return fmt.Errorf("export: %s: node ids %q and %q are both %q in XML: %w", format, other, id, safe, ErrIDClash)
		}
		seen[safe] = id
	}
	return nil
}

// GEXF writes g as GEXF 1.3, Gephi's native format
// (xmlns="http://gexf.net/1.3", viz namespace "http://gexf.net/1.3/viz"):
//
//   - <meta> names the creator ("papergraph <opt.Version>") and, when set,
//     opt.Description; lastmodifieddate only when opt.LastModified is set;
//   - nodes have a label, typed attribute values (the same columns as
//     [GraphML]: nid, kind, title, url, arxiv, doi, authors, year,
//     community, external, family, papers; URLs are strings, never anyURI),
//     <viz:size value> ([Size]), <viz:position x y> (when opt.Layout is set)
//     and <viz:color r g b> with integer components ([Color]);
//   - edges have unique ids e0, e1, ... , kind (Gephi's edge type: the
//     relation), label (the relation), weight, type, and attribute values
//     relation, evidence and shared. No edge attribute is called weight:
//     Gephi reads the weight XML attribute.
//
// defaultedgetype is "directed" and every edge says type="directed";
// with opt.UndirectedShares shares edges say type="undirected" instead
// (a mixed graph Gephi reads and networkx refuses).
//
// networkx 2.8 and 3.x know only the GEXF 1.1draft and 1.2draft
// namespaces; see the package README for the one-line registration that
// lets read_gexf load 1.3.
//
// The output is streamed and byte-identical for the same graph and
// options; text is escaped and made valid XML 1.0.
func oldGEXF(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "gexf"
	if err := oldCheckXML(format, g, opt); err != nil {
		return err
	}
	s := oldNewSink(w)
	s.WriteString(oldXmlHeader)
	s.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	s.WriteString("  <meta")
	if !opt.LastModified.IsZero() {
		s.WriteString(` lastmodifieddate="`)
		s.WriteString(opt.LastModified.Format("2006-01-02"))
		s.WriteString(`"`)
	}
	s.WriteString(">\n    <creator>")
	s.text(opt.creator())
	s.WriteString("</creator>\n")
	if opt.Description != "" {
		s.WriteString("    <description>")
		s.text(opt.Description)
		s.WriteString("</description>\n")
	}
	s.WriteString("  </meta>\n")
	s.WriteString(`  <graph defaultedgetype="directed" mode="static">` + "\n")

	attr := func(name string, t oldValueType) {
		fmt.Fprintf(s, "      <attribute id=%q title=%q type=%q/>\n", name, name, t.gexf())
	}
	s.WriteString(`    <attributes class="node" mode="static">` + "\n")
	for _, c := range oldNodeColumns {
		attr(c.name, c.typ)
	}
	s.WriteString("    </attributes>\n")
	s.WriteString(`    <attributes class="edge" mode="static">` + "\n")
	for _, c := range oldEdgeColumns {
		attr(c.name, c.typ)
	}
	s.WriteString("    </attributes>\n")

	attvalue := func(key, value string) {
		s.WriteString(`          <attvalue for="`)
		s.WriteString(key)
		s.WriteString(`" value="`)
		s.attr(value)
		s.WriteString("\"/>\n")
	}
	s.WriteString("    <nodes>\n")
	nodes := g.Nodes()
	for i := range nodes {
		if s.failed() {
			break
		}
		n := &nodes[i]
		s.WriteString(`      <node id="`)
		s.attr(n.ID)
		s.WriteString(`" label="`)
		s.attr(oldLabel(n))
		s.WriteString("\">\n        <attvalues>\n")
		for _, col := range oldNodeColumns {
			if v, ok := col.value(n, oldListSep); ok {
				attvalue(col.name, v)
			}
		}
		s.WriteString("        </attvalues>\n")
		s.WriteString(`        <viz:size value="`)
		s.WriteString(oldFormatFloat(Size(*n)))
		s.WriteString("\"/>\n")
		if p, ok := opt.Layout.Position(n.ID); ok {
			s.WriteString(`        <viz:position x="`)
			s.WriteString(oldFormatFloat(p.X))
			s.WriteString(`" y="`)
			s.WriteString(oldFormatFloat(p.Y))
			s.WriteString("\"/>\n")
		}
		c := Color(*n)
		fmt.Fprintf(s, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n", c.R, c.G, c.B)
		s.WriteString("      </node>\n")
	}
	s.WriteString("    </nodes>\n    <edges>\n")
	i := -1
	e := new(graph.Edge) // one edge reused: a pointer to the loop variable would escape each time
	for edge := range g.AllEdges() {
		i++
		if s.failed() {
			break
		}
		*e = edge
		s.WriteString(`      <edge id="`)
		s.WriteString(oldEdgeID(i))
		s.WriteString(`" source="`)
		s.attr(e.Source)
		s.WriteString(`" target="`)
		s.attr(e.Target)
		s.WriteString(`" kind="`)
		s.attr(string(e.Relation))
		s.WriteString(`" label="`)
		s.attr(string(e.Relation))
		s.WriteString(`" weight="`)
		s.WriteString(oldFormatFloat(e.Weight))
		if opt.UndirectedShares && oldUndirected(e) {
			s.WriteString(`" type="undirected"><attvalues>`)
		} else {
			s.WriteString(`" type="directed"><attvalues>`)
		}
		for _, col := range oldEdgeColumns {
			if v, ok := col.value(e, oldListSep); ok {
				s.WriteString(`<attvalue for="`)
				s.WriteString(col.name)
				s.WriteString(`" value="`)
				s.attr(v)
				s.WriteString(`"/>`)
			}
		}
		s.WriteString("</attvalues></edge>\n")
	}
	s.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return s.close(format)
}

// The three JSON forms share the node and edge attributes below; they
// differ in how they wrap them. Objects are written from structs, so keys
// come in a fixed order, and one node or edge at a time, so memory stays
// flat however large the graph. encoding/json escapes <, > and & (the
// output is safe to inline in an HTML <script>) and replaces bytes that
// are not UTF-8 with U+FFFD; other text is kept as is (JSON can carry
// control characters, XML cannot).

// jsonNode holds a node's attributes in every JSON form.
type oldJsonNode struct {
	Label      string   `json:"label"`
	Kind       string   `json:"kind,omitempty"`
	Title      string   `json:"title,omitempty"`
	URL        string   `json:"url,omitempty"`
	ArXiv      string   `json:"arxiv,omitempty"`
	DOI        string   `json:"doi,omitempty"`
	Authors    []string `json:"authors,omitempty"`
	Year       int      `json:"year,omitempty"`
	Community  *int     `json:"community,omitempty"`
	External   bool     `json:"external"`
	Family     string   `json:"family,omitempty"`
	Introduces []string `json:"introduces,omitempty"`
	Papers     int      `json:"papers,omitempty"`
	Size       float64  `json:"size"`
	Color      string   `json:"color"`
}

func oldNewJSONNode(n *graph.Node) oldJsonNode {
	j := oldJsonNode{
		Label: oldLabel(n), Kind: string(n.Kind), Title: n.Title, URL: n.URL, ArXiv: n.ArXiv, DOI: n.DOI,
		Authors: n.Authors, Year: n.Year, External: n.External, Family: n.Family, Introduces: n.Introduces, Papers: n.Papers,
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
type oldJsonEdge struct {
	Relation string   `json:"relation"`
	Weight   float64  `json:"weight"`
	Directed bool     `json:"directed"`
	Evidence string   `json:"evidence,omitempty"`
	Shared   []string `json:"shared,omitempty"`
}

func oldNewJSONEdge(e *graph.Edge) oldJsonEdge {
	return oldJsonEdge{Relation: string(e.Relation), Weight: e.Weight, Directed: !oldUndirected(e), Evidence: e.Evidence, Shared: e.Shared}
}

// jsonMeta names the graph and describes how the file was made.
type oldJsonMeta struct {
	Name        string `json:"name"`
	Creator     string `json:"creator"`
	Description string `json:"description,omitempty"`
}

func oldNewJSONMeta(opt Options) oldJsonMeta {
	return oldJsonMeta{Name: "papergraph", Creator: opt.creator(), Description: opt.Description}
}

// point is a position in JSON.
type oldPoint struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// screen returns node id's position with y growing downwards, as
// Cytoscape.js, D3 and SVG draw: x, Height−y. Nil without a layout.
func oldScreen(l *Layout, id string) *oldPoint {
	p, ok := l.Position(id)
	if !ok {
		return nil
	}
	return &oldPoint{X: p.X, Y: l.Height - p.Y}
}

// jsonWriter streams a JSON document of literal text and marshalled
// values.
type oldJsonWriter struct {
	*oldSink
	buf bytes.Buffer  // one value at a time
	enc *json.Encoder // into buf; escapes HTML characters, as json.Marshal does
	err error
}

func oldNewJSONWriter(w io.Writer) *oldJsonWriter {
	j := &oldJsonWriter{oldSink: oldNewSink(w)}
	j.enc = json.NewEncoder(&j.buf)
	return j
}

// value writes v as compact JSON (without the newline Encode adds).
func (j *oldJsonWriter) value(v any) {
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
func (j *oldJsonWriter) next(i int) bool {
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
func (j *oldJsonWriter) nodeList(g *graph.Graph, item func(n *graph.Node)) {
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
func (j *oldJsonWriter) edgeList(g *graph.Graph, item func(i int, e *graph.Edge)) {
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

func (j *oldJsonWriter) close(format string) error {
	if j.err != nil {
		return fmt.Errorf("export: %s: %w", format, j.err)
	}
	return j.oldSink.close(format)
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
func oldCytoscapeJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "cytoscape json"
	if err := oldCheck(format, g, opt); err != nil {
		return err
	}
	for _, n := range g.Nodes() {
		if k, err := strconv.Atoi(strings.TrimPrefix(n.ID, "e")); err == nil && k >= 0 && k < g.NumEdges() && oldEdgeID(k) == n.ID {
			return fmt.Errorf("export: %s: node id %q is also an edge id: %w", format, n.ID, ErrIDClash)
		}
	}
	type cyNodeData struct {
		ID string `json:"id"`
		oldJsonNode
	}
	type cyNode struct {
		Data     cyNodeData `json:"data"`
		Position *oldPoint  `json:"position,omitempty"`
	}
	type cyEdgeData struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		Target string `json:"target"`
		oldJsonEdge
	}
	type cyEdge struct {
		Data cyEdgeData `json:"data"`
	}
	j := oldNewJSONWriter(w)
	j.WriteString(`{"data":`)
	j.value(oldNewJSONMeta(opt))
	j.WriteString(",\n" + `"elements":{"nodes":[`)
	j.nodeList(g, func(n *graph.Node) {
		j.value(cyNode{Data: cyNodeData{ID: n.ID, oldJsonNode: oldNewJSONNode(n)}, Position: oldScreen(opt.Layout, n.ID)})
	})
	j.WriteString(`],"edges":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		j.value(cyEdge{Data: cyEdgeData{ID: oldEdgeID(i), Source: e.Source, Target: e.Target, oldJsonEdge: oldNewJSONEdge(e)}})
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
func oldNodeLinkJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "node-link json"
	if err := oldCheck(format, g, opt); err != nil {
		return err
	}
	type nlNode struct {
		ID string `json:"id"`
		oldJsonNode
		X *float64 `json:"x,omitempty"`
		Y *float64 `json:"y,omitempty"`
	}
	type nlLink struct {
		Source string `json:"source"`
		Target string `json:"target"`
		Key    string `json:"key,omitempty"`
		ID     string `json:"id"`
		oldJsonEdge
	}
	multi := oldMultigraph(g, true)
	j := oldNewJSONWriter(w)
	fmt.Fprintf(j, `{"directed":true,"multigraph":%t,"graph":`, multi)
	j.value(oldNewJSONMeta(opt))
	j.WriteString(",\n" + `"nodes":[`)
	j.nodeList(g, func(n *graph.Node) {
		v := nlNode{ID: n.ID, oldJsonNode: oldNewJSONNode(n)}
		if p := oldScreen(opt.Layout, n.ID); p != nil {
			v.X, v.Y = &p.X, &p.Y
		}
		j.value(v)
	})
	j.WriteString(`],` + "\n" + `"links":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		v := nlLink{Source: e.Source, Target: e.Target, ID: oldEdgeID(i), oldJsonEdge: oldNewJSONEdge(e)}
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
func oldGraphologyJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "graphology json"
	if err := oldCheck(format, g, opt); err != nil {
		return err
	}
	type goNodeAttrs struct {
		oldJsonNode
		X *float64 `json:"x,omitempty"`
		Y *float64 `json:"y,omitempty"`
	}
	type goNode struct {
		Key        string      `json:"key"`
		Attributes goNodeAttrs `json:"attributes"`
	}
	type goEdge struct {
		Key        string      `json:"key"`
		Source     string      `json:"source"`
		Target     string      `json:"target"`
		Undirected bool        `json:"undirected,omitempty"`
		Attributes oldJsonEdge `json:"attributes"`
	}
	j := oldNewJSONWriter(w)
	j.WriteString(`{"attributes":`)
	j.value(oldNewJSONMeta(opt))
	fmt.Fprintf(j, ",\n"+`"options":{"type":"mixed","multi":%t,"allowSelfLoops":true},`+"\n"+`"nodes":[`, oldMultigraph(g, false))
	j.nodeList(g, func(n *graph.Node) {
		v := goNode{Key: n.ID, Attributes: goNodeAttrs{oldJsonNode: oldNewJSONNode(n)}}
		if p, ok := opt.Layout.Position(n.ID); ok {
			v.Attributes.X, v.Attributes.Y = &p.X, &p.Y
		}
		j.value(v)
	})
	j.WriteString(`],` + "\n" + `"edges":[`)
	j.edgeList(g, func(i int, e *graph.Edge) {
		j.value(goEdge{Key: oldEdgeID(i), Source: e.Source, Target: e.Target, Undirected: oldUndirected(e), Attributes: oldNewJSONEdge(e)})
	})
	j.WriteString("]}\n")
	return j.close(format)
}

// NodesCSV writes g's nodes as CSV (RFC 4180, comma, header row), one row
// per node in ID order, with the headers opt.CSV selects:
//
//	CSVGephi: Id,Label,kind,title,url,arxiv,doi,authors,year,community,external,family,introduces,papers,size,color[,x,y]
//	CSVNeo4j: id:ID,:LABEL,label,kind,title,url,arxiv,doi,authors:string[],year:int,community:int,
//	          external:boolean,family,introduces:string[],papers:int,size:double,color[,x:double,y:double]
//
// x and y are present only with a layout (y upwards, as in Gephi). Gephi's
// spreadsheet import maps only Id and Label; the other columns become
// node attributes (positions, sizes and colours come in as plain columns:
// use GraphML or GEXF to have Gephi show them). Neo4j labels are the kind
// (Paper, Repo, URL, Dataset, Benchmark, Model), plus External for
// papers outside the batch. Empty cells mean "no value". Text is valid
// UTF-8 with the characters XML forbids replaced (U+FFFD), so both Java
// importers read it; fields with commas, quotes or newlines are quoted.
func oldNodesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "nodes csv"
	if err := oldCheckCSV(format, g, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := oldListSep
	header := []string{"Id", "Label"}
	if neo {
		sep = ";"
		header = []string{"id:ID", ":LABEL", "label"}
	}
	cols := oldNodeColumns[1:] // nid: the Id column is the ID
	for _, c := range cols {
		header = append(header, oldCsvHeader(c.name, c.typ, c.list, neo))
	}
	header = append(header, oldCsvHeader("size", oldTypeDouble, false, neo), "color")
	if opt.Layout != nil {
		header = append(header, oldCsvHeader("x", oldTypeDouble, false, neo), oldCsvHeader("y", oldTypeDouble, false, neo))
	}
	s := oldNewSink(w)
	cw := csv.NewWriter(s)
	cw.Write(header)
	row := make([]string, 0, len(header))
	nodes := g.Nodes()
	for i := range nodes {
		if s.failed() {
			break
		}
		n := &nodes[i]
		row = append(row[:0], oldCsvText(n.ID))
		if neo {
			row = append(row, oldNeo4jLabels(n))
		}
		row = append(row, oldCsvText(oldLabel(n)))
		for _, c := range cols {
			row = append(row, oldCsvCell(c.value(n, sep)))
		}
		row = append(row, oldFormatFloat(Size(*n)), Color(*n).Hex())
		if p, ok := opt.Layout.Position(n.ID); ok {
			row = append(row, oldFormatFloat(p.X), oldFormatFloat(p.Y))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil && !s.failed() {
		return fmt.Errorf("export: write %s: %w", format, err)
	}
	return s.close(format)
}

// EdgesCSV writes g's edges as CSV, one row per edge in (source, target,
// relation) order, with the headers opt.CSV selects:
//
//	CSVGephi: Source,Target,Type,Kind,Id,Weight,relation,evidence,shared
//	CSVNeo4j: :START_ID,:END_ID,:TYPE,id,weight:double,relation,evidence,shared:string[]
//
// Gephi reads Type (Directed, or Undirected for shares edges) as the
// direction, Kind as the edge type (so a cites and a shares edge between
// the same papers stay apart instead of being merged), Id and Weight. Neo4j
// relationship types are the relation in capitals (MENTIONS, SHARES,
// CITES); Neo4j relationships are all directed, shares from the smaller ID.
func oldEdgesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "edges csv"
	if err := oldCheckCSV(format, g, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := oldListSep
	header := []string{"Source", "Target", "Type", "Kind", "Id", "Weight"}
	if neo {
		sep = ";"
		header = []string{":START_ID", ":END_ID", ":TYPE", "id", "weight:double"}
	}
	for _, c := range oldEdgeColumns {
		header = append(header, oldCsvHeader(c.name, c.typ, c.list, neo))
	}
	s := oldNewSink(w)
	cw := csv.NewWriter(s)
	cw.Write(header)
	row := make([]string, 0, len(header))
	i := -1
	e := new(graph.Edge) // one edge reused: a pointer to the loop variable would escape each time
	for edge := range g.AllEdges() {
		i++
		if s.failed() {
			break
		}
		*e = edge
		row = append(row[:0], oldCsvText(e.Source), oldCsvText(e.Target))
		if neo {
			row = append(row, oldNeo4jType(e.Relation), oldEdgeID(i))
		} else {
			dir := "Directed"
			if oldUndirected(e) {
				dir = "Undirected"
			}
			row = append(row, dir, oldCsvText(string(e.Relation)), oldEdgeID(i))
		}
		row = append(row, oldFormatFloat(e.Weight))
		for _, c := range oldEdgeColumns {
			row = append(row, oldCsvCell(c.value(e, sep)))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil && !s.failed() {
		return fmt.Errorf("export: write %s: %w", format, err)
	}
	return s.close(format)
}

// checkCSV is [check] plus refusing an unknown dialect.
func oldCheckCSV(format string, g *graph.Graph, opt Options) error {
	if opt.CSV != CSVGephi && opt.CSV != CSVNeo4j {
		return fmt.Errorf("export: %s: %w %d", format, ErrDialect, int(opt.CSV))
	}
	return oldCheck(format, g, opt)
}

// csvHeader names a data column: as is for Gephi, with Neo4j's type suffix
// (":int", "string[]") for Neo4j.
func oldCsvHeader(name string, t oldValueType, list, neo bool) string {
	if !neo {
		return name
	}
	if list {
		return name + ":string[]"
	}
	return name + t.neo4j()
}

// csvText makes a CSV cell valid text: UTF-8, without the control
// characters XML forbids (Java CSV readers and spreadsheets choke on NUL
// and friends); tabs and newlines stay (the cell is then quoted).
func oldCsvText(s string) string { return oldXmlSafe(s) }

// csvCell is a column value as a cell: empty when the node or edge has
// none.
func oldCsvCell(v string, ok bool) string {
	if !ok {
		return ""
	}
	return oldCsvText(v)
}

// neo4jLabels returns a node's Neo4j labels: its kind capitalised
// ("url" becomes URL), plus External for external papers, joined with ";".
func oldNeo4jLabels(n *graph.Node) string {
	var l string
	switch n.Kind {
	case "":
		l = "Node"
	case "url":
		l = "URL"
	default:
		k := strings.ReplaceAll(oldXmlSafe(string(n.Kind)), ";", "_")
		r, size := utf8.DecodeRuneInString(k)
		l = string(unicode.ToUpper(r)) + k[size:]
	}
	if n.External {
		l += ";External"
	}
	return l
}

// neo4jType returns a relation as a Neo4j relationship type: MENTIONS,
// SHARES, CITES (RELATED when empty).
func oldNeo4jType(r graph.Relation) string {
	if r == "" {
		return "RELATED"
	}
	return strings.ToUpper(oldXmlSafe(string(r)))
}

// valueType is the type of a data column, named per format by its methods.
type oldValueType uint8

const (
	oldTypeString oldValueType = iota
	oldTypeInt
	oldTypeDouble
	oldTypeBool
)

// graphML is the GraphML attr.type (also what Gephi and igraph accept).
func (t oldValueType) graphML() string {
	return [...]string{"string", "int", "double", "boolean"}[t]
}

// gexf is the GEXF attribute type.
func (t oldValueType) gexf() string {
	return [...]string{"string", "integer", "double", "boolean"}[t]
}

// neo4j is the neo4j-admin import header suffix ("" for strings).
func (t oldValueType) neo4j() string {
	return [...]string{"", ":int", ":double", ":boolean"}[t]
}

// listSep joins list values (authors, shared artifacts) in GraphML, GEXF
// and Gephi CSV; Neo4j CSV uses ";" (its array delimiter).
const oldListSep = "; "

// nodeColumn is a node data column: the fields of a node beyond the ones
// viewers map to display properties (label, position, size, colour).
type oldNodeColumn struct {
	name string
	typ  oldValueType
	list bool // a list joined by sep (string[] in Neo4j)
	// value returns the raw (unescaped) value and whether the node has one.
	value func(n *graph.Node, sep string) (string, bool)
}

func oldNonEmpty(s string) (string, bool) { return s, s != "" }

// nodeColumns are written in this order by GraphML, GEXF and CSV. "nid"
// repeats the node ID (igraph renumbers vertices); CSV leaves it out, as
// its Id column is the ID.
var oldNodeColumns = []oldNodeColumn{
	{"nid", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return n.ID, true }},
	{"kind", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(string(n.Kind)) }},
	{"title", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(n.Title) }},
	{"url", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(n.URL) }},
	{"arxiv", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(n.ArXiv) }},
	{"doi", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(n.DOI) }},
	{"authors", oldTypeString, true, func(n *graph.Node, sep string) (string, bool) {
		return oldNonEmpty(strings.Join(n.Authors, sep))
	}},
	{"year", oldTypeInt, false, func(n *graph.Node, _ string) (string, bool) { return oldItoa(n.Year), n.Year != 0 }},
	{"community", oldTypeInt, false, func(n *graph.Node, _ string) (string, bool) { return oldItoa(n.Community), n.Community >= 0 }},
	{"external", oldTypeBool, false, func(n *graph.Node, _ string) (string, bool) { return strconv.FormatBool(n.External), true }},
	{"family", oldTypeString, false, func(n *graph.Node, _ string) (string, bool) { return oldNonEmpty(n.Family) }},
	{"introduces", oldTypeString, true, func(n *graph.Node, sep string) (string, bool) {
		return oldNonEmpty(strings.Join(n.Introduces, sep))
	}},
	{"papers", oldTypeInt, false, func(n *graph.Node, _ string) (string, bool) { return oldItoa(n.Papers), n.Papers > 0 }},
}

// edgeColumn is an edge data column beyond source, target and weight.
type oldEdgeColumn struct {
	name  string
	typ   oldValueType
	list  bool
	value func(e *graph.Edge, sep string) (string, bool)
}

// edgeColumns are written in this order by GraphML, GEXF and CSV.
// "relation" repeats the edge type that Gephi reads from its own place
// (GraphML label=, GEXF kind=, CSV Kind), for readers that only see data
// columns (networkx, igraph).
var oldEdgeColumns = []oldEdgeColumn{
	{"relation", oldTypeString, false, func(e *graph.Edge, _ string) (string, bool) { return string(e.Relation), true }},
	{"evidence", oldTypeString, false, func(e *graph.Edge, _ string) (string, bool) { return oldNonEmpty(e.Evidence) }},
	{"shared", oldTypeString, true, func(e *graph.Edge, sep string) (string, bool) {
		return oldNonEmpty(strings.Join(e.Shared, sep))
	}},
}

// undirected reports whether an edge's relation is symmetric.
func oldUndirected(e *graph.Edge) bool { return e.Relation == graph.Shares }

// check verifies what every writer relies on before the first byte is
// written: the graph is finished (sorted, no repeated edge), weights are
// finite and the layout, when given, places every node at finite
// coordinates. It returns errors prefixed "export: <format>: ".
func oldCheck(format string, g *graph.Graph, opt Options) error {
	nodes := g.Nodes()
	for i, n := range nodes {
		if i > 0 && nodes[i-1].ID >= n.ID {
			return fmt.Errorf("export: %s: node %q after %q: %w", format, n.ID, nodes[i-1].ID, ErrUnfinished)
		}
		if !oldFinite(Size(n)) {
			// Size takes the square root of the weighted degree: a
			// negative strength (negative weights) has none.
			return fmt.Errorf("export: %s: size of node %q (strength %g): %w", format, n.ID, n.Strength, ErrNotFinite)
		}
		if opt.Layout != nil {
			p, ok := opt.Layout.Position(n.ID)
			if !ok {
				return fmt.Errorf("export: %s: %w %q", format, ErrNoPosition, n.ID)
			}
			if !oldFinite(p.X) || !oldFinite(p.Y) {
				return fmt.Errorf("export: %s: position of %q: %w", format, n.ID, ErrNotFinite)
			}
		}
	}
	var prev graph.Edge
	i := 0
	for e := range g.AllEdges() {
		if i > 0 && !oldEdgeBefore(prev, e) {
			return fmt.Errorf("export: %s: edge %q→%q (%s): %w", format, e.Source, e.Target, e.Relation, ErrUnfinished)
		}
		prev = e
		i++
		if !oldFinite(e.Weight) {
			return fmt.Errorf("export: %s: weight of edge %q→%q (%s): %w", format, e.Source, e.Target, e.Relation, ErrNotFinite)
		}
	}
	return nil
}

// edgeBefore is the strict order [graph.Graph.Finish] leaves edges in.
func oldEdgeBefore(a, b graph.Edge) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Target != b.Target {
		return a.Target < b.Target
	}
	return a.Relation < b.Relation
}

func oldFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// multigraph reports whether two edges join the same pair of nodes (with
// different relations: the graph repeats none). Directed, pairs are
// ordered (A→B and B→A differ); undirected, they are not.
func oldMultigraph(g *graph.Graph, directed bool) bool {
	type pair struct{ a, b string }
	seen := make(map[pair]bool, g.NumEdges())
	for e := range g.AllEdges() {
		p := pair{e.Source, e.Target}
		if !directed && p.b < p.a {
			p.a, p.b = p.b, p.a
		}
		if seen[p] {
			return true
		}
		seen[p] = true
	}
	return false
}

func oldEdgeID(i int) string { return "e" + oldItoa(i) }
