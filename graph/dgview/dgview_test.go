package dgview

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	dg "github.com/dominikbraun/graph"
	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func paper(id string, refs []string, names ...string) papergraph.Paper {
	p := papergraph.Paper{ArXiv: id, Title: "Paper " + id}
	for i, n := range names {
		p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.KindDataset, Name: n, Surface: n, Start: 20 * i, End: 20*i + len(n), Rule: "gazetteer"})
	}
	for _, r := range refs {
		p.Refs = append(p.Refs, papergraph.Ref{ArXiv: r})
	}
	return p
}

// batch: 1–2 share A, 2–3 share B, 4 stands alone; 3 cites 2, 2 cites 1.
func batch(t *testing.T) *graph.Graph {
	g, err := graph.Build([]papergraph.Paper{
		paper("2401.00001", nil, "A"), paper("2401.00002", []string{"2401.00001"}, "A", "B"),
		paper("2401.00003", []string{"2401.00002"}, "B"), paper("2401.00004", nil, "C"),
	}, graph.Options{})
	require.NoError(t, err)
	return g
}

func TestUndirected(t *testing.T) {
	g := batch(t)
	u := Undirected(g)
	path, err := dg.ShortestPath(u, "paper:2401.00001", "paper:2401.00003")
	require.NoError(t, err)
	ours, err := g.Path("paper:2401.00001", "paper:2401.00003")
	require.NoError(t, err)
	assert.Len(t, path, len(ours)+1, "the library's shortest path is as long as ours")
	_, err = dg.ShortestPath(u, "paper:2401.00001", "paper:2401.00004")
	assert.ErrorIs(t, err, dg.ErrTargetNotReachable)
	var seen []string
	require.NoError(t, dg.BFS(u, "dataset:a", func(id string) bool { seen = append(seen, id); return false }))
	assert.ElementsMatch(t, []string{"dataset:a", "dataset:b", "paper:2401.00001", "paper:2401.00002", "paper:2401.00003"}, seen)
	n, err := u.Order()
	require.NoError(t, err)
	assert.Equal(t, len(g.Nodes()), n)
	assert.True(t, errors.Is(u.AddEdge("paper:2401.00001", "paper:2401.00004"), graph.ErrReadOnly))
}

func TestCites(t *testing.T) {
	g := batch(t)
	order, err := dg.TopologicalSort(Cites(g))
	require.NoError(t, err)
	pos := map[string]int{}
	for i, id := range order {
		pos[id] = i
	}
	assert.Less(t, pos["paper:2401.00003"], pos["paper:2401.00002"], "a citing paper comes before the cited one")
	assert.Less(t, pos["paper:2401.00002"], pos["paper:2401.00001"])
	e, err := Cites(g).Edge("paper:2401.00003", "paper:2401.00002")
	require.NoError(t, err)
	assert.Equal(t, "cites", e.Properties.Attributes["relation"])
}

// synthetic makes n papers naming 1–3 of 5,000 datasets (Zipf) and
// citing up to two earlier papers.
func synthetic(n int) []papergraph.Paper {
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.1, 1, 4999)
	ps := make([]papergraph.Paper, n)
	for i := range ps {
		var names, refs []string
		for range 1 + r.IntN(3) {
			names = append(names, fmt.Sprintf("Data-%d", z.Uint64()))
		}
		for range r.IntN(3) {
			if i > 0 {
				refs = append(refs, fmt.Sprintf("26%02d.%05d", 1+(r.IntN(i))/99999%12, r.IntN(i)%99999+1))
			}
		}
		ps[i] = paper(fmt.Sprintf("26%02d.%05d", 1+i/99999%12, i%99999+1), refs, names...)
	}
	return ps
}

// BenchmarkAlgorithms times one call of each library algorithm through the
// views at 10,000 papers, and at 100,000 with DGVIEW_BENCH_100K=1.
func BenchmarkAlgorithms(b *testing.B) {
	sizes := []int{10_000}
	if os.Getenv("DGVIEW_BENCH_100K") == "1" {
		sizes = append(sizes, 100_000)
	}
	for _, n := range sizes {
		g, err := graph.Build(synthetic(n), graph.Options{NoCentrality: true, NoCommunities: true})
		if err != nil {
			b.Fatal(err)
		}
		nodes := g.Nodes()
		from, to := nodes[len(nodes)-1].ID, nodes[len(nodes)/2].ID
		name := fmt.Sprintf("papers=%d/nodes=%d/edges=%d", n, len(nodes), g.NumEdges())
		b.Run(name+"/BFS", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = dg.BFS(Undirected(g), from, func(string) bool { return false })
			}
		})
		b.Run(name+"/ShortestPath", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = dg.ShortestPath(Undirected(g), from, to)
			}
		})
		b.Run(name+"/TopologicalSort", func(b *testing.B) {
			if n > 10_000 {
				b.Skip("quadratic: 109 s and 9.6 GB at 10,000 papers")
			}
			b.ReportAllocs()
			for b.Loop() {
				_, _ = dg.TopologicalSort(Cites(g))
			}
		})
		b.Run(name+"/own-Path", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = g.Path(from, to)
			}
		})
		b.Run(name+"/own-Distances", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = g.Distances(from, -1)
			}
		})
	}
}
