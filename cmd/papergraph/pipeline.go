package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
)

// common holds the flags that build and extract share.
type common struct {
	inputFormat string
	entities    string
	strict      bool
	maxRecord   int
	quiet       bool
	verbose     bool
	cpuprofile  string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.inputFormat, "input-format", "", "force an input format")
	fs.StringVar(&c.entities, "entities", "", "extra or overriding entity list")
	fs.BoolVar(&c.strict, "strict", false, "fail on the first malformed record")
	fs.IntVar(&c.maxRecord, "max-record", 64<<20, "largest record in bytes")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress or summary on stderr")
	fs.BoolVar(&c.verbose, "v", false, "verbose log on stderr")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
}

// startProfile starts CPU profiling when -cpuprofile is set and returns the
// function that stops it.
func (c *common) startProfile() (stop func(), err error) {
	if c.cpuprofile == "" {
		return func() {}, nil
	}
	f, err := os.Create(c.cpuprofile)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args, mapping flag errors to usage errors.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return flag.ErrHelp
		}
		return fmt.Errorf("%s: %v: %w", fs.Name(), err, errUsage)
	}
	return nil
}

// summary counts what a run read.
type summary struct {
	inputs  int
	read    int
	skipped int
	merged  int
	skips   []error
	// invalid lists, per input with bytes that are not UTF-8, how many
	// runs were repaired (read as U+FFFD) and where the first was.
	invalid []string
	repairs int
}

// maxSkipsShown bounds the skipped records named on stderr.
const maxSkipsShown = 5

// notes writes what a run repaired or left out, after the summary line:
// the first skipped records with their positions and the inputs whose
// invalid UTF-8 was repaired. Nothing is dropped or changed silently.
func (s *summary) notes(w io.Writer) {
	for i, err := range s.skips {
		if i == maxSkipsShown {
			fmt.Fprintf(w, "papergraph: ... and %d more skipped records (-v lists them all, -strict stops at the first)\n", len(s.skips)-maxSkipsShown)
			break
		}
		fmt.Fprintf(w, "papergraph: skipped: %v\n", err)
	}
	for _, msg := range s.invalid {
		fmt.Fprintf(w, "papergraph: %s\n", msg)
	}
}

// input is one opened input: its name for messages and the reader.
type input struct {
	name string
	r    io.Reader
	c    io.Closer
}

func openInputs(files []string, stdin io.Reader) ([]input, error) {
	if len(files) == 0 {
		return []input{{name: papergraph.SampleName, r: bytes.NewReader(papergraph.Sample)}}, nil
	}
	var ins []input
	for _, f := range files {
		if f == "-" {
			ins = append(ins, input{name: "<stdin>", r: stdin})
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			for _, in := range ins {
				if in.c != nil {
					in.c.Close()
				}
			}
			return nil, fmt.Errorf("read: %w", err)
		}
		ins = append(ins, input{name: f, r: fh, c: fh})
	}
	return ins, nil
}

// loadPapers reads every input, merges the records of one paper, extracts
// each kept paper once on all cores (results in input order), runs the
// batch pass (extract.NameRefs) and returns the papers. keepAbstract false
// drops abstracts after extraction to save memory.
func loadPapers(ctx context.Context, c *common, files []string, stdin io.Reader, log *slog.Logger, prog *progress, keepAbstract bool) ([]papergraph.Paper, *summary, error) {
	xcfg := extract.Config{}
	if c.entities != "" {
		f, err := os.Open(c.entities)
		if err != nil {
			return nil, nil, fmt.Errorf("entities: %w", err)
		}
		defer f.Close()
		gz, err := extract.LoadEntities(f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", c.entities, err)
		}
		xcfg.Entities = []*extract.Gazetteer{gz}
	}
	x, err := extract.New(xcfg)
	if err != nil {
		return nil, nil, err
	}
	ins, err := openInputs(files, stdin)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		for _, in := range ins {
			if in.c != nil {
				in.c.Close()
			}
		}
	}()
	sum := &summary{inputs: len(ins)}
	// Papers gather in blocks, joined once at the end: appending a
	// million 300-byte structs to one slice reallocates (and page-faults)
	// several times its final size.
	const block = 1 << 14
	var blocks [][]papergraph.Paper
	cur := make([]papergraph.Paper, 0, block)
	for _, in := range ins {
		rd, err := openReader(ctx, in, read.Options{Format: c.inputFormat, MaxRecordBytes: c.maxRecord})
		if err != nil {
			return nil, nil, err
		}
		// readAll may return (Ctrl-C) while next waits in a read; when that
		// read returns, next and add must not touch sum, prog or the papers.
		var mu sync.Mutex
		stopped := false
		// counted counts one result of rd.Next; skip says to read on.
		counted := func(err error) (skip bool) {
			mu.Lock()
			defer mu.Unlock()
			if stopped {
				return false
			}
			if err != nil {
				sum.skipped++
				sum.skips = append(sum.skips, err)
				log.Warn("skipped record", "err", err)
				return true
			}
			sum.read++
			prog.tick(sum.read)
			return false
		}
		next := func() (papergraph.Paper, bool, error) {
			for {
				if err := ctx.Err(); err != nil {
					return papergraph.Paper{}, false, err
				}
				p, err := rd.Next()
				if err == io.EOF {
					return papergraph.Paper{}, false, nil
				}
				var rerr *read.RecordError
				if err != nil && !(errors.As(err, &rerr) && !c.strict) {
					return papergraph.Paper{}, false, err
				}
				if counted(err) {
					continue
				}
				if err != nil { // stopped
					return papergraph.Paper{}, false, ctx.Err()
				}
				return p, true, nil
			}
		}
		err = readAll(ctx, next, func(p papergraph.Paper) {
			mu.Lock()
			defer mu.Unlock()
			if stopped {
				return
			}
			if len(cur) == block {
				blocks = append(blocks, cur)
				cur = make([]papergraph.Paper, 0, block)
			}
			cur = append(cur, p)
		})
		mu.Lock()
		stopped = true
		mu.Unlock()
		if err != nil {
			return nil, nil, err
		}
		if runs, line := rd.InvalidUTF8(); runs > 0 {
			sum.repairs += runs
			sum.invalid = append(sum.invalid, fmt.Sprintf("%s: %d run(s) of bytes that are not UTF-8 read as U+FFFD (first on line %d)", in.name, runs, line))
		}
	}
	blocks = append(blocks, cur)
	n := 0
	for _, b := range blocks {
		n += len(b)
	}
	papers := make([]papergraph.Paper, 0, n)
	for i, b := range blocks {
		papers = append(papers, b...)
		blocks[i] = nil
	}
	papers, ms := papergraph.Merge(papers)
	sum.merged = ms.Merged
	// Each kept paper is extracted once, on all cores, then the batch
	// pass finds the papers' names in each other's text.
	prog.setPhase("extracting")
	i := 0
	next := func() (papergraph.Paper, bool, error) {
		if i == len(papers) {
			return papergraph.Paper{}, false, nil
		}
		i++
		return papers[i-1], true, nil
	}
	j := 0
	err = extract.Each(ctx, next, 0, extractPaper(x), func(p papergraph.Paper) error { papers[j] = p; j++; return nil })
	if err != nil {
		return nil, nil, err
	}
	extract.NameRefs(papers)
	if !keepAbstract {
		for i := range papers {
			papers[i].DropAbstract()
		}
	}
	return papers, sum, nil
}

// extractPaper returns the function that extracts one paper; tests wrap
// it to count the calls.
var extractPaper = func(x *extract.Extractor) func(*papergraph.Paper) { return x.Paper }

// readAll passes every paper next yields to add, until the end of the
// input or an error. It returns as soon as ctx is done, even while next
// waits in a read (a pipe, a terminal): the abandoned loop ends when that
// read returns, and next and add must then touch nothing the caller
// still uses (loadPapers guards them with its stopped flag).
func readAll(ctx context.Context, next func() (papergraph.Paper, bool, error), add func(papergraph.Paper)) error {
	done := make(chan error, 1)
	go func() {
		for {
			p, ok, err := next()
			if err != nil || !ok {
				done <- err
				return
			}
			add(p)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// openReader opens in, returning as soon as ctx is done: Open reads ahead
// to detect the format, and a pipe or terminal may send nothing for long.
// An abandoned Open ends when its read returns.
func openReader(ctx context.Context, in input, opt read.Options) (*read.Reader, error) {
	type opened struct {
		rd  *read.Reader
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		rd, err := read.Open(in.r, in.name, opt)
		ch <- opened{rd, err}
	}()
	select {
	case o := <-ch:
		return o.rd, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// progress reports records read on stderr, at most every half second, and
// only when stderr is a terminal.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	last  time.Time
	phase string
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	p := &progress{w: stderr, start: time.Now()}
	if f, ok := stderr.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

// progressDelay is how long a run goes before progress is shown: short
// runs print nothing but their summary.
const progressDelay = 2 * time.Second

// tick notes that n records have been read.
func (p *progress) tick(n int) {
	if !p.on || n%1024 != 0 {
		return
	}
	now := time.Now()
	el := now.Sub(p.start)
	if el < progressDelay || now.Sub(p.last) < 500*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\rpapergraph: reading: %d records, %.0f papers/s, %.0f s   ", n, float64(n)/el.Seconds(), el.Seconds())
}

// setPhase names the phase the run is in.
func (p *progress) setPhase(s string) {
	if !p.on {
		return
	}
	p.phase = s
	if el := time.Since(p.start); el >= progressDelay {
		p.last = time.Now()
		fmt.Fprintf(p.w, "\r\033[Kpapergraph: %s (%.0f s so far)", s, el.Seconds())
	}
}

// done clears the progress line, if one was shown.
func (p *progress) done() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
