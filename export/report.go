package export

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// reportTop is how many rows each ranked section of the report lists.
const reportTop = 15

// Report writes a Markdown summary of g for a reader: counts, the artifacts
// named by the most papers, the most central papers (PageRank, with
// betweenness and in-batch citations), the communities with their labels,
// the papers that promise code but link none ([graph.Node].PromisesCode),
// the papers that name no artifact, and the papers whose introduced
// artifacts other batch papers use (they cite the paper). Every ranking is
// sorted with ties by ID, so the file is byte-stable. Text from the
// papers is escaped: Markdown punctuation that would change the table,
// and <, > and & as HTML entities, so no title can inject markup.
func Report(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "report"
	if err := check(format, g, opt); err != nil {
		return err
	}
	s := newSink(w)
	st := g.Stats()
	fmt.Fprintf(s, "# papergraph report\n\n%d papers, %d artifacts, %d cited works outside the batch; %d mentions, %d shares and %d cites edges; %d communities.\n",
		st.Papers, st.Entities, st.External, st.Mentions, st.Shares, st.Cites, st.Communities)

	l := newReportLists(g)
	s.WriteString("\n## Artifacts named by the most papers\n\n| artifact | kind | papers |\n|---|---|---:|\n")
	for _, n := range l.arts {
		fmt.Fprintf(s, "| %s | %s | %d |\n", mdText(n.Label), n.Kind, n.Papers)
	}

	s.WriteString("\n## Most central papers\n\n| paper | pagerank | betweenness | cited by |\n|---|---:|---:|---:|\n")
	for _, n := range l.papers {
		fmt.Fprintf(s, "| %s | %s | %s | %d |\n", mdText(n.Label), appendMeasure(nil, n.PageRank), appendMeasure(nil, n.Betweenness), max(n.CitedBy, 0))
	}

	s.WriteString("\n## Communities\n\n| id | label | papers | nodes | top papers |\n|---:|---|---:|---:|---|\n")
	for _, c := range l.comms {
		var tops []string
		for _, id := range c.TopPapers[:min(3, len(c.TopPapers))] {
			n, _ := g.Node(id)
			tops = append(tops, mdText(n.Label))
		}
		fmt.Fprintf(s, "| %d | %s | %d | %d | %s |\n", c.ID, mdText(c.Label), c.Papers, c.Size, strings.Join(tops, "; "))
	}

	fmt.Fprintf(s, "\n## Papers that promise code but link none\n\n%d papers say their code (or models, weights, data) will be released or is available, and name no repository or link.\n\n", l.promisedCount)
	mdList(s, l.promised, l.promisedCount)
	fmt.Fprintf(s, "\n## Papers that name no artifact\n\n%d papers name no repository, dataset, benchmark, model or link.\n\n", l.bareCount)
	mdList(s, l.bare, l.bareCount)

	s.WriteString("\n## Introduced artifacts other batch papers use\n\n| paper | introduces | cited by |\n|---|---|---:|\n")
	for _, n := range l.used {
		names := make([]string, len(n.Introduces))
		for i, x := range n.Introduces {
			names[i] = mdText(x)
		}
		fmt.Fprintf(s, "| %s | %s | %d |\n", mdText(n.Label), strings.Join(names, ", "), n.CitedBy)
	}
	return s.close(format)
}

// byRank returns the nodes that keep accepts, highest key first, ties in
// node order (by ID).
func byRank(nodes []graph.Node, keep func(*graph.Node) bool, key func(*graph.Node) float64) []*graph.Node {
	var out []*graph.Node
	for i := range nodes {
		if keep(&nodes[i]) {
			out = append(out, &nodes[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *graph.Node) int { return cmp.Compare(key(b), key(a)) })
	return out
}

// reportLists are the report's lists, as [Report] writes them and the
// viewer ([HTML]) shows them: the artifacts named by the most papers, the
// batch papers of highest PageRank, the largest communities and the
// introduced artifacts other batch papers use (by in-batch citations),
// [reportTop] rows each; and the first [reportTop] batch papers, in node
// order, that promise code but link none (promised) or name no artifact
// (bare), with how many there are in all.
type reportLists struct {
	arts, papers, used       []*graph.Node
	comms                    []graph.Community
	promised, bare           []*graph.Node
	promisedCount, bareCount int
}

func newReportLists(g *graph.Graph) reportLists {
	nodes := g.Nodes()
	batchPaper := func(n *graph.Node) bool { return n.Kind == papergraph.KindPaper && !n.External }
	var l reportLists
	l.arts = byRank(nodes, func(n *graph.Node) bool { return n.Kind != papergraph.KindPaper }, func(n *graph.Node) float64 { return float64(n.Papers) })
	l.papers = byRank(nodes, batchPaper, func(n *graph.Node) float64 { return n.PageRank })
	l.used = byRank(nodes, func(n *graph.Node) bool { return batchPaper(n) && len(n.Introduces) > 0 && n.CitedBy > 0 },
		func(n *graph.Node) float64 { return float64(n.CitedBy) })
	l.comms = g.Communities()
	for i := range nodes {
		n := &nodes[i]
		if !batchPaper(n) {
			continue
		}
		if n.PromisesCode {
			l.promised = append(l.promised, n)
		}
		if len(n.Introduces) == 0 && !namesArtifact(g, n.ID) {
			l.bare = append(l.bare, n)
		}
	}
	l.arts, l.papers, l.used = l.arts[:min(reportTop, len(l.arts))], l.papers[:min(reportTop, len(l.papers))], l.used[:min(reportTop, len(l.used))]
	l.comms = l.comms[:min(reportTop, len(l.comms))]
	l.promisedCount, l.bareCount = len(l.promised), len(l.bare)
	l.promised, l.bare = l.promised[:min(reportTop, len(l.promised))], l.bare[:min(reportTop, len(l.bare))]
	return l
}

// namesArtifact reports whether paper id has a mentions edge.
func namesArtifact(g *graph.Graph, id string) bool {
	for _, e := range g.EdgesAt(id) {
		if e.Relation == graph.Mentions && e.Source == id {
			return true
		}
	}
	return false
}

// mdList writes papers as a Markdown list, and how many more of count
// there are.
func mdList(s *sink, papers []*graph.Node, count int) {
	for _, n := range papers {
		fmt.Fprintf(s, "- %s\n", mdText(n.Label))
	}
	if count > len(papers) {
		fmt.Fprintf(s, "- … %d more\n", count-len(papers))
	}
}

// mdText escapes text for a Markdown table cell: the characters XML
// forbids (controls) replaced as in the other formats, HTML's <, > and &
// as entities, Markdown's punctuation with a backslash, white space as
// one space.
func mdText(t string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(string(appendSafe(nil, t, true))), " ") {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '|', '\\', '`', '*', '_', '[', ']', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
