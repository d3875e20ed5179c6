package export

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// DOTFont is the font every DOT label asks for. Graphviz (native and
// go-graphviz) has metrics for it, so labels are sized to fit, and
// fonts-dejavu-core provides it on Debian.
const DOTFont = "DejaVu Sans"

// DOTLegendPrefix starts the ID of every node and cluster the legend adds,
// unless a graph node's ID already starts with it; then underscores are
// prepended until no graph ID does (see [DOTLegendID]).
const DOTLegendPrefix = "legend:"

// Label wrapping: at most dotLabelLines lines of about dotLabelWidth runes.
const (
	dotLabelWidth = 22
	dotLabelLines = 3
)

// dotKindStyle is how one node kind is drawn.
type dotKindStyle struct {
	shape string
	style string
	name  string // legend text
}

// dotKinds lists the kinds in legend order with their shapes. Each shape is
// distinct, so kinds stay apart in greyscale too.
var dotKinds = []struct {
	kind papergraph.Kind
	dotKindStyle
}{
	{papergraph.KindPaper, dotKindStyle{"ellipse", "filled", "paper"}},
	{papergraph.KindRepo, dotKindStyle{"box", "filled,rounded", "repository"}},
	{papergraph.KindURL, dotKindStyle{"note", "filled", "project page"}},
	{papergraph.KindDataset, dotKindStyle{"cylinder", "filled", "dataset"}},
	{papergraph.KindBenchmark, dotKindStyle{"hexagon", "filled", "benchmark"}},
	{papergraph.KindModel, dotKindStyle{"octagon", "filled", "model"}},
}

// dotStyleOf returns the style of a kind; unknown kinds are plain boxes.
func dotStyleOf(k papergraph.Kind) dotKindStyle {
	for _, s := range dotKinds {
		if s.kind == k {
			return s.dotKindStyle
		}
	}
	return dotKindStyle{"box", "filled", string(k)}
}

// dotRelations lists the relations in legend order with their edge styles.
var dotRelations = []struct {
	rel   graph.Relation
	attrs string // DOT attributes, trusted constants
	name  string
}{
	{graph.Mentions, `color="#8c8c8c99", penwidth=0.7, arrowsize=0.4`, "names an artifact"},
	{graph.Shares, `color="#0072b288", dir=none, penwidth=2.5`, "shares artifacts"},
	{graph.Cites, `color="#333333", style=dashed, penwidth=1.1, arrowsize=0.7`, "cites a paper"},
}

// DOT writes g in the Graphviz DOT language: one digraph, nodes sorted by
// ID then edges by (Source, Target, Relation), then the legend. Nodes get a
// shape and fill colour ([Color]) by kind, a short wrapped label, a tooltip
// with the full title, a link (http and https URLs only) on paper,
// repository and project-page nodes, and a size from [Size]. Mentions and
// cites edges point from the paper; shares edges have dir=none and a pen
// width that grows with their weight.
//
// Every string is quoted and escaped, so no text can end a string, add an
// attribute or a statement, or be read as a Graphviz escape (\N, \l, ...)
// or HTML entity; invalid UTF-8 and control characters are replaced. The
// output is byte-for-byte deterministic for a given graph and options.
func DOT(w io.Writer, g *graph.Graph, opt Options) error {
	if g == nil {
		return fmt.Errorf("export: dot: nil graph")
	}
	d := dotWriter{s: newSink(w), opt: opt, g: g, nodes: g.Nodes(), ends: newDOTEnds(len(g.Nodes()))}
	d.write()
	d.s.flush()
	if d.s.err != nil {
		return fmt.Errorf("export: dot: %w", d.s.err)
	}
	return nil
}

// dotWriter writes one graph as DOT into a sink. Nodes, edges and the
// header are appended byte by byte (see dot_text.go); only the legend, a
// few dozen lines, goes through fmt.
type dotWriter struct {
	s     *sink
	opt   Options
	g     *graph.Graph
	nodes []graph.Node // g.Nodes()
	// colors caches dotTextColor of the few fill colours there are.
	colors []dotColor
	// ends holds what the edges repeat of each node, made as the nodes
	// are written.
	ends dotEnds
}

// dotEnds holds, for every node, the two texts an edge statement repeats
// of its ends, so that they are made once per node instead of once per
// edge: the quoted name and the display text, cleaned (see [dotDisplay]
// and [dotClean]).
type dotEnds struct {
	index map[string]int // node ID → node number
	text  []byte
	// off cuts text: node k's name is text[off[2k]:off[2k+1]], its
	// display text text[off[2k+1]:off[2k+2]].
	off []int
}

// newDOTEnds returns an empty dotEnds sized for n nodes.
func newDOTEnds(n int) dotEnds {
	off := make([]int, 1, 2*n+1)
	return dotEnds{index: make(map[string]int, n), text: make([]byte, 0, 48*n), off: off}
}

// add records the next node's ID, quoted name and display text.
func (e *dotEnds) add(id string, name []byte, display string) {
	e.index[id] = len(e.off) / 2
	e.text = append(e.text, name...)
	e.off = append(e.off, len(e.text))
	e.text, _ = appendDOTClean(e.text, display, false)
	e.off = append(e.off, len(e.text))
}

// find returns the quoted name and cleaned display text of the node with
// ID id, and false when there is no such node.
func (e *dotEnds) find(id string) (name, display []byte, ok bool) {
	k, ok := e.index[id]
	if !ok {
		return nil, nil, false
	}
	o := e.off[2*k : 2*k+3]
	return e.text[o[0]:o[1]], e.text[o[1]:o[2]], true
}

// dotColor is a fill colour and the text colour that goes on it.
type dotColor struct {
	fill RGB
	text string
}

// printf writes to the sink with fmt, for the legend.
func (d *dotWriter) printf(format string, args ...any) { fmt.Fprintf(d.s, format, args...) }

// dotHeader opens the digraph after its name: graph, node and edge
// defaults.
const dotHeader = " {\n" +
	"\tgraph [fontname=\"" + DOTFont + "\", fontsize=12, outputorder=edgesfirst, overlap=prism, sep=\"+8\", esep=\"+4\", splines=true, pad=0.3, bgcolor=white, nodesep=0.25, ranksep=0.6];\n" +
	"\tnode [fontname=\"" + DOTFont + "\", fontsize=10, style=filled, penwidth=0.8, margin=\"0.08,0.03\"];\n" +
	"\tedge [fontname=\"" + DOTFont + "\", fontsize=9];\n"

// write writes the whole graph, stopping early once a write fails.
func (d *dotWriter) write() {
	name := d.opt.Name
	if name == "" {
		name = "papergraph"
	}
	d.s.WriteString("digraph ")
	d.s.b = appendDOTQuote(d.s.b, name)
	d.s.WriteString(dotHeader)
	for i := range d.nodes {
		if d.s.failed() {
			return
		}
		d.node(&d.nodes[i])
	}
	_ = d.s.writeEdges(rows{g: d.g}, true, nil, d.edge) // a graph in memory: no reading to fail
	if d.s.failed() {
		return
	}
	if !d.opt.NoLegend {
		d.legend(d.g)
	}
	d.captions()
	d.s.WriteString("}\n")
}

// node writes a node statement: shape, colours and size by kind, the
// wrapped label, the tooltip, the link and the position.
func (d *dotWriter) node(n *graph.Node) {
	st := dotStyleOf(n.Kind)
	fill := d.pictureColor(n)
	size := d.pictureSize(n)
	fs := math.Round((10+5*(math.Min(size, 60)-10)/50)*10) / 10
	size /= 72
	labelled := d.labelled(n)
	// Graphviz shows the node name for an empty tooltip; fall back
	// explicitly, so the tooltip is always the text we chose.
	tip := n.ID
	if !dotBlank(n.Title) {
		tip = n.Title
	} else if !dotBlank(n.Label) {
		tip = n.Label
	}
	external := ""
	if n.External {
		external = " (cited, outside the batch)"
	}
	display := dotDisplayOf(n)
	b := append(d.s.b, '\t')
	at := len(b)
	b = appendDOTQuote(b, n.ID)
	d.ends.add(n.ID, b[at:], display)
	b = append(b, " [label="...)
	if labelled {
		b = appendDOTLabel(b, display)
	} else {
		b = append(b, `" ", fixedsize=true`...) // Graphviz draws the name for an empty label
	}
	b = append(b, ", tooltip="...)
	b = appendDOTTooltip(b, tip, external)
	b = append(b, ", shape="...)
	b = append(b, st.shape...)
	b = append(b, ", style=\""...)
	b = append(b, st.style...) // a constant without quotes or backslashes
	b = append(b, "\", fillcolor=\"#"...)
	b = appendHex(b, fill)
	b = append(b, "\", color=\"#"...)
	b = appendHex(b, dotDarker(fill))
	b = append(b, "\", fontcolor=\""...)
	b = append(b, d.textColor(fill)...)
	b = append(b, "\", fontsize="...)
	b = appendDOTNum(b, fs)
	b = append(b, ", width="...)
	b = appendDOTNum(b, size)
	b = append(b, ", height="...)
	b = appendDOTNum(b, size)
	if u, ok := dotLink(*n); ok {
		b = append(b, ", URL="...)
		b = appendDOTQuote(b, u)
		b = append(b, ", target=\"_blank\""...)
	}
	if p, ok := d.opt.Layout.Position(n.ID); ok {
		b = append(b, ", pos=\""...)
		b = appendDOTNum(b, p.X)
		b = append(b, ',')
		b = appendDOTNum(b, p.Y)
		b = append(b, '"')
	}
	d.s.b = append(b, "];\n"...)
}

// textColor returns dotTextColor(fill), computed once per colour.
func (d *dotWriter) textColor(fill RGB) string {
	for _, c := range d.colors {
		if c.fill == fill {
			return c.text
		}
	}
	t := dotTextColor(fill)
	if len(d.colors) < 16 {
		d.colors = append(d.colors, dotColor{fill, t})
	}
	return t
}

// dotDisplayOf is [dotDisplay] without copying the node.
func dotDisplayOf(n *graph.Node) string {
	switch {
	case !dotBlank(n.Label):
		return n.Label
	case !dotBlank(n.Title):
		return n.Title
	}
	return n.ID
}

// edge writes an edge statement into s: the relation's style and a
// tooltip naming both ends by their display text. It only reads d, so
// writeEdges may call it from several goroutines.
func (d *dotWriter) edge(s *sink, _ int, e *graph.Edge) {
	srcName, src, srcOK := d.ends.find(e.Source)
	tgtName, tgt, tgtOK := d.ends.find(e.Target)
	b := append(s.b, '\t')
	if srcOK {
		b = append(b, srcName...)
	} else {
		b = appendDOTQuote(b, e.Source)
	}
	b = append(b, " -> "...)
	if tgtOK {
		b = append(b, tgtName...)
	} else {
		b = appendDOTQuote(b, e.Target)
	}
	b = append(b, " ["...)
	attrs, known := `color="#8c8c8c"`, false
	for _, r := range dotRelations {
		if r.rel == e.Relation {
			attrs, known = r.attrs, true
		}
	}
	if st := d.opt.Style; st != nil && st.Width != nil {
		// The style's pen width replaces the relation's.
		if before, after, ok := strings.Cut(attrs, "penwidth="); ok {
			b = append(b, before...)
			b = append(b, "penwidth="...)
			b = appendDOTNum(b, st.Width(e))
			_, attrs, _ = strings.Cut(after, ",")
			if attrs != "" {
				attrs = "," + attrs
			}
		}
	} else if e.Relation == graph.Shares {
		// The pen width grows with the weight.
		before, after, ok := strings.Cut(attrs, "penwidth=2.5")
		if ok {
			b = append(b, before...)
			b = append(b, "penwidth="...)
			b = appendDOTNum(b, dotShareWidth(e.Weight))
			attrs = after
		}
	}
	b = append(b, attrs...)
	if familyOnly(e) {
		b = append(b, `, style=dotted`...)
	}

	// The tooltip: "relation: source → target", or "shares: source —
	// target (shared, ...)", cleaned as one text (see appendDOTClean) and
	// then escaped. The ends' display texts are clean already. An end
	// that is not a node (the graph package makes no such edges) is shown
	// by its ID.
	b = append(b, ", tooltip=\""...)
	start := len(b)
	space := false
	if !srcOK {
		src = []byte(dotClean(e.Source))
	}
	if !tgtOK {
		tgt = []byte(dotClean(e.Target))
	}
	if e.Relation == graph.Shares {
		b, space = appendCleanText(b, "shares: ", space)
		b, space = appendCleanText(b, src, space)
		b, space = appendCleanText(b, " — ", space)
		b, space = appendCleanText(b, tgt, space)
		for i, a := range e.Shared {
			sep := ", "
			if i == 0 {
				sep = " ("
			}
			b, space = appendCleanText(b, sep, space)
			b, space = appendDOTClean(b, a, space)
		}
		if len(e.Shared) > 0 {
			b, _ = appendCleanText(b, ")", space)
		}
	} else {
		if known {
			b, space = appendCleanText(b, string(e.Relation), space) // a clean constant
		} else {
			b, space = appendDOTClean(b, string(e.Relation), space)
		}
		b, space = appendCleanText(b, ": ", space)
		b, space = appendCleanText(b, src, space)
		b, space = appendCleanText(b, " → ", space)
		b, _ = appendCleanText(b, tgt, space)
	}
	b = capDOTText(b, start)
	b = escapeDOTTooltip(b, start)
	s.b = append(b, "\"];\n"...)
}

// dotShareWidth maps a shares weight to a pen width in [1, 6].
func dotShareWidth(w float64) float64 {
	if !(w > 0) || math.IsInf(w, 0) {
		return 1
	}
	return math.Min(5, 0.8+1.2*math.Sqrt(w))
}

// Legend geometry in points, used when a layout pins positions.
const (
	dotLegendGap   = 36  // from the layout's right edge
	dotLegendW     = 200 // frame width
	dotLegendRow   = 30  // row pitch
	dotLegendShape = 92  // kind sample width
	dotLegendPad   = 12
)

// DOTLegendID returns the prefix of the legend's node IDs for g: [DOTLegendPrefix]
// with as many leading underscores as needed so that no node of g has an
// ID starting with it.
func DOTLegendID(g *graph.Graph) string {
	p := DOTLegendPrefix
	for {
		clash := false
		for _, n := range g.Nodes() {
			if strings.HasPrefix(n.ID, p) {
				clash = true
				break
			}
		}
		if !clash {
			return p
		}
		p = "_" + p
	}
}

// legend writes a cluster with a sample node per kind and a sample edge per
// relation. With a layout the cluster is pinned to the right of the
// layout's box; without one, invisible edges stack it for the dot engine.
func (d *dotWriter) legend(g *graph.Graph) {
	p := DOTLegendID(g)
	kinds, external, rels := present(g)
	var notes []string
	if d.opt.Style != nil {
		notes = d.legendNotes()
	} else {
		// The data file's legend lists every kind and relation.
		for _, k := range dotKinds {
			kinds[string(k.kind)] = true
		}
		for _, r := range dotRelations {
			rels[r.rel] = true
		}
	}
	type kindRow struct {
		st   dotKindStyle
		fill RGB
	}
	var krs []kindRow
	for _, k := range dotKinds {
		if kinds[string(k.kind)] {
			fill := Palette[k.kind]
			if d.opt.Style != nil && d.opt.Style.Color != nil {
				fill = d.opt.Style.Color(&graph.Node{Kind: k.kind, Community: -1})
			}
			krs = append(krs, kindRow{k.dotKindStyle, fill})
		}
	}
	if external {
		st := dotStyleOf(papergraph.KindPaper)
		st.name = "cited paper"
		krs = append(krs, kindRow{st, ExternalColor})
	}
	var comms []LegendEntry
	if d.opt.Style != nil {
		comms = d.opt.Style.Communities
	}
	nrel := 0
	for _, r := range dotRelations {
		if rels[r.rel] {
			nrel++
		}
	}
	if rels[familyRelation] {
		nrel++
	}
	rows := len(krs) + nrel + len(comms) + len(notes) + 1
	pinned := d.opt.Layout != nil
	var x0, top float64
	if pinned {
		x0 = d.opt.Layout.Width + dotLegendGap
		top = math.Max(d.opt.Layout.Height, float64(rows)*dotLegendRow+2*dotLegendPad)
		h := float64(rows)*dotLegendRow + 2*dotLegendPad
		d.printf("\tsubgraph %s {\n", dotQuote("cluster_"+p+"frame"))
		d.printf("\t\tgraph [label=\"\", style=\"rounded,filled\", fillcolor=\"#fafafa\", color=\"#bbbbbb\", bb=\"%s,%s,%s,%s\"];\n",
			dotNum(x0), dotNum(top-h), dotNum(x0+dotLegendW), dotNum(top))
	} else {
		d.printf("\tsubgraph %s {\n", dotQuote("cluster_"+p+"frame"))
		d.printf("\t\tgraph [label=\"\", style=\"rounded,filled\", fillcolor=\"#fafafa\", color=\"#bbbbbb\"];\n")
	}
	row := 0
	var chain []string
	pos := func(x float64) string {
		if !pinned {
			return ""
		}
		y := top - dotLegendPad - dotLegendRow*(float64(row)+0.5)
		return fmt.Sprintf(", pos=\"%s,%s\"", dotNum(x0+x), dotNum(y))
	}
	id := func(s string) string { return dotQuote(p + s) }
	d.printf("\t\t%s [shape=plaintext, style=\"\", label=\"Legend\", fontsize=13, width=1.6, height=0.3, fixedsize=true%s];\n", id("title"), pos(dotLegendW/2))
	chain = append(chain, p+"title")
	row++
	for _, k := range krs {
		d.printf("\t\t%s [label=%s, shape=%s, style=%q, fillcolor=%q, color=%q, fontcolor=%q, fontsize=10, width=%s, height=0.32, fixedsize=true%s];\n",
			id("kind:"+k.st.name), dotQuote(k.st.name), k.st.shape, k.st.style, k.fill.Hex(), dotDarker(k.fill).Hex(),
			dotTextColor(k.fill), dotNum(dotLegendShape/72.0), pos(dotLegendPad+dotLegendShape/2))
		chain = append(chain, p+"kind:"+k.st.name)
		row++
	}
	for i, c := range comms {
		d.printf("\t\t%s [label=\" \", shape=ellipse, style=\"filled\", fillcolor=%s, color=%s, width=0.22, height=0.22, fixedsize=true%s];\n",
			id(fmt.Sprintf("community:%d", i)), legendHex(c.Color), legendHex(dotDarker(c.Color)), pos(dotLegendPad+8))
		d.printf("\t\t%s [shape=plaintext, style=\"\", label=%s, fontsize=9, width=%s, height=0.25, fixedsize=true%s];\n",
			id(fmt.Sprintf("community:%d:text", i)), strings.TrimSuffix(dotLabel([]string{dotClean(c.Label)}), `"`)+`\l"`,
			dotNum((dotLegendW-2*dotLegendPad-20)/72), pos(dotLegendPad+20+(dotLegendW-2*dotLegendPad-20)/2))
		chain = append(chain, p+fmt.Sprintf("community:%d", i))
		row++
	}
	for _, r := range dotRelations {
		if !rels[r.rel] {
			continue
		}
		a, b, t := p+"rel:"+string(r.rel)+":a", p+"rel:"+string(r.rel)+":b", p+"rel:"+string(r.rel)
		if !pinned {
			d.printf("\t\tsubgraph {\n\t\t\trank=same;\n")
		}
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", dotQuote(a), pos(dotLegendPad))
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", dotQuote(b), pos(dotLegendPad+44))
		d.printf("\t\t%s [shape=plaintext, style=\"\", label=%s, fontsize=9, width=%s, height=0.25, fixedsize=true%s];\n",
			dotQuote(t), strings.TrimSuffix(dotLabel([]string{r.name}), `"`)+`\l"`, dotNum(124.0/72), pos(dotLegendPad+50+62))
		attrs := r.attrs
		if r.rel == graph.Shares {
			attrs = strings.Replace(attrs, "penwidth=2.5", "penwidth=3", 1)
		}
		d.printf("\t\t%s -> %s [%s, tooltip=%s];\n", dotQuote(a), dotQuote(b), attrs, dotQuote(r.name))
		if !pinned {
			// Keeps the text right of its sample line.
			d.printf("\t\t%s -> %s [style=invis];\n\t\t}\n", dotQuote(b), dotQuote(t))
		}
		chain = append(chain, a)
		row++
	}
	if d.opt.Style != nil && rels[familyRelation] {
		a, b, t := p+"rel:family:a", p+"rel:family:b", p+"rel:family"
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", dotQuote(a), pos(dotLegendPad))
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", dotQuote(b), pos(dotLegendPad+44))
		d.printf("\t\t%s [shape=plaintext, style=\"\", label=%s, fontsize=9, width=%s, height=0.25, fixedsize=true%s];\n",
			dotQuote(t), `"shares a family only\l"`, dotNum(124.0/72), pos(dotLegendPad+50+62))
		d.printf("\t\t%s -> %s [color=\"#0072b288\", dir=none, penwidth=2, style=dotted];\n", dotQuote(a), dotQuote(b))
		chain = append(chain, a)
		row++
	}
	for i, note := range notes {
		d.printf("\t\t%s [shape=plaintext, style=\"\", label=%s, fontsize=9, width=%s, height=0.25, fixedsize=true%s];\n",
			id(fmt.Sprintf("note:%d", i)), strings.TrimSuffix(dotLabel([]string{note}), `"`)+`\l"`, dotNum((dotLegendW-2*dotLegendPad)/72), pos(dotLegendW/2))
		chain = append(chain, p+fmt.Sprintf("note:%d", i))
		row++
	}
	if !pinned {
		for i := 1; i < len(chain); i++ {
			d.printf("\t\t%s -> %s [style=invis];\n", dotQuote(chain[i-1]), dotQuote(chain[i]))
		}
	}
	d.printf("\t}\n")
}

// dotLink returns the node's link when it is an absolute http(s) URL on a
// paper, repository or project-page node.
func dotLink(n graph.Node) (string, bool) {
	switch n.Kind {
	case papergraph.KindPaper, papergraph.KindRepo, papergraph.KindURL:
	default:
		return "", false
	}
	return dotSafeURL(n.URL)
}

// dotDarker returns c at 70% brightness, for node outlines.
func dotDarker(c RGB) RGB {
	return RGB{uint8(int(c.R) * 7 / 10), uint8(int(c.G) * 7 / 10), uint8(int(c.B) * 7 / 10)}
}

// dotTextColor picks black or white text, whichever contrasts more with
// fill (WCAG relative luminance).
func dotTextColor(fill RGB) string {
	lin := func(v uint8) float64 {
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(fill.R) + 0.7152*lin(fill.G) + 0.0722*lin(fill.B)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return "#000000"
	}
	return "#ffffff"
}
