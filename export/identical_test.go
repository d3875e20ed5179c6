package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numbersGraph has weights and positions whose decimal forms differ
// between formats: negative zero, tiny and huge magnitudes (JSON switches
// to exponent notation below 1e-6 and from 1e21), long fractions.
func numbersGraph(t testing.TB) (*graph.Graph, *Layout) {
	t.Helper()
	values := []float64{math.Copysign(0, -1), 0, 1e-7, 1.5e-6, 9.99e-7, 1e20, 1e21, 1.2345e22, -3.25,
		1.0 / 3, 123456789.125, math.SmallestNonzeroFloat64, math.MaxFloat64 / 4, -1e-300, 0.1, 7}
	b := graph.NewBuilder()
	l := &Layout{Engine: "neato", Pos: map[string]Point{}, Height: 50}
	for i, v := range values {
		id := "paper:" + itoa(100+i)
		require.NoError(t, b.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Title: "T", Year: -i, Community: i - 2, Papers: -i}))
		l.Pos[id] = Point{X: v, Y: values[(i+3)%len(values)]}
		if i > 0 {
			require.NoError(t, b.AddEdge(graph.Edge{Source: "paper:" + itoa(99+i), Target: id, Relation: graph.Cites, Weight: v}))
		}
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g, l
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(b []byte, i int) []byte { return b[max(0, i-80):min(len(b), i+80)] }

// xmlOracle returns what encoding/xml reads back from s escaped by
// appendXML as an attribute value and as character data.
func xmlOracle(t testing.TB, s string) (attr, text string) {
	doc := `<a v="` + string(appendXML(nil, s, xmlAttrEscapes)) + `">` + string(appendXML(nil, s, xmlTextEscapes)) + `</a>`
	var v struct {
		V    string `xml:"v,attr"`
		Text string `xml:",chardata"`
	}
	require.NoError(t, xml.Unmarshal([]byte(doc), &v), "%q", doc)
	return v.V, v.Text
}

// validUTF8Oracle is encoding/json's repair of invalid UTF-8: each bad
// byte becomes U+FFFD.
func validUTF8Oracle(t testing.TB, s string) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var back string
	require.NoError(t, json.Unmarshal(b, &back))
	return back
}

// checkEscapers checks the XML escapers and sanitisers against
// encoding/xml and encoding/json: a parser reads back exactly xmlSafe(s),
// whatever s holds.
func checkEscapers(t testing.TB, s string) {
	attr, text := xmlOracle(t, s)
	require.Equal(t, xmlSafe(s), attr, "attribute %q", s)
	require.Equal(t, xmlSafe(s), text, "text %q", s)
	require.Equal(t, validUTF8Oracle(t, s), validUTF8(s), "%q", s)
	require.Equal(t, xmlSafe(s), string(appendSafe([]byte{}, s, true)), "%q", s)
	require.Equal(t, validUTF8(s), string(appendSafe([]byte{}, s, false)), "%q", s)
}

// jsonString is encoding/json's form of s, with HTML characters escaped as
// json.Marshal and a default json.Encoder do.
func jsonString(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

var escaperSeeds = []string{
	"", "plain", "<script>&amp;</script>", "\u2028\u2029", "\x00\x01\x08\x09\x0a\x0b\x0c\x0d\x1f\x7f", `"quote" \back\slash`,
	"\xff\xfe", "\xe2\x80", "\xe2\x80\xa8", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\ufffe\uffff\ufffd", "emoji 🚀 é", "]]>",
}

// FuzzJSONString checks appendJSONString against encoding/json for any
// string, including invalid UTF-8, U+2028, U+2029 and <, >, &.
func FuzzJSONString(f *testing.F) {
	for _, s := range append(escaperSeeds, hostileTitles...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, jsonString(t, s), string(appendJSONString([]byte("x"), s)[1:]))
	})
}

// FuzzXMLEscape checks appendXML, appendSafe, xmlSafe and validUTF8
// against encoding/xml and encoding/json.
func FuzzXMLEscape(f *testing.F) {
	for _, s := range append(escaperSeeds, hostileTitles...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkEscapers(t, s) })
}

// FuzzCSVField checks appendCSVField against encoding/csv for any field.
func FuzzCSVField(f *testing.F) {
	for _, s := range append(escaperSeeds, hostileTitles...) {
		f.Add(s)
	}
	f.Add(`\.`)
	f.Add("\u00a0x")
	f.Add("\u0085")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		require.NoError(t, w.Write([]string{s, "x"}))
		w.Flush()
		require.Equal(t, b.String(), string(appendCSVField([]byte{}, s))+",x\n")
		require.Equal(t, b.String(), string(appendCSVField([]byte{}, []byte(s)))+",x\n")
	})
}

// multigraphOracle reports, with a map, whether two edges of g join the
// same pair of nodes (ordered when directed).
func multigraphOracle(g *graph.Graph, directed bool) bool {
	type pair struct{ a, b string }
	seen := make(map[pair]bool, g.NumEdges())
	for e := range g.AllEdges() {
		p := pair{e.Source, e.Target}
		if !directed && p.b < p.a {
			p.a, p.b = p.b, p.a
		}
		if seen[p] {
			return true
		}
		seen[p] = true
	}
	return false
}

// TestCheckMulti compares checkMulti with multigraphOracle, on graphs with and without parallel and opposite edges.
func TestCheckMulti(t *testing.T) {
	outcomes := map[[2]bool]int{} // (directed, multi)
	for seed := range uint64(40) {
		b := graph.NewBuilder()
		r := rand.New(rand.NewPCG(seed, 2))
		n := 3 + r.IntN(6)
		for i := range n {
			require.NoError(t, b.AddNode(graph.Node{ID: "n" + itoa(i), Community: -1}))
		}
		seen := map[[3]string]bool{}
		for range r.IntN(2 * n) {
			e := graph.Edge{Source: "n" + itoa(r.IntN(n)), Target: "n" + itoa(r.IntN(n)), Weight: 1,
				Relation: []graph.Relation{graph.Cites, graph.Mentions, graph.Shares}[r.IntN(3)]}
			if e.Relation == graph.Shares && e.Target < e.Source {
				e.Source, e.Target = e.Target, e.Source
			}
			if k := [3]string{e.Source, e.Target, string(e.Relation)}; !seen[k] && e.Source != e.Target {
				seen[k] = true
				require.NoError(t, b.AddEdge(e))
			}
		}
		g, err := b.Graph()
		require.NoError(t, err)
		for _, directed := range []bool{true, false} {
			got, err := checkMulti("test", g, Options{}, directed)
			require.NoError(t, err)
			assert.Equal(t, multigraphOracle(g, directed), got, "seed %d, directed %t", seed, directed)
			outcomes[[2]bool{directed, got}]++
		}
	}
	assert.Len(t, outcomes, 4, "every (directed, multi) outcome is covered: %v", outcomes)
}

// floatSeeds are values around the edges of appendShortDecimal's fast path.
var floatSeeds = []float64{1, -1, 0.01, -0.01, 0.1, 0.29, 0.3, 1.005, 16, 32.45, 60, 12.5, 99.99, 1e-7, 1e21, 123456789.12,
	1 << 44, 1<<44 - 0.01, 1<<44 - 0.25, -(1 << 44), 1 << 43, 1<<43 + 0.5, 0.015, 2.675, 1.0 / 3, 4503599627370496.5, 1e-320,
	0.0001, 0.0005, 2.3265, 1.00001, 0.12345, 1 << 30, 1<<30 - 0.0001, 1<<30 + 0.5, 1<<29 + 0.0001, 9999.9999, 0.00005}

// checkFloat compares appendFloat and appendJSONFloat with strconv and
// encoding/json for v.
func checkFloat(t *testing.T, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	want := strconv.FormatFloat(v, 'f', -1, 64)
	if v == 0 {
		want = "0"
	}
	require.Equal(t, want, string(appendFloat([]byte("x"), v)[1:]), "%v", v)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.Equal(t, string(b), string(appendJSONFloat([]byte("x"), v)[1:]), "%v", v)
}

// TestFloats checks the number formats on whole numbers of hundredths and
// ten-thousandths (the fast path) and on random doubles.
func TestFloats(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, v := range floatSeeds {
		checkFloat(t, v)
		checkFloat(t, -v)
	}
	for range 200000 {
		checkFloat(t, float64(r.Int64N(1<<46)-1<<45)/100)
		checkFloat(t, float64(r.IntN(100000))/100)
		checkFloat(t, math.Round(r.Float64()*6000)/100)
		checkFloat(t, math.Round(r.NormFloat64()*1e8)/1e4)
		checkFloat(t, float64(r.Int64N(1<<44)-1<<43)/1e4)
		checkFloat(t, math.Float64frombits(r.Uint64()))
		checkFloat(t, r.NormFloat64()*1e6)
	}
}

// FuzzFloats is TestFloats for any double.
func FuzzFloats(f *testing.F) {
	for _, v := range floatSeeds {
		f.Add(v)
	}
	f.Fuzz(checkFloat)
}

// TestEscapersEveryPosition puts each byte that matters to an escaper
// (and some that do not) at every position of plain texts of several
// lengths, around the eight-byte words the escapers skip, and compares
// with encoding/json and encoding/xml.
func TestEscapersEveryPosition(t *testing.T) {
	specials := []string{"\x00", "\t", "\n", "\r", "\x1f", " ", "\"", "&", "<", ">", "\\", "\x7f", "\x80", "\xff", "é",
		"\u2028", "\ufffe", "🚀", "\xe2\x80", "~", "!", "?", "=", "%"}
	for _, sp := range specials {
		for n := range 26 {
			for i := 0; i <= n; i++ {
				s := strings.Repeat("a", i) + sp + strings.Repeat("b", n-i)
				require.Equal(t, jsonString(t, s), string(appendJSONString(nil, s)), "%q", s)
				checkEscapers(t, s)
			}
		}
	}
}

// shortcutGraphs are the graphs on which check cannot skip the edges: an
// infinite weight hidden behind a size capped at 60, finite weights whose
// sum overflows (refused: the weighted_degree column would be infinite).
func shortcutGraphs(t *testing.T) map[string]*graph.Graph {
	withEdges := func(es ...graph.Edge) *graph.Graph {
		b := graph.NewBuilder()
		for _, id := range []string{"a", "b", "c"} {
			require.NoError(t, b.AddNode(graph.Node{ID: id, Community: -1}))
		}
		for _, e := range es {
			require.NoError(t, b.AddEdge(e))
		}
		g, err := b.Graph()
		require.NoError(t, err)
		return g
	}
	infinite := withEdges(graph.Edge{Source: "a", Target: "b", Relation: graph.Cites, Weight: math.Inf(1)})
	overflow := withEdges(graph.Edge{Source: "a", Target: "b", Relation: graph.Cites, Weight: math.MaxFloat64},
		graph.Edge{Source: "a", Target: "c", Relation: graph.Cites, Weight: math.MaxFloat64})
	require.True(t, math.IsInf(overflow.Nodes()[0].Strength, 1), "the sum overflows")
	return map[string]*graph.Graph{"infinite": infinite, "overflow": overflow}
}

// TestCheckShortcut: on the shortcut graphs every writer refuses what it
// must and writes what it may (TestFrozenBytes pins those bytes).
func TestCheckShortcut(t *testing.T) {
	gs := shortcutGraphs(t)
	infinite, overflow := gs["infinite"], gs["overflow"]
	cases := []struct {
		name string
		g    *graph.Graph
		want error
	}{
		{"infinite weight", infinite, ErrNotFinite},
		{"strength overflows", overflow, ErrNotFinite}, // weighted_degree would be +Inf
	}
	for _, c := range cases {
		for _, w := range dataWriters {
			t.Run(c.name+"/"+w.name, func(t *testing.T) {
				var got bytes.Buffer
				err := w.fn(&got, c.g, Options{})
				require.ErrorIs(t, err, c.want)
				if c.want != nil {
					assert.Empty(t, got.String(), "a refused graph leaves the writer untouched")
				} else {
					assert.NotEmpty(t, got.String())
				}
			})
		}
	}
}

// TestScreenOverflow: a layout whose flipped y overflows (Height − y is
// infinite) fails the writers that flip y, which encoding/json refused
// too, and not graphology, which writes y as it is.
func TestScreenOverflow(t *testing.T) {
	g := smallGraph(t)
	l := layoutFor(g)
	l.Height = math.MaxFloat64
	for id := range l.Pos {
		l.Pos[id] = Point{X: 1, Y: -math.MaxFloat64}
	}
	for _, c := range []struct {
		name string
		fn   writerFunc
		want error
	}{
		{"cytoscape", CytoscapeJSON, ErrNotFinite},
		{"nodelink", NodeLinkJSON, ErrNotFinite},
		{"graphology", GraphologyJSON, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.fn(io.Discard, g, Options{Layout: l})
			require.ErrorIs(t, err, c.want)
			if c.want != nil {
				assert.True(t, strings.HasPrefix(err.Error(), "export: "), "%v", err)
			}
		})
	}
}
