package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/papergraph/papergraph"
)

// Assemble finishes a graph whose nodes and edges were computed outside
// this package, by an engine running the projection papergraph ships as
// SQL (docs/projection.md defines it; docs/sql holds it): it sorts and
// checks them as [Builder.Graph] does, then finds communities and
// centrality as [Build] does with opt (Resolution, Seed, NoCommunities,
// NoCentrality, Workers, Logger; the projection's options were the
// engine's). leftOut names the nodes the projection's document-frequency
// cap left out: they take no part in community detection, as in Build.
//
// Assemble takes nodes and edges over: it sorts them in place and sets
// their computed fields; the caller must not use them afterwards.
//
// Given the nodes and edges Build makes for a batch (every field Build
// sets but Degree, Strength, Community, CommunityLabel, PageRank,
// Betweenness and CitedBy, which Assemble computes), Assemble returns a
// graph every writer writes to the same bytes.
func Assemble(ctx context.Context, nodes []Node, edges []Edge, leftOut []string, opt Options) (*Graph, error) {
	s := opt.resolve(0)
	g := newGraph()
	g.nodes = nodes
	g.edges = edges
	for i := range g.nodes {
		n := &g.nodes[i]
		if err := g.indexNode(i, n.ID); err != nil {
			return nil, err
		}
		n.Community, n.CommunityLabel = -1, ""
	}
	for i := range g.edges {
		if err := g.checkEdge(&g.edges[i]); err != nil {
			return nil, err
		}
	}
	if err := g.finish(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: assemble: %w", err)
	}
	skip := make([]bool, len(g.nodes))
	st := &g.stats
	for _, id := range leftOut {
		if i, ok := g.index[id]; ok {
			skip[i] = true
			st.LeftOut = append(st.LeftOut, id)
		}
	}
	slices.Sort(st.LeftOut)
	st.count(g.nodes, g.edges)
	for _, n := range g.nodes {
		st.Folded += len(n.Introduces)
	}
	g.analyse(skip, s)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: assemble: %w", err)
	}
	return g, nil
}

// count sets the node and edge counts of st from nodes and edges.
func (st *Stats) count(nodes []Node, edges []Edge) {
	st.Papers, st.External, st.Entities = 0, 0, 0
	st.Mentions, st.Shares, st.Cites = 0, 0, 0
	for i := range nodes {
		st.countNode(&nodes[i])
	}
	for _, e := range edges {
		st.countEdge(e.Relation)
	}
}

// countNode counts n as a paper, an outside work or an artifact.
func (st *Stats) countNode(n *Node) {
	switch {
	case n.Kind == papergraph.KindPaper && n.External:
		st.External++
	case n.Kind == papergraph.KindPaper:
		st.Papers++
	default:
		st.Entities++
	}
}

// countEdge counts an edge of relation r.
func (st *Stats) countEdge(r Relation) {
	switch r {
	case Mentions:
		st.Mentions++
	case Shares:
		st.Shares++
	case Cites:
		st.Cites++
	}
}
