package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render/internal/graphviz"
	"github.com/papergraph/papergraph/graph"
)

// need returns the path of an external tool, skipping the test when it is
// missing, except under CI=true where a missing tool fails the test.
func need(t testing.TB, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: %v", tool, err)
		}
		t.Skipf("%s not installed: %v", tool, err)
	}
	return p
}

// layoutSVG lays g out with opt and draws it with eopt at that layout.
func layoutSVG(t testing.TB, g *graph.Graph, eopt export.Options, opt Options) (*export.Layout, []byte) {
	t.Helper()
	lay, err := Layout(context.Background(), g, eopt, opt)
	require.NoError(t, err)
	eopt.Layout = lay
	var b bytes.Buffer
	require.NoError(t, SVG(context.Background(), &b, g, eopt, opt))
	return lay, b.Bytes()
}

// svgNode is one <g class="node"> of a Graphviz SVG.
type svgNode struct {
	title   string   // the node name, from the comment before its group
	tooltip string   // its <title>: the hover text (the legend's: its name)
	href    string   // xlink:href, if any
	texts   []string // label lines
	// bbox of its shapes, in SVG coordinates
	minX, minY, maxX, maxY float64
	cx, cy                 float64 // centre of the first ellipse or polygon
}

type svgDoc struct {
	width, height float64
	nodes         []*svgNode
	elements      map[string]int
	hrefs         []string
	xlinkTitles   int // xlink:title attributes on node links
}

// parseSVG reads a Graphviz SVG with encoding/xml, strictly.
func parseSVG(t testing.TB, data []byte) *svgDoc {
	t.Helper()
	doc := &svgDoc{elements: map[string]int{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	var cur *svgNode
	depth := 0    // depth at which cur started
	comment := "" // the last comment: Graphviz names the next group in it
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		switch x := tok.(type) {
		case xml.StartElement:
			stack = append(stack, x.Name.Local)
			doc.elements[x.Name.Local]++
			a := map[string]string{}
			for _, at := range x.Attr {
				a[at.Name.Local] = at.Value
				if at.Name.Local == "href" {
					doc.hrefs = append(doc.hrefs, at.Value)
				}
			}
			switch {
			case x.Name.Local == "svg":
				doc.width, doc.height = dim(a["width"]), dim(a["height"])
			case x.Name.Local == "g" && a["class"] == "node":
				cur = &svgNode{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1), cx: math.NaN(), title: comment}
				depth = len(stack)
				doc.nodes = append(doc.nodes, cur)
			case cur != nil && x.Name.Local == "a":
				cur.href = a["href"]
				if _, ok := a["title"]; ok {
					doc.xlinkTitles++
				}
			case cur != nil && x.Name.Local == "ellipse":
				cx, cy, rx, ry := num(a["cx"]), num(a["cy"]), num(a["rx"]), num(a["ry"])
				cur.grow(cx-rx, cy-ry)
				cur.grow(cx+rx, cy+ry)
				if math.IsNaN(cur.cx) {
					cur.cx, cur.cy = cx, cy
				}
			case cur != nil && (x.Name.Local == "polygon" || x.Name.Local == "path"):
				var f []float64
				if x.Name.Local == "polygon" {
					f = points(a["points"])
				} else {
					f = points(strings.Map(func(r rune) rune {
						if r >= 'A' && r <= 'Z' {
							return ' '
						}
						return r
					}, a["d"]))
				}
				for i := 0; i+1 < len(f); i += 2 {
					cur.grow(f[i], f[i+1])
				}
				if math.IsNaN(cur.cx) && len(f) >= 2 {
					cur.cx, cur.cy = (cur.minX+cur.maxX)/2, (cur.minY+cur.maxY)/2
				}
			}
		case xml.Comment:
			comment = svgCommentName(x)
		case xml.EndElement:
			if cur != nil && len(stack) == depth {
				cur = nil
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if cur == nil || len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "title":
				cur.tooltip += string(x)
			case "text":
				cur.texts = append(cur.texts, string(x))
			}
		}
	}
	return doc
}

// svgCommentName decodes the name Graphviz writes in the comment before a
// node's or edge's group: XML-escaped, "-" as "&#45;" so that "--" cannot
// end the comment. Graphviz puts one space on each side of the name and
// keeps the name's own spaces, so only those two are cut.
func svgCommentName(c []byte) string {
	s := strings.TrimSuffix(strings.TrimPrefix(string(c), " "), " ")
	return html.UnescapeString(s)
}

func (n *svgNode) grow(x, y float64) {
	n.minX, n.maxX = math.Min(n.minX, x), math.Max(n.maxX, x)
	n.minY, n.maxY = math.Min(n.minY, y), math.Max(n.maxY, y)
}

// graphNodes returns the SVG nodes of graph nodes by name, failing on
// duplicates, and the legend nodes.
func graphNodes(t testing.TB, g *graph.Graph, doc *svgDoc) (map[string]*svgNode, []*svgNode) {
	t.Helper()
	byName := map[string]*svgNode{}
	var legend []*svgNode
	prefix := export.DOTLegendID(g)
	for _, n := range doc.nodes {
		if strings.HasPrefix(n.title, prefix) {
			legend = append(legend, n)
			continue
		}
		_, dup := byName[n.title]
		assert.False(t, dup, "node %q drawn twice", n.title)
		byName[n.title] = n
	}
	return byName, legend
}

func TestSampleLayoutAndSVG(t *testing.T) {
	g := sampleGraph(t, 61, 150)
	lay, svg := layoutSVG(t, g, export.Options{}, Options{})
	assert.Equal(t, "sfdp", lay.Engine)
	require.Len(t, lay.Pos, len(g.Nodes()))
	for id, p := range lay.Pos {
		assert.True(t, p.X >= 0 && p.X <= lay.Width && p.Y >= 0 && p.Y <= lay.Height, "node %q at %v outside %gx%g", id, p, lay.Width, lay.Height)
	}
	// A readable canvas: no explosion (Graphviz's voronoi fallback made
	// this graph 25000 points wide), no collapse.
	assert.Less(t, lay.Width, 4000.0)
	assert.Less(t, lay.Height, 4000.0)
	assert.Greater(t, lay.Width*lay.Height, 500_000.0)

	doc := parseSVG(t, svg)
	byName, legend := graphNodes(t, g, doc)
	assert.Len(t, byName, len(g.Nodes()), "one node group per graph node")
	assert.NotEmpty(t, legend, "legend drawn")
	for _, n := range g.Nodes() {
		s, ok := byName[export.DOTName(n.ID)]
		if !assert.True(t, ok, "node %q not drawn", n.ID) {
			continue
		}
		assert.NotEmpty(t, s.texts, "node %q has no label", n.ID)
	}
	t.Run("no overlapping nodes", func(t *testing.T) { assertNoOverlaps(t, byName) })
	t.Run("picture shows the layout's positions", func(t *testing.T) {
		// Graphviz may translate the whole drawing; the offset must be
		// the same for every node.
		var dx, dy float64
		first := true
		for _, n := range g.Nodes() {
			s := byName[export.DOTName(n.ID)]
			p := lay.Pos[n.ID]
			if first {
				dx, dy, first = s.cx-p.X, s.cy+p.Y, false
				continue
			}
			assert.InDelta(t, dx, s.cx-p.X, 1, "node %q x", n.ID)
			assert.InDelta(t, dy, s.cy+p.Y, 1, "node %q y", n.ID)
		}
	})
	t.Run("legend beside the graph", func(t *testing.T) {
		for _, l := range legend {
			assert.Greater(t, l.minX, lay.Width, "legend node %q overlaps the graph", l.title)
		}
	})
	for _, h := range doc.hrefs {
		assert.True(t, strings.HasPrefix(h, "https://"), "href %q", h)
	}
}

// assertNoOverlaps checks that no two drawn nodes' bounding boxes overlap.
func assertNoOverlaps(t *testing.T, byName map[string]*svgNode) {
	t.Helper()
	ns := make([]*svgNode, 0, len(byName))
	for _, n := range byName {
		ns = append(ns, n)
	}
	for i := range ns {
		for j := i + 1; j < len(ns); j++ {
			a, b := ns[i], ns[j]
			ox := math.Min(a.maxX, b.maxX) - math.Max(a.minX, b.minX)
			oy := math.Min(a.maxY, b.maxY) - math.Max(a.minY, b.minY)
			assert.False(t, ox > 0.5 && oy > 0.5, "nodes %q and %q overlap by %.1f×%.1f", a.title, b.title, ox, oy)
		}
	}
}

func TestEngineBySize(t *testing.T) {
	tests := []struct {
		name   string
		papers int
		opt    Options
		want   string
	}{
		{"tiny uses dot", 3, Options{}, "dot"},
		{"small uses neato", 25, Options{}, "neato"},
		{"sample uses sfdp", 61, Options{}, "sfdp"},
		{"forced", 61, Options{Engine: "neato"}, "neato"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := sampleGraph(t, tt.papers, tt.papers*5/2)
			got, err := Engine(g, tt.opt)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := Engine(new(graph.Graph), Options{Engine: "circo"})
	assert.ErrorIs(t, err, ErrEngine)
}

func TestLayoutLargeWithSFDP(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	g := sampleGraph(t, 150, 375)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(t, err)
	assert.Equal(t, "sfdp", lay.Engine)
	assert.Len(t, lay.Pos, len(g.Nodes()))
	// sfdp canvases must stay proportionate to the graph.
	perNode := math.Sqrt(lay.Width * lay.Height / float64(len(g.Nodes())))
	assert.Less(t, perNode, 250.0, "canvas %gx%g for %d nodes", lay.Width, lay.Height, len(g.Nodes()))
}

func TestDeterministic(t *testing.T) {
	g := sampleGraph(t, 20, 50)
	lay1, svg1 := layoutSVG(t, g, export.Options{}, Options{})
	lay2, svg2 := layoutSVG(t, g, export.Options{}, Options{})
	assert.Equal(t, lay1, lay2)
	assert.Equal(t, string(svg1), string(svg2))
	var p1, p2 bytes.Buffer
	require.NoError(t, PNG(context.Background(), &p1, g, export.Options{Layout: lay1}, Options{Scale: 1}))
	require.NoError(t, PNG(context.Background(), &p2, g, export.Options{Layout: lay2}, Options{Scale: 1}))
	assert.True(t, bytes.Equal(p1.Bytes(), p2.Bytes()), "PNG bytes differ")
}

// TestConcurrentCallers renders different graphs from several goroutines at
// once and checks each result against the same render done alone: the
// package lock must keep go-graphviz's single WebAssembly instance from
// mixing them up.
func TestConcurrentCallers(t *testing.T) {
	const workers = 6
	graphs := make([]*graph.Graph, workers)
	want := make([][]byte, workers)
	for i := range graphs {
		graphs[i] = sampleGraph(t, 5+3*i, 10+5*i)
		_, want[i] = layoutSVG(t, graphs[i], export.Options{}, Options{})
	}
	got := make([][]byte, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range graphs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				lay, err := Layout(context.Background(), graphs[i], export.Options{}, Options{})
				if err != nil {
					errs[i] = err
					return
				}
				var b bytes.Buffer
				if err := SVG(context.Background(), &b, graphs[i], export.Options{Layout: lay}, Options{}); err != nil {
					errs[i] = err
					return
				}
				if round > 0 && !bytes.Equal(b.Bytes(), got[i]) {
					errs[i] = fmt.Errorf("round %d differs", round)
					return
				}
				got[i] = b.Bytes()
			}
		}(i)
	}
	wg.Wait()
	for i := range graphs {
		require.NoError(t, errs[i], "worker %d", i)
		assert.Equal(t, string(want[i]), string(got[i]), "worker %d got another picture", i)
	}
}

func TestTooLarge(t *testing.T) {
	g := sampleGraph(t, 30, 60)
	_, err := Layout(context.Background(), g, export.Options{}, Options{MaxNodes: 50})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "Gephi")
	assert.Contains(t, err.Error(), "-max-nodes", "names a filter that removes nodes")
	_, err = Layout(context.Background(), g, export.Options{}, Options{MaxEdges: 10})
	assert.ErrorIs(t, err, ErrTooLarge)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(t, err)
	assert.ErrorIs(t, SVG(context.Background(), io.Discard, g, export.Options{Layout: lay}, Options{MaxNodes: 50}), ErrTooLarge)

	// The default limit refuses a big graph at once, before any layout.
	bigb := graph.NewBuilder()
	for i := 0; i <= DefaultMaxNodes; i++ {
		require.NoError(t, bigb.AddNode(graph.Node{ID: fmt.Sprintf("dataset:%d", i), Kind: papergraph.KindDataset}))
	}
	big, err := bigb.Graph()
	require.NoError(t, err)
	_, err = Layout(context.Background(), big, export.Options{}, Options{})
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := sampleGraph(t, 5, 5)
	_, err := Layout(ctx, g, export.Options{}, Options{})
	assert.ErrorIs(t, err, context.Canceled)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(t, err)
	assert.ErrorIs(t, SVG(ctx, io.Discard, g, export.Options{Layout: lay}, Options{}), context.Canceled)
	assert.ErrorIs(t, PNG(ctx, io.Discard, g, export.Options{Layout: lay}, Options{}), context.Canceled)
	// Without a layout there is no picture: lay out first, once for every writer.
	assert.ErrorIs(t, SVG(context.Background(), io.Discard, g, export.Options{}, Options{}), ErrNoLayout)
	assert.ErrorIs(t, PNG(context.Background(), io.Discard, g, export.Options{}, Options{}), ErrNoLayout)
}

func TestEmptyGraph(t *testing.T) {
	b := graph.NewBuilder()
	g, err := b.Graph()
	require.NoError(t, err)
	lay, svg := layoutSVG(t, g, export.Options{}, Options{})
	assert.Empty(t, lay.Pos)
	doc := parseSVG(t, svg)
	byName, legend := graphNodes(t, g, doc)
	assert.Empty(t, byName)
	assert.NotEmpty(t, legend)
}

// hostileTitles are texts that try to break out of DOT strings, XML text
// and attributes, or to smuggle links and scripts into the SVG.
var hostileTitles = []string{
	`He said "hi" & left <b>bold</b> ]]> done`,
	`"/><script>alert(1)</script><g x="`,
	`</text><a xlink:href="javascript:alert(1)">x</a>`,
	`x" URL="javascript:alert(1)" y="`,
	`\N \G \L \n \l \r \E \T \H \\ \" end\`,
	"ctrl\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u0085 end",
	"tab\there\nnew line\r\nwindows",
	"&amp; &lt; &#0; &#x1; &bogus; &",
	"<![CDATA[ x ]]> <!-- c --> <?pi?>",
	"🚀 family 👨‍👩‍👧 🇫🇷 zero\u200bwidth",
	"مرحبا \u202eevil\u202c עברית",
	"bad\xff\xfe bytes \xc3 and \xe2\x82",
	"non\ufffechar\uffff",
	"] ; } node [label=pwned] ; {",
	"-> \"injected\" ; a -> b",
}

// cleanText is what the writers promise to keep of a text: invalid UTF-8
// as U+FFFD, line breaks, tabs and runs of spaces as one space, other
// control characters and U+FFFE/U+FFFF dropped.
func cleanText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\r' || r == '\t' || r == ' ':
			if !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hostileGraph(t testing.TB, titles []string) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder()
	prev := ""
	for i, title := range titles {
		id := fmt.Sprintf("paper:%02d-%s", i, title)
		require.NoError(t, b.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Label: title, Title: title,
			URL: "javascript:alert(1)//" + title}))
		rid := fmt.Sprintf("repo:%02d", i)
		require.NoError(t, b.AddNode(graph.Node{ID: rid, Kind: papergraph.KindRepo, Label: title, Title: title,
			URL: "https://github.com/a/b?q=" + fmt.Sprint(i)}))
		require.NoError(t, b.AddEdge(graph.Edge{Source: id, Target: rid, Relation: graph.Mentions, Weight: 1, Evidence: title}))
		if prev != "" {
			require.NoError(t, b.AddEdge(graph.Edge{Source: prev, Target: id, Relation: graph.Shares, Weight: 1, Shared: []string{title}}))
		}
		prev = id
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

// TestSVGHostile renders hostile texts and reads the SVG back: it parses,
// has only the elements Graphviz draws, links only to https, keeps every
// tooltip exactly and shows every label.
func TestSVGHostile(t *testing.T) {
	g := hostileGraph(t, hostileTitles)
	_, svg := layoutSVG(t, g, export.Options{}, Options{})
	checkHostileSVG(t, g, svg)
}

func checkHostileSVG(t testing.TB, g *graph.Graph, svg []byte) {
	t.Helper()
	doc := parseSVG(t, svg)
	allowed := map[string]bool{"svg": true, "g": true, "title": true, "polygon": true, "polyline": true,
		"ellipse": true, "path": true, "text": true, "a": true}
	for el := range doc.elements {
		assert.True(t, allowed[el], "unexpected element <%s>", el)
	}
	for _, h := range doc.hrefs {
		assert.True(t, strings.HasPrefix(h, "https://github.com/a/b?q="), "href %q", h)
	}
	byName, _ := graphNodes(t, g, doc)
	assert.Len(t, byName, len(g.Nodes()))
	for _, n := range g.Nodes() {
		s, ok := byName[export.DOTName(n.ID)]
		if !assert.True(t, ok, "node %q missing", n.ID) {
			continue
		}
		tip := n.ID // the writer falls back from a blank title to the label, then the ID
		for _, x := range []string{n.Title, n.Label} {
			if strings.TrimSpace(cleanText(x)) != "" {
				tip = x
				break
			}
		}
		assert.Equal(t, cleanText(tip), s.tooltip, "node %q tooltip", n.ID)
		shown := strings.ReplaceAll(strings.Join(s.texts, " "), "\u2060", "")
		shown = strings.ReplaceAll(shown, "\u00a0", " ")
		// Wrapping keeps at least the first six runes of the first word
		// on the first line.
		if words := strings.Fields(cleanText(n.Label)); len(words) > 0 {
			head := string([]rune(words[0])[:min(6, utf8.RuneCountInString(words[0]))])
			assert.Contains(t, shown, head, "node %q label %q shown as %q", n.ID, n.Label, shown)
		}
		if n.Kind == papergraph.KindPaper {
			assert.Empty(t, s.href, "javascript: link kept on %q", n.ID)
		}
	}
}

// FuzzSVG sends fuzzed titles through the whole DOT → Graphviz → SVG path.
func FuzzSVG(f *testing.F) {
	for _, s := range hostileTitles {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		g := hostileGraph(t, []string{title, title + "2"})
		_, svg := layoutSVG(t, g, export.Options{NoLegend: true}, Options{})
		checkHostileSVG(t, g, svg)
	})
}

func BenchmarkLayoutSample(b *testing.B) {
	g := sampleGraph(b, 61, 150)
	for b.Loop() {
		if _, err := Layout(context.Background(), g, export.Options{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayoutNeato87(b *testing.B) {
	g := sampleGraph(b, 25, 62)
	for b.Loop() {
		if _, err := Layout(context.Background(), g, export.Options{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayoutSFDP1050(b *testing.B) {
	g := sampleGraph(b, 300, 750)
	for b.Loop() {
		if _, err := Layout(context.Background(), g, export.Options{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGSample(b *testing.B) {
	g := sampleGraph(b, 61, 150)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(b, err)
	for b.Loop() {
		if err := SVG(context.Background(), io.Discard, g, export.Options{Layout: lay}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGSample(b *testing.B) {
	g := sampleGraph(b, 61, 150)
	lay, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(b, err)
	for b.Loop() {
		if err := PNG(context.Background(), io.Discard, g, export.Options{Layout: lay}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCancelWhileRunning: Graphviz cannot be interrupted, so a cancelled
// caller returns at once while the call it started finishes in the
// background, holding the lock, and the next caller then gets its turn.
func TestCancelWhileRunning(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	t.Cleanup(free) // never leave the instance locked for later tests
	finished := make(chan struct{})
	ret := make(chan error, 1)
	go func() {
		ret <- withGraphviz(ctx, func(*graphviz.Graphviz) error {
			close(started)
			<-release // a long layout
			close(finished)
			return nil
		})
	}()
	<-started
	cancel()
	require.ErrorIs(t, <-ret, context.Canceled, "returns while Graphviz still runs")
	select {
	case <-finished:
		t.Fatal("the call cannot have finished: it was not released")
	default:
	}
	if gv.TryLock() {
		gv.Unlock()
		t.Error("the abandoned call no longer holds the instance")
	}

	// A caller cancelled while waiting for the lock returns too.
	ctx2, cancel2 := context.WithCancel(context.Background())
	ret2 := make(chan error, 1)
	go func() { ret2 <- withGraphviz(ctx2, func(*graphviz.Graphviz) error { return nil }) }()
	cancel2()
	require.ErrorIs(t, <-ret2, context.Canceled)

	free()
	<-finished
	g := sampleGraph(t, 5, 5)
	_, err := Layout(context.Background(), g, export.Options{}, Options{})
	require.NoError(t, err, "the instance is free again")
}

// TestSVGHoverTitles reads the sample's SVG with encoding/xml: the first
// child of every node and edge group is a <title> holding its hover text
// (a node's title, else its name; an edge's relation and ends), and no
// xlink:title attribute is left for a viewer to prefer.
func TestSVGHoverTitles(t *testing.T) {
	g := sampleGraph(t, 61, 150)
	_, svg := layoutSVG(t, g, export.Options{}, Options{})
	type group struct {
		class, name, hover string
		titleFirst         bool
	}
	var groups []*group
	var cur *group
	var stack []string
	children := []int{0} // children seen so far of each open element
	comment := ""
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch x := tok.(type) {
		case xml.StartElement:
			children[len(children)-1]++
			for _, a := range x.Attr {
				assert.False(t, a.Name.Local == "title", "<%s> has a title attribute %q", x.Name.Local, a.Value)
			}
			if x.Name.Local == "title" && cur != nil && len(stack) > 0 && stack[len(stack)-1] == "g" && children[len(children)-1] == 1 {
				cur.titleFirst = true
			}
			if x.Name.Local == "g" {
				for _, a := range x.Attr {
					if a.Name.Local == "class" && (a.Value == "node" || a.Value == "edge") {
						cur = &group{class: a.Value, name: comment}
						groups = append(groups, cur)
					}
				}
			}
			stack = append(stack, x.Name.Local)
			children = append(children, 0)
		case xml.EndElement:
			stack, children = stack[:len(stack)-1], children[:len(children)-1]
		case xml.Comment:
			comment = svgCommentName(x)
		case xml.CharData:
			if cur != nil && len(stack) > 1 && stack[len(stack)-1] == "title" && stack[len(stack)-2] == "g" {
				cur.hover += string(x)
			}
		}
	}
	legend := export.DOTLegendID(g)
	want := map[string]string{}
	for _, n := range g.Nodes() {
		want[export.DOTName(n.ID)] = n.Title
		if want[export.DOTName(n.ID)] == "" {
			want[export.DOTName(n.ID)] = n.Label
		}
	}
	nodes, edges := 0, 0
	for _, gr := range groups {
		if strings.HasPrefix(gr.name, legend) {
			continue
		}
		if gr.class == "node" {
			nodes++
			if tip, ok := want[gr.name]; assert.True(t, ok, "node group %q is no graph node", gr.name) {
				assert.Equal(t, cleanText(tip), gr.hover, "node %q hover text", gr.name)
			}
		} else {
			edges++
			assert.Regexp(t, `^(mentions|shares|cites|uses|introduces|family)[^:]*: .+ (→|—) .+$`, gr.hover, "edge %q hover text", gr.name)
		}
		assert.True(t, gr.titleFirst, "%s %q: its <title> is not the group's first child", gr.class, gr.name)
	}
	assert.Equal(t, len(g.Nodes()), nodes, "node groups")
	assert.Equal(t, g.NumEdges(), edges, "edge groups")
	assert.NotContains(t, string(svg), "xlink:title")
}

// TestFitSVG: a picture larger than SVGMaxWidth × SVGMaxHeight asks a
// viewer for at most that size, keeping its viewBox, so it opens whole;
// a smaller one is left as is.
func TestFitSVG(t *testing.T) {
	big := []byte(`<svg width="4000pt" height="1500pt"` + "\n" + ` viewBox="0.00 0.00 4000.00 1500.00" xmlns="http://www.w3.org/2000/svg"><g/></svg>`)
	got := FitSVG(big, SVGMaxWidth, SVGMaxHeight)
	assert.Contains(t, string(got), `<svg width="1200pt" height="450pt"`)
	assert.Contains(t, string(got), `viewBox="0.00 0.00 4000.00 1500.00"`, "the viewBox keeps every coordinate")
	tall := []byte(`<svg width="1000pt" height="9000pt"` + "\n" + ` viewBox="0 0 1000 9000"><g/></svg>`)
	assert.Contains(t, string(FitSVG(tall, SVGMaxWidth, SVGMaxHeight)), `<svg width="100pt" height="900pt"`)
	small := []byte(`<svg width="600pt" height="400pt"` + "\n" + ` viewBox="0 0 600 400"><g/></svg>`)
	assert.Equal(t, string(small), string(FitSVG(small, SVGMaxWidth, SVGMaxHeight)))

	// The sample's own SVG, through the pictures writer.
	g := sampleGraph(t, 61, 150)
	lay, _ := layoutSVG(t, g, export.Options{}, Options{})
	var buf bytes.Buffer
	require.NoError(t, NewPictures(Options{}).SVG(context.Background(), &buf, g, export.Options{Layout: lay}))
	doc := parseSVG(t, buf.Bytes())
	assert.LessOrEqual(t, doc.width, float64(SVGMaxWidth))
	assert.LessOrEqual(t, doc.height, float64(SVGMaxHeight))
	assert.Contains(t, buf.String(), "viewBox=")
}

// TestCheckPicture: a view CheckPicture refuses is one NewPicture would
// make too large for Layout, whatever the view and the limits; a view
// that fits is never refused.
func TestCheckPicture(t *testing.T) {
	g := sampleGraph(t, 400, 120)
	refused := 0
	for _, view := range []string{"", ViewPapers, ViewArtifacts, ViewFull} {
		for _, lim := range []Options{{}, {MaxNodes: 10}, {MaxNodes: 100}, {MaxNodes: 300}, {MaxNodes: 600}, {MaxEdges: 50}, {MaxNodes: 100000, MaxEdges: 100000}} {
			t.Run(fmt.Sprintf("view=%q/nodes=%d/edges=%d", view, lim.MaxNodes, lim.MaxEdges), func(t *testing.T) {
				popt := PictureOptions{View: view}
				pic, err := NewPicture(g, popt)
				require.NoError(t, err)
				maxN, maxE := lim.limits()
				fits := len(pic.Graph.Nodes()) <= maxN && pic.Graph.NumEdges() <= maxE
				err = CheckPicture(g, popt, lim)
				if fits {
					assert.NoError(t, err, "the view fits: %d nodes, %d edges", len(pic.Graph.Nodes()), pic.Graph.NumEdges())
					return
				}
				if err != nil {
					refused++
					assert.ErrorIs(t, err, ErrTooLarge)
					assert.Contains(t, err.Error(), pic.View+" view")
				}
			})
		}
	}
	assert.Positive(t, refused, "no view refused before it was made")
}
