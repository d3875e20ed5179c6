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
	nodes := g.Nodes()
	fmt.Fprintf(s, "# papergraph report\n\n%d papers, %d artifacts, %d cited works outside the batch; %d mentions, %d shares and %d cites edges; %d communities.\n",
		st.Papers, st.Entities, st.External, st.Mentions, st.Shares, st.Cites, st.Communities)

	batchPaper := func(n *graph.Node) bool { return n.Kind == papergraph.KindPaper && !n.External }
	arts, papers, comms := reportRanks(g)

	s.WriteString("\n## Artifacts named by the most papers\n\n| artifact | kind | papers |\n|---|---|---:|\n")
	for _, n := range arts {
		fmt.Fprintf(s, "| %s | %s | %d |\n", mdText(n.Label), n.Kind, n.Papers)
	}

	s.WriteString("\n## Most central papers\n\n| paper | pagerank | betweenness | cited by |\n|---|---:|---:|---:|\n")
	for _, n := range papers {
		fmt.Fprintf(s, "| %s | %s | %s | %d |\n", mdText(n.Label), appendMeasure(nil, n.PageRank), appendMeasure(nil, n.Betweenness), max(n.CitedBy, 0))
	}

	s.WriteString("\n## Communities\n\n| id | label | papers | nodes | top papers |\n|---:|---|---:|---:|---|\n")
	for _, c := range comms {
		var tops []string
		for _, id := range c.TopPapers[:min(3, len(c.TopPapers))] {
			n, _ := g.Node(id)
			tops = append(tops, mdText(n.Label))
		}
		fmt.Fprintf(s, "| %d | %s | %d | %d | %s |\n", c.ID, mdText(c.Label), c.Papers, c.Size, strings.Join(tops, "; "))
	}

	var bare []string
	for i := range nodes {
		n := &nodes[i]
		if !batchPaper(n) {
			continue
		}
		named := false
		for _, e := range g.EdgesAt(n.ID) {
			if e.Relation == graph.Mentions && e.Source == n.ID {
				named = true
				break
			}
		}
		if !named && len(n.Introduces) == 0 {
			bare = append(bare, n.Label)
		}
	}
	var promised []string
	for i := range nodes {
		if n := &nodes[i]; batchPaper(n) && n.PromisesCode {
			promised = append(promised, n.Label)
		}
	}
	fmt.Fprintf(s, "\n## Papers that promise code but link none\n\n%d papers say their code (or models, weights, data) will be released or is available, and name no repository or link.\n\n", len(promised))
	for _, l := range promised[:min(reportTop, len(promised))] {
		fmt.Fprintf(s, "- %s\n", mdText(l))
	}
	if len(promised) > reportTop {
		fmt.Fprintf(s, "- … %d more\n", len(promised)-reportTop)
	}
	fmt.Fprintf(s, "\n## Papers that name no artifact\n\n%d papers name no repository, dataset, benchmark, model or link.\n\n", len(bare))
	for _, l := range bare[:min(reportTop, len(bare))] {
		fmt.Fprintf(s, "- %s\n", mdText(l))
	}
	if len(bare) > reportTop {
		fmt.Fprintf(s, "- … %d more\n", len(bare)-reportTop)
	}

	s.WriteString("\n## Introduced artifacts other batch papers use\n\n| paper | introduces | cited by |\n|---|---|---:|\n")
	used := byRank(nodes, func(n *graph.Node) bool { return batchPaper(n) && len(n.Introduces) > 0 && n.CitedBy > 0 },
		func(n *graph.Node) float64 { return float64(n.CitedBy) })
	for _, n := range used[:min(reportTop, len(used))] {
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

// reportRanks returns the first rows of the report's three rankings: the
// artifacts named by the most papers, the batch papers of highest
// PageRank and the largest communities, [reportTop] each. [Report] and
// the viewer ([HTML]) list them.
func reportRanks(g *graph.Graph) (arts, papers []*graph.Node, comms []graph.Community) {
	nodes := g.Nodes()
	arts = byRank(nodes, func(n *graph.Node) bool { return n.Kind != papergraph.KindPaper }, func(n *graph.Node) float64 { return float64(n.Papers) })
	papers = byRank(nodes, func(n *graph.Node) bool { return n.Kind == papergraph.KindPaper && !n.External }, func(n *graph.Node) float64 { return n.PageRank })
	comms = g.Communities()
	return arts[:min(reportTop, len(arts))], papers[:min(reportTop, len(papers))], comms[:min(reportTop, len(comms))]
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
