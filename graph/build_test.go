package graph

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ent is an entity found by the gazetteer at start.
func ent(k papergraph.Kind, name string, start int) papergraph.Entity {
	return papergraph.Entity{Kind: k, Name: name, Surface: name, Start: start, End: start + len(name), Rule: "gazetteer"}
}

func ds(name string) papergraph.Entity { return ent(papergraph.KindDataset, name, 0) }

// pp is a paper with an arXiv id and the given entities.
func pp(arxiv string, ents ...papergraph.Entity) papergraph.Paper {
	return papergraph.Paper{ArXiv: arxiv, Title: "Paper " + arxiv, Entities: ents}
}

func build(t *testing.T, papers []papergraph.Paper, opt Options) *Graph {
	t.Helper()
	g, err := Build(papers, opt)
	require.NoError(t, err)
	return g
}

func edgesOf(g *Graph, r Relation) []Edge {
	var out []Edge
	for _, e := range g.Edges() {
		if e.Relation == r {
			out = append(out, e)
		}
	}
	return out
}

func pairsOf(es []Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Source + " " + e.Target
	}
	return out
}

func TestBuildPaperNodes(t *testing.T) {
	long := "Scaling Laws for Neural Language Models Trained on Everything at Once"
	tests := []struct {
		name                  string
		paper                 papergraph.Paper
		id, label, title, url string
	}{
		{"arxiv id and system name", papergraph.Paper{ArXiv: "2401.00001", DOI: "10.1/x", Title: "Foo: a thing", Name: "Foo"},
			"paper:2401.00001", "Foo", "Foo: a thing", "https://arxiv.org/abs/2401.00001"},
		{"doi", papergraph.Paper{DOI: "10.1000/xyz", Title: "A short title", URL: "https://example.org"},
			"paper:doi:10.1000/xyz", "A short title", "A short title", "https://doi.org/10.1000/xyz"},
		{"title slug and long title", papergraph.Paper{Title: long, URL: "https://example.org/p"},
			"paper:scaling-laws-for-neural-language-models-trained-on-everything", "Scaling Laws for Neural Language…", long, "https://example.org/p"},
		{"source id only", papergraph.Paper{ID: "Smith2020"}, "paper:smith2020", "paper:smith2020", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, []papergraph.Paper{tt.paper}, Options{})
			n, ok := g.Node(tt.id)
			require.True(t, ok, "node %s in %v", tt.id, g.Nodes())
			assert.Equal(t, papergraph.KindPaper, n.Kind)
			assert.Equal(t, tt.label, n.Label)
			assert.Equal(t, tt.title, n.Title)
			assert.Equal(t, tt.url, n.URL)
			assert.False(t, n.External)
			assert.Equal(t, -1, n.Community)
			assert.LessOrEqual(t, len([]rune(n.Label)), 40)
		})
	}
}

func TestShortTitle(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"short", "Short", "Short"},
		{"exactly 40", strings.Repeat("a", 40), strings.Repeat("a", 40)},
		{"word boundary", "Alpha beta gamma delta epsilon zeta eta theta iota", "Alpha beta gamma delta epsilon zeta…"},
		{"no spaces", strings.Repeat("é", 50), strings.Repeat("é", 39) + "…"},
		{"whitespace collapsed", "A\n  title\twith   spaces", "A title with spaces"},
		{"trailing punctuation dropped", "Aaaa bbbb cccc dddd eeee ffff gggg, hhhhhhhhhhhhhhh", "Aaaa bbbb cccc dddd eeee ffff gggg…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shortTitle(tt.in, 40)
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, len([]rune(got)), 40)
		})
	}
}

func TestDuplicateKeys(t *testing.T) {
	papers := []papergraph.Paper{
		{Title: "Same title!", Abstract: "c", Name: "C"},
		{Title: "Same Title", Abstract: "two", Name: "B"},
		{Title: "Same Title", Abstract: "one", Name: "A"},
		{Title: "Other", Name: "O"},
	}
	want := map[string]string{"paper:same-title": "A", "paper:same-title#2": "B", "paper:same-title#3": "C", "paper:other": "O"}
	for i := range 6 {
		t.Run("order "+string(rune('a'+i)), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(i), 1))
			in := slices.Clone(papers)
			r.Shuffle(len(in), func(a, b int) { in[a], in[b] = in[b], in[a] })
			g := build(t, in, Options{})
			got := map[string]string{}
			for _, n := range g.Nodes() {
				got[n.ID] = n.Label
			}
			assert.Equal(t, want, got)
			assert.Equal(t, 2, g.Stats().Renamed)
			assert.Equal(t, 4, g.Stats().Papers)
		})
	}
}

func TestArtifactNodes(t *testing.T) {
	papers := []papergraph.Paper{
		pp("2401.00001", ds("ImageNet"), ent(papergraph.KindRepo, "github.com/Owner/Repo", 5), ent(papergraph.KindModel, "Llama-2-7B", 9)),
		pp("2401.00002", ds("ImageNet"), ent(papergraph.KindDataset, "huggingface.co/datasets/o/d", 3)),
		pp("2401.00003", ds("imagenet"), ds("IMAGENET"), ds("Tie"), ds("tie")),
	}
	papers[0].Entities[2].Family = "Llama-2"
	g := build(t, papers, Options{})
	tests := []struct {
		id, label, url, family string
		kind                   papergraph.Kind
		papers                 int
	}{
		{"dataset:imagenet", "ImageNet", "", "", papergraph.KindDataset, 3},
		{"dataset:tie", "Tie", "", "", papergraph.KindDataset, 1},
		{"repo:github.com/owner/repo", "github.com/Owner/Repo", "https://github.com/Owner/Repo", "", papergraph.KindRepo, 1},
		{"dataset:huggingface.co/datasets/o/d", "huggingface.co/datasets/o/d", "https://huggingface.co/datasets/o/d", "", papergraph.KindDataset, 1},
		{"model:llama-2-7b", "Llama-2-7B", "", "Llama-2", papergraph.KindModel, 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			n, ok := g.Node(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.kind, n.Kind)
			assert.Equal(t, tt.label, n.Label)
			assert.Equal(t, tt.label, n.Title)
			assert.Equal(t, tt.url, n.URL)
			assert.Equal(t, tt.family, n.Family)
			assert.Equal(t, tt.papers, n.Papers)
		})
	}
	assert.Equal(t, 5, g.Stats().Entities)
}

func TestMentionsEvidence(t *testing.T) {
	p := pp("2401.00001",
		ent(papergraph.KindDataset, "ImageNet", 10),
		papergraph.Entity{Kind: papergraph.KindDataset, Name: "ImageNet", Surface: "imagenet", Start: 50, End: 58, Rule: "gazetteer"},
		ent(papergraph.KindDataset, "ImageNet", 10), // a repeated mention adds no evidence
		papergraph.Entity{Kind: papergraph.KindRepo, Name: "github.com/o/r", Surface: "https://github.com/o/r", Rule: "url", Source: "githubRepo"},
	)
	g := build(t, []papergraph.Paper{p}, Options{})
	ms := edgesOf(g, Mentions)
	require.Len(t, ms, 2)
	assert.Equal(t, Edge{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: Mentions, Weight: 1,
		Evidence: `gazetteer: "ImageNet" @10; gazetteer: "imagenet" @50`}, ms[0])
	assert.Equal(t, `url: "https://github.com/o/r" @0 in githubRepo`, ms[1].Evidence)
	assert.Equal(t, 2, g.Stats().Mentions)
}

func TestSharesIDF(t *testing.T) {
	// N = 4 papers; df(x) = 3, df(y) = 2, df(z) = 1.
	papers := []papergraph.Paper{
		pp("2401.00001", ds("x"), ds("y")),
		pp("2401.00002", ds("x"), ds("y")),
		pp("2401.00003", ds("x")),
		pp("2401.00004", ds("z")),
	}
	idfX, idfY := math.Log(1+4.0/3), math.Log(1+4.0/2)
	want := []Edge{
		{Source: "paper:2401.00001", Target: "paper:2401.00002", Relation: Shares, Weight: idfX + idfY, Shared: []string{"dataset:x", "dataset:y"}},
		{Source: "paper:2401.00001", Target: "paper:2401.00003", Relation: Shares, Weight: idfX, Shared: []string{"dataset:x"}},
		{Source: "paper:2401.00002", Target: "paper:2401.00003", Relation: Shares, Weight: idfX, Shared: []string{"dataset:x"}},
	}
	for _, opt := range []Options{{}, {Exact: true}} {
		t.Run("exact="+map[bool]string{false: "false", true: "true"}[opt.Exact], func(t *testing.T) {
			g := build(t, papers, opt)
			got := edgesOf(g, Shares)
			require.Len(t, got, len(want))
			for i := range want {
				assert.Equal(t, want[i].Source, got[i].Source)
				assert.Equal(t, want[i].Target, got[i].Target)
				assert.Equal(t, want[i].Shared, got[i].Shared)
				assert.InDelta(t, want[i].Weight, got[i].Weight, weightTol)
			}
			assert.InDelta(t, math.Log(7), got[0].Weight, weightTol, "ln(7/3) + ln(3) = ln 7")
			assert.Equal(t, int64(3), g.Stats().Pairs)
			p1, _ := g.Node("paper:2401.00001")
			assert.Equal(t, 4, p1.Degree, "2 mentions + 2 shares")
			assert.InDelta(t, 2+2*idfX+idfY, p1.Strength, 2*weightTol)
		})
	}
}

func TestTopK(t *testing.T) {
	// A, B, C name x; A and B also y. With one link per paper, A keeps B,
	// B keeps A, C keeps A (tie with B goes to the smaller ID): B–C goes.
	papers := []papergraph.Paper{
		pp("2401.00001", ds("x"), ds("y")),
		pp("2401.00002", ds("x"), ds("y")),
		pp("2401.00003", ds("x")),
	}
	tests := []struct {
		name string
		opt  Options
		want []string
		topK int
	}{
		{"top 1 keeps the union of each paper's best", Options{TopK: 1},
			[]string{"paper:2401.00001 paper:2401.00002", "paper:2401.00001 paper:2401.00003"}, 1},
		{"negative keeps all", Options{TopK: -1},
			[]string{"paper:2401.00001 paper:2401.00002", "paper:2401.00001 paper:2401.00003", "paper:2401.00002 paper:2401.00003"}, 0},
		{"default", Options{},
			[]string{"paper:2401.00001 paper:2401.00002", "paper:2401.00001 paper:2401.00003", "paper:2401.00002 paper:2401.00003"}, DefaultTopK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, papers, tt.opt)
			assert.Equal(t, tt.want, pairsOf(edgesOf(g, Shares)))
			assert.Equal(t, int64(3), g.Stats().Pairs)
			assert.Equal(t, tt.topK, g.Stats().TopK)
		})
	}
}

func TestMaxDF(t *testing.T) {
	// hub is named by 4 of 5 papers; rare by papers 1 and 2.
	papers := []papergraph.Paper{
		pp("2401.00001", ds("hub"), ds("rare")),
		pp("2401.00002", ds("hub"), ds("rare")),
		pp("2401.00003", ds("hub")),
		pp("2401.00004", ds("hub")),
		pp("2401.00005", ds("alone")),
	}
	only12 := []string{"paper:2401.00001 paper:2401.00002"}
	tests := []struct {
		name    string
		opt     Options
		leftOut []string
		shares  int
		maxDF   int
	}{
		{"count", Options{MaxDF: 3}, []string{"dataset:hub"}, 1, 3},
		{"fraction", Options{MaxDF: 0.5}, []string{"dataset:hub"}, 1, 2},
		{"fraction below every df", Options{MaxDF: 0.2}, []string{"dataset:hub", "dataset:rare"}, 0, 1},
		{"default keeps small batches whole", Options{}, nil, 6, DefaultMaxDFMin},
		{"negative: no cap", Options{MaxDF: -1}, nil, 6, 0},
		{"exact ignores the cap", Options{MaxDF: 3, Exact: true}, nil, 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, papers, tt.opt)
			st := g.Stats()
			assert.Equal(t, tt.leftOut, st.LeftOut)
			assert.Equal(t, tt.maxDF, st.MaxDF)
			shares := edgesOf(g, Shares)
			assert.Len(t, shares, tt.shares)
			if tt.shares == 1 {
				assert.Equal(t, only12, pairsOf(shares))
				assert.Equal(t, []string{"dataset:rare"}, shares[0].Shared, "left-out artifacts are not listed as shared")
			}
			assert.Equal(t, 7, st.Mentions, "left-out artifacts keep their mentions")
			hub, ok := g.Node("dataset:hub")
			require.True(t, ok)
			assert.Equal(t, 4, hub.Papers)
		})
	}
}

// bruteShares computes the full projection naively.
func bruteShares(papers []papergraph.Paper) map[[2]string]float64 {
	df := map[string]int{}
	feats := make([][]string, len(papers))
	for i, p := range papers {
		seen := map[string]bool{}
		for _, e := range p.Entities {
			if k := e.Key(); !seen[k] {
				seen[k] = true
				feats[i] = append(feats[i], k)
				df[k]++
			}
		}
	}
	n := float64(len(papers))
	out := map[[2]string]float64{}
	for i := range papers {
		for j := i + 1; j < len(papers); j++ {
			a, b := papers[i].Key(), papers[j].Key()
			if b < a {
				a, b = b, a
			}
			for _, f := range feats[i] {
				if slices.Contains(feats[j], f) {
					out[[2]string{a, b}] += math.Log1p(n / float64(df[f]))
				}
			}
		}
	}
	return out
}

// weightTol is how far a shares weight may be from its exact sum: weights
// are rounded to four decimal places.
const weightTol = 5e-5

func TestExactAgainstBruteForce(t *testing.T) {
	papers := synthetic(400, 3)
	want := bruteShares(papers)
	exact := build(t, papers, Options{Exact: true})
	got := edgesOf(exact, Shares)
	require.Len(t, got, len(want))
	assert.Equal(t, int64(len(want)), exact.Stats().Pairs)
	byPair := map[[2]string]Edge{}
	for _, e := range got {
		w, ok := want[[2]string{e.Source, e.Target}]
		require.True(t, ok, "unexpected pair %s %s", e.Source, e.Target)
		assert.InDelta(t, w, e.Weight, weightTol)
		assert.Equal(t, math.Round(w*1e4)/1e4, e.Weight, "rounded to four decimal places")
		assert.NotEmpty(t, e.Shared)
		assert.True(t, slices.IsSorted(e.Shared))
		byPair[[2]string{e.Source, e.Target}] = e
	}

	t.Run("pruned is a subset with the same weights", func(t *testing.T) {
		const k = 3
		pruned := build(t, papers, Options{TopK: k, MaxDF: -1})
		ps := edgesOf(pruned, Shares)
		assert.Less(t, len(ps), len(got))
		kept := map[[2]string]bool{}
		for _, e := range ps {
			x, ok := byPair[[2]string{e.Source, e.Target}]
			require.True(t, ok)
			assert.Equal(t, x.Weight, e.Weight, "same summation order, same bits")
			kept[[2]string{e.Source, e.Target}] = true
		}
		// Every paper's k strongest links (ties to the smaller ID) are kept.
		links := map[string][]Edge{}
		for _, e := range got {
			links[e.Source] = append(links[e.Source], e)
			links[e.Target] = append(links[e.Target], e)
		}
		for id, es := range links {
			other := func(e Edge) string {
				if e.Source == id {
					return e.Target
				}
				return e.Source
			}
			slices.SortFunc(es, func(a, b Edge) int {
				if a.Weight != b.Weight {
					if a.Weight > b.Weight {
						return -1
					}
					return 1
				}
				return strings.Compare(other(a), other(b))
			})
			for _, e := range es[:min(k, len(es))] {
				assert.True(t, kept[[2]string{e.Source, e.Target}], "%s keeps %s", id, other(e))
			}
		}
	})
}

func TestMaxShared(t *testing.T) {
	var ents []papergraph.Entity
	for _, n := range []string{"a", "b", "c", "d"} {
		ents = append(ents, ds(n))
	}
	papers := []papergraph.Paper{pp("2401.00001", ents...), pp("2401.00002", ents...), pp("2401.00003", ds("a"), ds("b"))}
	tests := []struct {
		name string
		max  int
		want []string
	}{
		{"two rarest, sorted", 2, []string{"dataset:c", "dataset:d"}},
		{"all", -1, []string{"dataset:a", "dataset:b", "dataset:c", "dataset:d"}},
		{"default", 0, []string{"dataset:a", "dataset:b", "dataset:c", "dataset:d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, papers, Options{MaxShared: tt.max})
			e, ok := g.Edge("paper:2401.00001", "paper:2401.00002", Shares)
			require.True(t, ok)
			assert.Equal(t, tt.want, e.Shared)
			assert.InDelta(t, 2*math.Log(2)+2*math.Log(2.5), e.Weight, weightTol, "the weight counts every shared artifact")
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		e    papergraph.Entity
	}{
		{"empty name", papergraph.Entity{Kind: papergraph.KindDataset, Name: " "}},
		{"no kind", papergraph.Entity{Name: "x"}},
		{"paper kind", papergraph.Entity{Kind: papergraph.KindPaper, Name: "x"}},
		{"unknown kind", papergraph.Entity{Kind: "thing", Name: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build([]papergraph.Paper{pp("2401.00001", tt.e)}, Options{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrBadInput), "%v", err)
			assert.True(t, strings.HasPrefix(err.Error(), "graph: paper \"paper:2401.00001\""), "%v", err)
		})
	}
}

func TestEmpty(t *testing.T) {
	g := build(t, nil, Options{})
	assert.Empty(t, g.Nodes())
	assert.Empty(t, g.Edges())
	assert.Equal(t, 0, g.NumEdges())
}

// shuffled returns a shuffled copy of papers.
func shuffled(papers []papergraph.Paper, seed uint64) []papergraph.Paper {
	out := slices.Clone(papers)
	r := rand.New(rand.NewPCG(seed, 2))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func TestDeterminism(t *testing.T) {
	papers := synthetic(1500, 5)
	// Citations, names and duplicate slugs too.
	for i := 0; i < len(papers); i += 7 {
		papers[i].Refs = []papergraph.Ref{{ArXiv: papers[(i*13+1)%len(papers)].ArXiv}, {OpenAlex: "W" + string(rune('0'+i%5))}}
	}
	for i := 0; i < len(papers); i += 11 {
		papers[i].ArXiv = ""
		papers[i].Title = "Same title"
		papers[i].Abstract = strings.Repeat("x", i%3)
	}
	papers[1].Name = "SynNet-1"
	papers[2].Abstract = "we improve on SynNet-1 and synnet-1 baselines"
	for _, opt := range []Options{{}, {Exact: true}, {TopK: 2, MaxDF: 0.01}} {
		ref := build(t, papers, opt)
		require.Greater(t, ref.Stats().Cites, 0)
		require.Greater(t, ref.Stats().Renamed, 0)
		cases := []struct {
			name    string
			papers  []papergraph.Paper
			procs   int
			workers int
		}{
			{"shuffled", shuffled(papers, 1), 0, 0},
			{"shuffled again", shuffled(papers, 2), 0, 0},
			{"GOMAXPROCS=1", papers, 1, 0},
			{"GOMAXPROCS=2", shuffled(papers, 3), 2, 0},
			{"8 workers", shuffled(papers, 4), 0, 8},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if c.procs > 0 {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(c.procs))
				}
				o := opt
				o.Workers = c.workers
				g := build(t, c.papers, o)
				require.Equal(t, ref.Nodes(), g.Nodes())
				require.Equal(t, ref.Edges(), g.Edges())
				require.Equal(t, ref.Stats(), g.Stats())
			})
		}
	}
}

func TestAllEdgesMatchesEdges(t *testing.T) {
	g := build(t, synthetic(500, 9), Options{})
	var got []Edge
	for e := range g.AllEdges() {
		got = append(got, e)
	}
	assert.Equal(t, g.Edges(), got)
	assert.Equal(t, len(got), g.NumEdges())
	assert.True(t, slices.IsSortedFunc(got, func(a, b Edge) int {
		if edgeLess(a, b) {
			return -1
		}
		return 1
	}))
}

func TestEdgeRange(t *testing.T) {
	g := build(t, synthetic(500, 9), Options{})
	all := g.Edges()
	n := len(all)
	require.Greater(t, n, 100)
	for _, r := range [][2]int{{0, n}, {0, 0}, {7, 8}, {n / 3, 2 * n / 3}, {-5, 3}, {n - 2, n + 10}} {
		var got []Edge
		next := max(r[0], 0)
		for i, e := range g.EdgeRange(r[0], r[1]) {
			require.Equal(t, next, i, "indices in order")
			next++
			got = append(got, e)
		}
		want := all[max(r[0], 0):min(r[1], n)]
		if len(want) == 0 {
			assert.Empty(t, got, "range %v", r)
			continue
		}
		assert.Equal(t, want, got, "range %v", r)
	}
}

func TestEdgeRangeNoShared(t *testing.T) {
	built := build(t, synthetic(500, 9), Options{})
	byHand := NewBuilder()
	for _, n := range built.Nodes() {
		require.NoError(t, byHand.AddNode(n))
	}
	for _, e := range built.Edges() {
		require.NoError(t, byHand.AddEdge(e))
	}
	handGraph, err := byHand.Graph()
	require.NoError(t, err)
	for name, g := range map[string]*Graph{"built": built, "by hand": handGraph} {
		t.Run(name, func(t *testing.T) {
			all := g.Edges()
			n := len(all)
			withShared := 0
			next := 2
			for i, e := range g.EdgeRangeNoShared(2, n+5) {
				require.Equal(t, next, i, "indices in order")
				next++
				if len(all[i].Shared) > 0 {
					withShared++
				}
				want := all[i]
				want.Shared = nil
				assert.Equal(t, want, e, "edge %d", i)
			}
			assert.Equal(t, n, next, "every edge from 2 on")
			assert.Positive(t, withShared, "the graph has shared lists to leave out")
		})
	}
}

func TestTooLarge(t *testing.T) {
	// One dataset named by 23,171 papers could pair 268,436,035 > 2^28 of them.
	papers := make([]papergraph.Paper, 23171)
	for i := range papers {
		papers[i] = papergraph.Paper{ID: strconv.Itoa(i), Entities: []papergraph.Entity{ds("hub")}}
	}
	_, err := Build(papers, Options{Exact: true, NoCommunities: true})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrTooLarge), "%v", err)
	g, err := Build(papers, Options{NoCommunities: true})
	require.NoError(t, err, "the default leaves the hub out")
	assert.Equal(t, []string{"dataset:hub"}, g.Stats().LeftOut)
	_, err = Build(papers[:100], Options{TopK: math.MaxInt32, NoCommunities: true})
	assert.True(t, errors.Is(err, ErrTooLarge), "%v", err)
}

func TestBudgetCap(t *testing.T) {
	dfs := []int32{0, 1, 2, 2, 3, 10, 10, 50}
	tests := []struct {
		name   string
		limit  int
		budget int64
		want   int
	}{
		{"everything fits", 100, 1 << 20, 100},
		{"limit first", 20, 1 << 20, 20},
		{"budget cuts at 10", 100, 2 + 2 + 6 + 90 + 90, 49},
		{"budget cuts below 10", 100, 2 + 2 + 6 + 90, 9},
		{"budget below the smallest pair", 100, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, budgetCap(dfs, tt.limit, tt.budget))
		})
	}
}

func TestTidy(t *testing.T) {
	for _, s := range []string{"", "a", "a b", "Title: with punctuation, fine", " lead", "trail ", "two  spaces", "tab\there", "new\nline", "nbsp\u00a0here", "é"} {
		t.Run(s, func(t *testing.T) {
			assert.Equal(t, strings.Join(strings.Fields(s), " ") == s && !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 || r < ' ' }), tidy(s))
		})
	}
}

func TestAppendKey(t *testing.T) {
	for _, name := range []string{"ImageNet", "  GitHub.com/Owner/Repo\t", "x", "Ünïcode", "MiXeD-42_ok"} {
		t.Run(name, func(t *testing.T) {
			e := papergraph.Entity{Kind: papergraph.KindDataset, Name: name}
			got, ok := appendKey(nil, &e)
			if !ok {
				assert.Contains(t, name, "Ü", "only non-ASCII names fall back")
				return
			}
			assert.Equal(t, e.Key(), string(got))
		})
	}
}

func TestURLs(t *testing.T) {
	t.Run("artifacts", func(t *testing.T) {
		tests := []struct {
			kind       papergraph.Kind
			name, want string
		}{
			{papergraph.KindRepo, "github.com/o/r", "https://github.com/o/r"},
			{papergraph.KindURL, "lab.github.io", "https://lab.github.io"},
			{papergraph.KindURL, "example.org:8080/p", "https://example.org:8080/p"},
			{papergraph.KindDataset, "huggingface.co/datasets/o/d", "https://huggingface.co/datasets/o/d"},
			{papergraph.KindModel, "gpt-4.5", ""},
			{papergraph.KindModel, "v1.0/x", ""},
			{papergraph.KindDataset, "COCO.json", ""},
			{papergraph.KindDataset, "ImageNet", ""},
			{papergraph.KindURL, "evil.com/\"><script>", ""},
			{papergraph.KindURL, "javascript:alert(1)", ""},
			{papergraph.KindRepo, "a b.com/x", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assert.Equal(t, tt.want, artifactURL(tt.kind, tt.name))
			})
		}
	})
	t.Run("papers", func(t *testing.T) {
		tests := []struct{ url, want string }{
			{"https://example.org/p", "https://example.org/p"},
			{" HTTP://Example.org ", "HTTP://Example.org"},
			{"javascript:alert(1)", ""},
			{"data:text/html,x", ""},
			{"https://x.org/a b", ""},
			{"", ""},
		}
		for _, tt := range tests {
			t.Run(tt.url, func(t *testing.T) {
				assert.Equal(t, tt.want, paperURL(&papergraph.Paper{URL: tt.url}))
			})
		}
	})
}

func TestBuildContext(t *testing.T) {
	papers := synthetic(20000, 2)
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		g, err := BuildContext(ctx, papers, Options{})
		assert.Nil(t, g)
		assert.True(t, errors.Is(err, context.Canceled), "%v", err)
	})
	t.Run("deadline during the build", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		_, err := BuildContext(ctx, papers, Options{Exact: true})
		assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	})
	t.Run("background", func(t *testing.T) {
		g, err := BuildContext(context.Background(), papers[:100], Options{})
		require.NoError(t, err)
		assert.Equal(t, 100, g.Stats().Papers)
	})
}

// TestMentionEvidence checks the evidence the edges phase writes into its
// shared blocks against evidence, one string each, on surfaces that
// strconv.AppendQuote makes up to four times longer (control bytes,
// invalid UTF-8, a soft hyphen) and on every kind of source.
func TestMentionEvidence(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var papers []papergraph.Paper
	for i := range 3000 {
		p := papergraph.Paper{ArXiv: "2601." + strconv.Itoa(10000+i), Title: "Paper " + strconv.Itoa(i)}
		for j := range 3 {
			var sb strings.Builder
			for range r.IntN(300) {
				switch r.IntN(4) {
				case 0:
					sb.WriteByte(byte(r.IntN(32)))
				case 1:
					sb.WriteByte(0x80 + byte(r.IntN(64)))
				case 2:
					sb.WriteString("\U0001F600\u00ad")
				default:
					sb.WriteByte('a' + byte(r.IntN(26)))
				}
			}
			surface := sb.String()
			name := "Art-" + strconv.Itoa(i) + "-" + strconv.Itoa(j)
			p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.KindDataset, Name: name, Surface: surface,
				Start: 10 * j, End: 10*j + len(surface), Rule: "gazetteer", Source: []string{"", "abstract", "title", "body\x00"}[r.IntN(4)]})
		}
		papers = append(papers, p)
	}
	g, err := Build(papers, Options{Exact: true})
	require.NoError(t, err)
	want := map[[2]string]string{}
	for i := range papers {
		for j := range papers[i].Entities {
			e := &papers[i].Entities[j]
			want[[2]string{"paper:" + papers[i].ArXiv, e.Name}] = evidence(e)
		}
	}
	compared := 0
	for e := range g.AllEdges() {
		if e.Relation != Mentions {
			continue
		}
		target, ok := g.Node(e.Target)
		require.True(t, ok, e.Target)
		w, ok := want[[2]string{e.Source, target.Label}]
		require.True(t, ok, "%s -> %s", e.Source, e.Target)
		require.Equal(t, w, e.Evidence, "%s -> %s", e.Source, e.Target)
		compared++
	}
	assert.Equal(t, len(want), compared, "every mention has its edge")
}

// TestAppendQuote holds appendQuote to strconv.AppendQuote on every string
// of up to two bytes (its copy route and every byte that leaves it) and on
// longer ones with the byte that leaves it first, last or nowhere.
func TestAppendQuote(t *testing.T) {
	check := func(s string) {
		want := string(strconv.AppendQuote([]byte("x"), s))
		if got := string(appendQuote([]byte("x"), s)); got != want {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	}
	check("")
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for c := range 256 {
			check(string([]byte{byte(a), byte(c)}))
		}
	}
	for _, s := range []string{"ImageNet-1k", "COCO 2017 (val)", "\x7fImageNet", "ImageNet\u00e9", "Image\"Net", `a\b`, "tab\there", "Llama\u2028"} {
		check(s)
		check(strings.Repeat(s, 5))
	}
}
