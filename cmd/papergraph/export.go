package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/tables"
	"github.com/papergraph/papergraph/graph"
)

// exportCmd is papergraph export: the node and edge tables an engine's
// projection wrote (docs/sql), finished by graph.Assemble (communities,
// centrality) and written through the same writers as build. With
// -stream and formats that stream, the tables are not loaded but
// read in order by each file (graph.Stream, export.StreamFiles), to the
// same bytes as without communities, centrality and positions.
func exportCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("export")
	nodesPath := fs.String("nodes", "", "nodes table (.parquet, .jsonl or .csv)")
	edgesPath := fs.String("edges", "", "edges table (.parquet, .jsonl or .csv)")
	out := fs.String("o", "papergraph-out", "output directory")
	formats := fs.String("formats", "dot,svg,graphml", "output formats")
	engine := fs.String("engine", "", "layout engine")
	csvDialect := fs.String("csv", "gephi", "CSV headers: gephi or neo4j")
	sharesFlag := fs.String("shares", "gephi", "where shares edges are undirected: gephi, undirected or directed")
	shared := fs.Bool("shared", false, "write each shares edge's shared artifacts in the data files (column shared)")
	pic := addPictureFlags(fs, "picture title (default: the nodes table's name)")
	desc := fs.String("description", "", "how the tables were made, for the outputs' metadata (default: this command)")
	var gopt graph.Options
	fs.Float64Var(&gopt.Resolution, "resolution", 1, "community resolution")
	fs.Uint64Var(&gopt.Seed, "seed", 0, "seed of community detection and sampled betweenness")
	stream := fs.Bool("stream", false, "write graphml, gexf, csv, json or cyjs from the tables as they are read, in memory that does not grow with the edges: without communities, centrality or positions, which need the whole graph")
	quiet := fs.Bool("quiet", false, "no summary on stderr")
	verbose := fs.Bool("v", false, "verbose log on stderr")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if *nodesPath == "" || *edgesPath == "" || len(fs.Args()) > 0 {
		return fmt.Errorf("export: want -nodes FILE -edges FILE and no other argument: %w", errUsage)
	}
	if err := pic.check("export"); err != nil {
		return err
	}
	fmts, err := parseFormats(*formats)
	if err != nil {
		return err
	}
	eopt := export.Options{Shared: *shared}
	if eopt.CSV, eopt.Shares, err = writerFlags("export", *csvDialect, *sharesFlag); err != nil {
		return err
	}
	if err := checkOutputDir("export", *out); err != nil {
		return err
	}
	if err := checkEngine("export", *engine); err != nil {
		return err
	}
	inputs := []string{*nodesPath, *edgesPath}
	if err := checkInputs("export", inputs); err != nil {
		return err
	}
	if err := export.CheckTargets(outputTargets(*out, formatFiles(fmts)), inputs); err != nil {
		return err
	}
	log := newLogger(stderr, *verbose)
	eopt.Version = version()
	eopt.Description = *desc
	if !flagSet(fs, "description") {
		eopt.Description = describeExport(fs)
	}
	if *stream {
		return exportStream(ctx, *nodesPath, *edgesPath, *out, fmts, eopt, inputs, *quiet, stderr)
	}
	nodes, leftOut, err := tables.ReadNodes(*nodesPath)
	if err != nil {
		return err
	}
	edges, err := tables.ReadEdges(*edgesPath)
	if err != nil {
		return err
	}
	gopt.Logger = log
	g, err := interruptible(ctx, func() (*graph.Graph, error) { return graph.Assemble(ctx, nodes, edges, leftOut, gopt) })
	if err != nil {
		return err
	}
	nodes, edges = nil, nil
	popt, ropt := pic.options(fs, defaultTitle([]string{*nodesPath}), *engine, log)
	lays, err := layOut(ctx, g, fmts, popt, ropt,
		flagSet(fs, "formats") && picturesNamed(*formats), *quiet, stderr, log)
	if err != nil {
		return err
	}
	files := lays.files(ctx, *out, g, eopt)
	if err := export.WriteFiles(ctx, files, inputs); err != nil {
		return err
	}
	if !*quiet {
		printExported(stderr, g.Stats(), files)
	}
	return nil
}

// exportStream is export -stream: fmts written for the tables at
// nodesPath and edgesPath read again by each file, holding one row at a
// time (graph.Stream), and a summary as exportCmd gives.
func exportStream(ctx context.Context, nodesPath, edgesPath, out string, fmts []export.Format, eopt export.Options,
	inputs []string, quiet bool, stderr io.Writer) error {
	for _, f := range fmts {
		if f.Whole != "" {
			return fmt.Errorf("export: -stream: %s needs the whole graph in memory (%s): leave it out of -formats, or export without -stream: %w",
				f.Name, f.Whole, errUsage)
		}
	}
	s, err := graph.OpenStream(ctx, tables.NodeRows(nodesPath), tables.EdgeRows(edgesPath))
	if errors.Is(err, graph.ErrUnsorted) {
		return fmt.Errorf("export: -stream: sort the tables (nodes by id; edges by source, target, relation, as docs/sql does), or export without -stream: %w", err)
	}
	if err != nil {
		return err
	}
	files, err := export.StreamFiles(ctx, out, s, fmts, eopt)
	if err != nil {
		return err
	}
	if err := export.WriteFiles(ctx, files, inputs); err != nil {
		return err
	}
	if !quiet {
		printExported(stderr, s.Stats(), files)
	}
	return nil
}

// printExported is export's summary on stderr: what the graph holds and
// the files written.
func printExported(stderr io.Writer, st graph.Stats, files []export.File) {
	fmt.Fprintf(stderr, "papergraph: %d papers, %d outside works, %d artifacts; %d mentions, %d shares, %d cites edges; %d communities\n",
		st.Papers, st.External, st.Entities, st.Mentions, st.Shares, st.Cites, st.Communities)
	printWrote(stderr, files)
}

// describeExport is the default description of an export run: every
// flag set, in name order, the tables by their base names.
func describeExport(fs *flag.FlagSet) string {
	var parts []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "o", "formats", "quiet", "v", "description":
			return
		}
		v := f.Value.String()
		if f.Name == "nodes" || f.Name == "edges" {
			v = filepath.Base(v)
		}
		parts = append(parts, "-"+f.Name+"="+v)
	})
	return "papergraph export " + strings.Join(parts, " ")
}
