package export

import (
	"fmt"
	"io"

	"github.com/papergraph/papergraph/graph"
)

// GEXF writes g as GEXF 1.3, Gephi's native format
// (xmlns="http://gexf.net/1.3", viz namespace "http://gexf.net/1.3/viz"):
//
//   - <meta> names the creator ("papergraph <opt.Version>") and, when set,
//     opt.Description; lastmodifieddate only when opt.LastModified is set;
//   - nodes have a label, typed attribute values (the same columns as
//     [GraphML]: nid, kind, title, url, arxiv, doi, authors, year,
//     community, external, family, introduces, papers; URLs are strings, never anyURI),
//     <viz:size value> ([Size]), <viz:position x y> (when opt.Layout is set)
//     and <viz:color r g b> with integer components ([Color]);
//   - edges have unique ids e0, e1, ... , kind (Gephi's edge type: the
//     relation), label (the relation), weight, type, and attribute values
//     relation, evidence and shared. No edge attribute is called weight:
//     Gephi reads the weight XML attribute.
//
// defaultedgetype is "directed" and every edge says type="directed";
// with opt.Shares [SharesGephi] or [SharesUndirected] shares edges say
// type="undirected" instead (a mixed graph Gephi reads, drawing shares
// edges without arrowheads, and networkx refuses).
//
// networkx 2.8 and 3.x know only the GEXF 1.1draft and 1.2draft
// namespaces; see the README's "Python" section for the one-line registration that
// lets read_gexf load 1.3.
//
// The output is streamed and byte-identical for the same graph and
// options; text is escaped and made valid XML 1.0.
func GEXF(w io.Writer, g *graph.Graph, opt Options) error {
	return gexf(w, rows{g: g}, opt)
}

func gexf(w io.Writer, r rows, opt Options) error {
	const format = "gexf"
	if err := checkXML(format, r, opt); err != nil {
		return err
	}
	nodeColumns, edgeColumns := nodeColumnsOf(r), edgeColumnsOf(r, opt)
	s := newSink(w)
	s.WriteString(xmlHeader)
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

	attr := func(name string, t valueType) {
		fmt.Fprintf(s, "      <attribute id=%q title=%q type=%q/>\n", name, name, t.gexf())
	}
	s.WriteString(`    <attributes class="node" mode="static">` + "\n")
	for _, c := range nodeColumns {
		attr(c.name, c.typ)
	}
	s.WriteString("    </attributes>\n")
	s.WriteString(`    <attributes class="edge" mode="static">` + "\n")
	for _, c := range edgeColumns {
		attr(c.name, c.typ)
	}
	s.WriteString("    </attributes>\n")

	s.WriteString("    <nodes>\n")
	err := r.each(func(n *graph.Node) bool {
		if s.failed() {
			return false
		}
		s.WriteString(`      <node id="`)
		s.attr(n.ID)
		s.WriteString(`" label="`)
		s.attr(label(n))
		s.WriteString("\">\n        <attvalues>\n")
		for k := range nodeColumns {
			col := &nodeColumns[k]
			if v := col.get(n); v.ok {
				s.attvalue(col.name, v, col.typ, col.list)
			}
		}
		s.WriteString("        </attvalues>\n" + `        <viz:size value="`)
		s.float(Size(*n))
		s.WriteString("\"/>\n")
		if p, ok := opt.Layout.Position(n.ID); ok {
			s.WriteString(`        <viz:position x="`)
			s.float(p.X)
			s.WriteString(`" y="`)
			s.float(p.Y)
			s.WriteString("\"/>\n")
		}
		c := opt.nodeColor(n)
		s.WriteString(`        <viz:color r="`)
		s.int(int(c.R))
		s.WriteString(`" g="`)
		s.int(int(c.G))
		s.WriteString(`" b="`)
		s.int(int(c.B))
		s.WriteString("\"/>\n      </node>\n")
		return true
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	s.WriteString("    </nodes>\n    <edges>\n")
	undirectedShares := opt.gexfUndirected()
	texts := newRelationTexts(func(rel graph.Relation) relationText {
		s := &sink{}
		s.WriteString(`" kind="`)
		s.attr(string(rel))
		s.WriteString(`" label="`)
		s.attr(string(rel))
		s.WriteString(`" weight="`)
		before := string(s.b)
		s.b = s.b[:0]
		if undirectedShares && undirected(&graph.Edge{Relation: rel}) {
			s.WriteString(`" type="undirected"><attvalues>`)
		} else {
			s.WriteString(`" type="directed"><attvalues>`)
		}
		cols := relationColumns(edgeColumns)
		for k := range cols {
			col := &edgeColumns[k]
			if v := col.get(&graph.Edge{Relation: rel}); v.ok {
				s.inlineAttvalue(col.name, v, col.typ, col.list)
			}
		}
		return relationText{rel, before, string(s.b), cols}
	})
	ends := endsOf(r, xmlAttrID, 0)
	err = s.writeEdges(r, opt.Shared, ends, func(s *sink, i int, e *graph.Edge) {
		s.WriteString(`      <edge id="e`)
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
				s.inlineAttvalue(col.name, v, col.typ, col.list)
			}
		}
		s.WriteString("</attvalues></edge>\n")
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	s.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return s.close(format)
}

// attvalue writes a GEXF attribute value of a node on a line of its own.
func (s *sink) attvalue(key string, v colValue, typ valueType, list bool) {
	s.WriteString("          ")
	s.inlineAttvalue(key, v, typ, list)
	s.WriteString("\n")
}

// inlineAttvalue writes a GEXF attribute value with no indentation or line
// break, for edges written one per line.
func (s *sink) inlineAttvalue(key string, v colValue, typ valueType, list bool) {
	s.WriteString(`<attvalue for="`)
	s.WriteString(key)
	s.WriteString(`" value="`)
	s.b = appendXMLValue(s.b, v, typ, list, listSep, xmlAttrEscapes)
	s.WriteString(`"/>`)
}
