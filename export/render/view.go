package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// The views a picture can draw.
const (
	// ViewFull draws every node and edge, coloured by kind.
	ViewFull = "full"
	// ViewPapers draws the papers that link to another paper or to one of
	// the strongest artifacts, coloured by community, and those artifacts
	// as labelled hubs.
	ViewPapers = "papers"
	// ViewArtifacts draws the artifacts two or more papers name and the
	// papers naming them.
	ViewArtifacts = "artifacts"
)

// Defaults of [PictureOptions].
const (
	// PaperViewMinPapers: a batch of more papers is drawn as the paper
	// view by default, a smaller one in full. Up to about 150 papers every
	// node and its label fit a slide; beyond, the artifacts named once
	// make a ring of unconnected nodes around a small core.
	PaperViewMinPapers = 150
	// DefaultHubs is how many artifacts the paper view draws as hubs: the
	// ones most papers name (at least two).
	DefaultHubs = 12
	// DefaultLabels is how many papers the paper view labels: the most
	// central (by weighted degree); the others show theirs on hover.
	DefaultLabels = 20
	// ViewTopShares is how many of its strongest shares edges each paper
	// keeps in the paper view (an edge stays when either end keeps it);
	// the weaker ones are counted in the caption.
	ViewTopShares = 3
	// CommunityColors is how many communities the paper view draws in
	// their colour (graph.CommunityColours, colour-blind safe), each with a
	// legend row: the largest drawn among those the palette colours. The
	// others are drawn grey, counted in one legend row.
	CommunityColors = len(graph.CommunityColours)
)

// Communities are drawn in their colour of every format
// (graph.CommunityColour); otherCommunity, graph.OtherColour, is for the
// communities past the CommunityColors largest drawn and nodes in none.
var (
	otherCommunity, _ = export.ParseHex(graph.OtherColour)
	hubColor          = rgb(0xEEEEEE)
)

// PictureOptions chooses what a picture draws. The zero value chooses the
// view by size and uses the defaults above.
type PictureOptions struct {
	// View is ViewFull, ViewPapers, ViewArtifacts or empty (by size: see
	// PaperViewMinPapers).
	View string
	// Title is drawn above the picture; empty: none.
	Title string
	// Hubs and Labels override DefaultHubs and DefaultLabels when > 0.
	Hubs, Labels int
}

// Picture is what a picture draws: the graph of its view, the style, and
// the caption saying what it shows and what it leaves out.
type Picture struct {
	// Graph is the view's graph (the input graph itself for ViewFull).
	Graph *graph.Graph
	// View is the view drawn.
	View string
	// Style is the drawing style for [export.Options].Style.
	Style *export.PictureStyle
	// Caption is the text under the picture (also Style.Caption).
	Caption string
	// Counts are the numbers in the caption.
	Counts PictureCounts
}

// PictureCounts are what a picture shows and leaves out.
type PictureCounts struct {
	Papers, Artifacts, Communities int
	// PapersLeftOut: papers without a link in the view;
	// ArtifactsOnce: artifacts one paper names (left out of the paper and
	// artifact views); ArtifactsLeftOut: other artifacts not drawn;
	// EdgesLeftOut: edges of the graph not drawn.
	PapersLeftOut, ArtifactsOnce, ArtifactsLeftOut, EdgesLeftOut int
}

// chooseView returns opt's view of g: opt.View, or by size when empty.
func chooseView(g *graph.Graph, opt PictureOptions) string {
	if opt.View != "" {
		return opt.View
	}
	papers := 0
	for _, n := range g.Nodes() {
		if n.Kind == papergraph.KindPaper && !n.External {
			papers++
		}
	}
	if papers > PaperViewMinPapers {
		return ViewPapers
	}
	return ViewFull
}

// CheckPicture refuses with [ErrTooLarge] a picture of g whose view has
// more nodes or edges than limits' [Options.MaxNodes] and
// [Options.MaxEdges] allow, before [NewPicture] makes the view: on a large
// graph the view alone takes seconds, and [Layout] would refuse it. It
// counts what the view is sure to hold (every node and edge of the full
// view; in the paper view, every paper with a shares edge, since each
// keeps its strongest; in the artifact view, the artifacts two or more
// papers name and the papers naming the most named one) and stops as
// soon as that exceeds the limits. A nil error does not promise that the
// view fits: Layout still checks the view itself.
func CheckPicture(g *graph.Graph, opt PictureOptions, limits Options) error {
	maxN, maxE := limits.limits()
	view := chooseView(g, opt)
	nodes, edges := len(g.Nodes()), g.NumEdges()
	if view == ViewFull || nodes <= maxN && edges <= maxE {
		return nil // the view is g, or a part of a graph that fits
	}
	atLeast := 0
	switch view {
	case ViewPapers:
		seen := make(map[string]bool, maxN+1)
		for _, e := range g.EdgeRangeNoShared(0, edges) {
			if e.Relation != graph.Shares {
				continue
			}
			seen[e.Source], seen[e.Target] = true, true
			if len(seen) > maxN {
				break
			}
		}
		atLeast = len(seen)
	case ViewArtifacts:
		most := 0
		for _, n := range g.Nodes() {
			if n.Kind != papergraph.KindPaper && n.Papers >= 2 {
				atLeast++
				most = max(most, n.Papers)
			}
		}
		atLeast += most
	}
	if atLeast > maxN {
		return fmt.Errorf("render: %s view: more than %d nodes (limit %d nodes, %d edges): %w", view, maxN, maxN, maxE, ErrTooLarge)
	}
	return nil
}

// NewPicture chooses the view of g and makes its graph and style.
func NewPicture(g *graph.Graph, opt PictureOptions) (*Picture, error) {
	view := chooseView(g, opt)
	hubs, labels := cmp.Or(max(opt.Hubs, 0), DefaultHubs), cmp.Or(max(opt.Labels, 0), DefaultLabels)
	p := &Picture{View: view}
	switch view {
	case ViewFull:
		p.Graph = g
		// Sizes as in the data files (export.Size), so that the picture
		// and the data share one layout.
		p.Style = &export.PictureStyle{SizeNote: "size: √ weighted degree"}
	case ViewPapers:
		p.Graph, p.Counts = paperView(g, hubs)
		p.Style = paperStyle(g, p.Graph, labels)
	case ViewArtifacts:
		p.Graph, p.Counts = artifactView(g)
		p.Style = &export.PictureStyle{
			Size:     func(n *graph.Node) float64 { return 8 + 3*math.Sqrt(n.Strength) },
			Labelled: func(n *graph.Node) bool { return n.Kind != papergraph.KindPaper },
			SizeNote: "size: √ weighted degree", WidthNote: "line width: √ link weight",
			Width: func(e *graph.Edge) float64 { return 0.4 + 0.6*math.Sqrt(e.Weight) },
		}
	default:
		return nil, fmt.Errorf("render: view %q: want papers, artifacts or full", view)
	}
	c := &p.Counts
	c.Papers, c.Artifacts = 0, 0
	comm := map[int]int{}
	for _, n := range p.Graph.Nodes() {
		switch {
		case n.Kind != papergraph.KindPaper:
			c.Artifacts++
		case !n.External:
			c.Papers++
			if n.Community >= 0 {
				comm[n.Community]++
			}
		}
	}
	for _, k := range comm {
		if k >= 2 {
			c.Communities++
		}
	}
	if view == ViewFull {
		for _, n := range g.Nodes() {
			if n.Kind == papergraph.KindPaper && !n.External && n.Degree == 0 {
				c.PapersLeftOut++ // drawn, but alone
			}
		}
	}
	p.Caption = caption(view, *c)
	p.Style.Title, p.Style.Caption = opt.Title, p.Caption
	return p, nil
}

// caption says what a picture shows and what it leaves out.
func caption(view string, c PictureCounts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s papers", thousands(c.Papers))
	if c.Artifacts > 0 {
		fmt.Fprintf(&b, ", %s artifacts", thousands(c.Artifacts))
	}
	fmt.Fprintf(&b, ", %s communities", thousands(c.Communities))
	if view == ViewFull {
		if c.PapersLeftOut > 0 {
			fmt.Fprintf(&b, "; %s papers without links", thousands(c.PapersLeftOut))
		}
		return b.String()
	}
	var out []string
	if c.PapersLeftOut > 0 {
		out = append(out, thousands(c.PapersLeftOut)+" papers without links")
	}
	if c.ArtifactsOnce > 0 {
		out = append(out, thousands(c.ArtifactsOnce)+" artifacts named by one paper")
	}
	if c.ArtifactsLeftOut > 0 {
		out = append(out, thousands(c.ArtifactsLeftOut)+" less named artifacts")
	}
	if c.EdgesLeftOut > 0 {
		out = append(out, thousands(c.EdgesLeftOut)+" weaker or other edges")
	}
	if len(out) > 0 {
		b.WriteString("; not drawn: ")
		b.WriteString(strings.Join(out, ", "))
	}
	return b.String()
}

// thousands formats n with thousands separators ("3,400").
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// paperView keeps the papers linked to another paper or to a hub (one of
// the hubs artifacts most papers name, at least two), those hubs, and the
// edges between them.
func paperView(g *graph.Graph, hubs int) (*graph.Graph, PictureCounts) {
	var c PictureCounts
	var arts []graph.Node
	for _, n := range g.Nodes() {
		if n.Kind == papergraph.KindPaper {
			continue
		}
		if n.Papers <= 1 {
			c.ArtifactsOnce++
			continue
		}
		arts = append(arts, n)
	}
	slices.SortFunc(arts, func(a, b graph.Node) int { return cmp.Or(cmp.Compare(b.Papers, a.Papers), strings.Compare(a.ID, b.ID)) })
	hub := map[string]bool{}
	for i, a := range arts {
		if i < hubs {
			hub[a.ID] = true
		} else {
			c.ArtifactsLeftOut++
		}
	}
	isPaper := func(id string) bool { n, _ := g.Node(id); return n.Kind == papergraph.KindPaper }
	// Each paper keeps its ViewTopShares strongest shares edges (an edge
	// stays when either end keeps it), every cites edge and its edges to
	// hubs.
	type cand struct {
		e graph.Edge
		i int
	}
	top := map[string][]cand{}
	var shares []graph.Edge
	keep := map[string]bool{}
	for e := range g.AllEdges() {
		switch {
		case e.Relation == graph.Mentions && hub[e.Target]:
			keep[e.Source], keep[e.Target] = true, true
		case e.Relation == graph.Cites && isPaper(e.Source) && isPaper(e.Target):
			keep[e.Source], keep[e.Target] = true, true
		case e.Relation == graph.Shares:
			c := cand{e, len(shares)}
			shares = append(shares, e)
			top[e.Source] = append(top[e.Source], c)
			top[e.Target] = append(top[e.Target], c)
		}
	}
	strong := make([]bool, len(shares))
	for _, cs := range top {
		slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(b.e.Weight, a.e.Weight), cmp.Compare(a.i, b.i)) })
		for _, c := range cs[:min(ViewTopShares, len(cs))] {
			strong[c.i] = true
		}
	}
	strongKey := map[[2]string]bool{}
	for i, e := range shares {
		if strong[i] {
			keep[e.Source], keep[e.Target] = true, true
			strongKey[[2]string{e.Source, e.Target}] = true
		}
	}
	for _, n := range g.Nodes() {
		if n.Kind == papergraph.KindPaper && !keep[n.ID] {
			c.PapersLeftOut++
		}
	}
	h, _ := subgraph(g, func(n *graph.Node) bool { return keep[n.ID] }, func(e *graph.Edge) bool {
		switch e.Relation {
		case graph.Mentions:
			return hub[e.Target]
		case graph.Shares:
			return strongKey[[2]string{e.Source, e.Target}]
		}
		return true
	})
	c.EdgesLeftOut = g.NumEdges() - h.NumEdges()
	return h, c
}

// artifactView keeps the artifacts two or more papers name and the
// papers naming them.
func artifactView(g *graph.Graph) (*graph.Graph, PictureCounts) {
	var c PictureCounts
	keep := map[string]bool{}
	for _, n := range g.Nodes() {
		if n.Kind != papergraph.KindPaper && n.Papers <= 1 {
			c.ArtifactsOnce++
		}
	}
	for e := range g.AllEdges() {
		if t, _ := g.Node(e.Target); e.Relation == graph.Mentions && t.Papers >= 2 {
			keep[e.Source], keep[e.Target] = true, true
		}
	}
	for _, n := range g.Nodes() {
		if n.Kind == papergraph.KindPaper && !keep[n.ID] {
			c.PapersLeftOut++
		}
	}
	h, _ := subgraph(g, func(n *graph.Node) bool { return keep[n.ID] }, func(e *graph.Edge) bool { return e.Relation == graph.Mentions })
	c.EdgesLeftOut = g.NumEdges() - h.NumEdges()
	return h, c
}

// subgraph builds the graph of the nodes and edges kept.
func subgraph(g *graph.Graph, node func(*graph.Node) bool, edge func(*graph.Edge) bool) (*graph.Graph, error) {
	b := graph.NewBuilder()
	for _, n := range g.Nodes() {
		if node(&n) {
			if err := b.AddNode(n); err != nil {
				return nil, err
			}
		}
	}
	for e := range g.AllEdges() {
		if b.Has(e.Source) && b.Has(e.Target) && edge(&e) {
			if err := b.AddEdge(e); err != nil {
				return nil, err
			}
		}
	}
	return b.Graph()
}

// paperStyle colours the view's papers by community (the largest
// CommunityColors drawn communities in their colour of every format, one
// legend row each with the community's label from graph.Communities; the
// rest grey), sizes nodes by √ weighted degree and labels the labels most
// central papers and every hub.
func paperStyle(full, h *graph.Graph, labels int) *export.PictureStyle {
	size := map[int]int{}
	var ps []graph.Node
	for _, n := range h.Nodes() {
		if n.Kind == papergraph.KindPaper {
			ps = append(ps, n)
			if n.Community >= 0 {
				size[n.Community]++
			}
		}
	}
	var comms []int
	for c, k := range size {
		if k >= 2 {
			comms = append(comms, c)
		}
	}
	slices.SortFunc(comms, func(a, b int) int { return cmp.Or(cmp.Compare(size[b], size[a]), cmp.Compare(a, b)) })
	color := map[int]export.RGB{}
	st := &export.PictureStyle{
		SizeNote:  "size: √ weighted degree",
		WidthNote: "line width: √ link weight",
	}
	names := map[int]string{}
	for _, c := range full.Communities() {
		names[c.ID] = c.Label
	}
	others := 0
	for _, c := range comms {
		if len(color) == CommunityColors || graph.CommunityColour(c) == graph.OtherColour {
			others++
			continue
		}
		color[c], _ = export.ParseHex(graph.CommunityColour(c))
		label := names[c]
		if label == "" {
			label = "community " + strconv.Itoa(c)
		}
		if r := []rune(label); len(r) > legendLabelRunes {
			label = strings.TrimRight(string(r[:legendLabelRunes-1]), " ,") + "…" // the legend's width
		}
		st.Communities = append(st.Communities, export.LegendEntry{
			Label: fmt.Sprintf("%s (%d)", label, size[c]), Color: color[c]})
	}
	if others > 0 {
		st.Communities = append(st.Communities, export.LegendEntry{Label: fmt.Sprintf("%d other communities (grey)", others), Color: otherCommunity})
	}
	slices.SortFunc(ps, func(a, b graph.Node) int {
		return cmp.Or(cmp.Compare(b.Strength, a.Strength), strings.Compare(a.ID, b.ID))
	})
	shown := map[string]bool{}
	for i := 0; i < min(labels, len(ps)); i++ {
		shown[ps[i].ID] = true
	}
	st.Color = func(n *graph.Node) export.RGB {
		if n.Kind != papergraph.KindPaper {
			return hubColor
		}
		if c, ok := color[n.Community]; ok {
			return c
		}
		return otherCommunity
	}
	st.Size = func(n *graph.Node) float64 { return 6 + 3*math.Sqrt(n.Strength) }
	st.Labelled = func(n *graph.Node) bool { return n.Kind != papergraph.KindPaper || shown[n.ID] }
	st.Width = func(e *graph.Edge) float64 { return 0.4 + 0.6*math.Sqrt(e.Weight) }
	return st
}

// rgb makes a colour from 0xRRGGBB.
func rgb(x uint32) export.RGB {
	return export.RGB{R: uint8(x >> 16), G: uint8(x >> 8), B: uint8(x)}
}

// legendLabelRunes is the longest community label a legend row shows
// whole (the row holds about 28 characters of 9-point text).
const legendLabelRunes = 22
