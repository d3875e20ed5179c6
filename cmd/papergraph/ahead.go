package main

import (
	"context"
	"runtime"
	"sync"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// ahead builds the run's extractor and extracts the records of a run as
// they are read, on all cores, while the reading goes on: Merge needs
// every record before it can join the records of one paper, and without
// ahead the extraction would wait for both, one core idle while the
// inputs are read. Each record is extracted from a copy, so that the
// record stays as read for Merge; what extraction gives it is kept
// aside ([extract.Result]) and given to the merged paper that is that record
// (papergraph.MergeFrom): most papers (8,720 of make_corpus.py's 10,000).
// A record that shares a merge key with one a worker took before it
// (papergraph.SeenKeys) is not extracted ahead: it would likely fold, and
// a fold's extraction is lost. A paper Merge folds from several records
// is extracted after the merge from the merged record, as are the
// records read while every batch was taken (up to aheadBatches per
// worker wait in work; past that, the reading never waits), the records
// read once their text passes aheadMaxInput, and those of -enrich.
// Which records are extracted ahead changes no result.
//
// offer and finish are called from one goroutine, the reading's; the
// workers write only their batches and the results' slots in them, read
// once finish has waited for the workers.
type ahead struct {
	ctx   context.Context
	ready chan struct{} // closed once x and err are set
	x     *extract.Extractor
	err   error

	work    chan *aheadBatch // to the workers
	free    chan *aheadBatch // batches not in use
	closed  sync.Once        // closes work
	wg      sync.WaitGroup
	results []*aheadSlots       // by record index / aheadBatchSize, nil where none was extracted
	cur     *aheadBatch         // being filled, nil while records are let through
	n       int                 // records offered
	mu      sync.Mutex          // guards keys, which the workers share
	keys    papergraph.SeenKeys // of the records the workers took
	text    int64               // bytes of the records' abstracts and titles offered
	full    bool                // text passed aheadMaxInput: nothing more is offered
}

const (
	aheadBatchSize = 256 // records a worker takes at once (a slot's index fits a uint8)
	aheadBatches   = 4   // batches per worker
)

// aheadSlots holds the results of a batch.
type aheadSlots [aheadBatchSize]extract.Result

// aheadBatch is a run of records handed to a worker: copies of them, and
// the slots of their results.
type aheadBatch struct {
	papers []papergraph.Paper
	slot   []uint8 // each paper's slot in out (records that may fold are left out)
	out    *aheadSlots
}

// aheadPass says whether to let a batch of records through to be
// extracted after the merge, whether or not a worker is free: tests let
// some through to compare.
var aheadPass = func(batch int) bool { return false }

// startAhead builds the extractor with build on a goroutine of its own
// and starts workers that extract what is offered once it is built; on
// an error of build it calls fail, which should stop the reading. The
// workers stop when ctx is done; stop ends them in any case.
// extractAhead false only builds the extractor.
func startAhead(ctx context.Context, build func() (*extract.Extractor, error), fail func(), extractAhead bool) *ahead {
	a := &ahead{ctx: ctx, ready: make(chan struct{})}
	go func() {
		a.x, a.err = build()
		if a.err != nil {
			fail()
		}
		close(a.ready)
	}()
	if !extractAhead {
		return a
	}
	workers := runtime.GOMAXPROCS(0)
	a.work = make(chan *aheadBatch, workers*aheadBatches)
	a.free = make(chan *aheadBatch, workers*aheadBatches)
	for range workers * aheadBatches {
		a.free <- &aheadBatch{papers: make([]papergraph.Paper, 0, aheadBatchSize)}
	}
	for range workers {
		mk := extractPaper // read here: a worker may outlive a cancelled run
		a.wg.Go(func() { a.extract(mk) })
	}
	return a
}

// extractor waits for the extractor to be built and returns it, or the
// error that building it gave; ctx's error when ctx is done first.
func (a *ahead) extractor(ctx context.Context) (*extract.Extractor, error) {
	select {
	case <-a.ready:
		return a.x, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// extract is a worker: it extracts the batches of work with what mk
// makes until work is closed or the run's context is done.
func (a *ahead) extract(mk func(*extract.Extractor) func(*papergraph.Paper)) {
	x, err := a.extractor(a.ctx)
	if err != nil {
		return
	}
	fn := mk(x)
	var ents entityBlocks // this worker's
	for b := range a.work {
		for i := range b.papers {
			if a.ctx.Err() != nil {
				return
			}
			p := &b.papers[i]
			a.mu.Lock()
			seen := a.keys.Add(p)
			a.mu.Unlock()
			if seen { // likely to fold: its extraction would be lost
				continue
			}
			fn(p)
			p.Entities = ents.hold(p.Entities)
			b.out[b.slot[i]] = extract.ResultOf(p)
		}
		clear(b.papers) // the copies keep nothing alive
		b.papers, b.slot, b.out = b.papers[:0], b.slot[:0], nil
		a.free <- b
	}
}

// offer hands the next record read to a worker, when one is free to take
// it in time (the worker leaves it out when a record it or another
// worker took before shares a merge key with it: the hashing of the keys
// is not the reading's work); nil a or a that only builds the extractor
// takes nothing. Once the records' text (abstracts and titles: what a
// compressed input's size does not tell) passes aheadMaxInput, nothing
// more is taken.
func (a *ahead) offer(p papergraph.Paper) {
	if a == nil || a.work == nil || a.full {
		return
	}
	if a.text += int64(len(p.Abstract) + len(p.Title)); a.text > aheadMaxInput {
		a.full = true
		a.send()
		return
	}
	i := a.n
	a.n++
	if i%aheadBatchSize == 0 {
		a.send()
		if aheadPass(i / aheadBatchSize) {
			return
		}
		select {
		case b := <-a.free:
			for len(a.results) < i/aheadBatchSize {
				a.results = append(a.results, nil)
			}
			b.out = new(aheadSlots)
			a.results = append(a.results, b.out)
			a.cur = b
		default: // every batch is in work: these records are extracted after the merge
		}
	}
	if a.cur != nil {
		a.cur.papers = append(a.cur.papers, p)
		a.cur.slot = append(a.cur.slot, uint8(i%aheadBatchSize))
	}
}

// send hands the batch being filled to the workers.
func (a *ahead) send() {
	if a.cur != nil && len(a.cur.papers) > 0 {
		a.work <- a.cur // never waits: work holds every batch there is
	}
	a.cur = nil
}

// finish hands the last batch to the workers and waits until they have
// extracted every record they took; ctx's error when ctx is done first
// (the workers stop at their next record).
func (a *ahead) finish(ctx context.Context) error {
	if a.work == nil {
		return nil
	}
	a.send()
	a.stop()
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
		a.keys = papergraph.SeenKeys{} // no worker reads it any more
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the workers once they have extracted what they took: no
// record is offered after it.
func (a *ahead) stop() {
	if a.work != nil {
		a.closed.Do(func() { close(a.work) })
	}
}

// release drops the results, once every paper has been given its own.
func (a *ahead) release() { a.results = nil }

// result returns what was extracted of record i, nil when it was not
// extracted ahead (or i < 0, a fold). Only after finish.
func (a *ahead) result(i int) *extract.Result {
	if i < 0 || i >= a.n || i/aheadBatchSize >= len(a.results) {
		return nil
	}
	b := a.results[i/aheadBatchSize]
	if b == nil || !b[i%aheadBatchSize].Done() {
		return nil
	}
	return &b[i%aheadBatchSize]
}
