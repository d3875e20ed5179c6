package export

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// oddGraph is a graph with unknown kinds and relations, odd weights,
// blank labels and a node ID that moves the legend's prefix.
func oddGraph(t *testing.T) *graph.Graph {
	b := graph.NewBuilder()
	nodes := []graph.Node{
		{ID: "z:last", Kind: "widget", Label: "  spaced  out  ", Title: "\t", Strength: 4},
		{ID: "legend:title", Kind: papergraph.KindRepo, Label: " ", Title: "", URL: "http://example.org/a&b;c", External: true},
		{ID: "a:first&amp;", Kind: papergraph.KindURL, Label: "\u00a0\u2003", Title: "x \\N \\l & y", URL: "https://ok.example/p?q=1&r=2"},
		{ID: "m:\\\"", Kind: papergraph.KindModel, Label: "a-very-long-label-without-any-spaces-at-all/and/slashes", Strength: 1e9},
		{ID: "p:long", Kind: papergraph.KindPaper, Label: "A fairly long paper label that must wrap over lines & more", Title: "t", Strength: 0.3},
	}
	for _, n := range nodes {
		require.NoError(t, b.AddNode(n))
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
		require.NoError(t, b.AddEdge(e))
	}
	odd, err := b.Graph()
	require.NoError(t, err)
	return odd
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
