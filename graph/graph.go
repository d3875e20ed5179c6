// Package graph links papers to the artifacts they name and to each other.
//
// [Build] turns extracted papers into a [Graph]: a node per paper and per
// distinct artifact, a "mentions" edge from a paper to each artifact it
// names, a "shares" edge between two papers that name a common artifact
// (weighted by how rare the shared artifacts are), and a "cites" edge where
// one paper cites or names another.
//
// A Graph is immutable once built and safe for concurrent readers. Its
// listings are deterministic: nodes sorted by ID, edges by (Source, Target,
// Relation).
package graph

import (
	"fmt"
	"sort"

	"github.com/papergraph/papergraph/extract"
)

// Relation is the type of an edge.
type Relation string

// The relations between nodes.
const (
	Mentions Relation = "mentions" // paper → artifact it names
	Shares   Relation = "shares"   // paper — paper naming a common artifact (undirected)
	Cites    Relation = "cites"    // paper → paper it cites or names
)

// Node is a paper or an artifact.
type Node struct {
	// ID is stable and readable: "paper:2401.00001", "paper:golden-noise-for-diffusion-models",
	// "dataset:imagenet", "repo:github.com/owner/name".
	ID   string
	Kind extract.Kind
	// Label is a short display label (a paper's system name or shortened
	// title; an artifact's canonical name). Title is the full title or name.
	Label string
	Title string
	// URL links to the paper (arXiv abstract page) or artifact (repository,
	// page, Hugging Face hub page); empty when unknown.
	URL     string
	ArXiv   string
	DOI     string
	Authors []string
	Year    int
	// Family is an artifact's family (Llama-2 for Llama-2-7B).
	Family string
	// External marks a paper outside the batch that batch papers cite.
	External bool
	// Papers is, for an artifact, how many batch papers name it.
	Papers int
	// Degree is the number of edges at the node; Strength the sum of their
	// weights. Both are set by [Graph.Finish].
	Degree   int
	Strength float64
	// Community is a community index (0-based, by decreasing size) from
	// [Build]; -1 when not computed.
	Community int
}

// Edge is a relation between two nodes. Shares edges are undirected and
// stored with Source < Target; mentions and cites edges point from the
// citing or naming paper.
type Edge struct {
	Source, Target string
	Relation       Relation
	Weight         float64
	// Shared lists, for a shares edge, the IDs of the artifacts (or cited
	// works) both papers name, sorted.
	Shared []string
	// Evidence says why the edge exists: for mentions the rule and surface
	// ("gazetteer: \"ImageNet\" @123"), for cites how the citation was found.
	Evidence string
}

// Stats summarises a build.
type Stats struct {
	Papers, External, Entities int
	Mentions, Shares, Cites    int
	// LeftOut lists artifacts named by more papers than Options.MaxDF
	// allows, left out of the paper–paper projection.
	LeftOut []string
	// Pairs is how many paper pairs shared an artifact before top-k pruning.
	Pairs int64
}

// Graph is a built paper graph. Build one with [Build], or by hand with
// [New], [Graph.AddNode], [Graph.AddEdge] and [Graph.Finish].
type Graph struct {
	nodes    []Node
	edges    []Edge
	index    map[string]int
	finished bool
	stats    Stats
}

// New returns an empty graph for building by hand.
func New() *Graph { return &Graph{index: map[string]int{}} }

// AddNode adds a node; adding an existing ID is an error.
func (g *Graph) AddNode(n Node) error {
	if n.ID == "" {
		return fmt.Errorf("graph: add node: %w", ErrEmptyID)
	}
	if _, ok := g.index[n.ID]; ok {
		return fmt.Errorf("graph: add node %q: %w", n.ID, ErrDuplicate)
	}
	g.index[n.ID] = len(g.nodes)
	g.nodes = append(g.nodes, n)
	g.finished = false
	return nil
}

// AddEdge adds an edge between existing nodes. A shares edge is stored with
// the smaller ID as Source.
func (g *Graph) AddEdge(e Edge) error {
	for _, id := range []string{e.Source, e.Target} {
		if _, ok := g.index[id]; !ok {
			return fmt.Errorf("graph: add edge %q→%q: node %q: %w", e.Source, e.Target, id, ErrNoNode)
		}
	}
	if e.Relation == Shares && e.Target < e.Source {
		e.Source, e.Target = e.Target, e.Source
	}
	g.edges = append(g.edges, e)
	g.finished = false
	return nil
}

// Finish sorts nodes and edges, checks that no (Source, Target, Relation)
// repeats and sets each node's Degree and Strength.
func (g *Graph) Finish() error {
	sort.Slice(g.nodes, func(i, j int) bool { return g.nodes[i].ID < g.nodes[j].ID })
	for i, n := range g.nodes {
		g.index[n.ID] = i
		g.nodes[i].Degree, g.nodes[i].Strength = 0, 0
	}
	sort.Slice(g.edges, func(i, j int) bool { return edgeLess(g.edges[i], g.edges[j]) })
	for i, e := range g.edges {
		if i > 0 && !edgeLess(g.edges[i-1], e) {
			return fmt.Errorf("graph: edge %q→%q (%s): %w", e.Source, e.Target, e.Relation, ErrDuplicate)
		}
		for _, id := range []string{e.Source, e.Target} {
			n := &g.nodes[g.index[id]]
			n.Degree++
			n.Strength += e.Weight
		}
	}
	g.finished = true
	return nil
}

func edgeLess(a, b Edge) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Target != b.Target {
		return a.Target < b.Target
	}
	return a.Relation < b.Relation
}

// Nodes returns the nodes sorted by ID. The slice is shared: do not modify it.
func (g *Graph) Nodes() []Node { return g.nodes }

// Edges returns the edges sorted by (Source, Target, Relation). The slice is
// shared: do not modify it.
func (g *Graph) Edges() []Edge { return g.edges }

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (Node, bool) {
	i, ok := g.index[id]
	if !ok {
		return Node{}, false
	}
	return g.nodes[i], true
}

// Stats returns counts from the build.
func (g *Graph) Stats() Stats { return g.stats }
