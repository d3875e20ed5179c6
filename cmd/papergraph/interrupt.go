package main

import "context"

// interruptible runs f in a goroutine of its own and returns its result,
// or ctx's error as soon as ctx is done: a phase that cannot stop itself
// quickly (building a large graph, merging a million records) does not
// delay Ctrl-C. The abandoned f finishes in the background; its result
// is dropped, so f must not touch what the caller uses afterwards.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
