// Package dgview shows a built papergraph [graph.Graph] to the algorithms
// of github.com/dominikbraun/graph (traversal, shortest paths, components,
// topological order), the one place where that library's types appear in
// an exported signature.
//
// [Undirected] is the whole graph with every edge taken both ways (one
// edge per pair of nodes, whatever its relations); [Cites] is the
// directed graph of the cites edges alone, whose topological order
// ([dg.TopologicalSort]) lists papers before the ones they cite when the
// citations have no cycle. Both are read-only views over the graph's own
// storage: making one copies nothing.
//
// # Cost
//
// Every algorithm of the library starts by asking the view for its whole
// adjacency as nested maps (AdjacencyMap), so each call costs time and
// memory in proportion to the whole graph, however near its answer lies,
// and its tie-breaking follows Go's map order: [dg.ShortestPath] returns
// "an arbitrary" shortest path, different from run to run, and
// [dg.BFSWithDepth] counts the vertices it pops, not the depth. Measured
// with BenchmarkAlgorithms on synthetic batches (`go test ./graph/dgview
// -run '^$' -bench . -benchmem -benchtime 1x`, DGVIEW_BENCH_100K=1 for the
// larger one; 2 cores of a shared, loaded machine; one call each):
//
//	papers   nodes    edges    algorithm                   time     allocated
//	10,000   12,586   70,309   dg.BFS (Undirected)         1.8 s    138 MB
//	10,000   12,586   70,309   dg.ShortestPath             1.4 s    141 MB
//	10,000   12,586   70,309   dg.TopologicalSort (Cites)  109 s    9.6 GB
//	10,000   12,586   70,309   graph.Graph.Path            1.4 ms   0.3 MB
//	10,000   12,586   70,309   graph.Graph.Distances       8.9 ms   1.1 MB
//	100,000  104,927  858,118  dg.BFS (Undirected)         31.8 s   1.67 GB
//	100,000  104,927  858,118  dg.ShortestPath             7.3 s    1.70 GB
//	100,000  104,927  858,118  dg.TopologicalSort (Cites)  not run: quadratic
//	100,000  104,927  858,118  graph.Graph.Path            0.25 s   2.4 MB
//	100,000  104,927  858,118  graph.Graph.Distances       0.36 s   9.4 MB
//
// papergraph's own commands therefore do not call these algorithms:
// `papergraph path` and `neighbours` use [graph.Graph.Path] and
// [graph.Graph.Distances], breadth-first searches over the compact
// adjacency that touch only what they reach, allocate one int32 per node
// and break ties by node ID. This package is for library users who want
// the rest of dominikbraun/graph's toolbox on a graph of modest size.
package dgview

import (
	dg "github.com/dominikbraun/graph"
	"github.com/papergraph/papergraph/graph"
)

// Undirected returns g, which must be finished, as an undirected
// dominikbraun/graph graph whose vertices are node IDs and values nodes.
func Undirected(g *graph.Graph) dg.Graph[string, graph.Node] {
	s := &store{g: g, undirected: true, keep: func(graph.Relation) bool { return true }}
	return dg.NewWithStore(nodeID, dg.Store[string, graph.Node](s))
}

// Cites returns the cites edges of g as a directed dominikbraun/graph
// graph over every node of g.
func Cites(g *graph.Graph) dg.Graph[string, graph.Node] {
	s := &store{g: g, keep: func(r graph.Relation) bool { return r == graph.Cites }}
	return dg.NewWithStore(nodeID, dg.Store[string, graph.Node](s), dg.Directed())
}

func nodeID(n graph.Node) string { return n.ID }
