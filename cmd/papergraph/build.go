package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/extract/table"
	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/cputime"
)

// parseFormats parses -formats; an unknown or empty list is a usage error.
func parseFormats(s string) ([]export.Format, error) {
	fmts, err := export.ParseFormats(s)
	if err != nil {
		return nil, fmt.Errorf("build: -formats: %w: %w", err, errUsage)
	}
	return fmts, nil
}

// phaseTimer returns the function that logs, at debug level, msg with
// key naming the part of the work just done and its wall and CPU seconds
// since the last call (the first: since phaseTimer).
func phaseTimer(log *slog.Logger, msg, key string) func(name string) {
	start := time.Now()
	cpu, _ := cputime.Now()
	return func(name string) {
		c, _ := cputime.Now()
		log.Debug(msg, key, name, "seconds", time.Since(start).Seconds(), "cpu_seconds", (c - cpu).Seconds())
		start, cpu = time.Now(), c
	}
}

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func newLogger(stderr io.Writer, verbose bool) *slog.Logger {
	if !verbose {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func build(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("build")
	var c common
	c.register(fs)
	out := fs.String("o", "papergraph-out", "output directory")
	formats := fs.String("formats", "dot,svg,graphml", "output formats")
	engine := fs.String("engine", "", "layout engine")
	csvDialect := fs.String("csv", "gephi", "CSV headers: gephi or neo4j")
	sharesFlag := fs.String("shares", "gephi", "where shares edges are undirected: gephi (GEXF), undirected (GEXF and GraphML) or directed (neither)")
	undirected := fs.Bool("undirected-shares", false, "the same as -shares undirected")
	shared := fs.Bool("shared", false, "write each shares edge's shared artifacts in the data files (column shared)")
	colorFlag := fs.String("color", "kind", "node colour in the data files: kind or community")
	var gopt graph.Options
	fs.IntVar(&gopt.TopK, "top-k", 0, "strongest shares links kept per paper")
	fs.Float64Var(&gopt.MaxDF, "max-df", 0, "document-frequency cap for the projection")
	pairBudget := fs.Int64("pair-budget", graph.DefaultPairBudget, "with the automatic -max-df, lower the cap until the kept artifacts pair at most N papers (0: no budget)")
	fs.BoolVar(&gopt.Exact, "exact", false, "keep the full projection")
	fs.Float64Var(&gopt.Backbone, "backbone", 0, "keep only the disparity-filter backbone of shares links at this level")
	fs.IntVar(&gopt.MinCocite, "min-cocite", 0, "external works cited by N batch papers become nodes")
	fs.BoolVar(&gopt.Split, "split-introduced", false, "keep artifacts a paper introduces as nodes of their own")
	var filt graph.Filter
	kinds := fs.String("kinds", "", "keep only nodes of these kinds")
	focus := fs.String("focus", "", "keep only the neighbourhood of these node IDs")
	fs.IntVar(&filt.Depth, "depth", 1, "radius of -focus")
	fs.IntVar(&filt.MinDegree, "min-degree", 0, "keep only nodes with at least N edges")
	fs.IntVar(&filt.MaxNodes, "max-nodes", 0, "keep the N most central nodes")
	fs.BoolVar(&filt.DropIsolated, "drop-isolated", false, "remove nodes without edges")
	pic := addPictureFlags(fs, "picture title (default from the input)")
	fs.Float64Var(&gopt.Resolution, "resolution", 1, "community resolution: above 1 more, smaller communities")
	fs.Uint64Var(&gopt.Seed, "seed", 0, "seed of community detection and sampled betweenness (0: node order)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	gopt.PairBudget = *pairBudget
	if *pairBudget == 0 {
		gopt.PairBudget = -1
	}
	if err := parseFilter(&filt, *kinds, *focus); err != nil {
		return err
	}
	if err := pic.check("build"); err != nil {
		return err
	}
	fmts, err := parseFormats(*formats)
	if err != nil {
		return err
	}
	dialect, shares, err := writerFlags("build", *csvDialect, *sharesFlag)
	if err != nil {
		return err
	}
	if *undirected {
		shares = export.SharesUndirected
	}
	colors := export.ColorByKind
	switch *colorFlag {
	case "kind":
	case "community":
		colors = export.ColorByCommunity
	default:
		return fmt.Errorf("build: -color %q: want kind or community: %w", *colorFlag, errUsage)
	}
	// Usage errors and outputs that would replace an input are refused
	// before any work.
	inputs := inputNames(fs.Args(), stdin)
	c.net.inputs = c.allInputs(inputs) // the cache never writes over one
	if err := checkInputs("build", inputs); err != nil {
		return err
	}
	if err := c.net.check("build"); err != nil {
		return err
	}
	if err := checkOutputDir("build", *out); err != nil {
		return err
	}
	if err := checkEngine("build", *engine); err != nil {
		return err
	}
	if err := checkNotNegative(fs, "top-k", "max-df", "pair-budget", "min-cocite", "max-record", "max-input"); err != nil {
		return err
	}
	if err := checkInputFormat("build", c.inputFormat); err != nil {
		return err
	}
	if gopt.Backbone < 0 || gopt.Backbone >= 1 {
		return fmt.Errorf("build: -backbone %g: want a level in (0, 1), 0 for none: %w", gopt.Backbone, errUsage)
	}
	names := formatFiles(fmts)
	if err := export.CheckTargets(outputTargets(*out, names), c.allInputs(inputs)); err != nil {
		return err
	}
	if err := checkProfileNotOutput(c.cpuprofile, outputTargets(*out, names)); err != nil {
		return err
	}
	r, err := c.start(stderr, inputs)
	if err != nil {
		return err
	}
	defer r.close()
	log, prog := r.log, r.prog

	phase := phaseTimer(log, "build: phase done", "phase")
	defer limitHeap(inputs, log)()
	papers, sum, err := loadPapers(ctx, &c, inputs, stdin, log, prog, false)
	if err != nil {
		return err
	}
	phase("read and extract")
	if len(papers) == 0 && !c.allowEmpty {
		return fmt.Errorf("read: no papers in the input")
	}
	prog.setPhase("building the graph")
	gopt.Logger = log
	g, err := interruptible(ctx, func() (*graph.Graph, error) {
		// The builder holds the only reference to the papers, and drops
		// it once the edges are made: the analysis, where the heap is
		// largest, runs without them.
		in := papers
		papers = nil
		return graph.BuildContext(ctx, in, gopt)
	})
	if err != nil {
		return err
	}
	collect() // the papers were most of the heap
	phase("graph")
	g, steps, err := filterGraph(g, filt)
	if err != nil {
		return err
	}

	// One layout serves every data format; the picture draws its view
	// (the same layout in the full view).
	prog.setPhase("laying out")
	popt, ropt := pic.options(fs, defaultTitle(fs.Args()), *engine, log)
	lays, err := layOut(ctx, g, fmts, popt, ropt,
		flagSet(fs, "formats") && picturesNamed(*formats), c.quiet, stderr, log)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	phase("layout")

	prog.setPhase("writing")
	desc := describe(fs)
	eopt := export.Options{Version: version(), Description: desc, CSV: dialect, Shares: shares, Colors: colors, Shared: *shared}
	files := lays.files(ctx, *out, g, eopt)
	if c.verbose {
		timeWriters(files, log)
	}
	if err := export.WriteFiles(ctx, files, c.allInputs(inputs)); err != nil {
		return err
	}
	phase("write")
	prog.done()
	if !c.quiet {
		st := g.Stats()
		fmt.Fprintf(stderr, "papergraph: %d papers read from %d input(s), %d merged, %d skipped, %d invalid UTF-8 repaired; %d artifacts; %d mentions, %d shares, %d cites edges",
			sum.read, sum.inputs, sum.merged, sum.skipped, sum.repairs, st.Entities, st.Mentions, st.Shares, st.Cites)
		if st.External > 0 {
			fmt.Fprintf(stderr, "; %d cited works outside the batch", st.External)
		}
		fmt.Fprintln(stderr)
		sum.notes(stderr)
		if len(steps) > 0 {
			parts := make([]string, len(steps))
			for i, s := range steps {
				parts[i] = s.String()
			}
			fmt.Fprintf(stderr, "papergraph: filters: %s; %d nodes and %d edges remain\n", strings.Join(parts, "; "), len(g.Nodes()), g.NumEdges())
		}
		if p := lays.picture; p != nil {
			fmt.Fprintf(stderr, "papergraph: picture, %s view: %s\n", p.View, p.Caption)
		}
		if n := len(st.LeftOut); n > 0 {
			fmt.Fprintf(stderr, "papergraph: %d artifacts named by too many papers left out of paper-paper links (-max-df): %s\n", n, strings.Join(head(st.LeftOut, 8), ", "))
		}
		printWrote(stderr, files)
	}
	return nil
}

// parseFilter reads the -kinds and -focus lists into f.
func parseFilter(f *graph.Filter, kinds, focus string) error {
	for _, k := range strings.Split(kinds, ",") {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		if kind := papergraph.Kind(k); kind == papergraph.KindPaper || slices.Contains(papergraph.Kinds, kind) {
			f.Kinds = append(f.Kinds, kind)
			continue
		}
		return fmt.Errorf("build: -kinds: unknown kind %q (want paper,repo,url,dataset,benchmark,model): %w", k, errUsage)
	}
	for _, id := range strings.Split(focus, ",") {
		if id = strings.TrimSpace(id); id != "" {
			f.Focus = append(f.Focus, id)
		}
	}
	if f.Depth < 1 || f.MinDegree < 0 || f.MaxNodes < 0 {
		return fmt.Errorf("build: -depth must be at least 1, -min-degree and -max-nodes not negative: %w", errUsage)
	}
	return nil
}

// filterGraph applies the filters; a focus ID may leave out its "paper:"
// prefix (an arXiv id).
func filterGraph(g *graph.Graph, f graph.Filter) (*graph.Graph, []graph.FilterStep, error) {
	for i, id := range f.Focus {
		if _, ok := g.Node(id); !ok {
			if _, ok := g.Node("paper:" + id); ok {
				f.Focus[i] = "paper:" + id
			}
		}
	}
	h, steps, err := g.Filter(f)
	if err != nil {
		return nil, nil, fmt.Errorf("build: %w", err)
	}
	return h, steps, nil
}

// picturesNamed reports whether the -formats list names svg or png itself
// (not through "all").
func picturesNamed(list string) bool {
	for _, f := range strings.Split(list, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f == "svg" || f == "png" {
			return true
		}
	}
	return false
}

func head(s []string, n int) []string {
	if len(s) > n {
		return append(slices.Clone(s[:n]), fmt.Sprintf("… %d more", len(s)-n))
	}
	return s
}

// describe records the options of a run for the outputs' metadata: every
// flag that was set, in name order. Paths are reduced to their base name so
// that the output does not depend on where the command ran.
func describe(fs *flag.FlagSet) string {
	var parts []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "o", "formats", "quiet", "v", "max-record", "strict":
			return
		case "limit", "cache", "offline", "refresh", "enrich", "enrich-via":
			// How the input was fetched, like the input's file name, is
			// not recorded: a saved batch rebuilds the same bytes.
			return
		}
		v := f.Value.String()
		if f.Name == "entities" {
			v = filepath.Base(v)
		}
		parts = append(parts, "-"+f.Name+"="+v)
	})
	return "papergraph build " + strings.Join(parts, " ")
}

func extractCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract")
	var c common
	c.register(fs)
	explain := fs.Bool("explain", false, "add every candidate a rule proposed and why it was or was not taken")
	format := fs.String("format", "", "write mention tables: parquet or jsonl (default: one JSON record a line on standard output)")
	out := fs.String("o", "", "directory of the mention tables (-format)")
	shardPapers := fs.Int("shard-papers", table.DefaultShardPapers, "papers per table shard (-format)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	switch {
	case *format != "" && *format != string(table.Parquet) && *format != string(table.JSONL):
		return fmt.Errorf("extract: -format %q: want parquet or jsonl: %w", *format, errUsage)
	case *format != "" && *out == "":
		return fmt.Errorf("extract: -format %s needs -o DIR: %w", *format, errUsage)
	case *format == "" && *out != "":
		return fmt.Errorf("extract: -o needs -format parquet or jsonl: %w", errUsage)
	case *format != "" && (*explain || c.net.enrich != ""):
		return fmt.Errorf("extract: -format writes tables without -explain or -enrich: %w", errUsage)
	case *shardPapers <= 0:
		return fmt.Errorf("extract: -shard-papers must be positive: %w", errUsage)
	}
	if *format != "" {
		if err := checkOutputDir("extract", *out); err != nil {
			return err
		}
	}
	inputs := inputNames(fs.Args(), stdin)
	c.net.inputs = c.allInputs(inputs) // the cache never writes over one
	if err := checkInputs("extract", inputs); err != nil {
		return err
	}
	if err := c.net.check("extract"); err != nil {
		return err
	}
	if err := checkNotNegative(fs, "max-record", "max-input"); err != nil {
		return err
	}
	if err := checkInputFormat("extract", c.inputFormat); err != nil {
		return err
	}
	r, err := c.start(stderr, inputs)
	if err != nil {
		return err
	}
	defer r.close()
	log, prog := r.log, r.prog
	if *format != "" {
		sum, err := extractTables(ctx, &c, inputs, stdin, *out, table.Options{Format: table.Format(*format), ShardPapers: *shardPapers}, log, prog)
		if err != nil {
			return err
		}
		if !c.quiet {
			prog.done()
			fmt.Fprintf(stderr, "papergraph: %d papers read, %d skipped, %d invalid UTF-8 repaired; tables in %s\n", sum.read, sum.skipped, sum.repairs, *out)
			sum.notes(stderr)
		}
		return nil
	}
	var x *extract.Extractor
	if *explain {
		if x, err = c.extractor(); err != nil {
			return err
		}
	}
	defer limitHeap(inputs, log)()
	papers, sum, err := loadPapers(ctx, &c, inputs, stdin, log, prog, *explain)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	type explained struct {
		dec  []extract.Decision
		more int
	}
	for _, p := range papers {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := extractRecord(p)
		if x != nil {
			// A huge abstract takes seconds to explain: Ctrl-C does not
			// wait for it.
			e, err := interruptible(ctx, func() (explained, error) {
				dec, more := x.ExplainFirst(p.Abstract, extract.MaxPerText)
				return explained{dec, more}, nil
			})
			if err != nil {
				return err
			}
			rec.Explain, rec.ExplainLeftOut = e.dec, e.more
			if rec.Explain == nil {
				rec.Explain = []extract.Decision{}
			}
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	if !c.quiet {
		fmt.Fprintf(stderr, "papergraph: %d papers read, %d merged, %d skipped, %d invalid UTF-8 repaired\n", sum.read, sum.merged, sum.skipped, sum.repairs)
		sum.notes(stderr)
	}
	return nil
}

// record is one line of papergraph extract's output.
type record struct {
	ID       string              `json:"id"`
	Title    string              `json:"title"`
	Name     string              `json:"name,omitempty"`
	Entities []papergraph.Entity `json:"entities"`
	Refs     []papergraph.Ref    `json:"refs,omitempty"`
	// LeftOut counts the mentions and references of an abstract that
	// names more than extract.MaxPerText, left out (see papergraph.Paper).
	LeftOut int `json:"left_out,omitempty"`
	// Explain (extract -explain) lists every candidate of the abstract,
	// taken or not, with its rule, cue and the reason it was left out.
	Explain []extract.Decision `json:"explain,omitempty"`
	// ExplainLeftOut counts the decisions past the first
	// extract.MaxPerText of a huge abstract, not listed.
	ExplainLeftOut int `json:"explain_left_out,omitempty"`
}

func extractRecord(p papergraph.Paper) record {
	ents := p.Entities
	if ents == nil {
		ents = []papergraph.Entity{}
	}
	return record{ID: p.Key(), Title: p.Title, Name: p.Name, Entities: ents, Refs: p.Refs, LeftOut: p.LeftOut}
}

func formatsCmd(stdout io.Writer) error {
	for _, f := range read.Formats() {
		fmt.Fprintln(stdout, f)
	}
	return nil
}

// timeWriters makes each file's Write log, at debug level, the bytes it
// wrote and its wall time: formatting, and the write(2) calls of its
// buffers it waits for, but not the final fsync; files are written in
// parallel, so the times overlap.
func timeWriters(files []export.File, log *slog.Logger) {
	for i := range files {
		path, write := files[i].Path, files[i].Write
		files[i].Write = func(w io.Writer) error {
			t := time.Now()
			cw := &countingWriter{w: w}
			err := write(cw)
			log.Debug("build: wrote", "file", path, "bytes", cw.n, "seconds", time.Since(t).Seconds())
			return err
		}
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writerFlags reads the -csv and -shares flags of build and export.
func writerFlags(cmd, csvDialect, sharesFlag string) (export.CSVDialect, export.SharesMode, error) {
	var dialect export.CSVDialect
	switch csvDialect {
	case "gephi":
		dialect = export.CSVGephi
	case "neo4j":
		dialect = export.CSVNeo4j
	default:
		return dialect, 0, fmt.Errorf("%s: -csv %q: want gephi or neo4j: %w", cmd, csvDialect, errUsage)
	}
	shares := export.SharesGephi
	switch sharesFlag {
	case "gephi":
	case "directed":
		shares = export.SharesDirected
	case "undirected":
		shares = export.SharesUndirected
	default:
		return dialect, 0, fmt.Errorf("%s: -shares %q: want gephi, directed or undirected: %w", cmd, sharesFlag, errUsage)
	}
	return dialect, shares, nil
}
