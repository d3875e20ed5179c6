package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph/graph"
)

// NodesCSV writes g's nodes as CSV (RFC 4180, comma, header row), one row
// per node in ID order, with the headers opt.CSV selects:
//
//	CSVGephi: Id,Label,kind,title,url,arxiv,doi,authors,year,community,external,family,papers,size,color[,x,y]
//	CSVNeo4j: id:ID,:LABEL,label,kind,title,url,arxiv,doi,authors:string[],year:int,community:int,
//	          external:boolean,family,papers:int,size:double,color[,x:double,y:double]
//
// x and y are present only with a layout (y upwards, as in Gephi). Gephi's
// spreadsheet import maps only Id and Label; the other columns become
// node attributes (positions, sizes and colours come in as plain columns:
// use GraphML or GEXF to have Gephi show them). Neo4j labels are the kind
// (Paper, Repo, URL, Dataset, Benchmark, Model), plus External for
// papers outside the batch. Empty cells mean "no value". Text is valid
// UTF-8 with the characters XML forbids replaced (U+FFFD), so both Java
// importers read it; fields with commas, quotes or newlines are quoted.
func NodesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "nodes csv"
	if err := checkCSV(format, g, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := listSep
	header := []string{"Id", "Label"}
	if neo {
		sep = ";"
		header = []string{"id:ID", ":LABEL", "label"}
	}
	cols := nodeColumns[1:] // nid: the Id column is the ID
	for _, c := range cols {
		header = append(header, csvHeader(c.name, c.typ, c.list, neo))
	}
	header = append(header, csvHeader("size", typeDouble, false, neo), "color")
	if opt.Layout != nil {
		header = append(header, csvHeader("x", typeDouble, false, neo), csvHeader("y", typeDouble, false, neo))
	}
	s := newSink(w)
	cw := csv.NewWriter(s)
	cw.Write(header)
	row := make([]string, 0, len(header))
	nodes := g.Nodes()
	for i := range nodes {
		if s.failed() {
			break
		}
		n := &nodes[i]
		row = append(row[:0], csvText(n.ID))
		if neo {
			row = append(row, neo4jLabels(n))
		}
		row = append(row, csvText(label(n)))
		for _, c := range cols {
			row = append(row, csvCell(c.value(n, sep)))
		}
		row = append(row, formatFloat(Size(*n)), Color(*n).Hex())
		if p, ok := opt.Layout.Position(n.ID); ok {
			row = append(row, formatFloat(p.X), formatFloat(p.Y))
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
func EdgesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "edges csv"
	if err := checkCSV(format, g, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := listSep
	header := []string{"Source", "Target", "Type", "Kind", "Id", "Weight"}
	if neo {
		sep = ";"
		header = []string{":START_ID", ":END_ID", ":TYPE", "id", "weight:double"}
	}
	for _, c := range edgeColumns {
		header = append(header, csvHeader(c.name, c.typ, c.list, neo))
	}
	s := newSink(w)
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
		row = append(row[:0], csvText(e.Source), csvText(e.Target))
		if neo {
			row = append(row, neo4jType(e.Relation), edgeID(i))
		} else {
			dir := "Directed"
			if undirected(e) {
				dir = "Undirected"
			}
			row = append(row, dir, csvText(string(e.Relation)), edgeID(i))
		}
		row = append(row, formatFloat(e.Weight))
		for _, c := range edgeColumns {
			row = append(row, csvCell(c.value(e, sep)))
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
func checkCSV(format string, g *graph.Graph, opt Options) error {
	if opt.CSV != CSVGephi && opt.CSV != CSVNeo4j {
		return fmt.Errorf("export: %s: %w %d", format, ErrDialect, int(opt.CSV))
	}
	return check(format, g, opt)
}

// csvHeader names a data column: as is for Gephi, with Neo4j's type suffix
// (":int", "string[]") for Neo4j.
func csvHeader(name string, t valueType, list, neo bool) string {
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
func csvText(s string) string { return xmlSafe(s) }

// csvCell is a column value as a cell: empty when the node or edge has
// none.
func csvCell(v string, ok bool) string {
	if !ok {
		return ""
	}
	return csvText(v)
}

// neo4jLabels returns a node's Neo4j labels: its kind capitalised
// ("url" becomes URL), plus External for external papers, joined with ";".
func neo4jLabels(n *graph.Node) string {
	var l string
	switch n.Kind {
	case "":
		l = "Node"
	case "url":
		l = "URL"
	default:
		k := strings.ReplaceAll(xmlSafe(string(n.Kind)), ";", "_")
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
func neo4jType(r graph.Relation) string {
	if r == "" {
		return "RELATED"
	}
	return strings.ToUpper(xmlSafe(string(r)))
}
