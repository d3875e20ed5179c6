package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/table"
)

// extractTables is papergraph extract -format parquet|jsonl: every record
// of the inputs, extracted on all cores and written in input order to the
// mention tables in dir, one record at a time. Nothing is held but the
// records in flight, so memory stays flat in the input's size: duplicate
// records of one paper are written as they are (the projection merges
// them) and the batch pass that finds papers' names in each other's text
// does not run here: the texts and words tables let the projection do it
// (see docs/projection.md).
func extractTables(ctx context.Context, c *common, inputs []string, stdin io.Reader, dir string, opt table.Options, log *slog.Logger, prog *progress) (*summary, error) {
	x, err := c.extractor()
	if err != nil {
		return nil, err
	}
	// The shards are written to temporary files and put in place
	// together, with the previous run's shards of this format that this
	// run does not write removed, so the directory holds one run's tables
	// or the other's, never a mix; none of them may be an input.
	before := table.Shards(dir, opt.Format)
	check := slices.Clone(before)
	for _, t := range table.Tables {
		check = append(check, table.FileName(t, 0, opt.Format))
	}
	st, err := export.Stage(ctx, dir, c.allInputs(inputs), outputTargets(dir, check))
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	opt.Create = st.Create
	w, err := table.NewWriter(dir, opt)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	names := inputs
	if len(names) == 0 {
		names = []string{""} // the sample
	}
	sum := &summary{inputs: len(names)}
	// The reader pushes records into a small channel; extraction pulls.
	// When extraction or writing fails, cancelling rctx ends the reader,
	// and the reader has ended before this function returns.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	recs := make(chan papergraph.Paper, 256)
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(recs)
		for _, name := range names {
			err := c.readNamed(rctx, name, stdin, sum, log, prog, func(p papergraph.Paper) {
				select {
				case recs <- p:
				case <-rctx.Done():
				}
			})
			if err != nil {
				readErr = err
				return
			}
		}
	}()
	// What the tables keep of each record as read (its digest, merge keys
	// and own refs) is taken before extraction and handed to the writer
	// in input order, the order Each emits in.
	var mu sync.Mutex
	var reads []table.Read
	next := func() (papergraph.Paper, bool, error) {
		p, ok := <-recs
		if ok {
			rd := table.ReadOf(&p)
			mu.Lock()
			reads = append(reads, rd)
			mu.Unlock()
		}
		return p, ok, nil
	}
	n := 0
	err = extract.Each(ctx, next, 0, extractPaper(x), func(p papergraph.Paper) error {
		n++
		sum.countLeftOut(&p)
		mu.Lock()
		rd := reads[0]
		reads = reads[1:]
		mu.Unlock()
		return w.Write(&p, &rd)
	})
	if err != nil {
		cancel()
		for range recs { // let the reader see the cancel and end
		}
		wg.Wait()
		w.Close()
		return nil, err
	}
	wg.Wait()
	if readErr != nil {
		w.Close()
		return nil, readErr
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if n == 0 && !c.allowEmpty {
		return nil, fmt.Errorf("read: no papers in the input")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := st.Commit(before); err != nil {
		return nil, err
	}
	return sum, nil
}
