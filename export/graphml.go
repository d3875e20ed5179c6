package export

import (
	"fmt"
	"io"

	"github.com/papergraph/papergraph/graph"
)

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
//     family, introduces and papers; empty values are left out;
//   - edges have unique ids e0, e1, ... in (source, target, relation)
//     order, the relation as Gephi's edge type (label="mentions" on
//     <edge>) and again as a relation column, a weight, and evidence and
//     shared (joined with "; ") when known.
//
// The graph is directed (edgedefault="directed"): mentions and cites point
// from the paper; a shares edge runs from the smaller node ID to the larger
// and is symmetric by its relation. With opt.Shares [SharesUndirected],
// shares edges get directed="false" (a mixed graph Gephi reads and
// networkx refuses).
//
// The output is streamed and byte-identical for the same graph and
// options. Text is escaped and made valid XML 1.0 ([xmlSafe]). Errors are
// the package's sentinels or the writer's, wrapped.
func GraphML(w io.Writer, g *graph.Graph, opt Options) error {
	return graphML(w, rows{g: g}, opt)
}

func graphML(w io.Writer, r rows, opt Options) error {
	const format = "graphml"
	if err := checkXML(format, r, opt); err != nil {
		return err
	}
	nodeColumns, edgeColumns := nodeColumnsOf(r), edgeColumnsOf(r, opt)
	s := newSink(w)
	s.WriteString(xmlHeader)
	s.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")

	key := func(name, domain string, t valueType) {
		fmt.Fprintf(s, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", name, domain, name, t.graphML())
	}
	key("label", "node", typeString)
	if opt.Layout != nil {
		key("x", "node", typeDouble)
		key("y", "node", typeDouble)
	}
	key("size", "node", typeDouble)
	key("r", "node", typeInt)
	key("g", "node", typeInt)
	key("b", "node", typeInt)
	for _, c := range nodeColumns {
		key(c.name, "node", c.typ)
	}
	key("weight", "edge", typeDouble)
	for _, c := range edgeColumns {
		fmt.Fprintf(s, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", graphMLEdgeKey(c.name), "edge", c.name, c.typ.graphML())
	}

	s.WriteString(`  <graph id="papergraph" edgedefault="directed">` + "\n    <desc>")
	s.text(opt.creator())
	if opt.Description != "" {
		s.WriteString(": ")
		s.text(opt.Description)
	}
	s.WriteString("</desc>\n")

	err := r.each(func(n *graph.Node) bool {
		if s.failed() {
			return false
		}
		s.WriteString(`    <node id="`)
		s.attr(n.ID)
		s.WriteString("\">\n" + `      <data key="label">`)
		s.text(label(n))
		if p, ok := opt.Layout.Position(n.ID); ok {
			s.WriteString("</data>\n" + `      <data key="x">`)
			s.float(p.X)
			s.WriteString("</data>\n" + `      <data key="y">`)
			s.float(p.Y)
		}
		s.WriteString("</data>\n" + `      <data key="size">`)
		s.float(Size(*n))
		c := opt.nodeColor(n)
		s.WriteString("</data>\n" + `      <data key="r">`)
		s.int(int(c.R))
		s.WriteString("</data>\n" + `      <data key="g">`)
		s.int(int(c.G))
		s.WriteString("</data>\n" + `      <data key="b">`)
		s.int(int(c.B))
		s.WriteString("</data>\n")
		for k := range nodeColumns {
			col := &nodeColumns[k]
			if v := col.get(n); v.ok {
				s.data(col.name, v, col.typ, col.list)
			}
		}
		s.WriteString("    </node>\n")
		return true
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	undirectedShares := opt.graphMLUndirected()
	texts := newRelationTexts(func(rel graph.Relation) relationText {
		s := &sink{}
		s.WriteString(`" label="`)
		s.attr(string(rel))
		if undirectedShares && undirected(&graph.Edge{Relation: rel}) {
			s.WriteString(`" directed="false`)
		}
		s.WriteString(`"><data key="weight">`)
		before := string(s.b)
		s.b = s.b[:0]
		s.WriteString("</data>")
		cols := relationColumns(edgeColumns)
		for k := range cols {
			col := &edgeColumns[k]
			if v := col.get(&graph.Edge{Relation: rel}); v.ok {
				s.inlineData(graphMLEdgeKey(col.name), v, col.typ, col.list)
			}
		}
		return relationText{rel, before, string(s.b), cols}
	})
	ends := endsOf(r, xmlAttrID, 0)
	err = s.writeEdges(r, opt.Shared, ends, func(s *sink, i int, e *graph.Edge) {
		s.WriteString(`    <edge id="e`)
		s.int(i)
		s.WriteString(`" source="`)
		s.b = ends.source(s.b, i, e)
		s.WriteString(`" target="`)
		s.b = ends.target(s.b, i, e)
		t := texts.of(e.Relation)
		s.WriteString(t.before)
		s.float(e.Weight)
		s.WriteString(t.after)
		for k := t.cols; k < len(edgeColumns); k++ {
			col := &edgeColumns[k]
			if v := col.get(e); v.ok {
				s.inlineData(graphMLEdgeKey(col.name), v, col.typ, col.list)
			}
		}
		s.WriteString("</edge>\n")
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	s.WriteString("  </graph>\n</graphml>\n")
	return s.close(format)
}

// graphMLEdgeKey is the key id of an edge column: its name, but for the
// status of a diff graph's edges, "edge_status" (attr.name still
// "status"), as GraphML key ids are unique across nodes and edges and the
// nodes' status key is "status".
func graphMLEdgeKey(name string) string {
	if name == statusEdgeColumn.name {
		return "edge_status"
	}
	return name
}

// data writes a GraphML data element of a node on a line of its own.
func (s *sink) data(key string, v colValue, typ valueType, list bool) {
	s.WriteString("      ")
	s.inlineData(key, v, typ, list)
	s.WriteString("\n")
}

// inlineData writes a GraphML data element with no indentation or line
// break: an edge is written on one line (greppable, and a third smaller
// than an indented element per line, which counts at millions of edges).
func (s *sink) inlineData(key string, v colValue, typ valueType, list bool) {
	s.WriteString(`<data key="`)
	s.WriteString(key)
	s.WriteString(`">`)
	s.b = appendXMLValue(s.b, v, typ, list, listSep, xmlTextEscapes)
	s.WriteString("</data>")
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// label is a node's display label: its Label, else its Title, else its ID
// (what Gephi would show anyway), so every node has one.
func label(n *graph.Node) string {
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
func checkXML(format string, r rows, opt Options) error {
	if err := checkRows(format, r, opt); err != nil {
		return err
	}
	changed := false
	for id := range r.ids() {
		if xmlSafe(id) != id {
			changed = true
			break
		}
	}
	if !changed {
		return nil
	}
	seen := make(map[string]string)
	for id := range r.ids() {
		safe := xmlSafe(id)
		if other, ok := seen[safe]; ok {
			return fmt.Errorf("export: %s: node ids %q and %q are both %q in XML: %w", format, other, id, safe, ErrIDClash)
		}
		seen[safe] = id
	}
	return nil
}
