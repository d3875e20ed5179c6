package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"unicode/utf8"

	"github.com/papergraph/papergraph"
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
	if err := checkInputs("path", fs.Args()[2:]); err != nil {
		return err
	}
	g, papers, err := graphAndPapers(ctx, &c, fs.Args()[2:], stdin, stderr)
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
			for _, q := range papers.sentences(e) {
				fmt.Fprintf(stdout, "      %s: %q\n", q.paper, q.text)
			}
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
	if err := checkInputs("neighbours", fs.Args()[1:]); err != nil {
		return err
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
		return export.DOT(stdout, ego, export.Options{})
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
	g, _, err := loadGraph(ctx, c, files, stdin, stderr, false)
	return g, err
}

// graphAndPapers is graphOf that also keeps each paper's abstract and
// mentions, to quote the sentences that name an artifact.
func graphAndPapers(ctx context.Context, c *common, files []string, stdin io.Reader, stderr io.Writer) (*graph.Graph, quotes, error) {
	return loadGraph(ctx, c, files, stdin, stderr, true)
}

func loadGraph(ctx context.Context, c *common, files []string, stdin io.Reader, stderr io.Writer, keep bool) (*graph.Graph, quotes, error) {
	inputs := inputNames(files, stdin)
	log := newLogger(stderr, c.verbose)
	prog := newProgress(stderr, c.quiet)
	defer prog.done()
	papers, _, err := loadPapers(ctx, c, inputs, stdin, log, prog, keep)
	if err != nil {
		return nil, nil, err
	}
	if len(papers) == 0 {
		return nil, nil, fmt.Errorf("read: no papers in the input")
	}
	var q quotes
	if keep {
		q = quotes{}
		for i := range papers {
			if _, seen := q[papers[i].Key()]; !seen {
				q[papers[i].Key()] = &papers[i]
			}
		}
	}
	g, err := graph.BuildContext(ctx, papers, graph.Options{Logger: log})
	return g, q, err
}

// quotes finds, by paper node ID, the papers whose sentences path quotes
// (a paper whose ID the graph suffixed with "#2" is not quoted).
type quotes map[string]*papergraph.Paper

// quote is a sentence of a paper's abstract.
type quote struct{ paper, text string }

// maxQuoted is how many artifacts of a shares edge path quotes sentences
// for.
const maxQuoted = 2

// sentences returns the abstract sentences that make edge e: for a
// mentions edge, the paper's first sentence naming the artifact; for a
// shares edge, that sentence in each paper for its first shared
// artifacts.
func (q quotes) sentences(e graph.Edge) []quote {
	var out []quote
	add := func(paper, artifact string) {
		p, ok := q[paper]
		if !ok {
			return
		}
		for _, en := range p.Entities {
			if (en.Source == "" || en.Source == "abstract") && en.Key() == artifact && en.End <= len(p.Abstract) && en.Start < en.End {
				out = append(out, quote{paper, sentenceAt(p.Abstract, en.Start, en.End)})
				return
			}
		}
	}
	switch e.Relation {
	case graph.Mentions:
		add(e.Source, e.Target)
	case graph.Shares:
		for i, a := range e.Shared {
			if i == maxQuoted {
				break
			}
			add(e.Source, a)
			add(e.Target, a)
		}
	}
	return out
}

// maxSentence bounds a quoted sentence, in bytes.
const maxSentence = 300

// sentenceAt returns the sentence of text around [start, end): from after
// the previous ". ", "! " or "? " (or the start) to the next one (or the
// end), spaces collapsed, cut to about maxSentence bytes around the name.
func sentenceAt(text string, start, end int) string {
	lo, hi := 0, len(text)
	for i := start - 1; i > 0; i-- {
		if isSpace(text[i]) && strings.ContainsRune(".!?", rune(text[i-1])) {
			lo = i + 1
			break
		}
	}
	for i := end; i+1 < len(text); i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && isSpace(text[i+1]) {
			hi = i + 1
			break
		}
	}
	if hi-lo > maxSentence {
		lo = max(lo, start-maxSentence/2)
		hi = min(hi, end+maxSentence/2)
		for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
			lo++
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi--
		}
	}
	return strings.Join(strings.Fields(text[lo:hi]), " ")
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

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
	return export.DOT(w, h, export.Options{})
}
