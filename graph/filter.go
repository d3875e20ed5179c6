package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
)

// Filter chooses the nodes a graph keeps: every output format is written
// from the filtered graph, so all files agree. The zero value keeps every
// node. The filters apply in the order of the fields below, each to what
// the previous ones kept; an edge stays when both its ends stay.
type Filter struct {
	// Kinds keeps only nodes of these kinds (paper, repo, url, dataset,
	// benchmark, model); empty keeps every kind.
	Kinds []papergraph.Kind
	// Focus keeps only the nodes within Depth edges (any relation, either
	// direction) of these node IDs, themselves included.
	Focus []string
	// Depth is the radius of Focus; 0 means 1.
	Depth int
	// MinDegree keeps only nodes with at least this many edges to the
	// nodes kept so far (one pass: removing a node does not lower the
	// degree of the others again).
	MinDegree int
	// MaxNodes keeps the MaxNodes most central nodes: by weighted degree
	// (Node.Strength), then degree, over the kept nodes, ties to the
	// smaller ID. 0 keeps all.
	MaxNodes int
	// DropIsolated removes the nodes left without any edge.
	DropIsolated bool
}

// Active reports whether f removes anything at all.
func (f Filter) Active() bool {
	return len(f.Kinds) > 0 || len(f.Focus) > 0 || f.MinDegree > 0 || f.MaxNodes > 0 || f.DropIsolated
}

// FilterStep reports what one filter removed.
type FilterStep struct {
	// Name is the filter as a command-line flag ("-kinds paper,dataset").
	Name string
	// Nodes and Edges are how many nodes and edges it removed.
	Nodes, Edges int
}

// String says what the step removed, as the command's summary does.
func (s FilterStep) String() string {
	return s.Name + " removed " + strconv.Itoa(s.Nodes) + " nodes and " + strconv.Itoa(s.Edges) + " edges"
}

// Filter returns the subgraph of g that f keeps, finished, with the steps
// that removed something, in order. A node keeps its fields (community,
// counts of papers, PageRank, Betweenness and CitedBy in the whole graph)
// except Degree and Strength, which count its kept edges; Stats count the
// kept nodes and edges, the rest (LeftOut, Pairs, caps, communities)
// describes the build, as does [Graph.Communities]. g is not changed. A
// Focus ID that is not a node is an error wrapping [ErrNoNode]. With an
// inactive filter, Filter returns g itself.
func (g *Graph) Filter(f Filter) (*Graph, []FilterStep, error) {
	if !f.Active() {
		return g, nil, nil
	}
	if !g.finished {
		return nil, nil, fmt.Errorf("graph: filter: zero Graph (make one with Build or a Builder)")
	}
	n := len(g.nodes)
	keep := make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	s := g.store
	// counts returns the kept nodes and the edges between them.
	counts := func() (nodes, edges int) {
		for _, k := range keep {
			if k {
				nodes++
			}
		}
		for e := range s.len() {
			if keep[s.source[e]] && keep[s.target[e]] {
				edges++
			}
		}
		return nodes, edges
	}
	// degrees returns each node's degree and strength among kept nodes.
	degrees := func() ([]int, []float64) {
		deg, str := make([]int, n), make([]float64, n)
		for e := range s.len() {
			a, b := s.source[e], s.target[e]
			if keep[a] && keep[b] {
				deg[a]++
				deg[b]++
				str[a] += s.weight[e]
				str[b] += s.weight[e]
			}
		}
		return deg, str
	}
	var steps []FilterStep
	nodes, edges := counts()
	step := func(name string) {
		nn, ne := counts()
		if nn < nodes || ne < edges {
			steps = append(steps, FilterStep{Name: name, Nodes: nodes - nn, Edges: edges - ne})
		}
		nodes, edges = nn, ne
	}
	if len(f.Kinds) > 0 {
		names := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			names[i] = string(k)
		}
		for i := range g.nodes {
			keep[i] = slices.Contains(f.Kinds, g.nodes[i].Kind)
		}
		step("-kinds " + strings.Join(names, ","))
	}
	if len(f.Focus) > 0 {
		depth := max(f.Depth, 1)
		dist := make([]int, n)
		for i := range dist {
			dist[i] = -1
		}
		var queue []int32
		for _, id := range f.Focus {
			i, ok := g.index[id]
			if !ok {
				return nil, nil, fmt.Errorf("graph: filter: focus %q: %w", id, ErrNoNode)
			}
			if keep[i] && dist[i] < 0 {
				dist[i] = 0
				queue = append(queue, int32(i))
			}
		}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			if dist[v] == depth {
				continue
			}
			for _, o := range s.around(v, true) {
				if keep[o] && dist[o] < 0 {
					dist[o] = dist[v] + 1
					queue = append(queue, o)
				}
			}
		}
		for i := range keep {
			keep[i] = keep[i] && dist[i] >= 0
		}
		step("-focus " + strings.Join(f.Focus, ",") + " -depth " + strconv.Itoa(depth))
	}
	if f.MinDegree > 0 {
		deg, _ := degrees()
		for i := range keep {
			keep[i] = keep[i] && deg[i] >= f.MinDegree
		}
		step("-min-degree " + strconv.Itoa(f.MinDegree))
	}
	if f.MaxNodes > 0 && nodes > f.MaxNodes {
		deg, str := degrees()
		var order []int
		for i, k := range keep {
			if k {
				order = append(order, i)
			}
		}
		slices.SortFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(str[b], str[a]), cmp.Compare(deg[b], deg[a]), cmp.Compare(a, b))
		})
		for _, i := range order[f.MaxNodes:] {
			keep[i] = false
		}
		step("-max-nodes " + strconv.Itoa(f.MaxNodes))
	}
	if f.DropIsolated {
		deg, _ := degrees()
		for i := range keep {
			keep[i] = keep[i] && deg[i] > 0
		}
		step("-drop-isolated")
	}
	return g.subgraph(keep), steps, nil
}

// subgraph returns the finished graph of the kept nodes and the edges
// between them.
func (g *Graph) subgraph(keep []bool) *Graph {
	h := newGraph()
	for i := range g.nodes {
		if keep[i] {
			h.index[g.nodes[i].ID] = len(h.nodes)
			h.nodes = append(h.nodes, g.nodes[i])
		}
	}
	s := g.store
	var sc scratch
	for e := range s.len() {
		if keep[s.source[e]] && keep[s.target[e]] {
			h.edges = append(h.edges, g.edgeAt(int32(e), &sc))
		}
	}
	_ = h.finish() // a subgraph of a finished graph has no duplicates
	h.comms = g.comms
	st := g.stats
	st.count(h.nodes, h.edges)
	h.stats = st
	return h
}
