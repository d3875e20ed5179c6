package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/extract/fetch"
)

// netFlags are the flags of runs that fetch: sources as inputs and
// enrichment.
type netFlags struct {
	limit    int
	cacheDir string
	offline  bool
	refresh  bool
	enrich   string
	via      string

	client *fetch.Client
	inputs []string // the run's input files, which the cache must not replace
}

func (n *netFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&n.limit, "limit", fetch.DefaultLimit, "papers fetched per source")
	fs.StringVar(&n.cacheDir, "cache", "", "response cache directory (default under the user cache directory; off: none)")
	fs.BoolVar(&n.offline, "offline", false, "answer from the cache only")
	fs.BoolVar(&n.refresh, "refresh", false, "fetch again what the cache holds")
	fs.StringVar(&n.enrich, "enrich", "", "fetch what the batch's papers cite: refs")
	fs.StringVar(&n.via, "enrich-via", "s2", "where enrichment comes from: s2 or openalex")
}

// check validates the flags (a usage error otherwise).
func (n *netFlags) check(cmd string) error {
	if n.limit <= 0 {
		return fmt.Errorf("%s: -limit %d: want a positive number: %w", cmd, n.limit, errUsage)
	}
	if n.offline && n.refresh {
		return fmt.Errorf("%s: -offline and -refresh exclude each other: %w", cmd, errUsage)
	}
	switch strings.ToLower(strings.TrimSpace(n.enrich)) {
	case "", "refs":
	case "citations", "refs,citations":
		return fmt.Errorf("%s: -enrich %s: only refs (what the papers cite) is fetched: %w", cmd, n.enrich, errUsage)
	default:
		return fmt.Errorf("%s: -enrich %q: want refs: %w", cmd, n.enrich, errUsage)
	}
	if _, err := n.enrichAPI(); err != nil {
		return fmt.Errorf("%s: %w", cmd, err)
	}
	return nil
}

func (n *netFlags) enrichAPI() (*fetch.API, error) {
	switch strings.ToLower(strings.TrimSpace(n.via)) {
	case "s2", "":
		return fetch.SemanticScholar, nil
	case "openalex":
		return fetch.OpenAlex, nil
	}
	return nil, fmt.Errorf("-enrich-via %q: want s2 or openalex: %w", n.via, errUsage)
}

// fetcher returns the run's client, made on first use.
func (n *netFlags) fetcher(log *slog.Logger, prog *progress) (*fetch.Client, error) {
	if n.client != nil {
		return n.client, nil
	}
	c := &fetch.Client{Offline: n.offline, Refresh: n.refresh, Version: version(), Logger: log,
		Progress: func(msg string) { prog.setPhase(msg) }}
	switch dir := n.cacheDir; dir {
	case "off":
	case "":
		d, err := fetch.DefaultCacheDir()
		if err != nil {
			if n.offline {
				return nil, err
			}
			log.Debug("fetch: no cache", "err", err)
			break
		}
		c.Cache = &fetch.Cache{Dir: d}
	default:
		c.Cache = &fetch.Cache{Dir: dir}
	}
	if n.offline && c.Cache == nil {
		return nil, fmt.Errorf("fetch: -offline needs a cache (-cache DIR)")
	}
	if c.Cache != nil {
		inputs := n.inputs
		c.Cache.Refuse = func(path string) error { return export.CheckTargets([]string{path}, inputs) }
	}
	if configureClient != nil {
		configureClient(c)
	}
	n.client = c
	return c, nil
}

// configureClient, when set (by tests: a fake clock), adjusts the client
// of each run.
var configureClient func(*fetch.Client)

// isSource reports whether arg names a source rather than a file: it is
// written as one and no such file exists.
func isSource(arg string) bool {
	if !fetch.IsSource(arg) {
		return false
	}
	_, err := os.Stat(arg)
	return err != nil
}

// sourceInputs fetches a source and returns its pages as inputs, with
// notes on what it did not find.
func (n *netFlags) sourceInputs(ctx context.Context, spec string, log *slog.Logger, prog *progress) ([]input, []string, error) {
	src, err := fetch.ParseSource(spec)
	if err != nil {
		return nil, nil, err
	}
	c, err := n.fetcher(log, prog)
	if err != nil {
		return nil, nil, err
	}
	res, err := c.Fetch(ctx, src, n.limit)
	if err != nil {
		return nil, nil, err
	}
	var ins []input
	for _, p := range res.Pages {
		ins = append(ins, input{name: p.Name, r: bytes.NewReader(p.Body), format: p.Format})
	}
	var notes []string
	for _, id := range res.NotFound {
		notes = append(notes, fmt.Sprintf("%s: not found in %s: %s", spec, src.API.Name, id))
	}
	return ins, notes, nil
}

// enrichPapers fetches the references of papers when -enrich asks for
// them, and returns the records to merge into the batch, with notes that
// name every paper not found.
func (n *netFlags) enrichPapers(ctx context.Context, papers []papergraph.Paper, log *slog.Logger, prog *progress) ([]papergraph.Paper, []string, error) {
	if n.enrich == "" {
		return nil, nil, nil
	}
	via, err := n.enrichAPI()
	if err != nil {
		return nil, nil, err
	}
	c, err := n.fetcher(log, prog)
	if err != nil {
		return nil, nil, err
	}
	recs, rep, err := c.Enrich(ctx, papers, fetch.EnrichOptions{Via: via})
	if err != nil {
		return nil, nil, err
	}
	asked := len(rep.Found) + len(rep.NotFound)
	notes := []string{fmt.Sprintf("-enrich refs: %d of %d papers found in %s, citing %d works; %d not found, %d without an arXiv id or DOI",
		len(rep.Found), asked, via.Name, rep.Refs, len(rep.NotFound), len(rep.NoID))}
	for _, name := range rep.NotFound {
		notes = append(notes, fmt.Sprintf("-enrich refs: not found in %s: %s", via.Name, name))
	}
	for _, name := range rep.NoID {
		notes = append(notes, "-enrich refs: no arXiv id or DOI to look up: "+name)
	}
	return recs, notes, nil
}

// requestNote says how many requests a run sent and how many the cache
// answered, or "" when it fetched nothing.
func (n *netFlags) requestNote() string {
	if n.client == nil {
		return ""
	}
	sent, cached := n.client.Stats()
	return fmt.Sprintf("fetch: %d request(s) sent, %d answered from the cache", sent, cached)
}

// readNamed reads the input called name, handing its papers to keep: a
// file, "-", the sample (""), or a source, fetched and read page by page.
func (c *common) readNamed(ctx context.Context, name string, stdin io.Reader, sum *summary, log *slog.Logger, prog *progress, keep func(papergraph.Paper)) error {
	if isSource(name) {
		pages, notes, err := c.net.sourceInputs(ctx, name, log, prog)
		if err != nil {
			return err
		}
		sum.fetchNotes = append(sum.fetchNotes, notes...)
		for _, in := range pages {
			if err := readInput(ctx, c, in, sum, log, prog, keep); err != nil {
				return err
			}
		}
		return nil
	}
	in, err := openInput(name, stdin)
	if err != nil {
		return err
	}
	if in.c != nil {
		defer in.c.Close()
	}
	return readInput(ctx, c, in, sum, log, prog, keep)
}

// fetchCmd writes the papers of its inputs (sources or files), and with
// -enrich the records of what they cite, as a batch papergraph reads:
// the papers as read, neither merged nor extracted, so that building
// from the batch gives what building from the inputs gives.
func fetchCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("fetch")
	var c common
	c.register(fs)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	inputs := inputNames(fs.Args(), stdin)
	c.net.inputs = c.allInputs(inputs) // the cache never writes over one
	if len(inputs) == 0 {
		return fmt.Errorf("fetch: no source given (hf:daily, arxiv:QUERY, openalex:FILTER, s2:QUERY, ...): %w", errUsage)
	}
	if err := checkInputs("fetch", inputs); err != nil {
		return err
	}
	if err := c.net.check("fetch"); err != nil {
		return err
	}
	log := newLogger(stderr, c.verbose)
	prog := newProgress(stderr, c.quiet)
	defer prog.done()
	sum := &summary{inputs: len(inputs)}
	var papers []papergraph.Paper
	for _, name := range inputs {
		err := c.readNamed(ctx, name, stdin, sum, log, prog, func(p papergraph.Paper) { papers = append(papers, p) })
		if err != nil {
			return err
		}
	}
	recs, notes, err := c.net.enrichPapers(ctx, papers, log, prog)
	if err != nil {
		return err
	}
	sum.fetchNotes = append(sum.fetchNotes, notes...)
	if note := c.net.requestNote(); note != "" {
		sum.fetchNotes = append(sum.fetchNotes, note)
	}
	var b bytes.Buffer // nothing is written unless all went well
	if err := fetch.WriteBatch(&b, append(papers, recs...)); err != nil {
		return err
	}
	prog.done()
	if _, err := stdout.Write(b.Bytes()); err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	if !c.quiet {
		fmt.Fprintf(stderr, "papergraph: %d papers fetched or read from %d input(s), %d skipped", sum.read, sum.inputs, sum.skipped)
		if len(recs) > 0 {
			fmt.Fprintf(stderr, "; %d reference records", len(recs))
		}
		fmt.Fprintln(stderr)
		sum.notes(stderr)
	}
	return nil
}
