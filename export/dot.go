package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/graph"
)

// DOTOptions configures [DOT]. The zero value writes the graph without
// positions and with a legend.
type DOTOptions struct {
	// Layout, when non-nil, gives every node it places a pos="x,y" attribute
	// in points, and places the legend to the right of the layout's bounding
	// box, so that `neato -n2` draws exactly these positions. Nodes the
	// layout does not place get no pos.
	Layout *Layout
	// NoLegend leaves the legend out.
	NoLegend bool
	// Name is the graph's name; empty means "papergraph".
	Name string
}

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
	kind extract.Kind
	dotKindStyle
}{
	{extract.KindPaper, dotKindStyle{"ellipse", "filled", "paper"}},
	{extract.KindRepo, dotKindStyle{"box", "filled,rounded", "repository"}},
	{extract.KindURL, dotKindStyle{"note", "filled", "project page"}},
	{extract.KindDataset, dotKindStyle{"cylinder", "filled", "dataset"}},
	{extract.KindBenchmark, dotKindStyle{"hexagon", "filled", "benchmark"}},
	{extract.KindModel, dotKindStyle{"octagon", "filled", "model"}},
}

// dotStyleOf returns the style of a kind; unknown kinds are plain boxes.
func dotStyleOf(k extract.Kind) dotKindStyle {
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
func DOT(w io.Writer, g *graph.Graph, opt DOTOptions) error {
	if g == nil {
		return fmt.Errorf("export: dot: nil graph")
	}
	bw := bufio.NewWriter(w)
	d := dotWriter{w: bw, opt: opt}
	d.write(g)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: dot: %w", err)
	}
	return nil
}

type dotWriter struct {
	w   *bufio.Writer
	opt DOTOptions
}

func (d *dotWriter) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func (d *dotWriter) write(g *graph.Graph) {
	name := d.opt.Name
	if name == "" {
		name = "papergraph"
	}
	d.printf("digraph %s {\n", dotQuote(name))
	d.printf("\tgraph [fontname=%q, fontsize=12, outputorder=edgesfirst, overlap=prism, sep=\"+8\", esep=\"+4\", splines=true, pad=0.3, bgcolor=white, nodesep=0.25, ranksep=0.6];\n", DOTFont)
	d.printf("\tnode [fontname=%q, fontsize=10, style=filled, penwidth=0.8, margin=\"0.08,0.03\"];\n", DOTFont)
	d.printf("\tedge [fontname=%q, fontsize=9];\n", DOTFont)
	for _, n := range g.Nodes() {
		d.node(n)
	}
	for _, e := range g.Edges() {
		d.edge(g, e)
	}
	if !d.opt.NoLegend {
		d.legend(g)
	}
	d.printf("}\n")
}

func (d *dotWriter) node(n graph.Node) {
	st := dotStyleOf(n.Kind)
	fill := Color(n)
	fs := dotFontSize(n)
	size := Size(n) / 72
	// Graphviz shows the node name for an empty tooltip; fall back
	// explicitly, so the tooltip is always the text we chose.
	tip := n.ID
	for _, t := range []string{n.Title, n.Label} {
		if strings.TrimSpace(dotClean(t)) != "" {
			tip = t
			break
		}
	}
	if n.External {
		tip += " (cited, outside the batch)"
	}
	d.printf("\t%s [label=%s, tooltip=%s, shape=%s, style=%q, fillcolor=%q, color=%q, fontcolor=%q, fontsize=%s, width=%s, height=%s",
		dotQuote(n.ID), dotLabel(dotWrap(dotDisplay(n))), dotTooltip(tip), st.shape, st.style,
		fill.Hex(), dotDarker(fill).Hex(), dotTextColor(fill), dotNum(fs), dotNum(size), dotNum(size))
	if u, ok := dotLink(n); ok {
		d.printf(", URL=%s, target=\"_blank\"", dotQuote(u))
	}
	if p, ok := d.opt.Layout.Position(n.ID); ok {
		d.printf(", pos=\"%s,%s\"", dotNum(p.X), dotNum(p.Y))
	}
	d.printf("];\n")
}

// dotDisplay is the text shown on a node: its label, else title, else ID.
func dotDisplay(n graph.Node) string {
	for _, s := range []string{n.Label, n.Title, n.ID} {
		if strings.TrimSpace(dotClean(s)) != "" {
			return s
		}
	}
	return n.ID
}

// dotFontSize grows from 10 to 15 points with the node's size, so hubs read
// first.
func dotFontSize(n graph.Node) float64 {
	return math.Round((10+5*(Size(n)-10)/50)*10) / 10
}

func (d *dotWriter) edge(g *graph.Graph, e graph.Edge) {
	attrs := ""
	for _, r := range dotRelations {
		if r.rel == e.Relation {
			attrs = r.attrs
		}
	}
	if attrs == "" {
		attrs = `color="#8c8c8c"`
	}
	if e.Relation == graph.Shares {
		attrs = strings.Replace(attrs, "penwidth=2.5", "penwidth="+dotNum(dotShareWidth(e.Weight)), 1)
	}
	tip := string(e.Relation) + ": " + dotTipName(g, e.Source) + " → " + dotTipName(g, e.Target)
	if e.Relation == graph.Shares {
		tip = "shares: " + dotTipName(g, e.Source) + " — " + dotTipName(g, e.Target)
		if len(e.Shared) > 0 {
			tip += " (" + strings.Join(e.Shared, ", ") + ")"
		}
	}
	d.printf("\t%s -> %s [%s, tooltip=%s];\n", dotQuote(e.Source), dotQuote(e.Target), attrs, dotTooltip(tip))
}

func dotTipName(g *graph.Graph, id string) string {
	if n, ok := g.Node(id); ok {
		return dotDisplay(n)
	}
	return id
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
	external := false
	for _, n := range g.Nodes() {
		external = external || n.External
	}
	rows := len(dotKinds) + len(dotRelations) + 1
	if external {
		rows++
	}
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
	type kindRow struct {
		st   dotKindStyle
		fill RGB
	}
	var krs []kindRow
	for _, k := range dotKinds {
		krs = append(krs, kindRow{k.dotKindStyle, Palette[k.kind]})
	}
	if external {
		st := dotStyleOf(extract.KindPaper)
		st.name = "cited paper"
		krs = append(krs, kindRow{st, ExternalColor})
	}
	for _, k := range krs {
		d.printf("\t\t%s [label=%s, shape=%s, style=%q, fillcolor=%q, color=%q, fontcolor=%q, fontsize=10, width=%s, height=0.32, fixedsize=true%s];\n",
			id("kind:"+k.st.name), dotQuote(k.st.name), k.st.shape, k.st.style, k.fill.Hex(), dotDarker(k.fill).Hex(),
			dotTextColor(k.fill), dotNum(dotLegendShape/72.0), pos(dotLegendPad+dotLegendShape/2))
		chain = append(chain, p+"kind:"+k.st.name)
		row++
	}
	for _, r := range dotRelations {
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
	if !pinned {
		for i := 1; i < len(chain); i++ {
			d.printf("\t\t%s -> %s [style=invis];\n", dotQuote(chain[i-1]), dotQuote(chain[i]))
		}
	}
	d.printf("\t}\n")
}

// dotQuote returns s as a DOT double-quoted string, with invalid UTF-8 and
// control characters replaced (see [dotClean]) and backslashes and quotes
// escaped. Graphviz reads an ID written so with its backslashes doubled
// (see [DOTName]).
func dotQuote(s string) string {
	return dotQuoted(dotClean(s), false, true)
}

// dotTooltip quotes a tooltip. Graphviz substitutes escapes in tooltips
// twice (\\\\ becomes \) and keeps entities unescaped in SVG, so each
// backslash is written as four and each ampersand as &amp;. Native Graphviz
// 2.43 and go-graphviz's Graphviz 12 agree on this.
func dotTooltip(s string) string {
	q := dotQuoted(dotClean(s), true, false)
	return strings.ReplaceAll(q, `\\`, `\\\\`)
}

// dotLabel quotes label lines, an escString: backslashes are doubled so
// \N, \G, \l and friends stay literal, ampersands become &amp; because
// Graphviz decodes HTML entities in labels, and lines are joined with the
// \n escape (centred line break).
func dotLabel(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		s := dotQuoted(dotClean(l), true, true)
		b.WriteString(s[1 : len(s)-1])
	}
	b.WriteByte('"')
	return b.String()
}

func dotQuoted(s string, amp, joiner bool) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '&':
			if amp {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
			if joiner && dotEntityLike(s[i+1:]) {
				// Graphviz copies entity-like text ("&#0;", left in a
				// label after its entities are decoded, or in an ID)
				// into SVG unescaped, which can make the SVG invalid; an
				// invisible word joiner after the & stops that.
				b.WriteRune('\u2060')
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// DOTName returns the name Graphviz gives the node [DOT] writes for id:
// the id with invalid UTF-8 and control characters replaced, a word joiner
// (U+2060) after each ampersand that starts an entity-like "&name;", and
// each backslash doubled (the writer escapes a backslash as \\ and DOT
// keeps both characters in an ID).
func DOTName(id string) string {
	q := dotQuote(id)
	q = q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		// As Graphviz's scanner: \" is a quote, other pairs stay.
		if q[i] == '\\' && i+1 < len(q) {
			if q[i+1] != '"' {
				b.WriteByte('\\')
			}
			i++
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// dotEntityLike reports whether s, the text after an ampersand, starts
// like an entity reference body as Graphviz sees one: an optional '#',
// letters and digits (possibly none: Graphviz takes "&#;" for an entity)
// and ';'.
func dotEntityLike(s string) bool {
	s = strings.TrimPrefix(s, "#")
	n := 0
	for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n]|0x20 >= 'a' && s[n]|0x20 <= 'z') {
		n++
	}
	return n < len(s) && s[n] == ';'
}

// dotClean repairs text for every output: invalid UTF-8 becomes U+FFFD,
// line breaks and tabs become spaces, runs of spaces become one (Graphviz
// would turn the second into a no-break space), and other control
// characters (C0, DEL, C1) and the non-characters U+FFFE/U+FFFF are
// dropped, since XML 1.0 (the SVG Graphviz writes) forbids most of them.
func dotClean(s string) string {
	ok := utf8.ValidString(s) && !strings.Contains(s, "  ")
	if ok {
		for _, r := range s {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			r = utf8.RuneError
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff:
			continue
		}
		if r == ' ' && space {
			continue
		}
		space = r == ' '
		b.WriteRune(r)
	}
	return b.String()
}

// dotWrap splits a display text into at most dotLabelLines lines of at
// most dotLabelWidth runes, breaking at spaces, else after '/', '-', '_',
// '.' or ':', else anywhere, and ends a truncated label with "…".
func dotWrap(s string) []string {
	fields := strings.Fields(dotClean(s))
	var lines [][]rune
	var cur []rune
	push := func() bool {
		lines = append(lines, cur)
		cur = nil
		return len(lines) < dotLabelLines
	}
words:
	for _, f := range fields {
		w := []rune(f)
		for len(w) > 0 {
			room := dotLabelWidth - len(cur)
			if len(cur) > 0 {
				room-- // the space
			}
			if len(w) <= room {
				if len(cur) > 0 {
					cur = append(cur, ' ')
				}
				cur = append(cur, w...)
				break
			}
			if len(cur) > 0 && (len(w) <= dotLabelWidth || room < 6) {
				if !push() {
					break words
				}
				continue
			}
			// Split the word: its head fills this line.
			cut := room
			for i := room; i >= 6; i-- {
				if strings.ContainsRune("/-_.:", w[i-1]) {
					cut = i
					break
				}
			}
			if len(cur) > 0 {
				cur = append(cur, ' ')
			}
			cur = append(cur, w[:cut]...)
			w = w[cut:]
			if !push() {
				break words
			}
		}
	}
	if len(cur) > 0 && len(lines) < dotLabelLines {
		lines = append(lines, cur)
	}
	if len(lines) == 0 {
		return []string{""}
	}
	out := make([]string, len(lines))
	kept := 0
	for i, l := range lines {
		out[i] = string(l)
		kept += len(l) - strings.Count(out[i], " ")
	}
	if kept < utf8.RuneCountInString(strings.Join(fields, "")) {
		last := out[len(out)-1]
		for utf8.RuneCountInString(last) >= dotLabelWidth {
			if i := strings.LastIndexByte(last, ' '); i > 0 {
				last = last[:i] // drop the last word
			} else {
				last = string([]rune(last)[:dotLabelWidth-1])
			}
		}
		out[len(out)-1] = strings.TrimRightFunc(last, unicode.IsSpace) + "…"
	}
	return out
}

// dotLink returns the node's link when it is an absolute http(s) URL on a
// paper, repository or project-page node.
func dotLink(n graph.Node) (string, bool) {
	switch n.Kind {
	case extract.KindPaper, extract.KindRepo, extract.KindURL:
	default:
		return "", false
	}
	return dotSafeURL(n.URL)
}

// dotSafeURL returns u when it is an absolute http or https URL with a host
// and no control characters or spaces, and false otherwise (javascript:,
// data:, relative and malformed links are refused).
func dotSafeURL(u string) (string, bool) {
	if u == "" || !utf8.ValidString(u) {
		return "", false
	}
	for i, r := range u {
		if r <= 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '"' || r == '\\' || r == '<' || r == '>' {
			return "", false
		}
		if r == '&' && dotEntityLike(u[i+1:]) {
			return "", false // Graphviz would copy the entity into the SVG
		}
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.User != nil {
		return "", false
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return "", false
	}
	return u, true
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

// dotNum formats a number compactly with at most two decimals.
func dotNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}
