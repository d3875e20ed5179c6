package export

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

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
func NodesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	return nodesCSV(w, rows{g: g}, opt)
}

func nodesCSV(w io.Writer, r rows, opt Options) error {
	const format = "nodes csv"
	if err := checkCSV(format, r, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := listSep
	header := []string{"Id", "Label"}
	if neo {
		sep = ";"
		header = []string{"id:ID", ":LABEL", "label"}
	}
	cols := nodeColumnsOf(r)[1:] // nid: the Id column is the ID
	for _, c := range cols {
		header = append(header, csvHeader(c.name, c.typ, c.list, neo))
	}
	header = append(header, csvHeader("size", typeDouble, false, neo), "color")
	if opt.Layout != nil {
		header = append(header, csvHeader("x", typeDouble, false, neo), csvHeader("y", typeDouble, false, neo))
	}
	c := newCSVWriter(w)
	c.header(header)
	labels := map[neo4jKey]string{}
	err := r.each(func(n *graph.Node) bool {
		if c.failed() {
			return false
		}
		c.text(n.ID)
		if neo {
			k := neo4jKey{n.Kind, n.External}
			l, ok := labels[k]
			if !ok {
				l = neo4jLabels(n)
				labels[k] = l
			}
			c.text(l)
		}
		c.text(label(n))
		for k := range cols {
			col := &cols[k]
			c.value(col.get(n), col.typ, col.list, sep)
		}
		c.float(Size(*n))
		c.sep()
		c.b = append(c.b, '#')
		c.b = appendHex(c.b, opt.nodeColor(n))
		if p, ok := opt.Layout.Position(n.ID); ok {
			c.float(p.X)
			c.float(p.Y)
		}
		c.end()
		return true
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return c.close(format)
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
	return edgesCSV(w, rows{g: g}, opt)
}

func edgesCSV(w io.Writer, r rows, opt Options) error {
	const format = "edges csv"
	if err := checkCSV(format, r, opt); err != nil {
		return err
	}
	neo := opt.CSV == CSVNeo4j
	sep := listSep
	header := []string{"Source", "Target", "Type", "Kind", "Id", "Weight"}
	if neo {
		sep = ";"
		header = []string{":START_ID", ":END_ID", ":TYPE", "id", "weight:double"}
	}
	edgeColumns := edgeColumnsOf(r, opt)
	for _, c := range edgeColumns {
		header = append(header, csvHeader(c.name, c.typ, c.list, neo))
	}
	c := newCSVWriter(w)
	c.header(header)
	// A row's text from the relation's cells to the edge ID's "e", and
	// the relation column after the weight.
	texts := newRelationTexts(func(rel graph.Relation) relationText {
		c := &csvWriter{sink: &sink{}, cells: 2} // after Source and Target
		if neo {
			c.text(neo4jType(rel))
		} else {
			c.sep()
			if undirected(&graph.Edge{Relation: rel}) {
				c.WriteString("Undirected")
			} else {
				c.WriteString("Directed")
			}
			c.text(string(rel))
		}
		c.sep()
		c.b = append(c.b, 'e')
		before := string(c.b)
		c.b = c.b[:0]
		cols := relationColumns(edgeColumns)
		for k := range cols {
			col := &edgeColumns[k]
			c.value(col.get(&graph.Edge{Relation: rel}), col.typ, col.list, sep)
		}
		return relationText{rel, before, string(c.b), cols}
	})
	wrap := func(s *sink) *csvWriter { return &csvWriter{sink: s} }
	ends := endsOf(r, appendCSVCell, 0)
	err := writeEdgesWith(c.sink, r, opt.Shared, ends, wrap, func(c *csvWriter, i int, e *graph.Edge) {
		c.sep()
		c.b = ends.source(c.b, i, e)
		c.sep()
		c.b = ends.target(c.b, i, e)
		t := texts.of(e.Relation)
		c.WriteString(t.before)
		c.int(i)
		c.float(e.Weight)
		c.WriteString(t.after)
		for k := t.cols; k < len(edgeColumns); k++ {
			col := &edgeColumns[k]
			c.value(col.get(e), col.typ, col.list, sep)
		}
		c.end()
	})
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return c.close(format)
}

// checkCSV is [check] plus refusing an unknown dialect.
func checkCSV(format string, r rows, opt Options) error {
	if opt.CSV != CSVGephi && opt.CSV != CSVNeo4j {
		return fmt.Errorf("export: %s: %w %d", format, ErrDialect, int(opt.CSV))
	}
	return checkRows(format, r, opt)
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

// csvWriter writes rows as encoding/csv's Writer does with its defaults
// (comma, "\n" line ends, fields quoted only when they must be) into a
// sink. Cells are valid UTF-8 text without the control characters XML
// forbids ([xmlSafe]): Java CSV readers and spreadsheets choke on NUL and
// friends; tabs and newlines stay (the cell is then quoted).
type csvWriter struct {
	*sink
	cell  []byte // the text of the cell being written, before quoting
	cells int    // cells written in the current row
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{sink: newSink(w)} }

// sep starts a cell: a comma unless it is the row's first.
func (c *csvWriter) sep() {
	if c.cells > 0 {
		c.b = append(c.b, ',')
	}
	c.cells++
}

// end ends the row.
func (c *csvWriter) end() {
	c.b = append(c.b, '\n')
	c.cells = 0
}

// header writes a header row.
func (c *csvWriter) header(names []string) {
	for _, n := range names {
		c.text(n)
	}
	c.end()
}

// text writes a cell of text.
func (c *csvWriter) text(s string) {
	c.sep()
	c.b = appendCSVText(c.b, s, &c.cell)
}

// appendCSVText appends s as a cell's text: as it is, or quoted, with
// what XML forbids replaced (in scratch) as [csvWriter] says.
func appendCSVText(dst []byte, s string, scratch *[]byte) []byte {
	if plainCSV(s) {
		return append(dst, s...)
	}
	if safeFor(s, true) {
		return appendCSVField(dst, s)
	}
	*scratch = appendSafe((*scratch)[:0], s, true)
	return appendCSVField(dst, *scratch)
}

// appendCSVCell appends s as [csvWriter.text] writes a row's first cell.
func appendCSVCell(dst []byte, s string) []byte {
	var cell []byte
	return appendCSVText(dst, s, &cell)
}

// value writes a column value; an empty cell when there is none.
func (c *csvWriter) value(v colValue, typ valueType, list bool, sep string) {
	switch {
	case !v.ok:
		c.sep()
	case list:
		c.sep()
		c.cell = c.cell[:0]
		for i, item := range v.list {
			if i > 0 {
				c.cell = append(c.cell, sep...)
			}
			c.cell = appendSafe(c.cell, item, true)
		}
		c.b = appendCSVField(c.b, c.cell)
	case typ == typeInt:
		c.sep()
		c.int(v.n)
	case typ == typeDouble:
		c.sep()
		c.b = appendMeasure(c.b, v.f)
	default:
		c.text(v.s)
	}
}

// float writes a cell holding v as [formatFloat] does (which never needs
// quotes).
func (c *csvWriter) float(v float64) {
	c.sep()
	c.sink.float(v)
}

// close writes out the rest and returns the first write error, wrapped.
func (c *csvWriter) close(format string) error { return c.sink.close(format) }

// appendCSVField appends field as encoding/csv writes it: as it is, or
// between double quotes (inner ones doubled) when it is `\.`, holds a
// comma, a quote, \r or \n, or starts with a space character.
func appendCSVField[T string | []byte](dst []byte, field T) []byte {
	if !csvNeedsQuotes(field) {
		return append(dst, field...)
	}
	dst = append(dst, '"')
	for {
		i := indexQuote(field)
		if i < 0 {
			break
		}
		dst = append(dst, field[:i+1]...)
		dst = append(dst, '"')
		field = field[i+1:]
	}
	dst = append(dst, field...)
	return append(dst, '"')
}

func indexQuote[T string | []byte](s T) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			return i
		}
	}
	return -1
}

func csvNeedsQuotes[T string | []byte](field T) bool {
	if len(field) == 0 {
		return false
	}
	if len(field) == 2 && field[0] == '\\' && field[1] == '.' {
		return true
	}
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	c := field[0]
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
	}
	var buf [utf8.UTFMax]byte
	n := copy(buf[:], field[:min(len(field), utf8.UTFMax)])
	r, _ := utf8.DecodeRune(buf[:n])
	return unicode.IsSpace(r)
}

// neo4jKey is what a node's Neo4j labels depend on.
type neo4jKey struct {
	kind     papergraph.Kind
	external bool
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
