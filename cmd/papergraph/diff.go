package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// diffCmd is "papergraph diff [flags] OLD NEW": what changed between two
// batches (built with build's default options) or two graph.nodelink.json
// files build wrote, as a text summary on stdout and, with -o, as a graph
// whose nodes and edges carry a status (added, removed, kept).
func diffCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("diff")
	var c common
	c.register(fs)
	out := fs.String("o", "", "also write the diff graph into this directory")
	formats := fs.String("formats", "graphml,gexf,json,csv", "formats of the diff graph (no pictures)")
	top := fs.Int("top", 20, "how many papers, artifacts and edges each list shows")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 2 || *top < 0 {
		return fmt.Errorf("diff: want two inputs, OLD and NEW (batches, or graph.nodelink.json files build wrote), and -top not negative: %w", errUsage)
	}
	var fmts []export.Format
	if *out != "" {
		var err error
		if fmts, err = parseFormats(*formats); err != nil {
			return err
		}
		for _, f := range fmts {
			if f.Picture {
				return fmt.Errorf("diff: -formats %s: the diff graph is not drawn; use its GraphML or GEXF in Gephi, or html: %w", f.Name, errUsage)
			}
		}
		if err := checkOutputDir("diff", *out); err != nil {
			return err
		}
	}
	if err := checkInputs("diff", fs.Args()); err != nil {
		return err
	}
	if *out != "" {
		if err := export.CheckTargets(outputTargets(*out, formatFiles(fmts)), c.allInputs(fs.Args())); err != nil {
			return err
		}
	}
	var gs [2]*graph.Graph
	for i, name := range fs.Args() {
		g, err := diffInput(ctx, &c, name, stdin, stderr)
		if err != nil {
			return err
		}
		gs[i] = g
	}
	d, err := graph.Compare(gs[0], gs[1])
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	w := bufio.NewWriter(stdout)
	writeDiff(w, d, gs[0], gs[1], *top)
	if err := w.Flush(); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	eopt := export.Options{Version: version(), Description: "papergraph diff " + strings.Join(fs.Args(), " ")}
	files := export.Files(ctx, *out, d.Graph, fmts, eopt)
	if err := export.WriteFiles(ctx, files, c.allInputs(fs.Args())); err != nil {
		return err
	}
	if !c.quiet {
		printWrote(stderr, files)
	}
	return nil
}

// diffInput reads one side of a diff: a node-link JSON file build wrote
// (it starts with {"directed":), or else a batch, built as build builds.
func diffInput(ctx context.Context, c *common, name string, stdin io.Reader, stderr io.Writer) (*graph.Graph, error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
		head := make([]byte, 16)
		n, _ := io.ReadFull(f, head)
		if bytes.HasPrefix(bytes.TrimLeft(head[:n], " \t\r\n"), []byte(`{"directed"`)) {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				f.Close()
				return nil, fmt.Errorf("diff: %w", err)
			}
			g, err := export.ReadNodeLinkJSON(f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("diff: %s: %w", name, err)
			}
			return g, nil
		}
		f.Close()
	}
	return graphOf(ctx, c, []string{name}, stdin, stderr)
}

// writeDiff writes the text summary of d: counts, then up to top entries
// of each list.
func writeDiff(w io.Writer, d *graph.Diff, old, new *graph.Graph, top int) {
	papers := func(g *graph.Graph) int {
		n := 0
		for _, x := range g.Nodes() {
			if x.Kind == papergraph.KindPaper && !x.External {
				n++
			}
		}
		return n
	}
	if d.Empty() {
		fmt.Fprintf(w, "no change: %d papers, %d nodes and %d edges in both\n", papers(new), len(new.Nodes()), d.EdgesKept)
		return
	}
	label := func(g *graph.Graph, id string) string {
		if n, ok := g.Node(id); ok && n.Label != "" && n.Label != id {
			return id + "  " + n.Label
		}
		return id
	}
	more := func(n int) {
		if n > top {
			fmt.Fprintf(w, "  ... and %d more\n", n-top)
		}
	}
	fmt.Fprintf(w, "papers: %d added, %d gone (%d before, %d after)\n", len(d.PapersAdded), len(d.PapersGone), papers(old), papers(new))
	for i, id := range d.PapersAdded {
		if i < top {
			fmt.Fprintf(w, "  + %s\n", label(new, id))
		}
	}
	more(len(d.PapersAdded))
	for i, id := range d.PapersGone {
		if i < top {
			fmt.Fprintf(w, "  - %s\n", label(old, id))
		}
	}
	more(len(d.PapersGone))
	fmt.Fprintf(w, "artifacts whose paper count changed: %d (largest change first)\n", len(d.Artifacts))
	for i, a := range d.Artifacts {
		if i < top {
			fmt.Fprintf(w, "  %+d\t%s  %s: %d -> %d papers\n", a.New-a.Old, a.ID, a.Label, a.Old, a.New)
		}
	}
	more(len(d.Artifacts))
	fmt.Fprintf(w, "edges: %d gained, %d lost, %d kept\n", len(d.EdgesGained), len(d.EdgesLost), d.EdgesKept)
	for _, side := range []struct {
		sign  string
		edges []graph.Edge
	}{{"+", d.EdgesGained}, {"-", d.EdgesLost}} {
		for i, e := range side.edges {
			if i < top {
				fmt.Fprintf(w, "  %s %s %s %s\n", side.sign, e.Source, e.Relation, e.Target)
			}
		}
		more(len(side.edges))
	}
	fmt.Fprintf(w, "communities: %d merged, %d split\n", len(d.Merged), len(d.Split))
	for _, m := range d.Merged {
		fmt.Fprintf(w, "  merged: %s -> %s\n", communities("old", m.Old, m.OldLabels), communities("new", m.New, m.NewLabels))
	}
	for _, s := range d.Split {
		fmt.Fprintf(w, "  split: %s -> %s\n", communities("old", s.Old, s.OldLabels), communities("new", s.New, s.NewLabels))
	}
}

// communities names communities as `old 3 "ImageNet"`, joined by " + ".
func communities(side string, ids []int, labels []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d %q", side, id, labels[i])
	}
	return strings.Join(parts, " + ")
}
