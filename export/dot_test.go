package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

func writeDOT(t testing.TB, g *graph.Graph, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, DOT(&b, g, opt))
	return b.Bytes()
}

func TestDOTGolden(t *testing.T) {
	g := smallGraph(t)
	tests := []struct {
		name string
		opt  Options
	}{
		{"small.dot", Options{}},
		{"small-layout.dot", Options{Layout: layoutFor(g)}},
		{"small-nolegend.dot", Options{NoLegend: true, Name: `my "graph"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, writeDOT(t, g, tt.opt))
		})
	}
}

// TestDOTGraphvizParses runs the real Graphviz on our DOT: dot lays out the
// plain file, neato -n2 draws the pinned one (as render does).
func TestDOTGraphvizParses(t *testing.T) {
	dot := need(t, "dot")
	small, hostile := smallGraph(t), hostileGraph(t)
	tests := []struct {
		name string
		g    *graph.Graph
		opt  Options
		args []string
	}{
		{"small/dot", small, Options{}, []string{"-Tsvg"}},
		{"small/neato-n2", small, Options{Layout: layoutFor(small)}, []string{"-Kneato", "-n2", "-Tsvg"}},
		{"hostile/dot", hostile, Options{}, []string{"-Tsvg"}},
		{"hostile/neato-n2", hostile, Options{Layout: layoutFor(hostile)}, []string{"-Kneato", "-n2", "-Tsvg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeDOT(t, tt.g, tt.opt)
			cmd := exec.Command(dot, tt.args...)
			cmd.Stdin = bytes.NewReader(src)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run(), "dot rejected our DOT: %s", stderr.String())
			assert.NotContains(t, stderr.String(), "rror", "dot complained")
			assert.NotContains(t, stderr.String(), "syntax", "dot complained")
			svg := parseSVGText(t, stdout.Bytes())
			for _, n := range tt.g.Nodes() {
				assert.Contains(t, svg.titles, DOTName(n.ID), "node %q missing from dot's SVG", n.ID)
			}
			for _, h := range svg.hrefs {
				assert.True(t, strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "http://"), "href %q", h)
			}
		})
	}
}

type svgText struct {
	titles, hrefs, texts []string
}

// parseSVGText reads an SVG with encoding/xml and collects <title> texts,
// link targets and <text> contents.
func parseSVGText(t testing.TB, data []byte) svgText {
	t.Helper()
	var s svgText
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		switch x := tok.(type) {
		case xml.StartElement:
			stack = append(stack, x.Name.Local)
			for _, a := range x.Attr {
				if a.Name.Local == "href" {
					s.hrefs = append(s.hrefs, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "title":
				s.titles = append(s.titles, string(x))
			case "text":
				s.texts = append(s.texts, string(x))
			}
		}
	}
	return s
}

// TestDOTHostile checks with our own strict DOT reader that hostile text
// stays data: exactly the graph's nodes and edges, only the attributes we
// write, labels and tooltips that decode to the cleaned text, and links
// only to http(s) URLs.
func TestDOTHostile(t *testing.T) {
	g := hostileGraph(t)
	for _, opt := range []Options{{}, {Layout: layoutFor(g)}} {
		src := writeDOT(t, g, opt)
		require.True(t, utf8.Valid(src), "DOT is not valid UTF-8")
		f, err := parseDOTFile(src)
		require.NoError(t, err, "%s", src)
		checkDOTFile(t, g, f)
	}
}

func checkDOTFile(t testing.TB, g *graph.Graph, f *dotFile) {
	t.Helper()
	legend := DOTLegendID(g)
	byName := map[string]graph.Node{}
	for _, n := range g.Nodes() {
		byName[DOTName(n.ID)] = n
	}
	graphNodes := 0
	for _, n := range f.nodes {
		if strings.HasPrefix(n.id, legend) {
			continue
		}
		graphNodes++
		orig, ok := byName[n.id]
		if !assert.True(t, ok, "unknown node %q in DOT", n.id) {
			continue
		}
		for k := range n.attrs {
			assert.Contains(t, dotNodeKeys, k, "node %q: unexpected attribute", n.id)
		}
		label, err := decodeDOTLabel(n.attrs["label"])
		require.NoError(t, err, "node %q", n.id)
		label = strings.ReplaceAll(label, "&\u2060", "&") // see dotQuoted
		assert.Equal(t, strings.Join(dotWrap(dotDisplay(orig)), "\n"), label, "node %q label", n.id)
		// Graphviz replaces \N in a label by the node's name; a text
		// that holds a backslash and N must reach the label as \\N, which
		// Graphviz draws as written (dot -Tsvg of label="x\\N" draws x\N).
		// decodeDOTLabel refuses any escape but \n and \\; the raw
		// attribute must not hold the name escape either.
		assert.NotContains(t, strings.ReplaceAll(n.attrs["label"], `\\`, ""), `\N`, "node %q: a \\N escape in the label", n.id)
		tip, err := decodeDOTTooltip(n.attrs["tooltip"])
		require.NoError(t, err, "node %q", n.id)
		want := dotClean(orig.ID)
		for _, x := range []string{orig.Title, orig.Label} {
			if strings.TrimSpace(dotClean(x)) != "" {
				want = dotClean(x)
				break
			}
		}
		if cut := strings.TrimSuffix(tip, "…"); cut != tip && len(want) > dotMaxText {
			// A long text is cut at dotMaxText bytes, at a rune boundary.
			assert.LessOrEqual(t, len(tip), dotMaxText, "node %q tooltip", n.id)
			assert.True(t, strings.HasPrefix(want, cut), "node %q tooltip %q, want a prefix of %q", n.id, tip, want)
		} else {
			assert.True(t, strings.HasPrefix(tip, want), "node %q tooltip %q, want prefix %q", n.id, tip, want)
		}
		if u, ok := n.attrs["URL"]; ok {
			_, safe := dotSafeURL(u)
			assert.True(t, safe, "node %q: unsafe URL %q", n.id, u)
			assert.Equal(t, orig.URL, u)
		}
	}
	assert.Equal(t, len(byName), graphNodes, "node count")
	graphEdges := 0
	for _, e := range f.edges {
		if strings.HasPrefix(e.from, legend) {
			continue
		}
		graphEdges++
		for k := range e.attrs {
			assert.Contains(t, dotEdgeKeys, k, "edge %q→%q: unexpected attribute", e.from, e.to)
		}
	}
	assert.Equal(t, len(g.Edges()), graphEdges, "edge count")
}

var (
	dotNodeKeys = []string{"label", "tooltip", "shape", "style", "fillcolor", "color", "fontcolor", "fontsize",
		"width", "height", "URL", "target", "pos"}
	dotEdgeKeys = []string{"color", "penwidth", "arrowsize", "dir", "style", "tooltip"}
)

// decodeDOTLabel undoes the label escString as Graphviz reads it: \n is a
// line break, \\ a backslash, &amp; an ampersand. Any other escape would
// be interpreted by Graphviz, so it is an error.
func decodeDOTLabel(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("dangling backslash in %q", s)
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case '\\':
			b.WriteByte('\\')
		default:
			return "", fmt.Errorf("escape \\%c in %q", s[i], s)
		}
	}
	return decodeDOTAmp(b.String())
}

// decodeDOTTooltip undoes the tooltip escaping: Graphviz substitutes
// escapes twice, so each literal backslash is four.
func decodeDOTTooltip(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if !strings.HasPrefix(s[i:], `\\\\`) {
			return "", fmt.Errorf("bare backslash at %d in %q", i, s)
		}
		b.WriteByte('\\')
		i += 3
	}
	return decodeDOTAmp(b.String())
}

// decodeDOTAmp requires every ampersand to be written &amp;.
func decodeDOTAmp(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			if !strings.HasPrefix(s[i:], "&amp;") {
				return "", fmt.Errorf("bare & at %d in %q", i, s)
			}
			i += len("&amp;") - 1
			b.WriteByte('&')
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

func TestDOTDeterministic(t *testing.T) {
	g := smallGraph(t)
	a := writeDOT(t, g, Options{Layout: layoutFor(g)})
	b := writeDOT(t, g, Options{Layout: layoutFor(g)})
	assert.Equal(t, string(a), string(b))

	// The same graph built in another order writes the same bytes.
	shuffledb := graph.NewBuilder()
	nodes := append([]graph.Node(nil), g.Nodes()...)
	edges := append([]graph.Edge(nil), g.Edges()...)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(nodes), func(i, j int) { nodes[i], nodes[j] = nodes[j], nodes[i] })
	rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
	for _, n := range nodes {
		require.NoError(t, shuffledb.AddNode(n))
	}
	for _, e := range edges {
		require.NoError(t, shuffledb.AddEdge(e))
	}
	shuffled, err := shuffledb.Graph()
	require.NoError(t, err)
	assert.Equal(t, string(a), string(writeDOT(t, shuffled, Options{Layout: layoutFor(shuffled)})))
}

func TestDOTWrap(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"short", "LSA", []string{"LSA"}},
		{"empty", "", []string{""}},
		{"spaces", "  a   b  ", []string{"a b"}},
		{"two lines", "Golden Noise for Diffusion Models", []string{"Golden Noise for", "Diffusion Models"}},
		{"exact width", "abcdefghij klmnopqrstu", []string{"abcdefghij klmnopqrstu"}},
		{"path breaks at slash", "github.com/PaulAlbert31/LSA-extended", []string{"github.com/", "PaulAlbert31/LSA-", "extended"}},
		{"long word", strings.Repeat("x", 30), []string{strings.Repeat("x", 22), strings.Repeat("x", 8)}},
		{"truncated", "one two three four five six seven eight nine ten eleven twelve thirteen",
			[]string{"one two three four", "five six seven eight", "nine ten eleven…"}},
		{"truncated long word", strings.Repeat("y", 80), []string{strings.Repeat("y", 22), strings.Repeat("y", 22), strings.Repeat("y", 21) + "…"}},
		{"newlines are spaces", "a\nb\tc", []string{"a b c"}},
		{"runes not bytes", "日本語のタイトルはとても長いのでここで折り返されるはずです", []string{"日本語のタイトルはとても長いのでここで折り返", "されるはずです"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dotWrap(tt.in)
			assert.Equal(t, tt.want, got)
			for _, l := range got {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), dotLabelWidth, "line %q", l)
			}
			assert.LessOrEqual(t, len(got), dotLabelLines)
		})
	}
}

func TestDOTSafeURL(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"https", "https://github.com/a/b", true},
		{"http", "http://example.org/x?y=1&z=2", true},
		{"upper scheme", "HTTPS://example.org", true},
		{"javascript", "javascript:alert(1)", false},
		{"javascript in host form", "javascript://example.org/%0Aalert(1)", false},
		{"data", "data:text/html,<script>alert(1)</script>", false},
		{"vbscript", "vbscript:x", false},
		{"relative", "/local/path", false},
		{"no host", "https:///x", false},
		{"space", "https://a.b/c d", false},
		{"quote", `https://a.b/"onmouseover="x`, false},
		{"angle", "https://a.b/<script>", false},
		{"backslash", `https://a.b/\N`, false},
		{"newline", "https://a.b/\nx", false},
		{"entity", "https://a.b/?x=1&amp;y=2", false},
		{"plain ampersand", "https://a.b/?x=1&y=2;z", true},
		{"userinfo", "https://user:pw@a.b/", false},
		{"invalid utf8", "https://a.b/\xff", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok := dotSafeURL(tt.in)
			assert.Equal(t, tt.ok, ok)
		})
	}
}

func TestDOTLinksOnlyOnLinkKinds(t *testing.T) {
	b := graph.NewBuilder()
	for _, k := range []papergraph.Kind{papergraph.KindPaper, papergraph.KindRepo, papergraph.KindURL, papergraph.KindDataset, papergraph.KindModel} {
		require.NoError(t, b.AddNode(graph.Node{ID: string(k) + ":x", Kind: k, Label: "x", URL: "https://example.org/" + string(k)}))
	}
	require.NoError(t, b.AddNode(graph.Node{ID: "paper:evil", Kind: papergraph.KindPaper, Label: "evil", URL: "javascript:alert(1)"}))
	g, err := b.Graph()
	require.NoError(t, err)
	f, err := parseDOTFile(writeDOT(t, g, Options{}))
	require.NoError(t, err)
	got := map[string]string{}
	for _, n := range f.nodes {
		if u, ok := n.attrs["URL"]; ok {
			got[n.id] = u
		}
	}
	assert.Equal(t, map[string]string{
		"paper:x": "https://example.org/paper",
		"repo:x":  "https://example.org/repo",
		"url:x":   "https://example.org/url",
	}, got)
}

func TestDOTLegend(t *testing.T) {
	b := graph.NewBuilder()
	require.NoError(t, b.AddNode(graph.Node{ID: "legend:title", Kind: papergraph.KindPaper, Label: "clash"}))
	require.NoError(t, b.AddNode(graph.Node{ID: "paper:ext", Kind: papergraph.KindPaper, Label: "old", External: true}))
	g, err := b.Graph()
	require.NoError(t, err)
	assert.Equal(t, "_legend:", DOTLegendID(g))
	f, err := parseDOTFile(writeDOT(t, g, Options{}))
	require.NoError(t, err)
	var kinds []string
	for _, n := range f.nodes {
		if strings.HasPrefix(n.id, "_legend:kind:") {
			kinds = append(kinds, n.attrs["label"])
		}
	}
	assert.Equal(t, []string{"paper", "repository", "project page", "dataset", "benchmark", "model", "cited paper"}, kinds)
	// The clashing graph node is written once, as itself.
	count := 0
	for _, n := range f.nodes {
		if n.id == "legend:title" {
			count++
			assert.Equal(t, "clash", n.attrs["label"])
		}
	}
	assert.Equal(t, 1, count)

	f, err = parseDOTFile(writeDOT(t, g, Options{NoLegend: true}))
	require.NoError(t, err)
	assert.Len(t, f.nodes, 2)
}

func TestDOTDistinctStyles(t *testing.T) {
	shapes, colours := map[string]bool{}, map[string]bool{}
	for _, k := range dotKinds {
		shapes[k.shape] = true
		colours[Palette[k.kind].Hex()] = true
	}
	assert.Len(t, shapes, len(dotKinds), "every kind needs its own shape")
	assert.Len(t, colours, len(dotKinds), "every kind needs its own colour")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDOTWriteError(t *testing.T) {
	err := DOT(failWriter{}, smallGraph(t), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "export: dot: ")
	assert.Error(t, DOT(&bytes.Buffer{}, nil, Options{}))
}

// FuzzDOT writes a graph whose texts come from the fuzzer and reads it
// back with the strict reader: the nodes, edges and every label survive,
// and nothing else appears.
func FuzzDOT(f *testing.F) {
	for _, s := range hostileTitles {
		f.Add(s, s, "paper:"+s, "https://example.org/"+s)
	}
	f.Add("a", "b", "c", "javascript:alert(1)")
	f.Fuzz(func(t *testing.T, label, title, id, url string) {
		b := graph.NewBuilder()
		if id == "" || id == "paper:b" {
			id = "paper:a"
		}
		require.NoError(t, b.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Label: label, Title: title, URL: url}))
		require.NoError(t, b.AddNode(graph.Node{ID: "paper:b", Kind: papergraph.KindRepo, Label: title, Title: label, URL: url}))
		require.NoError(t, b.AddEdge(graph.Edge{Source: id, Target: "paper:b", Relation: graph.Shares, Weight: 1, Shared: []string{label}}))
		require.NoError(t, b.AddEdge(graph.Edge{Source: id, Target: "paper:b", Relation: graph.Mentions, Weight: 1}))
		g, err := b.Graph()
		require.NoError(t, err)
		if strings.HasPrefix(id, DOTLegendPrefix) || strings.HasPrefix(id, "_") || DOTName(id) == "paper:b" {
			t.Skip() // legend IDs and IDs that clean to another node's
		}
		src := writeDOT(t, g, Options{})
		require.True(t, utf8.Valid(src))
		file, err := parseDOTFile(src)
		require.NoError(t, err, "%s", src)
		checkDOTFile(t, g, file)
	})
}

// TestDOTFuzzSeedsWithGraphviz sends the fuzz seeds through the real dot.
func TestDOTFuzzSeedsWithGraphviz(t *testing.T) {
	dot := need(t, "dot")
	dir := filepath.Join("testdata", "fuzz", "FuzzDOT")
	entries, _ := os.ReadDir(dir)
	for _, s := range hostileTitles {
		b := graph.NewBuilder()
		require.NoError(t, b.AddNode(graph.Node{ID: "paper:" + s, Kind: papergraph.KindPaper, Label: s, Title: s, URL: "https://x.org/" + s}))
		g, err := b.Graph()
		require.NoError(t, err)
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(writeDOT(t, g, Options{}))
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "title %q: %s", s, out)
		svg := parseSVGText(t, out)
		assert.Contains(t, strings.Join(svg.texts, "\n"), dotWrap(s)[0], "title %q", s)
	}
	t.Logf("%d committed fuzz regressions in %s run with go test", len(entries), dir)
}

// TestDOTLongStrings: native Graphviz refuses a quoted string over 16384
// bytes, failing the whole file. A 100 KB title, IDs of 20 KB that differ
// only at the end, a long label and a long URL still give a file dot
// reads, with every node kept distinct.
func TestDOTLongStrings(t *testing.T) {
	dot := need(t, "dot")
	long := strings.Repeat(`T&"\ é `, 100_000/8)
	idA := "paper:" + strings.Repeat("x", 20_000) + "a"
	idB := "paper:" + strings.Repeat("x", 20_000) + "b"
	b := graph.NewBuilder()
	require.NoError(t, b.AddNode(graph.Node{ID: idA, Kind: papergraph.KindPaper, Title: long, Label: long, URL: "https://example.org/" + strings.Repeat("p", 5000)}))
	require.NoError(t, b.AddNode(graph.Node{ID: idB, Kind: papergraph.KindPaper, Title: "B", URL: "https://example.org/b"}))
	require.NoError(t, b.AddEdge(graph.Edge{Source: idA, Target: idB, Relation: graph.Shares, Weight: 1, Shared: []string{long, long + "2"}}))
	g, err := b.Graph()
	require.NoError(t, err)
	src := writeDOT(t, g, Options{})
	f, err := parseDOTFile(src)
	require.NoError(t, err)
	names := map[string]bool{}
	for _, n := range f.nodes {
		names[n.id] = true
		for k, v := range n.attrs {
			assert.LessOrEqual(t, len(v), 16000, "node attribute %s", k)
		}
		if n.id == DOTName(idA) {
			assert.NotContains(t, n.attrs, "URL", "a URL too long to keep whole is not linked")
		}
	}
	assert.True(t, names[DOTName(idA)] && names[DOTName(idB)] && DOTName(idA) != DOTName(idB), "long IDs stay distinct")
	for _, e := range f.edges {
		for k, v := range e.attrs {
			assert.LessOrEqual(t, len(v), 16000, "edge attribute %s", k)
		}
	}
	cmd := exec.Command(dot, "-Tcanon")
	cmd.Stdin = bytes.NewReader(src)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "dot reads the file: %.300s", out)
}

// dotDisplay is the text shown on a node: its label, else title, else ID.
func dotDisplay(n graph.Node) string { return dotDisplayOf(&n) }
