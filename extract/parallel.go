package extract

import (
	"context"
	"runtime"
	"sync"
)

// Each applies fn to every paper that next yields, on workers goroutines
// (GOMAXPROCS when workers <= 0), and passes the results to emit in input
// order, one at a time, from the calling goroutine. next returns
// (Paper{}, false, nil) at the end of input; an error from next, fn's caller
// or emit stops the work and is returned. Papers are handled in batches so
// that the ordering costs little.
//
// It is the pipeline behind papergraph's parallel extraction:
//
//	x.Each(ctx, next, 0, func(p *Paper) { x.Paper(p) }, emit)
func Each(ctx context.Context, next func() (Paper, bool, error), workers int, fn func(*Paper), emit func(Paper) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const batchSize = 256
	type batch struct {
		papers []Paper
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
			for b := range work {
				for i := range b.papers {
					fn(&b.papers[i])
				}
				close(b.done)
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		for {
			b := &batch{papers: make([]Paper, 0, batchSize), done: make(chan struct{})}
			for len(b.papers) < batchSize {
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
	for b := range order {
		if err != nil {
			continue
		}
		select {
		case <-b.done:
		case <-ctx.Done():
			err = ctx.Err()
			cancel()
			continue
		}
		for _, p := range b.papers {
			if err = emit(p); err != nil {
				cancel()
				break
			}
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	// Drain: workers finish their current batch, then exit.
	cancel()
	wg.Wait()
	select {
	case e := <-readErr:
		if err == nil {
			err = e
		}
	default:
	}
	return err
}
