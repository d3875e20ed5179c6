package dgview

import (
	"fmt"
	"slices"

	dg "github.com/dominikbraun/graph"
	"github.com/papergraph/papergraph/graph"
)

// store is a read-only [dg.Store] over a finished graph: vertices are node
// IDs, edges every relation joined per pair (or, for the cites view, the
// cites edges only), listed in both directions when undirected. It copies
// nothing at creation; ListEdges (which every algorithm of the library
// calls, through AdjacencyMap) makes the edge list on each call.
type store struct {
	g          *graph.Graph
	undirected bool
	keep       func(graph.Relation) bool
}

func (s *store) AddVertex(string, graph.Node, dg.VertexProperties) error {
	return errReadOnly("add vertex")
}
func (s *store) RemoveVertex(string) error                        { return errReadOnly("remove vertex") }
func (s *store) AddEdge(string, string, dg.Edge[string]) error    { return errReadOnly("add edge") }
func (s *store) UpdateEdge(string, string, dg.Edge[string]) error { return errReadOnly("update edge") }
func (s *store) RemoveEdge(string, string) error                  { return errReadOnly("remove edge") }

func errReadOnly(op string) error { return fmt.Errorf("dgview: %s: %w", op, graph.ErrReadOnly) }

// Vertex returns the node with ID id.
func (s *store) Vertex(id string) (graph.Node, dg.VertexProperties, error) {
	n, ok := s.g.Node(id)
	if !ok {
		return graph.Node{}, dg.VertexProperties{}, dg.ErrVertexNotFound
	}
	return n, dg.VertexProperties{}, nil
}

// ListVertices returns the node IDs in ID order.
func (s *store) ListVertices() ([]string, error) {
	nodes := s.g.Nodes()
	ids := make([]string, len(nodes))
	for i := range nodes {
		ids[i] = nodes[i].ID
	}
	return ids, nil
}

func (s *store) VertexCount() (int, error) { return len(s.g.Nodes()), nil }

// Edge returns the first kept edge source→target (either way when
// undirected), its weight rounded and its relation as an attribute.
func (s *store) Edge(source, target string) (dg.Edge[string], error) {
	for _, e := range s.g.EdgesAt(source) {
		if !s.keep(e.Relation) {
			continue
		}
		if e.Source == source && e.Target == target {
			return dgEdge(e.Source, e.Target, e), nil
		}
		if s.undirected && e.Target == source && e.Source == target {
			return dgEdge(source, target, e), nil
		}
	}
	return dg.Edge[string]{}, dg.ErrEdgeNotFound
}

// ListEdges lists the kept edges, one per ordered pair, both directions
// when undirected, in Edges order.
func (s *store) ListEdges() ([]dg.Edge[string], error) {
	var out []dg.Edge[string]
	for e := range s.g.AllEdges() {
		if !s.keep(e.Relation) || e.Source == e.Target {
			continue
		}
		out = append(out, dgEdge(e.Source, e.Target, e))
		if s.undirected {
			out = append(out, dgEdge(e.Target, e.Source, e))
		}
	}
	// One edge per ordered pair, as the library's own store keeps.
	slices.SortStableFunc(out, func(a, b dg.Edge[string]) int {
		if a.Source != b.Source {
			if a.Source < b.Source {
				return -1
			}
			return 1
		}
		if a.Target < b.Target {
			return -1
		}
		if a.Target > b.Target {
			return 1
		}
		return 0
	})
	return slices.CompactFunc(out, func(a, b dg.Edge[string]) bool { return a.Source == b.Source && a.Target == b.Target }), nil
}

func dgEdge(source, target string, e graph.Edge) dg.Edge[string] {
	return dg.Edge[string]{Source: source, Target: target, Properties: dg.EdgeProperties{
		Attributes: map[string]string{"relation": string(e.Relation)}, Weight: 1}}
}
