package export

import (
	"iter"
	"slices"
	"strconv"

	"github.com/papergraph/papergraph/graph"
)

// valueType is the type of a data column, named per format by its methods.
type valueType uint8

const (
	typeString valueType = iota
	typeInt
	typeDouble
	typeBool
)

// graphML is the GraphML attr.type (also what Gephi and igraph accept).
func (t valueType) graphML() string {
	return [...]string{"string", "int", "double", "boolean"}[t]
}

// gexf is the GEXF attribute type.
func (t valueType) gexf() string {
	return [...]string{"string", "integer", "double", "boolean"}[t]
}

// neo4j is the neo4j-admin import header suffix ("" for strings).
func (t valueType) neo4j() string {
	return [...]string{"", ":int", ":double", ":boolean"}[t]
}

// listSep joins list values (authors, shared artifacts) in GraphML, GEXF
// and Gephi CSV; Neo4j CSV uses ";" (its array delimiter).
const listSep = "; "

// colValue is the value of a data column for one node or edge: a string
// (or a boolean as "true"/"false"), a list joined by the format's
// separator, or an integer, as the column's type and list flag say; ok is
// false when there is none. Writers append it without joining or
// formatting into new strings.
type colValue struct {
	s    string
	list []string
	n    int
	f    float64
	ok   bool
}

func str(s string) colValue { return colValue{s: s, ok: s != ""} }

// joined returns the list's value, or none when it would be empty.
func joined(l []string) colValue {
	return colValue{list: l, ok: len(l) > 1 || len(l) == 1 && l[0] != ""}
}

// appendMeasure appends a centrality value with six significant digits
// (exponent form below 0.0001, as Go's %g): enough to rank and compare
// with other tools, and short in every format.
func appendMeasure(dst []byte, v float64) []byte {
	return strconv.AppendFloat(dst, v, 'g', 6, 64)
}

// measure is a centrality column's value; none when not computed (every
// node has some PageRank in a graph with centrality).
func measure(v float64, ok bool) colValue { return colValue{f: v, ok: ok} }

// nodeColumn is a node data column: the fields of a node beyond the ones
// viewers map to display properties (label, position, size, colour).
type nodeColumn struct {
	name string
	typ  valueType
	list bool // a list joined by sep (string[] in Neo4j)
	get  func(n *graph.Node) colValue
}

// nodeColumns are written in this order by GraphML, GEXF and CSV. "nid"
// repeats the node ID (igraph renumbers vertices); CSV leaves it out, as
// its Id column is the ID.
var nodeColumns = []nodeColumn{
	{"nid", typeString, false, func(n *graph.Node) colValue { return colValue{s: n.ID, ok: true} }},
	{"kind", typeString, false, func(n *graph.Node) colValue { return str(string(n.Kind)) }},
	{"title", typeString, false, func(n *graph.Node) colValue { return str(n.Title) }},
	{"url", typeString, false, func(n *graph.Node) colValue { return str(n.URL) }},
	{"arxiv", typeString, false, func(n *graph.Node) colValue { return str(n.ArXiv) }},
	{"doi", typeString, false, func(n *graph.Node) colValue { return str(n.DOI) }},
	{"authors", typeString, true, func(n *graph.Node) colValue { return joined(n.Authors) }},
	{"year", typeInt, false, func(n *graph.Node) colValue { return colValue{n: n.Year, ok: n.Year != 0} }},
	{"community", typeInt, false, func(n *graph.Node) colValue { return colValue{n: n.Community, ok: n.Community >= 0} }},
	{"community_label", typeString, false, func(n *graph.Node) colValue { return str(n.CommunityLabel) }},
	{"community_color", typeString, false, func(n *graph.Node) colValue {
		if n.Community < 0 {
			return colValue{}
		}
		return str(graph.CommunityColour(n.Community))
	}},
	{"external", typeBool, false, func(n *graph.Node) colValue { return colValue{s: strconv.FormatBool(n.External), ok: true} }},
	{"family", typeString, false, func(n *graph.Node) colValue { return str(n.Family) }},
	{"introduces", typeString, true, func(n *graph.Node) colValue { return joined(n.Introduces) }},
	{"papers", typeInt, false, func(n *graph.Node) colValue { return colValue{n: n.Papers, ok: n.Papers > 0} }},
	{"degree", typeInt, false, func(n *graph.Node) colValue { return colValue{n: n.Degree, ok: true} }},
	{"weighted_degree", typeDouble, false, func(n *graph.Node) colValue { return colValue{f: n.Strength, ok: true} }},
	{"pagerank", typeDouble, false, func(n *graph.Node) colValue { return measure(n.PageRank, n.PageRank > 0) }},
	{"betweenness", typeDouble, false, func(n *graph.Node) colValue { return measure(n.Betweenness, n.PageRank > 0) }},
	{"cited_by", typeInt, false, func(n *graph.Node) colValue { return colValue{n: n.CitedBy, ok: n.CitedBy >= 0} }},
}

// edgeColumn is an edge data column beyond source, target and weight.
type edgeColumn struct {
	name string
	typ  valueType
	list bool
	get  func(e *graph.Edge) colValue
}

// edgeColumns are written in this order by GraphML, GEXF and CSV.
// "relation" repeats the edge type that Gephi reads from its own place
// (GraphML label=, GEXF kind=, CSV Kind), for readers that only see data
// columns (networkx, igraph).
var edgeColumns = []edgeColumn{
	{relationColumn, typeString, false, func(e *graph.Edge) colValue { return colValue{s: string(e.Relation), ok: true} }},
	{"evidence", typeString, false, func(e *graph.Edge) colValue { return str(e.Evidence) }},
	{sharedColumn, typeString, true, func(e *graph.Edge) colValue { return joined(e.Shared) }},
}

// statusNodeColumn and statusEdgeColumn are the status of a node or edge
// in the graph of a diff (added, removed, kept; graph.Compare); written
// after the other columns, and only for such a graph.
var (
	statusNodeColumn = nodeColumn{"status", typeString, false, func(n *graph.Node) colValue { return str(string(n.Status)) }}
	statusEdgeColumn = edgeColumn{"status", typeString, false, func(e *graph.Edge) colValue { return str(string(e.Status)) }}
)

// diffGraph reports whether g is the graph of a diff, whose nodes carry a
// status.
func diffGraph(g *graph.Graph) bool {
	nodes := g.Nodes()
	return len(nodes) > 0 && nodes[0].Status != ""
}

// nodeColumnsOf returns the node columns to write for g: [nodeColumns],
// and status for the graph of a diff.
func nodeColumnsOf(r rows) []nodeColumn {
	if r.diff() {
		return append(nodeColumns[:len(nodeColumns):len(nodeColumns)], statusNodeColumn)
	}
	return nodeColumns
}

// edgeColumnsOf returns the edge columns to write for g with opt:
// [edgeColumns] without shared unless opt.Shared asks for it, and status
// for the graph of a diff (as [nodeColumnsOf]).
func edgeColumnsOf(r rows, opt Options) []edgeColumn {
	cols := edgeColumns
	if !opt.Shared {
		cols = slices.DeleteFunc(slices.Clone(cols), func(c edgeColumn) bool { return c.name == sharedColumn })
	}
	if r.diff() {
		return append(cols[:len(cols):len(cols)], statusEdgeColumn)
	}
	return cols
}

// relationColumn names the edge column of the relation, whose value
// depends on nothing else (see [relationTexts]).
const relationColumn = "relation"

// sharedColumn names the edge column of the shared lists, written when
// Options.Shared asks for it.
const sharedColumn = "shared"

// edgeRange yields edges lo to hi-1 of g, with their Shared lists only
// when shared is set (deriving the lists of a built graph costs time the
// writers that leave them out need not spend).
func edgeRange(g *graph.Graph, lo, hi int, shared bool) iter.Seq2[int, graph.Edge] {
	if shared {
		return g.EdgeRange(lo, hi)
	}
	return g.EdgeRangeNoShared(lo, hi)
}

// appendXMLValue appends v escaped by x ([appendXML]), a list's items
// joined by sep: escaping the items one by one gives the same bytes as
// escaping the joined text, as sep is plain ASCII.
func appendXMLValue(dst []byte, v colValue, typ valueType, list bool, sep string, x *xmlEscaper) []byte {
	switch {
	case list:
		for i, item := range v.list {
			if i > 0 {
				dst = append(dst, sep...)
			}
			dst = appendXML(dst, item, x)
		}
		return dst
	case typ == typeInt:
		return strconv.AppendInt(dst, int64(v.n), 10)
	case typ == typeDouble:
		return appendMeasure(dst, v.f)
	}
	return appendXML(dst, v.s, x)
}

// undirected reports whether an edge's relation is symmetric.
func undirected(e *graph.Edge) bool { return e.Relation == graph.Shares }
