package export

import (
	"math"

	"github.com/papergraph/papergraph/graph"
)

// ends writes an edge's source and target as one format writes an ID
// (escaped, quoted): for a finished graph in memory, copied from a table
// of every node's ID in that form, made once, by the node indices of
// [graph.Graph.EdgeEnds]; for a stream, or a graph without them, from the
// edge's own strings. The bytes are the same either way. A million-node
// graph's edges read their targets' IDs from anywhere in memory (the
// string header, then its bytes, for each edge and each format), and
// escaped them again; the table is a few tens of megabytes read in
// order for the sources. Safe for concurrent use once made.
type ends struct {
	appendID func(dst []byte, id string) []byte
	text     []byte   // every node's ID in the format's form, in node order
	off      []uint32 // node v's is text[off[v]:off[v+1]]
	src, tgt []int32
}

// endsOf returns the ends of r's edges for a format whose IDs appendID
// writes, adding quotes bytes to every ID (JSON's two quotes) besides
// what escaping adds; ends.indexed reports whether they come from the
// table. A graph with no edges gets no table, nor one whose IDs would
// take more than 4 GiB in the format's form (the offsets are 32 bits):
// its edges' own IDs are escaped.
func endsOf(r rows, appendID func(dst []byte, id string) []byte, quotes int) *ends {
	e := &ends{appendID: appendID}
	if r.g == nil || !endsByIndex {
		return e
	}
	src, tgt := r.g.EdgeEnds()
	if len(src) == 0 {
		return e
	}
	nodes := r.g.Nodes()
	n := uint64(0)
	for i := range nodes {
		n += uint64(len(nodes[i].ID))
	}
	if n > endsLimit {
		return e
	}
	room := min(n+n/8+uint64(quotes*len(nodes)), endsLimit, math.MaxInt)
	text := make([]byte, 0, int(room))
	off := make([]uint32, len(nodes)+1)
	for i := range nodes {
		text = appendID(text, nodes[i].ID)
		if uint64(len(text)) > endsLimit {
			return e
		}
		off[i+1] = uint32(len(text))
	}
	e.text, e.off, e.src, e.tgt = text, off, src, tgt
	return e
}

// jsonQuotes are the bytes a JSON string adds to its text besides
// escapes, for [endsOf].
const jsonQuotes = 2

// endsLimit is the most bytes a table's text may take: its offsets are
// 32 bits. A test lowers it to reach the fallback.
var endsLimit uint64 = math.MaxUint32

// endsByIndex is false only in benchmarks that time the edges' own IDs.
var endsByIndex = true

// indexed reports whether the ends are copied from the table, so that
// the edges need not carry their IDs (see [writeEdgesWith]); a nil ends
// has no table.
func (e *ends) indexed() bool { return e != nil && e.src != nil }

// source appends the source of edge i, which is ed.
func (e *ends) source(dst []byte, i int, ed *graph.Edge) []byte {
	if e.src == nil {
		return e.appendID(dst, ed.Source)
	}
	v := e.src[i]
	return append(dst, e.text[e.off[v]:e.off[v+1]]...)
}

// target appends the target of edge i, which is ed.
func (e *ends) target(dst []byte, i int, ed *graph.Edge) []byte {
	if e.tgt == nil {
		return e.appendID(dst, ed.Target)
	}
	v := e.tgt[i]
	return append(dst, e.text[e.off[v]:e.off[v+1]]...)
}

// xmlAttrID appends id as an XML attribute value ([sink.attr]).
func xmlAttrID(dst []byte, id string) []byte { return appendXML(dst, id, xmlAttrEscapes) }
