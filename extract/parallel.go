package extract

import (
	"context"
	"runtime"
	"sync"

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
// results dropped, and are called no more. A next that touches the
// caller's state must therefore guard it (fn touches only its paper).
//
// It is the pipeline behind papergraph's parallel extraction:
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
					for i := range b.papers {
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
	if err == nil {
		// The reader also stops on ctx and closes order: a closed order
		// is the end of input only when ctx is not done.
		err = ctx.Err()
	}
	cancel()
	if parent.Err() != nil {
		// Ctrl-C: a worker in the middle of a batch (one huge record can
		// take seconds) and a next blocked in a read cannot be
		// interrupted; they end in the background, their work dropped.
		return parent.Err()
	}
	wg.Wait() // the workers: at most a batch each
	if err != nil {
		return err
	}
	select {
	case err = <-readErr:
	default:
	}
	return err
}
