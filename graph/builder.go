package graph

// Builder makes a [Graph] by hand, for tests, examples and graphs that do
// not come from papers (a picture's subgraph, a path's chain): add nodes
// and edges in any order, then [Builder.Graph] sorts and checks them and
// returns the finished graph. The Graph it returns is immutable, as one
// from [Build] is: nothing changes it after that, so it is safe for
// concurrent readers.
//
// A Builder is not safe for concurrent use. Its zero value is ready to use.
type Builder struct {
	g *Graph
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{} }

func (b *Builder) graph() *Graph {
	if b.g == nil {
		b.g = newGraph()
	}
	return b.g
}

// AddNode adds a node; an empty or repeated ID is an error
// ([ErrEmptyID], [ErrDuplicate]).
func (b *Builder) AddNode(n Node) error { return b.graph().addNode(n) }

// AddEdge adds an edge between nodes added before ([ErrNoNode] otherwise).
// A shares edge is stored with the smaller ID as Source.
func (b *Builder) AddEdge(e Edge) error { return b.graph().addEdge(e) }

// Has reports whether a node with this ID was added.
func (b *Builder) Has(id string) bool {
	_, ok := b.graph().index[id]
	return ok
}

// Graph sorts the nodes by ID and the edges by (Source, Target,
// Relation), checks that no (Source, Target, Relation) repeats
// ([ErrDuplicate]), sets each node's Degree, Strength, PageRank,
// Betweenness and CitedBy (no communities: see [Build]) and returns the
// graph. The Builder is then empty again: what it hands out is never
// changed by a later AddNode or AddEdge.
func (b *Builder) Graph() (*Graph, error) {
	g := b.graph()
	b.g = nil
	if err := g.finishByHand(); err != nil {
		return nil, err
	}
	return g, nil
}
