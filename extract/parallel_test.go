package extract

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func counter(n int, failAt int, err error) func() (papergraph.Paper, bool, error) {
	i := 0
	return func() (papergraph.Paper, bool, error) {
		if i == failAt {
			return papergraph.Paper{}, false, err
		}
		if i >= n {
			return papergraph.Paper{}, false, nil
		}
		i++
		return papergraph.Paper{ID: strconv.Itoa(i)}, true, nil
	}
}

func TestEachKeepsInputOrder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int
		workers int
	}{{"empty", 0, 2}, {"one", 1, 2}, {"batch-edge", 256, 3}, {"many", 2000, 4}, {"serial", 700, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := Each(context.Background(), counter(tc.n, -1, nil), tc.workers,
				func(p *papergraph.Paper) { p.Title = "t" + p.ID },
				func(p papergraph.Paper) error { got = append(got, p.Title); return nil })
			require.NoError(t, err)
			require.Len(t, got, tc.n)
			for i, title := range got {
				assert.Equal(t, "t"+strconv.Itoa(i+1), title)
			}
		})
	}
}

func TestEachErrors(t *testing.T) {
	boom := errors.New("boom")
	var n int
	err := Each(context.Background(), counter(1000, 600, boom), 2, func(*papergraph.Paper) {}, func(papergraph.Paper) error { n++; return nil })
	require.ErrorIs(t, err, boom)
	assert.Equal(t, 600, n, "papers read before a reader error are all emitted")

	stop := errors.New("stop")
	n = 0
	err = Each(context.Background(), counter(5000, -1, nil), 2, func(*papergraph.Paper) {}, func(papergraph.Paper) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 10, n)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Each(ctx, counter(100000, -1, nil), 2, func(*papergraph.Paper) {}, func(papergraph.Paper) error { return nil })
	require.ErrorIs(t, err, context.Canceled)
}

// TestEachCancelWhileReading: Ctrl-C while the input is a pipe that sends
// nothing. Each must return at once, not when the read returns.
func TestEachCancelWhileReading(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	unblock := make(chan struct{})
	reads := 0
	next := func() (papergraph.Paper, bool, error) {
		reads++
		if reads > 300 { // a batch and more, then a read that blocks
			<-unblock
			return papergraph.Paper{}, false, nil
		}
		return papergraph.Paper{ID: strconv.Itoa(reads)}, true, nil
	}
	emitted := 0
	ret := make(chan error, 1)
	go func() {
		ret <- Each(ctx, next, 2, func(*papergraph.Paper) {}, func(papergraph.Paper) error {
			emitted++
			if emitted == 100 {
				cancel() // in the middle of the first batch; the reader is stuck
			}
			return nil
		})
	}()
	require.ErrorIs(t, <-ret, context.Canceled)
	assert.Equal(t, 100, emitted, "nothing is emitted after the cancel")
	close(unblock)
}

// TestEachCancelAlwaysReported: a cancelled run never looks like a
// complete one, wherever the reader and the workers were (the reader also
// stops on ctx and closes its channel, which must not read as the end of
// input).
func TestEachCancelAlwaysReported(t *testing.T) {
	for run := range 300 {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		next := func() (papergraph.Paper, bool, error) { // endless, ignores ctx
			n++
			return papergraph.Paper{ID: strconv.Itoa(n)}, true, nil
		}
		emitted := 0
		err := Each(ctx, next, 1+run%2, func(*papergraph.Paper) {}, func(papergraph.Paper) error {
			if emitted++; emitted == 1 {
				cancel()
			}
			return nil
		})
		require.ErrorIs(t, err, context.Canceled, "run %d", run)
		require.Equal(t, 1, emitted, "run %d", run)
	}
}

// TestEachCancelDuringLongExtraction: Ctrl-C while a worker extracts a
// record that takes seconds (a huge abstract): Each returns at once, not
// when the worker is done.
func TestEachCancelDuringLongExtraction(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	var once sync.Once
	fn := func(p *papergraph.Paper) {
		if p.ID == "2" {
			once.Do(func() { close(started) })
			<-release // a record that takes long
		}
	}
	ret := make(chan error, 1)
	go func() { ret <- Each(ctx, counter(3, -1, nil), 2, fn, func(papergraph.Paper) error { return nil }) }()
	<-started
	cancel()
	at := time.Now()
	select {
	case err := <-ret:
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, time.Since(at), 200*time.Millisecond)
	case <-time.After(2 * time.Second):
		t.Fatal("Each waits for the record being extracted after Ctrl-C")
	}
}
