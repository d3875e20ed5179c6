package graph

import (
	"slices"
	"sync"
)

// csrStore is the compact, read-only adjacency behind every finished
// [Graph]: vertices are node indices (int32, in ID order) and edges live in
// compressed sparse rows, out-edges in the order of Graph.Edges (by source,
// then target, then relation) plus an index of in-edges by target.
//
// It costs 17 bytes per edge (endpoints, relation, weight) and 8 per node,
// and 4 more per edge for the in-edge index, made on the first query that
// needs it (eachEdge, around; Graph.Neighbors, EdgesAt, Path, a focus
// Filter): of a build's outputs only the report and the HTML viewer read
// it (their list of papers that name no artifact calls EdgesAt), and on
// the exact projection of 10,000 papers making it took a pass that
// scatters 4.9 M edges. It is where a built graph's edges live;
// dominikbraun/graph's own memory store costs two map entries and an
// attribute map per edge (about 1.7 GB per million edges). Its per-vertex
// queries (neighbours, edge lookup) copy nothing; package graph/dgview
// shows a Graph to that library's algorithms.
//
// The store is immutable and safe for concurrent readers.
type csrStore struct {
	rel      []uint8   // relation code per edge
	weight   []float64 // weight per edge
	outStart []int32   // len n+1: out-edges of v are edges[outStart[v]:outStart[v+1]]
	target   []int32   // target index per edge
	inStart  []int32   // len n+1: in-edges of v are inEdge()[inStart[v]:inStart[v+1]]
	source   []int32   // source index per edge (from outStart, kept for edge listings and inEdge)
	// in is the in-edge index: edge indices sorted by (target, position
	// in edges), made once by inEdge.
	in     []int32
	inOnce sync.Once
}

// newCSRStore indexes edges sorted by source index: src, tgt, rel and w
// give each edge's endpoints, relation code and weight; n is the number of
// nodes.
func newCSRStore(n int, src, tgt []int32, rel []uint8, w []float64) *csrStore {
	s := &csrStore{target: tgt, source: src, rel: rel, weight: w}
	edges := src
	s.outStart = make([]int32, n+1)
	s.inStart = make([]int32, n+1)
	for i := range edges {
		s.outStart[src[i]+1]++
		s.inStart[tgt[i]+1]++
	}
	for v := 0; v < n; v++ {
		s.outStart[v+1] += s.outStart[v]
		s.inStart[v+1] += s.inStart[v]
	}
	return s
}

// inEdge returns the in-edge index, made on the first call.
func (s *csrStore) inEdge() []int32 {
	s.inOnce.Do(func() {
		s.in = makeLarge[int32](len(s.target))
		next := slices.Clone(s.inStart[:s.n()])
		for i, t := range s.target {
			s.in[next[t]] = int32(i)
			next[t]++
		}
	})
	return s.in
}

func (s *csrStore) n() int { return len(s.outStart) - 1 }

func (s *csrStore) len() int { return len(s.source) }

// degree returns the number of edges at v, in and out.
func (s *csrStore) degree(v int32) int {
	return int(s.outStart[v+1]-s.outStart[v]) + int(s.inStart[v+1]-s.inStart[v])
}

// eachEdge calls f with the other endpoint and the edge index of every edge
// at v: out-edges first (by target), then in-edges (by source).
func (s *csrStore) eachEdge(v int32, f func(other int32, e int32)) {
	for e := s.outStart[v]; e < s.outStart[v+1]; e++ {
		f(s.target[e], e)
	}
	for _, e := range s.inEdge()[s.inStart[v]:s.inStart[v+1]] {
		f(s.source[e], e)
	}
}

// around returns, sorted and without repeats, the neighbours of v (nodes)
// or its edges (indices; a self-loop is both an out- and an in-edge).
func (s *csrStore) around(v int32, nodes bool) []int32 {
	idx := make([]int32, 0, s.degree(v))
	s.eachEdge(v, func(o, e int32) {
		if nodes {
			idx = append(idx, o)
		} else {
			idx = append(idx, e)
		}
	})
	slices.Sort(idx)
	return slices.Compact(idx)
}

// find returns the index range of the edges source→target.
func (s *csrStore) find(source, target int32) (lo, hi int32) {
	a, b := s.outStart[source], s.outStart[source+1]
	row := s.target[a:b]
	i, _ := slices.BinarySearch(row, target)
	j := i
	for j < len(row) && row[j] == target {
		j++
	}
	return a + int32(i), a + int32(j)
}
