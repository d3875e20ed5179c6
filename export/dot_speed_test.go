package export

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// The DOT writer of dot.go appends bytes (dot_fast.go); the fmt-based
// writer it replaced is kept below, renamed, with the string helpers it
// used (legacyDOTQuote, legacyDOTTooltip, ...), and the tests of
// dot_speed_test.go check that the two write the same bytes. Helpers the
// rewrite left alone (dotClean, dotWrap, dotNum, dotLink, ...) are shared.

// legacyDOT is [DOT] as it was written with fmt and bufio.
func legacyDOT(w io.Writer, g *graph.Graph, opt DOTOptions) error {
	if g == nil {
		return fmt.Errorf("export: dot: nil graph")
	}
	bw := bufio.NewWriter(w)
	d := legacyDOTWriter{w: bw, opt: opt}
	d.write(g)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: dot: %w", err)
	}
	return nil
}

// legacyDOTBytes returns what legacyDOT writes.
func legacyDOTBytes(g *graph.Graph, opt DOTOptions) []byte {
	var b bytes.Buffer
	if err := legacyDOT(&b, g, opt); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// legacyDOTWriter is the dotWriter of the fmt-based writer.
type legacyDOTWriter struct {
	w   *bufio.Writer
	opt DOTOptions
}

// printf writes to the buffered writer with fmt.
func (d *legacyDOTWriter) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

// write writes the whole graph.
func (d *legacyDOTWriter) write(g *graph.Graph) {
	name := d.opt.Name
	if name == "" {
		name = "papergraph"
	}
	d.printf("digraph %s {\n", legacyDOTQuote(name))
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

// node writes a node statement.
func (d *legacyDOTWriter) node(n graph.Node) {
	st := dotStyleOf(n.Kind)
	fill := Color(n)
	fs := dotFontSize(n)
	size := Size(n) / 72
	// Graphviz shows the node name for an empty tooltip; fall back
	// explicitly, so the tooltip is always the text we chose.
	tip := n.ID
	for _, t := range []string{n.Title, n.Label} {
		if strings.TrimSpace(legacyDOTClean(t)) != "" {
			tip = t
			break
		}
	}
	if n.External {
		tip += " (cited, outside the batch)"
	}
	d.printf("\t%s [label=%s, tooltip=%s, shape=%s, style=%q, fillcolor=%q, color=%q, fontcolor=%q, fontsize=%s, width=%s, height=%s",
		legacyDOTQuote(n.ID), legacyDOTLabel(dotWrap(legacyDOTDisplay(n))), legacyDOTTooltip(tip), st.shape, st.style,
		fill.Hex(), dotDarker(fill).Hex(), dotTextColor(fill), dotNum(fs), dotNum(size), dotNum(size))
	if u, ok := dotLink(n); ok {
		d.printf(", URL=%s, target=\"_blank\"", legacyDOTQuote(u))
	}
	if p, ok := d.opt.Layout.Position(n.ID); ok {
		d.printf(", pos=\"%s,%s\"", dotNum(p.X), dotNum(p.Y))
	}
	d.printf("];\n")
}

// legacyDOTDisplay is the text shown on a node: its label, else title, else ID.
func legacyDOTDisplay(n graph.Node) string {
	for _, s := range []string{n.Label, n.Title, n.ID} {
		if strings.TrimSpace(legacyDOTClean(s)) != "" {
			return s
		}
	}
	return n.ID
}

// edge writes an edge statement.
func (d *legacyDOTWriter) edge(g *graph.Graph, e graph.Edge) {
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
	tip := string(e.Relation) + ": " + legacyDOTTipName(g, e.Source) + " → " + legacyDOTTipName(g, e.Target)
	if e.Relation == graph.Shares {
		tip = "shares: " + legacyDOTTipName(g, e.Source) + " — " + legacyDOTTipName(g, e.Target)
		if len(e.Shared) > 0 {
			tip += " (" + strings.Join(e.Shared, ", ") + ")"
		}
	}
	d.printf("\t%s -> %s [%s, tooltip=%s];\n", legacyDOTQuote(e.Source), legacyDOTQuote(e.Target), attrs, legacyDOTTooltip(tip))
}

// legacyDOTTipName is the display text of node id, or id.
func legacyDOTTipName(g *graph.Graph, id string) string {
	if n, ok := g.Node(id); ok {
		return legacyDOTDisplay(n)
	}
	return id
}

// legend writes a cluster with a sample node per kind and a sample edge per
// relation. With a layout the cluster is pinned to the right of the
// layout's box; without one, invisible edges stack it for the dot engine.
func (d *legacyDOTWriter) legend(g *graph.Graph) {
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
		d.printf("\tsubgraph %s {\n", legacyDOTQuote("cluster_"+p+"frame"))
		d.printf("\t\tgraph [label=\"\", style=\"rounded,filled\", fillcolor=\"#fafafa\", color=\"#bbbbbb\", bb=\"%s,%s,%s,%s\"];\n",
			dotNum(x0), dotNum(top-h), dotNum(x0+dotLegendW), dotNum(top))
	} else {
		d.printf("\tsubgraph %s {\n", legacyDOTQuote("cluster_"+p+"frame"))
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
	id := func(s string) string { return legacyDOTQuote(p + s) }
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
		st := dotStyleOf(papergraph.KindPaper)
		st.name = "cited paper"
		krs = append(krs, kindRow{st, ExternalColor})
	}
	for _, k := range krs {
		d.printf("\t\t%s [label=%s, shape=%s, style=%q, fillcolor=%q, color=%q, fontcolor=%q, fontsize=10, width=%s, height=0.32, fixedsize=true%s];\n",
			id("kind:"+k.st.name), legacyDOTQuote(k.st.name), k.st.shape, k.st.style, k.fill.Hex(), dotDarker(k.fill).Hex(),
			dotTextColor(k.fill), dotNum(dotLegendShape/72.0), pos(dotLegendPad+dotLegendShape/2))
		chain = append(chain, p+"kind:"+k.st.name)
		row++
	}
	for _, r := range dotRelations {
		a, b, t := p+"rel:"+string(r.rel)+":a", p+"rel:"+string(r.rel)+":b", p+"rel:"+string(r.rel)
		if !pinned {
			d.printf("\t\tsubgraph {\n\t\t\trank=same;\n")
		}
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", legacyDOTQuote(a), pos(dotLegendPad))
		d.printf("\t\t%s [shape=point, width=0.04, label=\"\", color=\"#666666\"%s];\n", legacyDOTQuote(b), pos(dotLegendPad+44))
		d.printf("\t\t%s [shape=plaintext, style=\"\", label=%s, fontsize=9, width=%s, height=0.25, fixedsize=true%s];\n",
			legacyDOTQuote(t), strings.TrimSuffix(legacyDOTLabel([]string{r.name}), `"`)+`\l"`, dotNum(124.0/72), pos(dotLegendPad+50+62))
		attrs := r.attrs
		if r.rel == graph.Shares {
			attrs = strings.Replace(attrs, "penwidth=2.5", "penwidth=3", 1)
		}
		d.printf("\t\t%s -> %s [%s, tooltip=%s];\n", legacyDOTQuote(a), legacyDOTQuote(b), attrs, legacyDOTQuote(r.name))
		if !pinned {
			// Keeps the text right of its sample line.
			d.printf("\t\t%s -> %s [style=invis];\n\t\t}\n", legacyDOTQuote(b), legacyDOTQuote(t))
		}
		chain = append(chain, a)
		row++
	}
	if !pinned {
		for i := 1; i < len(chain); i++ {
			d.printf("\t\t%s -> %s [style=invis];\n", legacyDOTQuote(chain[i-1]), legacyDOTQuote(chain[i]))
		}
	}
	d.printf("\t}\n")
}

// legacyDOTQuote returns s as a DOT double-quoted string, with invalid UTF-8 and
// control characters replaced (see [dotClean]) and backslashes and quotes
// escaped. Graphviz reads an ID written so with its backslashes doubled
// (see [legacyDOTName]).
func legacyDOTQuote(s string) string {
	return legacyDOTQuoted(legacyDOTClean(dotShorten(s)), false, true)
}

// legacyDOTTooltip quotes a tooltip. Graphviz substitutes escapes in tooltips
// twice (\\\\ becomes \) and keeps entities unescaped in SVG, so each
// backslash is written as four and each ampersand as &amp;. Native Graphviz
// 2.43 and go-graphviz's Graphviz 12 agree on this.
func legacyDOTTooltip(s string) string {
	c := legacyDOTClean(s)
	if b := capDOTText([]byte(c), 0); len(b) != len(c) {
		c = string(b)
	}
	q := legacyDOTQuoted(c, true, false)
	return strings.ReplaceAll(q, `\\`, `\\\\`)
}

// legacyDOTLabel quotes label lines, an escString: backslashes are doubled so
// \N, \G, \l and friends stay literal, ampersands become &amp; because
// Graphviz decodes HTML entities in labels, and lines are joined with the
// \n escape (centred line break).
func legacyDOTLabel(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		s := legacyDOTQuoted(legacyDOTClean(l), true, true)
		b.WriteString(s[1 : len(s)-1])
	}
	b.WriteByte('"')
	return b.String()
}

// legacyDOTQuoted quotes clean text s: " and \\ escaped, & written as
// &amp; when amp, and a word joiner after an entity-like & when joiner.
func legacyDOTQuoted(s string, amp, joiner bool) string {
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

// legacyDOTName returns the name Graphviz gives the node [DOT] writes for id:
// the id with invalid UTF-8 and control characters replaced, a word joiner
// (U+2060) after each ampersand that starts an entity-like "&name;", and
// each backslash doubled (the writer escapes a backslash as \\ and DOT
// keeps both characters in an ID).
func legacyDOTName(id string) string {
	q := legacyDOTQuote(id)
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

// dotIdenticalGraphs returns the graphs the identity tests write: the
// golden and hostile graphs, a random graph, one made by graph.Build (a
// compact edge store, long titles), an unfinished graph (nodes in the
// order they came) and one with unknown kinds and relations, odd weights
// and a node ID that moves the legend's prefix.
func dotIdenticalGraphs(t *testing.T) map[string]*graph.Graph {
	gs := map[string]*graph.Graph{
		"small":   smallGraph(t),
		"hostile": hostileGraph(t),
		"random":  randomGraph(t, 2000, 1),
		"built":   builtDOTGraph(t, 2000),
		"empty":   emptyGraph(t),
	}

	odd := graph.New()
	nodes := []graph.Node{
		{ID: "z:last", Kind: "widget", Label: "  spaced  out  ", Title: "\t", Strength: 4},
		{ID: "legend:title", Kind: papergraph.KindRepo, Label: " ", Title: "", URL: "http://example.org/a&b;c", External: true},
		{ID: "a:first&amp;", Kind: papergraph.KindURL, Label: "\u00a0\u2003", Title: "x \\N \\l & y", URL: "https://ok.example/p?q=1&r=2"},
		{ID: "m:\\\"", Kind: papergraph.KindModel, Label: "a-very-long-label-without-any-spaces-at-all/and/slashes", Strength: 1e9},
		{ID: "p:long", Kind: papergraph.KindPaper, Label: "A fairly long paper label that must wrap over lines & more", Title: "t", Strength: 0.3},
	}
	for _, n := range nodes {
		require.NoError(t, odd.AddNode(n))
	}
	for _, e := range []graph.Edge{
		{Source: "z:last", Target: "legend:title", Relation: "likes", Weight: 2},
		{Source: "a:first&amp;", Target: "z:last", Relation: graph.Shares, Weight: math.NaN(), Shared: []string{"  x ", "\x01"}},
		{Source: "a:first&amp;", Target: "m:\\\"", Relation: graph.Shares, Weight: math.Inf(1)},
		{Source: "m:\\\"", Target: "p:long", Relation: graph.Shares, Weight: 1234.5678},
		{Source: "legend:title", Target: "m:\\\"", Relation: graph.Shares, Weight: -1},
		{Source: "p:long", Target: "m:\\\"", Relation: graph.Cites, Weight: 1},
		{Source: "p:long", Target: "a:first&amp;", Relation: "  ", Weight: 1},
	} {
		require.NoError(t, odd.AddEdge(e))
	}
	gs["unfinished"] = odd
	return gs
}

// builtDOTGraph builds a graph from n synthetic papers with graph.Build,
// titles drawn from words that need escaping.
func builtDOTGraph(t testing.TB, n int) *graph.Graph {
	r := rand.New(rand.NewPCG(3, 3))
	words := []string{"learning", "diffusion", "models", "for", "Müller", "&", `"zero-shot"`, `back\slash`,
		"&amp;", "tab\tbed", "  ", "self-supervised", "🚀", "\xff", "transformers"}
	papers := make([]papergraph.Paper, n)
	for i := range papers {
		p := &papers[i]
		p.ArXiv = "24" + itoa(10+i%12) + "." + itoa(10000+i)
		p.Year = 2020 + i%6
		var title []string
		for range 2 + r.IntN(10) {
			title = append(title, words[r.IntN(len(words))])
		}
		p.Title = strings.Join(title, " ")
		p.Authors = []string{"Author " + itoa(r.IntN(500))}
		for range 1 + r.IntN(3) {
			a := r.IntN(n / 2)
			kind := papergraph.Kinds[a%len(papergraph.Kinds)]
			name := "artifact-" + itoa(a) + words[a%len(words)]
			if kind == papergraph.KindRepo {
				name = "github.com/owner" + itoa(a%97) + "/artifact-" + itoa(a)
			}
			p.Entities = append(p.Entities, papergraph.Entity{Kind: kind, Name: name, Surface: name, Rule: "test"})
		}
		if i > 0 && r.IntN(3) == 0 {
			p.Refs = append(p.Refs, papergraph.Ref{ArXiv: papers[r.IntN(i)].ArXiv, Source: "test"})
		}
	}
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	return g
}

// dotOddLayout places every other node, at coordinates that round to -0,
// that are not finite or that are large.
func dotOddLayout(g *graph.Graph) *Layout {
	l := layoutFor(g)
	odd := []float64{-0.004, math.NaN(), math.Inf(-1), 1 << 40, -123456.789, 0.005, 2.675}
	for i, n := range g.Nodes() {
		if i%2 == 1 {
			delete(l.Pos, n.ID)
		} else {
			l.Pos[n.ID] = Point{X: odd[i%len(odd)], Y: odd[(i+3)%len(odd)]}
		}
	}
	return l
}

// TestDOTLegacyIdentical checks that DOT writes the bytes the fmt-based
// writer it replaced wrote, with and without layouts and legend.
func TestDOTLegacyIdentical(t *testing.T) {
	for name, g := range dotIdenticalGraphs(t) {
		opts := map[string]DOTOptions{
			"plain":    {},
			"layout":   {Layout: layoutFor(g)},
			"odd":      {Layout: dotOddLayout(g), Name: "a&b;\\\"c\x00  d"},
			"nolegend": {NoLegend: true, Name: "x"},
		}
		for oname, opt := range opts {
			t.Run(name+"/"+oname, func(t *testing.T) {
				got, want := writeDOT(t, g, opt), legacyDOTBytes(g, opt)
				if !bytes.Equal(got, want) {
					i := firstDiff(got, want)
					t.Fatalf("differs at byte %d:\n got %q\nwant %q", i, around(got, i), around(want, i))
				}
			})
		}
	}
}

// TestDOTLegacyIdenticalParallel writes a graph with enough edges that
// they are formatted on several goroutines.
func TestDOTLegacyIdenticalParallel(t *testing.T) {
	if testing.Short() {
		t.Skip("large graph")
	}
	g := randomGraph(t, 14000, 5)
	require.GreaterOrEqual(t, g.NumEdges(), parallelEdgeMin)
	opt := DOTOptions{Layout: layoutFor(g)}
	require.True(t, bytes.Equal(writeDOT(t, g, opt), legacyDOTBytes(g, opt)))
}

// FuzzDOTLegacyIdentical writes a small graph whose texts, relation,
// weight and position come from the fuzzer with both writers, and checks
// the string helpers against the ones they replaced.
func FuzzDOTLegacyIdentical(f *testing.F) {
	for i, s := range hostileTitles {
		f.Add(s, hostileTitles[(i+1)%len(hostileTitles)], "paper:"+s, "rel"+s, 0.5, float64(i)-0.005)
	}
	f.Add("", "", "x", "", math.NaN(), math.Inf(1))
	f.Add(" a ", "  ", "&a;", "shares", -0.0, -0.004)
	f.Fuzz(func(t *testing.T, label, title, id, rel string, weight, x float64) {
		assert.Equal(t, legacyDOTName(id), DOTName(id))
		assert.Equal(t, legacyDOTQuote(label), dotQuote(label))
		assert.Equal(t, legacyDOTLabel([]string{label, title}), dotLabel([]string{label, title}))
		assert.Equal(t, legacyDOTLabel(dotWrap(label)), string(appendDOTLabel(nil, label)))
		assert.Equal(t, legacyDOTTooltip(label+" | "+title), string(appendDOTTooltip(nil, label, " | ", title)))
		assert.Equal(t, legacyDOTDisplay(graph.Node{ID: id, Label: label, Title: title}), dotDisplay(graph.Node{ID: id, Label: label, Title: title}))
		assert.Equal(t, dotNum(x), string(appendDOTNum(nil, x)))
		assert.Equal(t, dotNum(weight*1e6), string(appendDOTNum(nil, weight*1e6)))

		g := graph.New()
		if id == "" || id == "paper:b" {
			id = "paper:a"
		}
		require.NoError(t, g.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Label: label, Title: title, URL: label, External: len(title)%2 == 1}))
		require.NoError(t, g.AddNode(graph.Node{ID: "paper:b", Kind: papergraph.Kind(rel), Label: title, Title: label, URL: title, Strength: math.Abs(weight)}))
		require.NoError(t, g.AddEdge(graph.Edge{Source: id, Target: "paper:b", Relation: graph.Shares, Weight: weight, Shared: []string{label, title}}))
		require.NoError(t, g.AddEdge(graph.Edge{Source: id, Target: "paper:b", Relation: graph.Mentions, Weight: 1}))
		if rel != "" && rel != string(graph.Shares) && rel != string(graph.Mentions) {
			require.NoError(t, g.AddEdge(graph.Edge{Source: "paper:b", Target: id, Relation: graph.Relation(rel), Weight: 1}))
		}
		require.NoError(t, g.Finish())
		for _, opt := range []DOTOptions{
			{Name: rel},
			{Layout: &Layout{Pos: map[string]Point{id: {X: x, Y: weight}}, Width: x, Height: weight}},
		} {
			got, want := writeDOT(t, g, opt), legacyDOTBytes(g, opt)
			if !bytes.Equal(got, want) {
				i := firstDiff(got, want)
				t.Fatalf("differs at byte %d:\n got %q\nwant %q", i, around(got, i), around(want, i))
			}
		}
	})
}

// TestDOTNum checks appendDOTNum against dotNum on every hundredth in a
// range, on values halfway between and near the limits of its short
// path.
func TestDOTNum(t *testing.T) {
	check := func(v float64) {
		if got, want := string(appendDOTNum(nil, v)), dotNum(v); got != want {
			t.Fatalf("appendDOTNum(%v) = %q, dotNum gives %q", v, got, want)
		}
	}
	for k := -200000; k <= 200000; k++ {
		check(float64(k) / 100)
		check(float64(k)/100 + 0.005)
		check(float64(k) / 1000)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		check((r.Float64() - 0.5) * math.Exp2(float64(r.IntN(80)-20)))
	}
	for _, v := range []float64{1 << 30, -(1 << 30), 1<<30 - 0.005, 1<<30 - 0.01, -(1<<30 - 0.004), 1e300, -1e-300,
		math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)} {
		check(v)
	}
}

// BenchmarkDOTLegacy is BenchmarkDOT for the fmt-based writer, for
// comparison (go test ./export -run '^$' -bench 'DOT(Legacy)?$' -benchmem).
func BenchmarkDOTLegacy(b *testing.B) {
	g := randomGraph(b, 10000, 42)
	opt := DOTOptions{Layout: layoutFor(g)}
	cw := &countingWriter{}
	if err := legacyDOT(cw, g, opt); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := legacyDOT(io.Discard, g, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// legacyDOTClean is dotClean as it was written before the writer cleaned
// text piece by piece (appendDOTClean): an independent oracle.
func legacyDOTClean(s string) string {
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

func TestDOTCleanLegacy(t *testing.T) {
	for _, s := range append(slices.Clone(hostileTitles), "", " ", "a  b", "\t\n\r x", "\x00\x7f\u0085\ufffe\uffff", "bad\xff\xfeutf8", "  lead", "trail  ") {
		assert.Equal(t, legacyDOTClean(s), dotClean(s), "%q", s)
		assert.Equal(t, legacyDOTClean(s) == s, dotIsClean(s), "dotIsClean(%q)", s)
	}
}

func FuzzDOTCleanLegacy(f *testing.F) {
	for _, s := range hostileTitles {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dotClean(s), legacyDOTClean(s); got != want {
			t.Fatalf("dotClean(%q) = %q, want %q", s, got, want)
		}
		if dotIsClean(s) != (legacyDOTClean(s) == s) {
			t.Fatalf("dotIsClean(%q) = %v", s, dotIsClean(s))
		}
	})
}
