package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// pathCmd is "papergraph path [flags] A B [FILE ...]": a shortest chain
// between two nodes of the graph the inputs build, each link with its
// evidence, as text or (-dot) as a small DOT graph.
func pathCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("path")
	var c common
	c.register(fs)
	dot := fs.Bool("dot", false, "print the chain as DOT (pipe to dot -Tsvg for a picture)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return fmt.Errorf("path: want two node IDs (paper:ID, an arXiv id, or an artifact such as dataset:imagenet), then the input files: %w", errUsage)
	}
	g, err := graphOf(ctx, &c, fs.Args()[2:], stdin, stderr)
	if err != nil {
		return err
	}
	a, b := nodeID(g, fs.Arg(0)), nodeID(g, fs.Arg(1))
	steps, err := g.Path(a, b)
	switch {
	case errors.Is(err, graph.ErrNoPath):
		return fmt.Errorf("path: %s and %s are not connected: no chain of shared artifacts, mentions or cites joins them", a, b)
	case err != nil:
		return fmt.Errorf("path: %w", err)
	}
	if *dot {
		return pathDOT(stdout, g, a, steps)
	}
	fmt.Fprintf(stdout, "%s\n", describeNode(g, a))
	for _, s := range steps {
		for _, e := range s.Edges {
			fmt.Fprintf(stdout, "  %s\n", describeEdge(s.From, e))
		}
		fmt.Fprintf(stdout, "%s\n", describeNode(g, s.To))
	}
	fmt.Fprintf(stdout, "%d links\n", len(steps))
	return nil
}

// neighboursCmd is "papergraph neighbours [-depth N] ID [FILE ...]": the
// nodes within N links of ID, by distance, or (-dot) the ego graph as DOT.
func neighboursCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("neighbours")
	var c common
	c.register(fs)
	depth := fs.Int("depth", 1, "how many links away")
	dot := fs.Bool("dot", false, "print the ego graph as DOT")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() < 1 || *depth < 1 {
		return fmt.Errorf("neighbours: want a node ID, then the input files, and -depth at least 1: %w", errUsage)
	}
	g, err := graphOf(ctx, &c, fs.Args()[1:], stdin, stderr)
	if err != nil {
		return err
	}
	id := nodeID(g, fs.Arg(0))
	dist := g.Distances(id, *depth)
	if dist == nil {
		return fmt.Errorf("neighbours: %q: %w", id, graph.ErrNoNode)
	}
	if *dot {
		ego, _, err := g.Filter(graph.Filter{Focus: []string{id}, Depth: *depth})
		if err != nil {
			return fmt.Errorf("neighbours: %w", err)
		}
		return export.DOT(stdout, ego, export.DOTOptions{})
	}
	ids := make([]string, 0, len(dist))
	for n := range dist {
		ids = append(ids, n)
	}
	slices.SortFunc(ids, func(x, y string) int {
		if dist[x] != dist[y] {
			return dist[x] - dist[y]
		}
		return strings.Compare(x, y)
	})
	for _, n := range ids {
		fmt.Fprintf(stdout, "%d\t%s\n", dist[n], describeNode(g, n))
	}
	return nil
}

// graphOf reads the inputs and builds their graph, as build does with its
// default options.
func graphOf(ctx context.Context, c *common, files []string, stdin io.Reader, stderr io.Writer) (*graph.Graph, error) {
	inputs := inputNames(files, stdin)
	log := newLogger(stderr, c.verbose)
	prog := newProgress(stderr, c.quiet)
	defer prog.done()
	papers, _, err := loadPapers(ctx, c, inputs, stdin, log, prog, false)
	if err != nil {
		return nil, err
	}
	if len(papers) == 0 {
		return nil, fmt.Errorf("read: no papers in the input")
	}
	return graph.BuildContext(ctx, papers, graph.Options{Logger: log})
}

// nodeID returns id, or "paper:"+id when only that is a node (an arXiv id).
func nodeID(g *graph.Graph, id string) string {
	if _, ok := g.Node(id); !ok {
		if _, ok := g.Node("paper:" + id); ok {
			return "paper:" + id
		}
	}
	return id
}

// describeNode is a node's ID and label (and title when it says more).
func describeNode(g *graph.Graph, id string) string {
	n, _ := g.Node(id)
	s := id + "  " + n.Label
	if n.Title != "" && n.Title != n.Label {
		s += " — " + n.Title
	}
	return s
}

// describeEdge says how an edge links from to the next node: the shared
// artifacts of a shares edge, the mention or citation evidence otherwise.
func describeEdge(from string, e graph.Edge) string {
	dir := "→"
	if e.Source != from {
		dir = "←"
	}
	switch {
	case e.Relation == graph.Shares:
		return fmt.Sprintf("shares (weight %g): both name %s", e.Weight, strings.Join(e.Shared, ", "))
	case e.Evidence != "":
		return fmt.Sprintf("%s %s: %s", dir, e.Relation, e.Evidence)
	}
	return fmt.Sprintf("%s %s", dir, e.Relation)
}

// pathDOT writes the chain's nodes and edges as a DOT graph.
func pathDOT(w io.Writer, g *graph.Graph, a string, steps []graph.Step) error {
	b := graph.NewBuilder()
	add := func(id string) error {
		if b.Has(id) {
			return nil
		}
		n, _ := g.Node(id)
		return b.AddNode(n)
	}
	if err := add(a); err != nil {
		return err
	}
	for _, s := range steps {
		if err := add(s.To); err != nil {
			return err
		}
		for _, e := range s.Edges {
			if err := b.AddEdge(e); err != nil {
				return err
			}
		}
	}
	h, err := b.Graph()
	if err != nil {
		return err
	}
	return export.DOT(w, h, export.DOTOptions{})
}
