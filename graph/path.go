package graph

import (
	"fmt"
	"slices"
)

// Step is one link of a [Graph.Path]: from node From to node To, by the
// edges between them (every relation, in Edges order), whose Evidence and
// Shared say why the link exists.
type Step struct {
	From, To string
	Edges    []Edge
}

// Path returns a shortest chain from node a to node b, each edge taken in
// either direction (a shares edge, a mentions edge from a paper to an
// artifact or back, a cites edge either way), as one [Step] per link; an
// empty chain when a is b. Among shortest chains it returns the one whose
// nodes come first in ID order, step by step from a, so the answer is the
// same on every run. It is a breadth-first search over the compact
// adjacency, linear in the nodes and edges it reaches, after a pass over
// all edges on the first query of a graph that needs the in-edge index
// (see [Graph.EdgesAt]). An ID that is not a
// node is an error wrapping [ErrNoNode]; no chain, one wrapping [ErrNoPath].
func (g *Graph) Path(a, b string) ([]Step, error) {
	s, ok := g.vertex(a)
	if !ok {
		return nil, fmt.Errorf("graph: path %q→%q: %q: %w", a, b, a, ErrNoNode)
	}
	t, ok := g.vertex(b)
	if !ok {
		return nil, fmt.Errorf("graph: path %q→%q: %q: %w", a, b, b, ErrNoNode)
	}
	// Search back from b, so that following the parents from a walks
	// forward and each node's parent is its smallest neighbour one step
	// nearer to b.
	dist := g.distances(t, -1)
	if dist[s] < 0 {
		return nil, fmt.Errorf("graph: path %q→%q: %w", a, b, ErrNoPath)
	}
	var steps []Step
	for v := s; v != t; {
		var next int32 = -1
		for _, o := range g.store.around(v, true) {
			if dist[o] == dist[v]-1 {
				next = o
				break
			}
		}
		steps = append(steps, Step{From: g.ids[v], To: g.ids[next], Edges: g.between(v, next)})
		v = next
	}
	return steps, nil
}

// Distances returns, for every node within depth links of id (edges
// taken in either direction; depth < 0: no limit), its distance in links,
// id itself at 0. It is nil when id is not a node.
func (g *Graph) Distances(id string, depth int) map[string]int {
	v, ok := g.vertex(id)
	if !ok {
		return nil
	}
	out := map[string]int{}
	for i, d := range g.distances(v, depth) {
		if d >= 0 {
			out[g.ids[i]] = int(d)
		}
	}
	return out
}

// distances is a breadth-first search from v: each node's distance in
// links, -1 when farther than depth (depth < 0: no limit) or unreachable.
func (g *Graph) distances(v int32, depth int) []int32 {
	dist := make([]int32, len(g.nodes))
	for i := range dist {
		dist[i] = -1
	}
	dist[v] = 0
	queue := []int32{v}
	for q := 0; q < len(queue); q++ {
		u := queue[q]
		if depth >= 0 && int(dist[u]) >= depth {
			continue
		}
		g.store.eachEdge(u, func(o, _ int32) {
			if dist[o] < 0 {
				dist[o] = dist[u] + 1
				queue = append(queue, o)
			}
		})
	}
	return dist
}

// between returns the edges joining u and v, either way, in Edges order.
func (g *Graph) between(u, v int32) []Edge {
	var idx []int32
	g.store.eachEdge(u, func(o, e int32) {
		if o == v {
			idx = append(idx, e)
		}
	})
	slices.Sort(idx)
	idx = slices.Compact(idx)
	out := make([]Edge, len(idx))
	var sc scratch
	for i, e := range idx {
		out[i] = g.edgeAt(e, &sc)
	}
	return out
}
