package graph

import (
	"fmt"
	"iter"
	"runtime"
	"sort"
	"sync"

	"github.com/papergraph/papergraph"
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
	Kind papergraph.Kind
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
	// Introduces lists, for a paper, the names of the artifacts it
	// introduces that were folded into its node (see [Build]), sorted.
	Introduces []string
	// External marks a paper outside the batch that batch papers cite.
	External bool
	// PromisesCode marks a batch paper whose abstract promises code it
	// does not link ([papergraph.Paper].PromisesCode).
	PromisesCode bool
	// Papers is, for an artifact, how many batch papers name it; for an
	// external paper, how many batch papers cite it.
	Papers int
	// Degree is the number of edges at the node; Strength the sum of their
	// weights. Both are set when the graph is made.
	Degree   int
	Strength float64
	// Community is a community index (0-based, by decreasing size) from
	// [Build]; -1 when not computed or when the node is in no community of
	// two or more batch papers. CommunityLabel is that community's
	// [Community].Label.
	Community      int
	CommunityLabel string
	// PageRank is the node's weighted PageRank in the graph taken as
	// undirected (every edge both ways, parallel edges summed), damping
	// [Damping]; the values sum to 1. Betweenness is its shortest-path
	// betweenness (unweighted, undirected), normalised to the share of the
	// other pairs' shortest paths through it; exact, or estimated from a
	// sample of sources on large graphs (see [BetweennessBudget] and
	// [Stats].BetweennessSources). Both are set when the graph is made.
	PageRank, Betweenness float64
	// CitedBy is, for a paper, how many batch papers cite it (cites edges
	// into it); -1 for artifacts.
	CitedBy int
	// Status is, in the graph of a [Diff], whether the node was added,
	// removed or kept ([Added], [Removed], [Kept]); empty elsewhere.
	Status Status
}

// Edge is a relation between two nodes. Shares edges are undirected and
// stored with Source < Target; mentions and cites edges point from the
// citing or naming paper.
type Edge struct {
	Source, Target string
	Relation       Relation
	Weight         float64
	// Shared lists, for a shares edge, the IDs of the artifacts (or cited
	// works) both papers name, sorted, then the families they share
	// ("family:model:qwen3", see FamilyWeight).
	Shared []string
	// Evidence says why the edge exists: for mentions the rule and surface
	// ("gazetteer: \"ImageNet\" @123"), for cites how the citation was found.
	Evidence string
	// Status is, in the graph of a [Diff], whether the edge was added,
	// removed or kept; empty elsewhere.
	Status Status
}

// Stats summarises a build.
type Stats struct {
	Papers, External, Entities int
	Mentions, Shares, Cites    int
	// LeftOut lists artifacts named by more papers than Options.MaxDF
	// allows, left out of the paper–paper projection.
	LeftOut []string
	// Refused lists, in ID order, the artifacts extraction's stop list
	// refused in batch papers ([papergraph.Paper].Stopped): they are not
	// nodes and link no papers. A graph assembled from tables
	// ([Assemble]) or made by hand has none.
	Refused []Refused
	// Pairs is how many paper pairs shared an artifact before top-k pruning.
	Pairs int64
	// MaxDF is the document-frequency cap the projection used (artifacts
	// named by more papers were left out); 0 when there was none.
	MaxDF int
	// TopK is the number of strongest shares links kept per paper; 0 when
	// the projection was not pruned.
	TopK int
	// Backbone is the disparity filter's significance level
	// (Options.Backbone); 0 when none was applied. BackboneCut is how many
	// shares links it removed.
	Backbone    float64
	BackboneCut int
	// Renamed counts papers whose key another, different paper of the batch
	// also had; they got a "#2", "#3", ... suffix.
	Renamed int
	// Communities is the number of communities (two or more batch papers).
	Communities int
	// Folded counts the artifacts folded into the paper that introduces
	// them (see [Build] and Options.Split).
	Folded int
	// BetweennessSources is how many source nodes betweenness centrality
	// used: all nodes when exact, fewer when sampled.
	BetweennessSources int
}

// Graph is a built paper graph. Make one from papers with [Build], or by
// hand with a [Builder]. A Graph from either is immutable and safe for
// concurrent readers.
type Graph struct {
	nodes    []Node
	edges    []Edge
	index    map[string]int
	finished bool
	stats    Stats
	comms    []Community

	// store is the compact adjacency of a finished graph; nil until
	// Finish or Build.
	store *csrStore
	// tab holds the rest of the edges of a built graph compactly; edges
	// is then materialised from it once, on the first call of Edges.
	tab       *edgeTable
	edgesOnce sync.Once
	// ids are the node IDs by index, packed for edge listings (a Node is
	// over 200 bytes).
	ids []string
}

// newGraph returns an empty graph for a [Builder] or a subgraph.
func newGraph() *Graph { return &Graph{index: map[string]int{}} }

// addNode adds a node; adding an existing ID is an error.
func (g *Graph) addNode(n Node) error {
	if err := g.indexNode(len(g.nodes), n.ID); err != nil {
		return err
	}
	g.nodes = append(g.nodes, n)
	return nil
}

// indexNode records that node i has the given ID: the one check of a new
// node for [Builder.AddNode] and [Assemble] (an ID, not taken before).
func (g *Graph) indexNode(i int, id string) error {
	if id == "" {
		return fmt.Errorf("graph: node %d: %w", i, ErrEmptyID)
	}
	if _, ok := g.index[id]; ok {
		return fmt.Errorf("graph: node %q: %w", id, ErrDuplicate)
	}
	g.index[id] = i
	return nil
}

// addEdge adds an edge between existing nodes.
func (g *Graph) addEdge(e Edge) error {
	if err := g.checkEdge(&e); err != nil {
		return err
	}
	g.edges = append(g.edges, e)
	return nil
}

// checkEdge is the one check of a new edge for [Builder.AddEdge] and
// [Assemble]: both ends are nodes. It stores a shares edge with the
// smaller ID as Source.
func (g *Graph) checkEdge(e *Edge) error {
	for _, id := range [2]string{e.Source, e.Target} {
		if _, ok := g.index[id]; !ok {
			return fmt.Errorf("graph: edge %q→%q: node %q: %w", e.Source, e.Target, id, ErrNoNode)
		}
	}
	if e.Relation == Shares && e.Target < e.Source {
		e.Source, e.Target = e.Target, e.Source
	}
	return nil
}

// finishByHand finishes a graph made by hand: [Graph.finish], the node
// and edge counts of its Stats, then Degree, Strength, PageRank,
// Betweenness and CitedBy. It finds no communities (see [Build]).
func (g *Graph) finishByHand() error {
	if err := g.finish(); err != nil {
		return err
	}
	g.stats.count(g.nodes, g.edges)
	g.centrality(runtime.GOMAXPROCS(0), 0, true)
	return nil
}

// finish sorts nodes and edges, checks that no (Source, Target,
// Relation) repeats, sets each node's Degree and Strength and indexes the
// edges.
func (g *Graph) finish() error {
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
	n := len(g.edges)
	src, tgt := make([]int32, n), make([]int32, n)
	rel, w := make([]uint8, n), make([]float64, n)
	for i, e := range g.edges {
		src[i], tgt[i] = int32(g.index[e.Source]), int32(g.index[e.Target])
		rel[i], w[i] = relCode(e.Relation), e.Weight
	}
	g.seal(src, tgt, rel, w)
	return nil
}

// seal indexes the sorted edges (endpoint indices, relation codes and
// weights per edge) in the compact store and marks the graph finished.
func (g *Graph) seal(src, tgt []int32, rel []uint8, w []float64) {
	g.store = newCSRStore(len(g.nodes), src, tgt, rel, w)
	g.ids = make([]string, len(g.nodes))
	for i := range g.nodes {
		g.ids[i] = g.nodes[i].ID
	}
	g.finished = true
}

// Nodes returns the nodes sorted by ID. The slice is shared: do not modify it.
func (g *Graph) Nodes() []Node { return g.nodes }

// Edges returns the edges sorted by (Source, Target, Relation). The slice is
// shared: do not modify it.
//
// A graph from [Build] keeps its edges compactly (21 bytes per shares edge,
// whose Shared list is derived from the papers' artifacts, instead of 96
// and more) and makes this slice on the first call, safely for concurrent
// callers; [Graph.AllEdges] and [Graph.NumEdges] read the compact form
// without making it.
func (g *Graph) Edges() []Edge {
	if g.tab != nil {
		g.edgesOnce.Do(func() {
			edges := make([]Edge, g.store.len())
			// One backing array for every Shared list.
			var shared []int32
			off := make([]int32, 0, len(edges)+1)
			for i := range edges {
				off = append(off, int32(len(shared)))
				if g.store.rel[i] == relShares {
					shared = g.tab.shared(g.store.source[i], g.store.target[i], shared)
				}
			}
			off = append(off, int32(len(shared)))
			ids := make([]string, len(shared))
			for i, v := range shared {
				ids[i] = g.featName(v)
			}
			for i := range edges {
				edges[i] = g.edgeAt(int32(i), nil)
				if lo, hi := off[i], off[i+1]; hi > lo {
					edges[i].Shared = ids[lo:hi:hi]
				}
			}
			g.edges = edges
		})
	}
	return g.edges
}

// NumEdges returns the number of edges.
func (g *Graph) NumEdges() int {
	if g.tab != nil {
		return g.store.len()
	}
	return len(g.edges)
}

// AllEdges yields the edges in the order of [Graph.Edges], without making
// the slice for a built graph: writers of large graphs should range over
// it (or use [Graph.NumEdges] for a count).
func (g *Graph) AllEdges() iter.Seq[Edge] {
	return func(yield func(Edge) bool) {
		var sc scratch
		for i := 0; i < g.NumEdges(); i++ {
			if !yield(g.edgeAt(int32(i), &sc)) {
				return
			}
		}
	}
}

// EdgeRange yields edges lo to hi-1 (indices into the order of
// [Graph.Edges], clamped to the edges there are) with their index, without
// making the edge slice. Ranges may be read concurrently: writers format
// blocks of a large graph's edges in parallel.
func (g *Graph) EdgeRange(lo, hi int) iter.Seq2[int, Edge] {
	return func(yield func(int, Edge) bool) {
		var sc scratch
		lo, hi = max(lo, 0), min(hi, g.NumEdges())
		for i := lo; i < hi; i++ {
			if !yield(i, g.edgeAt(int32(i), &sc)) {
				return
			}
		}
	}
}

// EdgeRangeNoShared is [Graph.EdgeRange] with every Edge.Shared left
// empty: for a graph from [Build] the lists are not derived at all, which
// writers that do not write them need not pay for.
func (g *Graph) EdgeRangeNoShared(lo, hi int) iter.Seq2[int, Edge] {
	return func(yield func(int, Edge) bool) {
		lo, hi = max(lo, 0), min(hi, g.NumEdges())
		for i := lo; i < hi; i++ {
			e := g.edgeAt(int32(i), nil)
			e.Shared = nil
			if !yield(i, e) {
				return
			}
		}
	}
}

// EdgeEnds returns the source and the target of every edge as indices
// into [Graph.Nodes], in the order of [Graph.Edges]; both are nil for a
// graph that is not finished. The slices are the graph's own, not
// copies: they must not be modified, as the graph is immutable (their
// capacity is their length, so an append copies them).
// A writer of a large graph formats each node's ID once and copies it by
// index for every edge, with [Graph.EdgeRangeNoEnds]: the ID of each
// edge's target is a string anywhere in memory, two reads that miss the
// cache for most edges of a million-node graph.
func (g *Graph) EdgeEnds() (source, target []int32) {
	if !g.finished || g.store == nil {
		return nil, nil
	}
	s, t := g.store.source, g.store.target
	return s[:len(s):len(s)], t[:len(t):len(t)]
}

// EdgeRangeNoEnds is [Graph.EdgeRange] (shared set) or
// [Graph.EdgeRangeNoShared] with every edge's Source and Target left
// empty, for readers that take them from [Graph.EdgeEnds]: the IDs are
// not read at all.
func (g *Graph) EdgeRangeNoEnds(lo, hi int, shared bool) iter.Seq2[int, Edge] {
	return func(yield func(int, Edge) bool) {
		var sc *scratch
		if shared {
			sc = new(scratch)
		}
		lo, hi = max(lo, 0), min(hi, g.NumEdges())
		for i := lo; i < hi; i++ {
			e := g.edgeNoEnds(int32(i), sc)
			if !shared {
				e.Shared = nil
			}
			if !yield(i, e) {
				return
			}
		}
	}
}

// scratch is reused by edgeAt: feature indices, and a block of strings
// the Shared lists of successive edges are cut from (fewer allocations).
type scratch struct {
	feat  []int32
	block []string
}

// edgeAt returns edge i in Edges order. For a built graph, a shares edge's
// Shared list is made when sc is not nil.
func (g *Graph) edgeAt(i int32, sc *scratch) Edge {
	if g.tab == nil {
		return g.edges[i]
	}
	e := g.edgeNoEnds(i, sc)
	e.Source, e.Target = g.ids[g.store.source[i]], g.ids[g.store.target[i]]
	return e
}

// edgeNoEnds is edgeAt with Source and Target left empty.
func (g *Graph) edgeNoEnds(i int32, sc *scratch) Edge {
	if g.tab == nil {
		e := g.edges[i]
		e.Source, e.Target = "", ""
		return e
	}
	s, t := g.store.source[i], g.store.target[i]
	e := Edge{Relation: relNames[g.store.rel[i]], Weight: g.store.weight[i]}
	if a := g.tab.aux[i]; a >= 0 {
		e.Evidence = g.tab.evidence[a]
	} else if sc != nil {
		sc.feat = g.tab.shared(s, t, sc.feat[:0])
		n := len(sc.feat)
		if cap(sc.block)-len(sc.block) < n {
			sc.block = make([]string, 0, max(1024, n))
		}
		for _, v := range sc.feat {
			sc.block = append(sc.block, g.featName(v))
		}
		l := len(sc.block)
		e.Shared = sc.block[l-n : l : l]
	}
	return e
}

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

// Neighbors returns the IDs of the nodes joined to id by an edge of any
// relation and direction, sorted and without repeats; nil when id is not a
// node (or g is the zero Graph). It reads the compact adjacency store
// (no copy of the graph) in time linear in the node's degree, once the
// first query of the in-edges (this, [Graph.EdgesAt], a focus
// [Graph.Filter], a path) has indexed them, in time linear in the edges.
func (g *Graph) Neighbors(id string) []string {
	v, ok := g.vertex(id)
	if !ok {
		return nil
	}
	idx := g.store.around(v, true)
	out := make([]string, len(idx))
	for i, o := range idx {
		out[i] = g.ids[o]
	}
	return out
}

// EdgesAt returns the edges at id, in either direction, in Edges order
// (by source, target, relation); nil when id is not a node. The first
// call on a graph that needs the in-edge index (as do Neighbors, Path and
// a focus [Filter]) makes it, a pass over all edges; later calls read
// only id's edges.
func (g *Graph) EdgesAt(id string) []Edge {
	v, ok := g.vertex(id)
	if !ok {
		return nil
	}
	idx := g.store.around(v, false)
	out := make([]Edge, len(idx))
	var sc scratch
	for i, e := range idx {
		out[i] = g.edgeAt(e, &sc)
	}
	return out
}

// Edge returns the edge source→target with relation r. A shares edge is
// found with its endpoints in either order.
func (g *Graph) Edge(source, target string, r Relation) (Edge, bool) {
	if r == Shares && target < source {
		source, target = target, source
	}
	s, ok := g.vertex(source)
	if !ok {
		return Edge{}, false
	}
	t, ok := g.vertex(target)
	if !ok {
		return Edge{}, false
	}
	lo, hi := g.store.find(s, t)
	for e := lo; e < hi; e++ {
		if ed := g.edgeAt(e, new(scratch)); ed.Relation == r {
			return ed, true
		}
	}
	return Edge{}, false
}

// vertex returns the index of id in a finished graph.
func (g *Graph) vertex(id string) (int32, bool) {
	if !g.finished || g.store == nil {
		return 0, false
	}
	i, ok := g.index[id]
	return int32(i), ok
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
