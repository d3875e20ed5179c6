package export

import (
	"strconv"
	"strings"

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

// nodeColumn is a node data column: the fields of a node beyond the ones
// viewers map to display properties (label, position, size, colour).
type nodeColumn struct {
	name string
	typ  valueType
	list bool // a list joined by sep (string[] in Neo4j)
	// value returns the raw (unescaped) value and whether the node has one.
	value func(n *graph.Node, sep string) (string, bool)
}

func nonEmpty(s string) (string, bool) { return s, s != "" }

// nodeColumns are written in this order by GraphML, GEXF and CSV. "nid"
// repeats the node ID (igraph renumbers vertices); CSV leaves it out, as
// its Id column is the ID.
var nodeColumns = []nodeColumn{
	{"nid", typeString, false, func(n *graph.Node, _ string) (string, bool) { return n.ID, true }},
	{"kind", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(string(n.Kind)) }},
	{"title", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(n.Title) }},
	{"url", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(n.URL) }},
	{"arxiv", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(n.ArXiv) }},
	{"doi", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(n.DOI) }},
	{"authors", typeString, true, func(n *graph.Node, sep string) (string, bool) {
		return nonEmpty(strings.Join(n.Authors, sep))
	}},
	{"year", typeInt, false, func(n *graph.Node, _ string) (string, bool) { return itoa(n.Year), n.Year != 0 }},
	{"community", typeInt, false, func(n *graph.Node, _ string) (string, bool) { return itoa(n.Community), n.Community >= 0 }},
	{"external", typeBool, false, func(n *graph.Node, _ string) (string, bool) { return strconv.FormatBool(n.External), true }},
	{"family", typeString, false, func(n *graph.Node, _ string) (string, bool) { return nonEmpty(n.Family) }},
	{"papers", typeInt, false, func(n *graph.Node, _ string) (string, bool) { return itoa(n.Papers), n.Papers > 0 }},
}

// edgeColumn is an edge data column beyond source, target and weight.
type edgeColumn struct {
	name  string
	typ   valueType
	list  bool
	value func(e *graph.Edge, sep string) (string, bool)
}

// edgeColumns are written in this order by GraphML, GEXF and CSV.
// "relation" repeats the edge type that Gephi reads from its own place
// (GraphML label=, GEXF kind=, CSV Kind), for readers that only see data
// columns (networkx, igraph).
var edgeColumns = []edgeColumn{
	{"relation", typeString, false, func(e *graph.Edge, _ string) (string, bool) { return string(e.Relation), true }},
	{"evidence", typeString, false, func(e *graph.Edge, _ string) (string, bool) { return nonEmpty(e.Evidence) }},
	{"shared", typeString, true, func(e *graph.Edge, sep string) (string, bool) {
		return nonEmpty(strings.Join(e.Shared, sep))
	}},
}

// undirected reports whether an edge's relation is symmetric.
func undirected(e *graph.Edge) bool { return e.Relation == graph.Shares }
