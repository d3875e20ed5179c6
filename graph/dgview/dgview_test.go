package dgview

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
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

// TestViewsMatchMemoryStore checks each view against the library's own
// memory store filled with the same edges: the same vertices, the same
// adjacency, the same breadth-first reach.
func TestViewsMatchMemoryStore(t *testing.T) {
	g, err := graph.Build(synthetic(300), graph.Options{})
	require.NoError(t, err)
	for _, v := range []struct {
		name string
		view dg.Graph[string, graph.Node]
		mem  dg.Graph[string, graph.Node]
		keep func(graph.Relation) bool
	}{
		{"undirected", Undirected(g), dg.New(nodeID), func(graph.Relation) bool { return true }},
		{"cites", Cites(g), dg.New(nodeID, dg.Directed()), func(r graph.Relation) bool { return r == graph.Cites }},
	} {
		t.Run(v.name, func(t *testing.T) {
			for _, n := range g.Nodes() {
				require.NoError(t, v.mem.AddVertex(n))
			}
			edges := 0
			for _, e := range g.Edges() {
				if !v.keep(e.Relation) || e.Source == e.Target {
					continue
				}
				if _, err := v.mem.Edge(e.Source, e.Target); err == nil {
					continue // one edge per pair, as the views keep
				}
				require.NoError(t, v.mem.AddEdge(e.Source, e.Target))
				edges++
			}
			require.Positive(t, edges)
			order, err := v.view.Order()
			require.NoError(t, err)
			assert.Equal(t, len(g.Nodes()), order)
			want, err := v.mem.AdjacencyMap()
			require.NoError(t, err)
			got, err := v.view.AdjacencyMap()
			require.NoError(t, err)
			require.Len(t, got, len(want))
			for id, out := range want {
				assert.ElementsMatch(t, slices.Collect(maps.Keys(out)), slices.Collect(maps.Keys(got[id])), "neighbours of %s", id)
			}
			start := g.Nodes()[len(g.Nodes())-1].ID
			var reachW, reachG []string
			require.NoError(t, dg.BFS(v.mem, start, func(id string) bool { reachW = append(reachW, id); return false }))
			require.NoError(t, dg.BFS(v.view, start, func(id string) bool { reachG = append(reachG, id); return false }))
			assert.ElementsMatch(t, reachW, reachG)
		})
	}
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
