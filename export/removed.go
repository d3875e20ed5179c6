package export

import (
	"io"
	"strconv"

	"github.com/papergraph/papergraph/graph"
)

// RemovedCSV writes what the paper–paper projection of g left out, so that
// nothing is cut silently, with the header
//
//	artifact,label,papers,reason,links_removed
//
// One row per artifact left out by the document-frequency cap
// ([graph.Stats].LeftOut, in ID order): papers is how many batch papers
// name it, reason "max-df N" (named by more than N papers), and
// links_removed the paper pairs it alone would have joined, papers ×
// (papers − 1) / 2 (pairs that share another artifact keep their link).
// Then one row per artifact extraction's stop list refused
// ([graph.Stats].Refused, in ID order; it has no node): papers is how many
// batch papers named it, reason "stop list", and links_removed likewise
// the pairs it alone would have joined. Then, when the projection was pruned to each paper's strongest links,
// one row with no artifact, reason "top-k K", and links_removed the pairs
// that shared an artifact but lost their shares edge to the pruning. Then,
// when a disparity-filter backbone was taken ([graph.Options].Backbone),
// one row with reason "backbone ALPHA" and the shares links it cut.
func RemovedCSV(w io.Writer, g *graph.Graph, opt Options) error {
	return removedCSV(w, rows{g: g}, opt)
}

func removedCSV(w io.Writer, r rows, opt Options) error {
	const format = "removed csv"
	if err := checkRows(format, r, opt); err != nil {
		return err
	}
	st := r.stats()
	c := newCSVWriter(w)
	c.header([]string{"artifact", "label", "papers", "reason", "links_removed"})
	for k, id := range st.LeftOut {
		var n graph.Node
		if r.s != nil {
			n = r.s.LeftOut()[k]
		} else {
			n, _ = r.g.Node(id)
		}
		c.text(id)
		c.text(n.Label)
		c.sep()
		c.int(n.Papers)
		c.text("max-df " + strconv.Itoa(st.MaxDF))
		c.sep()
		c.b = strconv.AppendInt(c.b, int64(n.Papers)*int64(n.Papers-1)/2, 10)
		c.end()
	}
	for _, r := range st.Refused {
		c.text(r.ID)
		c.text(r.Label)
		c.sep()
		c.int(r.Papers)
		c.text("stop list")
		c.sep()
		c.b = strconv.AppendInt(c.b, int64(r.Papers)*int64(r.Papers-1)/2, 10)
		c.end()
	}
	if st.TopK > 0 {
		c.text("")
		c.text("")
		c.text("")
		c.text("top-k " + strconv.Itoa(st.TopK))
		c.sep()
		c.b = strconv.AppendInt(c.b, max(0, st.Pairs-int64(st.Shares)-int64(st.BackboneCut)), 10)
		c.end()
	}
	if st.Backbone > 0 {
		c.text("")
		c.text("")
		c.text("")
		c.text("backbone " + strconv.FormatFloat(st.Backbone, 'g', -1, 64))
		c.sep()
		c.int(st.BackboneCut)
		c.end()
	}
	return c.close(format)
}
