package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/internal/sample"
)

// common holds the flags that build and extract share.
type common struct {
	inputFormat string
	entities    string
	strict      bool
	maxRecord   int
	maxInput    int64
	quiet       bool
	verbose     bool
	cpuprofile  string
	allowEmpty  bool
	net         netFlags // sources and enrichment
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.inputFormat, "input-format", "", "force an input format")
	fs.StringVar(&c.entities, "entities", "", "extra or overriding entity list")
	fs.BoolVar(&c.strict, "strict", false, "fail on the first malformed record")
	fs.IntVar(&c.maxRecord, "max-record", 64<<20, "largest record in bytes, also once expanded")
	fs.Int64Var(&c.maxInput, "max-input", 0, "largest input in bytes once decompressed (0: no limit)")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress or summary on stderr")
	fs.BoolVar(&c.verbose, "v", false, "verbose log on stderr")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.BoolVar(&c.allowEmpty, "allow-empty", false, "an input whose records are all skipped is not an error")
	c.net.register(fs)
}

// setup is what a command that reads papers sets up once: its logger
// (-v), its progress line (-quiet) and the CPU profile (-cpuprofile).
type setup struct {
	log         *slog.Logger
	prog        *progress
	stopProfile func()
}

// start sets up c: the profile, which must not be one of
// inputs, starts now; close ends it and the progress line.
func (c *common) start(stderr io.Writer, inputs []string) (*setup, error) {
	stop, err := c.startProfile(inputs)
	if err != nil {
		return nil, err
	}
	return &setup{log: newLogger(stderr, c.verbose), prog: newProgress(stderr, c.quiet), stopProfile: stop}, nil
}

// close stops the profile and ends the progress line.
func (r *setup) close() {
	r.stopProfile()
	r.prog.done()
}

// startProfile starts CPU profiling when -cpuprofile is set and returns the
// function that stops it. The profile must not be one of inputs.
func (c *common) startProfile(inputs []string) (stop func(), err error) {
	if c.cpuprofile == "" {
		return func() {}, nil
	}
	if fi, err := os.Stat(c.cpuprofile); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("cpuprofile: %s is a directory: name the profile's file: %w", c.cpuprofile, errUsage)
	}
	if err := export.CheckTargets([]string{c.cpuprofile}, c.allInputs(inputs)); err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
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

// parse parses args, mapping flag errors to usage errors. Flags may come
// after file names too (`build a.bib -o out`); after "--" every argument
// is a file name. fs.Args() returns the file names.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage())
				return flag.ErrHelp
			}
			return fmt.Errorf("%s: %v: %w", fs.Name(), err, errUsage)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			files = append(files, rest...) // Parse stopped at "--"
			break
		}
		files, args = append(files, rest[0]), rest[1:]
	}
	// Leave the file names in fs.Args.
	return fs.Parse(append([]string{"--"}, files...))
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
	// ended lists the inputs a syntax error ended early, with where.
	ended []string
	// fetchNotes say what sources and enrichment did not find.
	fetchNotes []string
	// remarks are what the readers noticed without skipping a record
	// (read.Note): rows with a wrong number of fields, dropped header lines.
	remarks []string
	// bytes counts the bytes read from the inputs (before any
	// decompression); readers may read ahead on goroutines of their own.
	bytes atomic.Int64
	// cut counts the papers whose abstract named more artifacts or
	// references than extraction keeps (extract.MaxPerText); cutShown
	// names the first of them.
	cut      int
	cutShown []string
}

// countLeftOut notes a paper whose extraction left mentions out.
func (s *summary) countLeftOut(p *papergraph.Paper) {
	if p.LeftOut == 0 {
		return
	}
	s.cut++
	if len(s.cutShown) < maxSkipsShown {
		s.cutShown = append(s.cutShown, fmt.Sprintf("%s: the abstract names more than %d artifacts or references: the first %d of each kept, %d more mentions left out",
			p.Pos.String(), extract.MaxPerText, extract.MaxPerText, p.LeftOut))
	}
}

// maxSkipsShown bounds the skipped records named on stderr.
const maxSkipsShown = 5

// notes writes what a run repaired or left out, after the summary line:
// the first skipped records with their positions and the inputs whose
// invalid UTF-8 was repaired. Nothing is dropped or changed silently.
func (s *summary) notes(w io.Writer) {
	for _, err := range s.skips {
		fmt.Fprintf(w, "papergraph: skipped: %v\n", err)
	}
	if more := s.skipped - len(s.skips); more > 0 {
		fmt.Fprintf(w, "papergraph: ... and %d more skipped records (-v lists them all, -strict stops at the first)\n", more)
	}
	for _, msg := range s.invalid {
		fmt.Fprintf(w, "papergraph: %s\n", msg)
	}
	for _, msg := range s.ended {
		fmt.Fprintf(w, "papergraph: input ended early: %s\n", msg)
	}
	for _, msg := range s.fetchNotes {
		fmt.Fprintf(w, "papergraph: %s\n", msg)
	}
	for _, msg := range s.remarks {
		fmt.Fprintf(w, "papergraph: note: %s\n", msg)
	}
	for _, msg := range s.cutShown {
		fmt.Fprintf(w, "papergraph: note: %s\n", msg)
	}
	if more := s.cut - len(s.cutShown); more > 0 {
		fmt.Fprintf(w, "papergraph: note: ... and %d more records cut so\n", more)
	}
}

// input is one opened input: its name for messages, the reader and, for
// a page of a source, its format.
type input struct {
	name   string
	r      io.Reader
	c      io.Closer
	format string
}

// stdinLabel names standard input in messages and positions.
const stdinLabel = "<stdin>"

// openInput opens the input called name ("-" is stdin, no name at all the
// embedded sample). Inputs are opened one at a time, as they are read,
// so that any number of files stays within the open-file limit.
func openInput(name string, stdin io.Reader) (input, error) {
	switch name {
	case "":
		return input{name: sample.Name, r: bytes.NewReader(sample.Page)}, nil
	case export.StdinName:
		return input{name: stdinLabel, r: stdin}, nil
	}
	fh, err := os.Open(name)
	if err != nil {
		return input{}, fmt.Errorf("read: %w", err)
	}
	return input{name: name, r: fh, c: fh}, nil
}

// extractor builds the Extractor the flags ask for (-entities).
func (c *common) extractor() (*extract.Extractor, error) {
	xcfg := extract.Config{}
	if c.entities != "" {
		f, err := os.Open(c.entities)
		if err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		defer f.Close()
		gz, err := extract.LoadEntities(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.entities, err)
		}
		xcfg.Entities = []*extract.Gazetteer{gz}
	}
	return extract.New(xcfg)
}

// loadPapers reads every input, merges the records of one paper, extracts
// each kept paper on all cores (results in input order), runs the batch
// pass (extract.NameRefs) and returns the papers. The records are
// extracted as they are read (ahead), while the extractor is built and
// the inputs read on; a paper Merge folds from several records is
// extracted again from the merged record. keepAbstract false
// drops each abstract as soon as its paper is extracted, to save memory;
// the batch pass then reads what extract.Excerpts kept of it.
//
// files are the inputs' names as inputNames gives them (none: the sample).
// An input of which no record could be read is an error unless
// -allow-empty: the error names the first reasons.
func loadPapers(ctx context.Context, c *common, files []string, stdin io.Reader, log *slog.Logger, prog *progress, keepAbstract bool) ([]papergraph.Paper, *summary, error) {
	names := files
	if len(names) == 0 {
		names = []string{""} // the sample
	}
	step := phaseTimer(log, "load: step done", "step")
	// The extractor is built while the inputs are read, and extracts
	// their records as they come (ahead); an error building it stops
	// the reading and is the run's error, as it was when it came first.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	size := inputSize(names)
	a := startAhead(rctx, c.extractor, cancel, extractAhead && size > 0 && size <= aheadMaxInput)
	defer a.stop()
	sum := &summary{inputs: len(names)}
	gather := paperBlocks{size: size}
	var err error
	for _, name := range names {
		err = c.readNamed(rctx, name, stdin, sum, log, prog, func(p papergraph.Paper) {
			gather.add(p, sum.bytes.Load())
			a.offer(p)
		})
		if err != nil {
			break
		}
	}
	x, xerr := a.extractor(ctx)
	if xerr != nil {
		return nil, nil, xerr
	}
	if err != nil {
		return nil, nil, err
	}
	papers := gather.join()
	step("read")
	// -enrich: records of what the papers cite, merged into them.
	recs, notes, err := c.net.enrichPapers(ctx, papers, log, prog)
	if err != nil {
		return nil, nil, err
	}
	sum.fetchNotes = append(sum.fetchNotes, notes...)
	if note := c.net.requestNote(); note != "" {
		sum.fetchNotes = append(sum.fetchNotes, note)
	}
	papers = append(papers, recs...)
	if c.net.enrich != "" {
		step("enrich") // network fetches, not merge's CPU
	}
	type mergeResult struct {
		papers []papergraph.Paper
		from   papergraph.Origins
		stats  papergraph.MergeStats
	}
	mr, err := interruptible(ctx, func() (mergeResult, error) {
		p, from, ms := papergraph.MergeFrom(papers)
		return mergeResult{p, from, ms}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	papers, from, ms := mr.papers, mr.from, mr.stats
	sum.merged = ms.Merged
	step("merge")
	if err := a.finish(ctx); err != nil {
		return nil, nil, err
	}
	// The kept papers not given what was extracted ahead are extracted
	// now, on all cores, then the batch pass finds the papers' names in
	// each other's text.
	prog.setPhase("extracting")
	// Without keepAbstract each abstract goes as soon as its paper is
	// extracted: the batch pass reads what kept holds of it (about a
	// third), so the heap never holds every abstract and every entity at
	// once. Each paper is extracted, or given what was extracted ahead,
	// where it lies, by its index (extract.EachIndex): copying each into
	// a batch and back cost an allocation of its struct per paper.
	var (
		ents entityBlocks
		kept *extract.Excerpts
		drop papergraph.Dropper
	)
	if !keepAbstract {
		kept = new(extract.Excerpts)
		kept.Grow(len(papers))
	}
	// A paper that is a record extracted ahead gets what was extracted
	// of it; the others (folds, records the workers had no time for,
	// -enrich's) are extracted now.
	xf := extractPaper(x)
	given := make([]bool, len(papers)) // papers that got what was extracted ahead
	nGiven := 0
	extractOne := func(k int) {
		rec := k
		if from != nil {
			rec = from[k]
		}
		if e := a.result(rec); e != nil {
			e.Give(&papers[k])
			given[k] = true
		} else {
			xf(&papers[k])
		}
	}
	err = extract.EachIndex(ctx, len(papers), 0, extractOne, func(i int) error {
		p := &papers[i]
		sum.countLeftOut(p)
		if given[i] {
			nGiven++
		} else {
			p.Entities = ents.hold(p.Entities)
		}
		if kept != nil {
			kept.Keep(i, p)
			drop.Drop(p)
		}
		return nil
	})
	a.release() // the results of folded records, held until now
	if err != nil {
		return nil, nil, err
	}
	log.Debug("extract: ahead", "records", a.n, "given", nGiven, "papers", len(papers))
	step("extract")
	nameRefs := extract.NameRefs
	if kept != nil {
		nameRefs = kept.NameRefs
	}
	if _, err := interruptible(ctx, func() (struct{}, error) { nameRefs(papers); return struct{}{}, nil }); err != nil {
		return nil, nil, err
	}
	step("name search")
	if kept != nil && !heapLimited() {
		// The excerpts are garbage now, and the collector's next goal,
		// twice the heap it last found live, counts them: collect them
		// now, before the graph's work grows the heap to that goal. Under
		// a heap limit (limitHeap) the collector keeps the heap and its
		// freed pages within the limit by itself: a forced collection
		// and the return of every freed page cost 4.4 s CPU at a million
		// papers, and the graph's work took the pages back one fault at
		// a time.
		collect()
		step("collect")
	}
	return papers, sum, nil
}

// countingReader counts the bytes read through it in n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// paperBlocks gathers the papers of a run. Appending a million 300-byte
// structs to one slice reallocates (and page-faults) several times its
// final size, so papers gather in blocks joined once at the end; the
// first block grows as papers come, so that a small input does not pay
// for a full block. When the inputs' size is known, the first full block
// says how many papers they hold: the slice is then made at that size
// (the first block's papers per byte, and some margin) and no join copies
// it at the end, when the heap is largest.
type paperBlocks struct {
	size   int64 // bytes of the inputs, 0 when unknown
	blocks [][]papergraph.Paper
	cur    []papergraph.Paper
}

// paperBlock is how many papers a block holds.
const paperBlock = 1 << 14

// add appends p; read is how many bytes of the inputs were read so far.
func (b *paperBlocks) add(p papergraph.Paper, read int64) {
	if len(b.cur) == paperBlock && len(b.blocks) == 0 && b.size > 0 && read > 0 {
		// 5% and a block more than the first block's rate says.
		est := int64(float64(paperBlock)*float64(b.size)/float64(read)*1.05) + paperBlock
		if est > int64(cap(b.cur)) && est < b.size {
			b.cur = append(make([]papergraph.Paper, 0, est), b.cur...)
		}
	}
	if len(b.cur) == cap(b.cur) && len(b.cur) >= paperBlock {
		b.blocks = append(b.blocks, b.cur)
		b.cur = make([]papergraph.Paper, 0, paperBlock)
	}
	b.cur = append(b.cur, p)
}

// join returns the papers in the order added.
func (b *paperBlocks) join() []papergraph.Paper {
	if len(b.blocks) == 0 {
		return b.cur
	}
	n := len(b.cur)
	for _, bl := range b.blocks {
		n += len(bl)
	}
	papers := make([]papergraph.Paper, 0, n)
	for i, bl := range b.blocks {
		papers = append(papers, bl...)
		b.blocks[i] = nil
	}
	return append(papers, b.cur...)
}

// entityBlocks holds the entities of a run's papers in shared blocks.
// Extraction appends each paper's entities to a slice of its own, whose
// capacity is a quarter more than its length on average: at a million
// papers 130 MB of the 560 MB the entities took (each is 136 bytes).
// Packed one after another, they take what they need.
type entityBlocks struct{ cur []papergraph.Entity }

// entityBlock is how many entities a block holds.
const entityBlock = 1 << 12

// hold returns a copy of es in a block, with no capacity past its length,
// so that appending to it never writes into the next paper's entities.
func (b *entityBlocks) hold(es []papergraph.Entity) []papergraph.Entity {
	if len(es) == 0 {
		return es
	}
	if len(es) > cap(b.cur)-len(b.cur) {
		b.cur = make([]papergraph.Entity, 0, max(entityBlock, len(es)))
	}
	n := len(b.cur)
	b.cur = append(b.cur, es...)
	return b.cur[n:len(b.cur):len(b.cur)]
}

// inputSize returns the bytes of the named inputs, 0 when one of them is
// not a regular file (standard input, a source, the sample).
func inputSize(names []string) int64 {
	var n int64
	for _, name := range names {
		if name == "" || name == export.StdinName || isSource(name) {
			return 0
		}
		fi, err := os.Stat(name)
		if err != nil || !fi.Mode().IsRegular() {
			return 0
		}
		n += fi.Size()
	}
	return n
}

// collect collects the garbage now, after a phase that dropped most of
// a heap of a gigabyte or more, and gives the freed pages back to the
// system at once. The collector's next goal, twice the heap it last found
// live, still counts what was dropped, and the scavenger keeps freed
// pages up to that goal: the next phase's large arrays would be made
// beside them (a million papers: 5.2 GB peak RSS for a heap of 3.4 GB).
// A smaller heap is left to the collector: collecting it early costs
// more CPU time than its pages are worth.
func collect() {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() >= 1<<30 {
		debug.FreeOSMemory()
	}
}

// heapLimited reports whether a heap limit is in effect (limitHeap, or
// GOMEMLIMIT in the environment).
func heapLimited() bool { return debug.SetMemoryLimit(-1) != math.MaxInt64 }

// extractAhead says whether loadPapers extracts records as they are read
// (ahead); tests turn it off to compare.
var extractAhead = true

// aheadMaxInput bounds the inputs whose records are extracted ahead, in
// bytes of the files and in bytes of the records' text read (a gzip file
// holds several times its size): what
// extraction gives each record is then held beside every abstract until
// the merge, and over larger inputs, under their heap limit (limitHeap),
// the collector ran so often that a million records (1.4 GB) took more
// CPU time than without. Inputs of unknown size (standard input, sources)
// are read first too.
var aheadMaxInput int64 = 256 << 20

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

// readInput reads the papers of one input and hands them to keep in
// input order. A syntax error that
// ends the input (broken JSON or XML) keeps the papers before it and is
// noted in sum, unless -strict. An input of which no paper was read is an
// error naming the first reasons, unless -allow-empty.
func readInput(ctx context.Context, c *common, in input, sum *summary, log *slog.Logger, prog *progress, keep func(papergraph.Paper)) error {
	format := c.inputFormat
	if in.format != "" {
		format = in.format // a source's page
	}
	in.r = &countingReader{r: in.r, n: &sum.bytes}
	rd, err := openReader(ctx, in, read.Options{Format: format, MaxRecordBytes: c.maxRecord, MaxInputBytes: c.maxInput})
	if err != nil {
		if in.name == stdinLabel && errors.Is(err, read.ErrEmpty) {
			return fmt.Errorf("%w (standard input was read: with no FILE it is read when it is not a terminal)", err)
		}
		return err
	}
	var (
		mu      sync.Mutex
		stopped bool // readAll may return (Ctrl-C) while next waits in a read; then next and keep touch nothing
		got     int  // papers of this input
		skips   []error
		ended   error // the error that ended this input early
	)
	// counted counts one result of rd.Next; skip says to read on.
	counted := func(err error) (skip bool) {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return false
		}
		if err != nil {
			sum.skipped++
			if len(sum.skips) < maxSkipsShown { // the rest are counted, not kept: memory stays flat
				sum.skips = append(sum.skips, err)
			}
			if len(skips) < maxSkipsShown {
				skips = append(skips, err)
			}
			log.Warn("skipped record", "err", err)
			return true
		}
		got++
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
			if err != nil && !errors.As(err, &rerr) {
				if !c.strict && endsInput(err) {
					mu.Lock()
					ended = err
					mu.Unlock()
					return papergraph.Paper{}, false, nil
				}
				return papergraph.Paper{}, false, err
			}
			if err != nil && c.strict {
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
		if !stopped {
			keep(p)
		}
	})
	mu.Lock()
	stopped = true
	mu.Unlock()
	if err != nil {
		return err
	}
	if ended != nil {
		sum.ended = append(sum.ended, fmt.Sprintf("%v (the %d paper(s) before it are kept)", ended, got))
		log.Warn("input ended early", "err", ended)
	}
	for _, n := range rd.Notes() {
		sum.remarks = append(sum.remarks, n.String())
		for _, d := range n.Detail {
			log.Info("note", "input", in.name, "line", d)
		}
	}
	if runs, line := rd.InvalidUTF8(); runs > 0 {
		sum.repairs += runs
		sum.invalid = append(sum.invalid, fmt.Sprintf("%s: %d run(s) of bytes that are not UTF-8 read as U+FFFD (first on line %d)", in.name, runs, line))
	}
	if got == 0 && !c.allowEmpty {
		return emptyInput(in.name, skips, sum.skipped, ended)
	}
	return nil
}

// endsInput reports whether err, returned by a Reader, ends its input
// only: the input is broken (syntax, size, entities), not the machine.
func endsInput(err error) bool {
	return errors.Is(err, read.ErrMalformed) || errors.Is(err, read.ErrTooLarge) || errors.Is(err, read.ErrEntity)
}

// errNoPapers: an input gave no paper (every record skipped, or none).
var errNoPapers = errors.New("no paper read")

// emptyInput is the error of an input that gave no paper: why, with the
// first reasons.
func emptyInput(name string, skips []error, skipped int, ended error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "read: %s: %v", name, errNoPapers)
	switch {
	case len(skips) > 0:
		fmt.Fprintf(&b, ": every record was skipped; the first %d reason(s):", len(skips))
		for _, e := range skips {
			fmt.Fprintf(&b, "\n  %v", e)
		}
		if ended != nil {
			fmt.Fprintf(&b, "\nthen the input ended: %v", ended)
		}
	case ended != nil:
		fmt.Fprintf(&b, ": %v", ended)
	default:
		b.WriteString(": the input holds no records")
	}
	b.WriteString("\n(-allow-empty reads on without it)")
	return &emptyError{msg: b.String()}
}

// emptyError is the error of an input that gave no paper.
type emptyError struct{ msg string }

func (e *emptyError) Error() string { return e.msg }
func (e *emptyError) Unwrap() error { return errNoPapers }
