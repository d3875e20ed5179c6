package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/papergraph/papergraph"
)

// NodeRows reads a table of nodes from its start each time it is called:
// it calls yield with each row, and whether the row is marked left out by
// the projection's document-frequency cap, until yield returns false or
// the rows end, and returns the error that stopped the reading, if any.
// The node is the caller's only during the call of yield.
type NodeRows func(yield func(n *Node, leftOut bool) bool) error

// EdgeRows reads a table of edges as [NodeRows] reads nodes.
type EdgeRows func(yield func(e *Edge) bool) error

// Stream is a finished graph that is read, not held: its nodes and edges
// stay in their tables and are read again, in order, by every writer,
// which thus needs memory for one node or edge at a time whatever the
// number of edges. It is the graph [Assemble] makes from the same rows
// with Options.NoCommunities and Options.NoCentrality (no communities,
// PageRank or betweenness): [Stream.Nodes] and [Stream.Edges] give the
// same nodes and edges as that graph's Nodes and Edges, Degree, Strength
// and CitedBy included.
//
// It holds, per node, its ID, degree, strength and cited-by count (about
// 40 bytes and the ID at a million nodes: 60 MB), and nothing per edge.
// The price is order: the tables must come sorted as a graph is (nodes by
// ID, edges by source, target and relation, a shares edge from its
// smaller ID), as the shipped projection writes them; [OpenStream]
// refuses others with [ErrUnsorted].
//
// A Stream is safe for concurrent readers when its NodeRows and EdgeRows
// are.
type Stream struct {
	nodes    NodeRows
	edges    EdgeRows
	ids      []string // sorted
	degree   []int32
	strength []float64
	citedBy  []int32 // -1 for nodes that are not papers
	numEdges int
	parallel bool // two edges join the same source and target
	leftOut  []Node
	stats    Stats
}

// OpenStream reads the node rows and then the edge rows once, checking
// them as [Assemble] does (IDs given, edges between known nodes, nothing
// repeated) and that they come in order, and counting each node's edges.
// Errors name the first bad row; a row out of order is [ErrUnsorted].
func OpenStream(ctx context.Context, nodes NodeRows, edges EdgeRows) (*Stream, error) {
	s := &Stream{nodes: nodes, edges: edges}
	st := &s.stats
	var external []bool // per node: an external paper (its cites count for no one)
	var bad error
	err := nodes(func(n *Node, leftOut bool) bool {
		if ctx.Err() != nil {
			return false
		}
		i := len(s.ids)
		switch {
		case n.ID == "":
			bad = fmt.Errorf("graph: node %d: %w", i, ErrEmptyID)
		case i > 0 && n.ID == s.ids[i-1]:
			bad = fmt.Errorf("graph: node %q: %w", n.ID, ErrDuplicate)
		case i > 0 && n.ID < s.ids[i-1]:
			bad = fmt.Errorf("graph: node %q after %q: %w", n.ID, s.ids[i-1], ErrUnsorted)
		}
		if bad != nil {
			return false
		}
		s.ids = append(s.ids, n.ID)
		paper := n.Kind == papergraph.KindPaper
		external = append(external, paper && n.External)
		c := int32(-1)
		if paper {
			c = 0
		}
		s.citedBy = append(s.citedBy, c)
		st.countNode(n)
		st.Folded += len(n.Introduces)
		if leftOut {
			st.LeftOut = append(st.LeftOut, n.ID)
			s.leftOut = append(s.leftOut, Node{ID: n.ID, Kind: n.Kind, Label: n.Label, Papers: n.Papers})
		}
		return true
	})
	if err := s.stop(ctx, err, bad); err != nil {
		return nil, err
	}
	s.degree = make([]int32, len(s.ids))
	s.strength = make([]float64, len(s.ids))
	var prev Edge
	src := -1 // index of prev.Source
	err = edges(func(e *Edge) bool {
		if ctx.Err() != nil {
			return false
		}
		if e.Relation == Shares && e.Target < e.Source {
			e.Source, e.Target = e.Target, e.Source
		}
		if src < 0 || e.Source != prev.Source {
			src = s.index(e.Source)
		}
		tgt := s.index(e.Target)
		switch {
		case src < 0 || tgt < 0:
			id := e.Source
			if src >= 0 {
				id = e.Target
			}
			bad = fmt.Errorf("graph: edge %q→%q: node %q: %w", e.Source, e.Target, id, ErrNoNode)
		case s.numEdges > 0 && !edgeLess(prev, *e):
			if edgeLess(*e, prev) {
				bad = fmt.Errorf("graph: edge %q→%q (%s) after %q→%q (%s): %w", e.Source, e.Target, e.Relation,
					prev.Source, prev.Target, prev.Relation, ErrUnsorted)
			} else {
				bad = fmt.Errorf("graph: edge %q→%q (%s): %w", e.Source, e.Target, e.Relation, ErrDuplicate)
			}
		}
		if bad != nil {
			return false
		}
		if s.numEdges > 0 && e.Source == prev.Source && e.Target == prev.Target {
			s.parallel = true
		}
		prev.Source, prev.Target, prev.Relation = e.Source, e.Target, e.Relation
		s.numEdges++
		for _, v := range [2]int{src, tgt} {
			s.degree[v]++
			s.strength[v] += e.Weight
		}
		st.countEdge(e.Relation)
		if e.Relation == Cites && !external[src] && s.citedBy[tgt] >= 0 {
			s.citedBy[tgt]++
		}
		return true
	})
	if err := s.stop(ctx, err, bad); err != nil {
		return nil, err
	}
	return s, nil
}

// stop returns what ended a pass early: a cancelled context, the
// reader's error or a bad row, in that order.
func (s *Stream) stop(ctx context.Context, err, bad error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("graph: stream: %w", ctx.Err())
	case err != nil:
		return err
	}
	return bad
}

// index returns the index of node id, or -1.
func (s *Stream) index(id string) int {
	if i, ok := slices.BinarySearch(s.ids, id); ok {
		return i
	}
	return -1
}

// Len returns the number of nodes.
func (s *Stream) Len() int { return len(s.ids) }

// NumEdges returns the number of edges.
func (s *Stream) NumEdges() int { return s.numEdges }

// IDs returns the node IDs, sorted. The slice is shared: do not modify it.
func (s *Stream) IDs() []string { return s.ids }

// Strength returns the strength (the sum of the edge weights) of the i-th
// node in ID order.
func (s *Stream) Strength(i int) float64 { return s.strength[i] }

// Parallel reports whether two edges join the same source and target
// (with different relations).
func (s *Stream) Parallel() bool { return s.parallel }

// LeftOut returns the nodes marked left out, in ID order, with their ID,
// kind, label and number of papers.
func (s *Stream) LeftOut() []Node { return s.leftOut }

// Stats returns the counts of nodes and edges and the nodes left out,
// as [Graph.Stats] gives them for the graph Assemble makes; there are no
// communities.
func (s *Stream) Stats() Stats { return s.stats }

// Nodes reads the nodes again, in ID order, and calls yield with each,
// its Degree, Strength and CitedBy set, Community -1, until yield returns
// false. The node is reused: yield must not keep it. A table that no
// longer has the rows [OpenStream] read is an error.
func (s *Stream) Nodes(yield func(n *Node) bool) error {
	i, more := 0, true
	var bad error
	err := s.nodes(func(n *Node, _ bool) bool {
		if i >= len(s.ids) || n.ID != s.ids[i] {
			bad = fmt.Errorf("graph: stream: node %d is %q, not the node read before: %w", i, n.ID, ErrChanged)
			return false
		}
		n.Degree, n.Strength, n.CitedBy = int(s.degree[i]), s.strength[i], int(s.citedBy[i])
		n.Community, n.CommunityLabel = -1, ""
		n.PageRank, n.Betweenness = 0, 0
		i++
		more = yield(n)
		return more
	})
	switch {
	case err != nil:
		return err
	case bad == nil && more && i < len(s.ids):
		bad = fmt.Errorf("graph: stream: %d nodes, not the %d read before: %w", i, len(s.ids), ErrChanged)
	}
	return bad
}

// Edges reads the edges again, in order, and calls yield with each (a
// shares edge from its smaller ID) until yield returns false. The edge is
// reused: yield must not keep it.
func (s *Stream) Edges(yield func(e *Edge) bool) error {
	i, more := 0, true
	var bad error
	err := s.edges(func(e *Edge) bool {
		if i >= s.numEdges {
			bad = fmt.Errorf("graph: stream: more than the %d edges read before: %w", s.numEdges, ErrChanged)
			return false
		}
		i++
		if e.Relation == Shares && e.Target < e.Source {
			e.Source, e.Target = e.Target, e.Source
		}
		more = yield(e)
		return more
	})
	switch {
	case err != nil:
		return err
	case bad == nil && more && i < s.numEdges:
		bad = fmt.Errorf("graph: stream: %d edges, not the %d read before: %w", i, s.numEdges, ErrChanged)
	}
	return bad
}
