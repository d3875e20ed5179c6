package export

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/papergraph/papergraph/graph"
)

// Errors returned by the data writers and [WriteFiles] ([GraphML], [GEXF], [CytoscapeJSON],
// [NodeLinkJSON], [GraphologyJSON], [NodesCSV], [EdgesCSV]). They are
// checked before the first byte is written, so a refused graph leaves the
// writer untouched. Test with errors.Is.
var (
	// ErrNoPosition: a non-nil layout lacks a position for some node.
	ErrNoPosition = errors.New("layout has no position for node")
	// ErrNotFinite: an edge weight, a coordinate or a node size is NaN or
	// infinite (a size is NaN when negative weights make a node's strength
	// negative).
	ErrNotFinite = errors.New("value not finite")
	// ErrIDClash: two distinct IDs become equal once made safe for the
	// format (text XML cannot carry), or an edge ID equals a node ID where
	// they share one namespace (Cytoscape.js).
	ErrIDClash = errors.New("ids clash")
	// ErrDialect: Options.CSV is not one of the CSVDialect constants.
	ErrDialect = errors.New("unknown csv dialect")
	// ErrOverwriteInput: [WriteFiles] was asked to write over one of the
	// inputs.
	ErrOverwriteInput = errors.New("output would overwrite an input")
	// ErrNotAFile: something other than a regular file (a directory, a
	// pipe) is where [WriteFiles] would put an output.
	ErrNotAFile = errors.New("output path is not a regular file")
)

// SharesMode says where shares edges, which are symmetric, are marked
// undirected in GraphML (directed="false") and GEXF (type="undirected").
// Gephi draws an undirected edge without an arrowhead; networkx reads no
// file that mixes directed and undirected edges (igraph reads such a
// GraphML as all directed).
type SharesMode int

const (
	// SharesDirected marks every edge directed in GraphML and GEXF, so
	// networkx reads both. It is the zero value.
	SharesDirected SharesMode = iota
	// SharesGephi marks shares edges undirected in GEXF, Gephi's own
	// format, so that Gephi draws them without arrowheads, and keeps
	// GraphML all directed for networkx and igraph. papergraph build
	// writes this by default (-shares gephi).
	SharesGephi
	// SharesUndirected marks shares edges undirected in GEXF and GraphML,
	// for Gephi only.
	SharesUndirected
)

// String returns the mode's name ("directed", "gephi", "undirected"),
// as the -shares flag takes it.
func (m SharesMode) String() string {
	switch m {
	case SharesDirected:
		return "directed"
	case SharesGephi:
		return "gephi"
	case SharesUndirected:
		return "undirected"
	}
	return fmt.Sprintf("SharesMode(%d)", int(m))
}

// gexfUndirected reports whether GEXF marks shares edges undirected.
func (o Options) gexfUndirected() bool {
	return o.UndirectedShares || o.Shares == SharesGephi || o.Shares == SharesUndirected
}

// graphMLUndirected reports whether GraphML marks shares edges undirected.
func (o Options) graphMLUndirected() bool {
	return o.UndirectedShares || o.Shares == SharesUndirected
}

// CSVDialect selects the header conventions of [NodesCSV] and [EdgesCSV].
type CSVDialect int

const (
	// CSVGephi writes the headers Gephi's spreadsheet import (File > Import
	// spreadsheet) recognises: Id and Label for nodes; Source, Target, Type
	// (Directed/Undirected), Kind (the edge type), Id and Weight for edges.
	// Lists are joined with "; ". It is the zero value.
	CSVGephi CSVDialect = iota
	// CSVNeo4j writes headers for neo4j-admin database import: id:ID,
	// :LABEL, typed properties (year:int, weight:double, authors:string[]),
	// :START_ID, :END_ID and :TYPE. Lists are joined with ";", Neo4j's
	// default array delimiter.
	CSVNeo4j
)

// String returns the dialect's name ("gephi", "neo4j").
func (d CSVDialect) String() string {
	switch d {
	case CSVGephi:
		return "gephi"
	case CSVNeo4j:
		return "neo4j"
	}
	return fmt.Sprintf("CSVDialect(%d)", int(d))
}

// Options configures every writer: DOT, the data writers and, through
// [Formats], the pictures. The zero value is useful: no positions, a
// legend, creator "papergraph", no description, no date, all edges
// directed, Gephi CSV headers. The writers only read the graph and the
// options, so they may run concurrently on the same ones.
type Options struct {
	// Layout gives node positions (x, y). Nil omits positions, and the
	// pictures, which cannot be drawn without them, fail; a non-nil
	// layout must place every node (else [ErrNoPosition]). [DOT] gives
	// every node it places a pos="x,y" attribute in points and places the
	// legend to the right of the layout's bounding box, so that `neato
	// -n2` draws exactly these positions; nodes it does not place get no
	// pos there.
	Layout *Layout
	// Colors chooses the nodes' display colour in GraphML (r, g, b), GEXF
	// (viz:color), CSV and the JSON forms (color): by kind (the zero
	// value) or by community. Every node carries its community's colour
	// in the community_color column either way.
	Colors ColorScheme
	// Version is the papergraph version ("v0.3.0"); the GEXF creator and
	// the GraphML description read "papergraph <Version>".
	Version string
	// Description says how the file was made (input, options). It goes to
	// GEXF <meta><description>, GraphML <desc> and the JSON graph
	// attributes.
	Description string
	// LastModified, when not zero, is written as GEXF lastmodifieddate
	// (YYYY-MM-DD). Left zero, outputs carry no date, so they stay
	// byte-identical across runs.
	LastModified time.Time
	// Shares chooses which of GraphML and GEXF mark shares edges
	// undirected ([SharesMode]); the zero value, [SharesDirected], marks
	// every edge directed in both, shares edges from the smaller ID to the
	// larger, their relation saying they are symmetric. JSON and CSV
	// writers mark shares undirected whatever this says, where the format
	// can (graphology "undirected", Cytoscape and node-link "directed":
	// false, Gephi CSV Type).
	Shares SharesMode
	// UndirectedShares is the older name of Shares: [SharesUndirected]:
	// set, it marks shares edges undirected in GraphML and GEXF.
	UndirectedShares bool
	// CSV selects the CSV headers; the zero value is [CSVGephi].
	CSV CSVDialect
	// Shared writes each shares edge's shared list ([graph.Edge].Shared:
	// the artifacts and families both papers name) as the edge column
	// shared in GraphML, GEXF, CSV and the JSON forms. Left false, those
	// files have no shared column: it is a fifth of the bytes of an exact
	// projection's GraphML, and a shares edge's weight and its two papers'
	// mentions edges say the same. DOT, the pictures and the HTML viewer
	// carry the lists either way.
	Shared bool
	// NoLegend leaves the legend out of DOT and the pictures.
	NoLegend bool
	// Name is the DOT graph's name; empty means "papergraph".
	Name string
	// Style, when non-nil, makes [DOT] draw the graph for a picture: see
	// [PictureStyle]. The data writers ignore it.
	Style *PictureStyle
	// Pictures draws the picture formats of [Formats] (SVG, PNG); nil
	// makes them fail with [ErrNoPictures]. The data writers ignore it.
	Pictures Pictures
}

// creator returns "papergraph" or "papergraph <version>".
func (o Options) creator() string {
	if o.Version == "" {
		return "papergraph"
	}
	return "papergraph " + o.Version
}

// check verifies what every writer relies on before the first byte is
// written and a [graph.Graph] does not promise: weights are finite and the
// layout, when given, places every node at finite coordinates (a Graph is
// always sorted without repeated edges). It returns errors prefixed
// "export: <format>: ". When the node strengths are finite it does not go
// through the edges.
func check(format string, g *graph.Graph, opt Options) error {
	return checkGraph(format, g, opt, nil)
}

// checkMulti is [check] that also reports whether two edges join the same
// pair of nodes (with different relations: a finished graph repeats
// none). Directed, pairs are ordered (A→B and B→A differ); undirected,
// they are not.
func checkMulti(format string, g *graph.Graph, opt Options, directed bool) (bool, error) {
	p := &pairs{directed: directed}
	if err := checkGraph(format, g, opt, p); err != nil {
		return false, err
	}
	return p.multi(), nil
}

// checkGraph is [check], looking for repeated pairs of nodes into p when
// p is not nil, in the same pass over the edges.
func checkGraph(format string, g *graph.Graph, opt Options, p *pairs) error {
	nodes := g.Nodes()
	strengths := true // every node's strength is finite
	for i := range nodes {
		n := &nodes[i]
		strengths = strengths && finite(n.Strength)
		if !finite(n.PageRank) || !finite(n.Betweenness) {
			return fmt.Errorf("export: %s: centrality of node %q: %w", format, n.ID, ErrNotFinite)
		}
		if !finite(Size(*n)) {
			// Size takes the square root of the weighted degree: a
			// negative strength (negative weights) has none.
			return fmt.Errorf("export: %s: size of node %q (strength %g): %w", format, n.ID, n.Strength, ErrNotFinite)
		}
		if opt.Layout != nil {
			p, ok := opt.Layout.Position(n.ID)
			if !ok {
				return fmt.Errorf("export: %s: %w %q", format, ErrNoPosition, n.ID)
			}
			if !finite(p.X) || !finite(p.Y) {
				return fmt.Errorf("export: %s: position of %q: %w", format, n.ID, ErrNotFinite)
			}
		}
	}
	if p == nil && strengths {
		// No weight is infinite or NaN: it would make the strength of
		// both its nodes so.
		return nil
	}
	// The pairs are compared by node index: from the graph's edge ends,
	// else (a graph that is not finished) from an index of the IDs.
	src, tgt := g.EdgeEnds()
	var index map[string]int32
	edges := g.EdgeRangeNoEnds(0, g.NumEdges(), false)
	if src == nil {
		edges = g.EdgeRangeNoShared(0, g.NumEdges())
		if p != nil {
			index = make(map[string]int32, len(nodes))
			for i := range nodes {
				index[nodes[i].ID] = int32(i)
			}
		}
	}
	for i, e := range edges {
		if p != nil {
			if src != nil {
				p.add(i, src[i], tgt[i])
			} else {
				p.add(i, index[e.Source], index[e.Target])
			}
		}
		if !finite(e.Weight) {
			if src != nil {
				e.Source, e.Target = nodes[src[i]].ID, nodes[tgt[i]].ID
			}
			return fmt.Errorf("export: %s: weight of edge %q→%q (%s): %w", format, e.Source, e.Target, e.Relation, ErrNotFinite)
		}
	}
	if !strengths {
		// Finite weights whose sum overflows: weighted_degree has no value.
		for i := range nodes {
			if !finite(nodes[i].Strength) {
				return fmt.Errorf("export: %s: weighted degree of node %q: %w", format, nodes[i].ID, ErrNotFinite)
			}
		}
	}
	return nil
}

// pairs finds two edges between the same pair of nodes while [checkGraph]
// goes through the edges in order. Directed, such edges are neighbours in
// that order. Undirected, an edge A→B may also meet an edge B→A: with node
// indices, the edges going up (A < B) come sorted; the ones going down are
// collected reversed, sorted and merged with them.
type pairs struct {
	directed bool
	same     bool     // two neighbouring edges join the same ordered pair
	s, t     int32    // the last edge's source and target
	up, down []uint64 // undirected: pairs (low index, high index) of edges going up, down
}

// add adds edge i, from node index s to node index t.
func (p *pairs) add(i int, s, t int32) {
	if i > 0 && s == p.s && t == p.t {
		p.same = true
	}
	p.s, p.t = s, t
	if p.directed || p.same {
		return
	}
	switch {
	case s < t:
		p.up = append(p.up, uint64(s)<<32|uint64(t))
	case s > t:
		p.down = append(p.down, uint64(t)<<32|uint64(s))
	}
}

func (p *pairs) multi() bool {
	if p.same || p.directed {
		return p.same
	}
	slices.Sort(p.down)
	up, down := p.up, p.down
	for len(up) > 0 && len(down) > 0 {
		switch {
		case up[0] == down[0]:
			return true
		case up[0] < down[0]:
			up = up[1:]
		default:
			down = down[1:]
		}
	}
	return false
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// The writers range over a graph's edges ([graph.Graph.EdgeRange],
// [graph.Graph.EdgeRangeNoShared] or, with the ends from a table, see
// [ends], [graph.Graph.EdgeRangeNoEnds]), which for a built graph do not
// materialise the edge slice, so memory stays flat for large graphs;
// edges come in the same order as [graph.Graph.Edges].

// edgeID is the ID of the i-th edge in every format: "e0", "e1", ...
// Edges are sorted, so IDs are stable for a given graph.
func edgeID(i int) string { return "e" + itoa(i) }
