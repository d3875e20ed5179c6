package extract

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// stopAfter returns an emit that counts its calls in *n and fails with
// err on the k-th.
func stopAfter(n *int, k int, err error) func() error {
	return func() error {
		if *n++; *n == k {
			return err
		}
		return nil
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
	tick := stopAfter(&n, 10, stop)
	err = Each(context.Background(), counter(5000, -1, nil), 2, func(*papergraph.Paper) {}, func(papergraph.Paper) error { return tick() })
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
// complete one and emits nothing after the cancel, wherever the reader and
// the workers were (Each's reader also stops on ctx and closes its
// channel, which must not read as the end of input).
func TestEachCancelAlwaysReported(t *testing.T) {
	for _, d := range []struct {
		name string
		run  func(ctx context.Context, workers int, emit func() error) error
	}{
		{"Each", func(ctx context.Context, workers int, emit func() error) error {
			n := 0
			next := func() (papergraph.Paper, bool, error) { // endless, ignores ctx
				n++
				return papergraph.Paper{ID: strconv.Itoa(n)}, true, nil
			}
			return Each(ctx, next, workers, func(*papergraph.Paper) {}, func(papergraph.Paper) error { return emit() })
		}},
		{"EachIn", func(ctx context.Context, workers int, emit func() error) error {
			return EachIn(ctx, make([]papergraph.Paper, 600), workers, func(*papergraph.Paper) {}, func(int) error { return emit() })
		}},
	} {
		t.Run(d.name, func(t *testing.T) {
			for run := range 300 {
				ctx, cancel := context.WithCancel(context.Background())
				emitted := 0
				err := d.run(ctx, 1+run%2, func() error {
					if emitted++; emitted == 1 {
						cancel()
					}
					return nil
				})
				require.ErrorIs(t, err, context.Canceled, "run %d", run)
				require.Equal(t, 1, emitted, "run %d", run)
			}
		})
	}
}

// TestEachCancelDuringLongExtraction: Ctrl-C while a worker extracts a
// record that takes seconds (a huge abstract): Each and EachIn return at
// once, not when the worker is done.
func TestEachCancelDuringLongExtraction(t *testing.T) {
	for _, d := range []struct {
		name string
		run  func(context.Context, func(*papergraph.Paper)) error
	}{
		{"Each", func(ctx context.Context, fn func(*papergraph.Paper)) error {
			return Each(ctx, counter(3, -1, nil), 2, fn, func(papergraph.Paper) error { return nil })
		}},
		{"EachIn", func(ctx context.Context, fn func(*papergraph.Paper)) error {
			return EachIn(ctx, []papergraph.Paper{{ID: "1"}, {ID: "2"}, {ID: "3"}}, 2, fn, func(int) error { return nil })
		}},
	} {
		t.Run(d.name, func(t *testing.T) {
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
			go func() { ret <- d.run(ctx, fn) }()
			<-started
			cancel()
			at := time.Now()
			select {
			case err := <-ret:
				require.ErrorIs(t, err, context.Canceled)
				assert.Less(t, time.Since(at), 200*time.Millisecond)
			case <-time.After(2 * time.Second):
				t.Fatal("the record being extracted is waited for after Ctrl-C")
			}
		})
	}
}

func TestEachInKeepsOrder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int
		workers int
	}{{"empty", 0, 2}, {"one", 1, 2}, {"chunk-edge", 256, 3}, {"chunk-and-one", 257, 2}, {"many", 2000, 4}, {"serial", 700, 1}, {"default-workers", 1000, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			papers := make([]papergraph.Paper, tc.n)
			for i := range papers {
				papers[i].ID = strconv.Itoa(i)
			}
			var got []int
			err := EachIn(context.Background(), papers, tc.workers,
				func(p *papergraph.Paper) { p.Title = "t" + p.ID },
				func(i int) error {
					// fn is done with papers[i], and emit may change it.
					assert.Equal(t, "t"+strconv.Itoa(i), papers[i].Title, "paper %d", i)
					papers[i].Name = "e"
					got = append(got, i)
					return nil
				})
			require.NoError(t, err)
			require.Len(t, got, tc.n)
			for i := range got {
				assert.Equal(t, i, got[i])
				assert.Equal(t, "e", papers[i].Name)
			}
		})
	}
}

func TestEachInErrors(t *testing.T) {
	papers := make([]papergraph.Paper, 5000)
	stop := errors.New("stop")
	var n int
	var calls sync.Map
	tick := stopAfter(&n, 10, stop)
	err := EachIn(context.Background(), papers, 2, func(p *papergraph.Paper) { calls.Store(p, true) }, func(int) error { return tick() })
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 10, n)
	// After the error EachIn has returned its workers: none runs fn any more.
	before := 0
	calls.Range(func(any, any) bool { before++; return true })
	time.Sleep(10 * time.Millisecond)
	after := 0
	calls.Range(func(any, any) bool { after++; return true })
	assert.Equal(t, before, after, "fn runs after EachIn returned")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = EachIn(ctx, make([]papergraph.Paper, 100000), 2, func(*papergraph.Paper) {}, func(int) error { return nil })
	require.ErrorIs(t, err, context.Canceled)
}

// TestEachNoFnAfterCancel: after Ctrl-C only the fn in hand finishes. A
// worker of one is held in fn on the second of 512 papers (two batches,
// two chunks) until Each or EachIn has returned; once it is let go it
// calls fn on no other paper, neither the rest of its batch or chunk nor
// a batch waiting in the queue.
func TestEachNoFnAfterCancel(t *testing.T) {
	const n = 512
	for _, d := range []struct {
		name string
		run  func(context.Context, func(*papergraph.Paper)) error
	}{
		{"Each", func(ctx context.Context, fn func(*papergraph.Paper)) error {
			return Each(ctx, counter(n, -1, nil), 1, fn, func(papergraph.Paper) error { return nil })
		}},
		{"EachIn", func(ctx context.Context, fn func(*papergraph.Paper)) error {
			papers := make([]papergraph.Paper, n)
			for i := range papers {
				papers[i].ID = strconv.Itoa(i + 1) // as counter numbers them
			}
			return EachIn(ctx, papers, 1, fn, func(int) error { return nil })
		}},
	} {
		t.Run(d.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			started, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
			var returned atomic.Bool
			var after atomic.Int64 // fn calls begun after the return
			fn := func(p *papergraph.Paper) {
				if returned.Load() {
					after.Add(1)
				}
				if p.ID == "2" {
					close(started)
					<-release
					close(finished)
				}
			}
			ret := make(chan error, 1)
			go func() { ret <- d.run(ctx, fn) }()
			<-started
			cancel()
			require.ErrorIs(t, <-ret, context.Canceled)
			returned.Store(true)
			close(release)
			<-finished
			// The worker ends without a signal of its own: give it time
			// to call fn again, which it would at once.
			time.Sleep(100 * time.Millisecond)
			assert.Zero(t, after.Load(), "fn calls after %s returned", d.name)
		})
	}
}

// TestEachInMatchesEach: EachIn extracts every paper as Each does and
// emits every index in order, whatever the number of papers (one chunk,
// several, a part chunk) and of workers on either side. The abstracts are
// the held-out ones whole, cut short, run together past a window, LaTeX
// and link word salad and empty, so that the real extractor's Paper
// takes from nothing to milliseconds and the workers finish out of order.
func TestEachInMatchesEach(t *testing.T) {
	recs := heldoutPapers(t)
	words := strings.Fields(`We propose ViT-B/16 trained on ImageNet-1k with BERT and GPT-4 \alpha $^{2}$ the ResNet-50 (RN50) model at https://github.com/a/b https: //huggingface.co/x .`)
	x := Default()
	rng := rand.New(rand.NewPCG(17, 19))
	for run := range 20 {
		n := rng.IntN(1200)
		papers := make([]papergraph.Paper, n)
		for i := range papers {
			p := recs[rng.IntN(len(recs))]
			p.ID = strconv.Itoa(i)
			switch k := rng.IntN(100); {
			case k < 40: // whole
			case k < 60:
				p.Abstract = p.Abstract[:rng.IntN(len(p.Abstract)+1)]
			case k < 90:
				var b strings.Builder
				for range rng.IntN(80) {
					b.WriteString(words[rng.IntN(len(words))])
					b.WriteByte(' ')
				}
				p.Abstract = b.String()
			case k < 98:
				p.Abstract = ""
			default:
				var b strings.Builder
				for b.Len() <= WindowSize {
					b.WriteString(recs[rng.IntN(len(recs))].Abstract)
					b.WriteByte(' ')
				}
				p.Abstract = b.String()
			}
			papers[i] = p
		}
		eachW, inW := 1+rng.IntN(4), 1+rng.IntN(4)
		k := 0
		var want []papergraph.Paper
		err := Each(context.Background(), func() (papergraph.Paper, bool, error) {
			if k == n {
				return papergraph.Paper{}, false, nil
			}
			k++
			return papers[k-1], true, nil
		}, eachW, x.Paper, func(p papergraph.Paper) error { want = append(want, p); return nil })
		require.NoError(t, err, "run %d", run)
		require.Len(t, want, n, "run %d: Each", run)
		var order []int
		err = EachIn(context.Background(), papers, inW, x.Paper, func(i int) error { order = append(order, i); return nil })
		require.NoError(t, err, "run %d", run)
		require.Len(t, order, n, "run %d: EachIn", run)
		for i := range papers {
			require.Equal(t, strconv.Itoa(i), want[i].ID, "run %d (%d papers, %d workers): Each's order", run, n, eachW)
			require.Equal(t, i, order[i], "run %d (%d papers, %d workers): EachIn's order", run, n, inW)
			require.Equal(t, want[i], papers[i], "run %d (%d papers, Each on %d workers, EachIn on %d): paper %d", run, n, eachW, inW, i)
		}
	}
}
