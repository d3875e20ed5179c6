package graph

import (
	"fmt"
	"math"
	"slices"

	dg "github.com/dominikbraun/graph"
)

// csrStore is the compact, read-only [dg.Store] behind every finished
// [Graph]: vertices are node indices (int32, in ID order) and edges live in
// compressed sparse rows, out-edges in the order of Graph.Edges (by source,
// then target, then relation) plus an index of in-edges by target.
//
// It costs 21 bytes per edge (endpoints, relation, weight, in-edge index)
// and 8 per node, and it is where a built graph's edges live; dominikbraun/
// graph's own memory store costs two map entries and an attribute map per
// edge (about 1.7 GB per million edges). Listing methods of the Store interface
// (ListVertices, ListEdges) allocate their answer; the per-vertex queries
// used by Graph (neighbors, edge lookup) do not copy the graph.
//
// The store is immutable: mutating methods return [ErrReadOnly]. It is safe
// for concurrent readers.
type csrStore struct {
	rel      []uint8   // relation code per edge
	weight   []float64 // weight per edge
	outStart []int32   // len n+1: out-edges of v are edges[outStart[v]:outStart[v+1]]
	target   []int32   // target index per edge
	inStart  []int32   // len n+1: in-edges of v are inEdge[inStart[v]:inStart[v+1]]
	inEdge   []int32   // edge indices sorted by (target, position in edges)
	source   []int32   // source index per edge (from outStart, kept for ListEdges and inEdge)
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
	s.inEdge = make([]int32, len(edges))
	next := slices.Clone(s.inStart[:n])
	for i := range edges {
		t := tgt[i]
		s.inEdge[next[t]] = int32(i)
		next[t]++
	}
	return s
}

func (s *csrStore) n() int { return len(s.outStart) - 1 }

func (s *csrStore) len() int { return len(s.source) }

func (s *csrStore) valid(v int32) bool { return v >= 0 && int(v) < s.n() }

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
	for _, e := range s.inEdge[s.inStart[v]:s.inStart[v+1]] {
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

func (s *csrStore) dgEdge(e int32) dg.Edge[int32] {
	return dg.Edge[int32]{
		Source: s.source[e],
		Target: s.target[e],
		Properties: dg.EdgeProperties{
			Attributes: map[string]string{"relation": string(relNames[s.rel[e]])},
			Weight:     int(math.Round(s.weight[e])),
			Data:       int(e),
		},
	}
}

// AddVertex implements [dg.Store]; the store is read-only.
func (s *csrStore) AddVertex(hash int32, _ int32, _ dg.VertexProperties) error {
	if s.valid(hash) {
		return dg.ErrVertexAlreadyExists
	}
	return fmt.Errorf("graph: add vertex %d: %w", hash, ErrReadOnly)
}

// Vertex implements [dg.Store]: a vertex's value is its index.
func (s *csrStore) Vertex(hash int32) (int32, dg.VertexProperties, error) {
	if !s.valid(hash) {
		return 0, dg.VertexProperties{}, dg.ErrVertexNotFound
	}
	return hash, dg.VertexProperties{}, nil
}

// RemoveVertex implements [dg.Store]; the store is read-only.
func (s *csrStore) RemoveVertex(hash int32) error {
	if !s.valid(hash) {
		return dg.ErrVertexNotFound
	}
	return fmt.Errorf("graph: remove vertex %d: %w", hash, ErrReadOnly)
}

// ListVertices implements [dg.Store]: all indices in order.
func (s *csrStore) ListVertices() ([]int32, error) {
	out := make([]int32, s.n())
	for i := range out {
		out[i] = int32(i)
	}
	return out, nil
}

// VertexCount implements [dg.Store].
func (s *csrStore) VertexCount() (int, error) { return s.n(), nil }

// AddEdge implements [dg.Store]; the store is read-only.
func (s *csrStore) AddEdge(source, target int32, _ dg.Edge[int32]) error {
	if !s.valid(source) || !s.valid(target) {
		return dg.ErrVertexNotFound
	}
	if lo, hi := s.find(source, target); lo < hi {
		return dg.ErrEdgeAlreadyExists
	}
	return fmt.Errorf("graph: add edge %d→%d: %w", source, target, ErrReadOnly)
}

// UpdateEdge implements [dg.Store]; the store is read-only.
func (s *csrStore) UpdateEdge(source, target int32, _ dg.Edge[int32]) error {
	if _, err := s.Edge(source, target); err != nil {
		return err
	}
	return fmt.Errorf("graph: update edge %d→%d: %w", source, target, ErrReadOnly)
}

// RemoveEdge implements [dg.Store]; the store is read-only.
func (s *csrStore) RemoveEdge(source, target int32) error {
	if _, err := s.Edge(source, target); err != nil {
		return err
	}
	return fmt.Errorf("graph: remove edge %d→%d: %w", source, target, ErrReadOnly)
}

// Edge implements [dg.Store]: the first edge source→target (cites before
// mentions before shares when a pair has several relations). Its Weight is
// the edge weight rounded to an int (dominikbraun/graph weights are ints),
// Data the edge's index in Graph.Edges, attribute "relation" its relation.
func (s *csrStore) Edge(source, target int32) (dg.Edge[int32], error) {
	if !s.valid(source) || !s.valid(target) {
		return dg.Edge[int32]{}, dg.ErrEdgeNotFound
	}
	lo, hi := s.find(source, target)
	if lo == hi {
		return dg.Edge[int32]{}, dg.ErrEdgeNotFound
	}
	return s.dgEdge(lo), nil
}

// ListEdges implements [dg.Store]: one edge per connected (source, target)
// pair, in Graph.Edges order.
func (s *csrStore) ListEdges() ([]dg.Edge[int32], error) {
	out := make([]dg.Edge[int32], 0, s.len())
	for e := range s.source {
		if e > 0 && s.source[e] == s.source[e-1] && s.target[e] == s.target[e-1] {
			continue
		}
		out = append(out, s.dgEdge(int32(e)))
	}
	return out, nil
}

// newCore wraps a store in a directed dominikbraun graph.
func newCore(s *csrStore) dg.Graph[int32, int32] {
	return dg.NewWithStore(func(v int32) int32 { return v }, dg.Store[int32, int32](s), dg.Directed())
}
