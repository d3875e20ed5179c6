package extract

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/papergraph/papergraph"
)

// Each applies fn to every paper that next yields, on workers goroutines
// (GOMAXPROCS when workers <= 0), and passes the results to emit in input
// order, one at a time, from the calling goroutine. next returns
// (Paper{}, false, nil) at the end of input; an error from next or emit
// stops the work and is returned. Papers are handled in batches so that
// the ordering costs little.
//
// When ctx is done Each returns ctx's error at once, without emitting
// another paper, even while next is blocked in a read (a pipe, a
// terminal) or fn is extracting a huge record: neither a running next
// nor a running fn is waited for; they finish in the background, their
// results dropped, and neither is called again (a worker asks ctx before
// each paper, also in the middle of a batch). A next that touches the
// caller's state must therefore guard it (fn touches only its paper).
//
// Each serves input that arrives one record at a time and is not kept,
// as in papergraph extract -format parquet|jsonl, which writes each
// record's tables as it is extracted. Papers already held in a slice
// are extracted by [EachIn], where they lie:
//
//	err := extract.Each(ctx, next, 0, x.Paper, emit)
func Each(ctx context.Context, next func() (papergraph.Paper, bool, error), workers int, fn func(*papergraph.Paper), emit func(papergraph.Paper) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const batchSize = 256
	parent := ctx
	type batch struct {
		papers []papergraph.Paper
		done   chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := make(chan *batch, workers)
	order := make(chan *batch, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case b, ok := <-work:
					if !ok {
						return
					}
					// select picks at random among ready cases, so it
					// may take a batch after ctx is done: ask ctx before
					// each paper, which also ends a batch begun before.
					// b.done stays open; the emitter stops on ctx too.
					for i := range b.papers {
						if ctx.Err() != nil {
							return
						}
						fn(&b.papers[i])
					}
					close(b.done)
				case <-ctx.Done():
					return
				}
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		for {
			b := &batch{papers: make([]papergraph.Paper, 0, batchSize), done: make(chan struct{})}
			for len(b.papers) < batchSize {
				if ctx.Err() != nil {
					return // the caller reports it
				}
				p, ok, err := next()
				if err != nil {
					readErr <- err
					break
				}
				if !ok {
					break
				}
				b.papers = append(b.papers, p)
			}
			if len(b.papers) > 0 {
				select {
				case order <- b:
				case <-ctx.Done():
					return
				}
				select {
				case work <- b:
				case <-ctx.Done():
					return
				}
			}
			if len(b.papers) < batchSize {
				return
			}
		}
	}()

	var err error
loop:
	for {
		select {
		case b, ok := <-order:
			if !ok {
				break loop
			}
			select {
			case <-b.done:
			case <-ctx.Done():
				break loop
			}
			for _, p := range b.papers {
				if ctx.Err() != nil {
					break loop
				}
				if err = emit(p); err != nil {
					break loop
				}
			}
		case <-ctx.Done():
			break loop
		}
	}
	// The reader also stops on ctx and closes order: a closed order is
	// the end of input only when ctx is not done. On Ctrl-C a next
	// blocked in a read ends in the background too.
	if err := stopWorkers(parent, ctx, cancel, &wg, err); err != nil {
		return err
	}
	select {
	case err = <-readErr:
	default:
	}
	return err
}

// EachIn is [Each] over papers held in a slice: it applies fn to every
// paper in place, on workers goroutines (GOMAXPROCS when workers <= 0),
// and calls emit with each index in order, from the calling goroutine,
// once fn is done with that paper; emit may then read and change
// papers[i], which no other goroutine touches any more. An error from
// emit stops the work and is returned, once the workers have stopped.
// The result does not depend on the number of workers.
//
// Where Each copies every paper into a batch of its own and out again,
// EachIn hands the workers runs of indices (chunks of 256 papers, taken
// in order as each worker is free): it allocates nothing per paper, and
// each paper is written once, where it lies.
//
// When ctx is done EachIn returns ctx's error at once, without emitting
// another paper, even while fn is extracting a huge record: that fn
// finishes in the background and writes its paper, and no other call of
// fn starts (a worker asks ctx before each paper, also in the middle of
// a chunk). The caller must still drop papers, as it drops a paper emit
// has not seen.
//
// It is the pipeline behind papergraph's parallel extraction of the
// papers it has read:
//
//	err := extract.EachIn(ctx, papers, 0, x.Paper, emit)
func EachIn(ctx context.Context, papers []papergraph.Paper, workers int, fn func(*papergraph.Paper), emit func(i int) error) error {
	return EachIndex(ctx, len(papers), workers, func(i int) { fn(&papers[i]) }, emit)
}

// EachIndex is [EachIn] over the indices 0 to n-1: it calls fn with each
// index on workers goroutines (GOMAXPROCS when workers <= 0), runs of 256
// indices at a time, and emit with each index in order, from the calling
// goroutine, once fn is done with it. It serves work that is not the
// same call on every paper of a slice: papergraph gives each paper what
// was extracted from its record as it was read, or extracts it, by its
// index. Cancelling and errors are as in EachIn.
func EachIndex(ctx context.Context, n, workers int, fn func(i int), emit func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 256
	chunks := (n + chunk - 1) / chunk
	workers = min(workers, chunks)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	done := make([]chan struct{}, chunks)
	for c := range done {
		done[c] = make(chan struct{})
	}
	var taken atomic.Int64 // chunks handed out
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				c := int(taken.Add(1) - 1)
				if c >= chunks || ctx.Err() != nil {
					return
				}
				for i := c * chunk; i < min(n, (c+1)*chunk); i++ {
					if ctx.Err() != nil {
						return // done[c] stays open: the emitter stops on ctx too
					}
					fn(i)
				}
				close(done[c])
			}
		})
	}

	var err error
loop:
	for c := range chunks {
		select {
		case <-done[c]:
		case <-ctx.Done():
			break loop
		}
		for i := c * chunk; i < min(n, (c+1)*chunk); i++ {
			if ctx.Err() != nil {
				break loop
			}
			if err = emit(i); err != nil {
				break loop
			}
		}
	}
	return stopWorkers(parent, ctx, cancel, &wg, err)
}

// stopWorkers ends a run of [Each] or [EachIn] whose gathering stopped
// with err, or with none when ctx (the run's, derived from parent) was
// done or the input ended: it cancels ctx and waits for the workers, who
// finish the paper in hand and start no other (they ask ctx before each
// paper). On Ctrl-C (parent done) it returns parent's error at once: a
// worker in the middle of a huge record (it can take seconds) cannot be
// interrupted; it ends in the background, its work dropped.
func stopWorkers(parent, ctx context.Context, cancel context.CancelFunc, wg *sync.WaitGroup, err error) error {
	if err == nil {
		err = ctx.Err()
	}
	cancel()
	if parent.Err() != nil {
		return parent.Err()
	}
	wg.Wait()
	return err
}
