package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"

	"github.com/papergraph/papergraph/graph"
)

// ErrWholeGraph is returned by [StreamFiles] for a format that needs the
// whole graph in memory ([Format].Whole says why) and for a layout, which
// a [graph.Stream] has none of.
var ErrWholeGraph = errors.New("needs the whole graph in memory")

// StreamFiles returns the files formats write for s into dir, in order,
// ready for [WriteFiles], as [Files] does for a graph in memory: the same
// bytes as Files gives for the graph [graph.Assemble] makes of the same
// tables without communities or centrality. Each file reads the tables
// once more, node by node and then edge by edge, and holds one of them
// at a time, so its memory does not grow with the number of edges.
//
// Only formats whose files can be written in one pass stream: GraphML,
// GEXF, CSV, node-link JSON and Cytoscape.js JSON. The others need the
// whole graph ([Format].Whole says why), as does a layout (opt.Layout):
// StreamFiles refuses them with [ErrWholeGraph], before anything is
// written.
func StreamFiles(ctx context.Context, dir string, s *graph.Stream, formats []Format, opt Options) ([]File, error) {
	if opt.Layout != nil {
		return nil, fmt.Errorf("export: a layout: %w (positions need every edge)", ErrWholeGraph)
	}
	var files []File
	for _, f := range formats {
		if f.Whole != "" {
			return nil, fmt.Errorf("export: %s: %w (%s)", f.Name, ErrWholeGraph, f.Whole)
		}
		for _, ff := range f.Files {
			write := ff.Stream
			files = append(files, File{
				Path:  filepath.Join(dir, ff.Name),
				Write: func(w io.Writer) error { return write(ctx, w, s, opt) },
			})
		}
	}
	return files, nil
}

// rows is the graph a data writer reads: a finished graph in memory or a
// stream read in order, as one writer serves both.
type rows struct {
	g *graph.Graph
	s *graph.Stream
}

// inMemory adapts a data writer of rows to a [FormatFile] Write.
func inMemory(write func(io.Writer, rows, Options) error) func(context.Context, io.Writer, *graph.Graph, Options) error {
	return func(_ context.Context, w io.Writer, g *graph.Graph, opt Options) error {
		return write(w, rows{g: g}, opt)
	}
}

// streamed adapts a data writer of rows to a [FormatFile] Stream.
func streamed(write func(io.Writer, rows, Options) error) func(context.Context, io.Writer, *graph.Stream, Options) error {
	return func(_ context.Context, w io.Writer, s *graph.Stream, opt Options) error {
		return write(w, rows{s: s}, opt)
	}
}

// each calls f with every node in ID order until f returns false, and
// returns the stream's read error. The node may be reused: f must not
// keep it.
func (r rows) each(f func(n *graph.Node) bool) error {
	if r.s != nil {
		return r.s.Nodes(f)
	}
	nodes := r.g.Nodes()
	for i := range nodes {
		if !f(&nodes[i]) {
			break
		}
	}
	return nil
}

// eachEdge calls f with every edge and its index in order until f
// returns false, their shared lists only when shared is set, and returns
// the stream's read error. The edge is reused: f must not keep it.
// When ends has a table ([ends.indexed]; nil has none), a graph's edges
// come with Source and Target empty; a stream's always carry them.
func (r rows) eachEdge(shared bool, ends *ends, f func(i int, e *graph.Edge) bool) error {
	i := 0
	if r.s != nil {
		return r.s.Edges(func(e *graph.Edge) bool {
			if !shared {
				e.Shared = nil
			}
			ok := f(i, e)
			i++
			return ok
		})
	}
	e := new(graph.Edge) // reused: a pointer to the loop variable would escape each time
	edges := edgeRange(r.g, 0, r.g.NumEdges(), shared)
	if ends.indexed() {
		edges = r.g.EdgeRangeNoEnds(0, r.g.NumEdges(), shared)
	}
	for _, edge := range edges {
		*e = edge
		if !f(i, e) {
			break
		}
		i++
	}
	return nil
}

// ids yields the node IDs in order.
func (r rows) ids() iter.Seq[string] {
	if r.s != nil {
		return slices.Values(r.s.IDs())
	}
	return func(yield func(string) bool) {
		nodes := r.g.Nodes()
		for i := range nodes {
			if !yield(nodes[i].ID) {
				return
			}
		}
	}
}

// numEdges returns the number of edges.
func (r rows) numEdges() int {
	if r.s != nil {
		return r.s.NumEdges()
	}
	return r.g.NumEdges()
}

// stats returns the graph's stats.
func (r rows) stats() graph.Stats {
	if r.s != nil {
		return r.s.Stats()
	}
	return r.g.Stats()
}

// diff reports whether the graph is the graph of a diff (a stream never
// is: tables carry no status).
func (r rows) diff() bool { return r.g != nil && diffGraph(r.g) }

// checkRows is [check] for a graph or a stream: a stream has no centrality
// and no layout, and its weights are finite when its strengths are.
func checkRows(format string, r rows, opt Options) error {
	if r.g != nil {
		return check(format, r.g, opt)
	}
	if opt.Layout != nil {
		return fmt.Errorf("export: %s: a layout: %w", format, ErrWholeGraph)
	}
	for i, id := range r.s.IDs() {
		st := r.s.Strength(i)
		if !finite(st) {
			return fmt.Errorf("export: %s: weighted degree of node %q: %w", format, id, ErrNotFinite)
		}
		if !finite(Size(graph.Node{Strength: st})) {
			return fmt.Errorf("export: %s: size of node %q (strength %g): %w", format, id, st, ErrNotFinite)
		}
	}
	return nil
}
