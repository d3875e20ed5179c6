package export

import (
	"io"

	"github.com/papergraph/papergraph/graph"
)

// CommunitiesCSV writes g's communities ([graph.Graph.Communities]) as CSV,
// one row per community by ID, with the header
//
//	id,label,size,papers,color,top_papers,top_artifacts
//
// size counts member nodes, papers member batch papers; color is the
// community's "#rrggbb" (the colour every format and picture gives it);
// top_papers (by PageRank) and top_artifacts (most distinctive first) are
// node IDs joined by "; ". A graph without communities gives the header
// alone. Cells are written as [NodesCSV] writes them; opt is checked as
// for the other writers (no field of it changes this file).
func CommunitiesCSV(w io.Writer, g *graph.Graph, opt Options) error {
	return communitiesCSV(w, rows{g: g}, opt)
}

func communitiesCSV(w io.Writer, r rows, opt Options) error {
	const format = "communities csv"
	if err := checkRows(format, r, opt); err != nil {
		return err
	}
	c := newCSVWriter(w)
	c.header([]string{"id", "label", "size", "papers", "color", "top_papers", "top_artifacts"})
	var comms []graph.Community // a stream has none
	if r.g != nil {
		comms = r.g.Communities()
	}
	for _, cm := range comms {
		if c.failed() {
			break
		}
		c.sep()
		c.int(cm.ID)
		c.text(cm.Label)
		c.sep()
		c.int(cm.Size)
		c.sep()
		c.int(cm.Papers)
		c.text(cm.Colour)
		c.value(joined(cm.TopPapers), typeString, true, listSep)
		c.value(joined(cm.TopArtifacts), typeString, true, listSep)
		c.end()
	}
	return c.close(format)
}
