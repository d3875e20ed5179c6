package extract_test

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/internal/worst"
)

// TestLongTextWindows: a text many windows long gives mentions and
// references with offsets into the whole text, in order, and Paper keeps
// one per key; extracting it needs a window's memory, not the text's.
func TestLongTextWindows(t *testing.T) {
	x := extract.Default()
	s := worst.Dense(300<<10) + " See arXiv:2401.00001 and doi:10.1000/xyz."
	ents := x.Text(s)
	require.NotEmpty(t, ents)
	for i, e := range ents {
		require.Equal(t, e.Surface, s[e.Start:e.End], "entity %d", i)
		if i > 0 {
			require.LessOrEqual(t, ents[i-1].Start, e.Start, "entity %d out of order", i)
		}
	}
	assert.Greater(t, ents[len(ents)-1].Start, 3*extract.WindowSize, "mentions of the last window")
	refs := x.Refs(s)
	require.Len(t, refs, 2)
	for _, r := range refs {
		assert.Equal(t, r.Surface, s[r.Start:r.End])
	}
	p := papergraph.Paper{Title: "T", Abstract: s}
	x.Paper(&p)
	keys := map[string]bool{}
	for _, e := range p.Entities {
		assert.False(t, keys[e.Key()], "%s twice", e.Key())
		keys[e.Key()] = true
	}
	assert.Len(t, p.Refs, 2)

	if testing.Short() || raceEnabled {
		return
	}
	// Peak heap while Paper reads a 4 MiB text of each worst shape, over
	// the heap before (the text and the extractor): a window's working
	// set, a result of at most MaxPerText artifacts and references, and
	// the garbage the collector lets the heap gather (as much as is live).
	const n = 4 << 20
	for _, shape := range worst.ShapeNames() {
		big := worst.Shapes[shape](n)
		grew := peakHeap(func() {
			q := papergraph.Paper{Title: "T", Abstract: big}
			x.Paper(&q)
		})
		t.Logf("%s: peak heap %.2f bytes per byte of a 4 MiB text", shape, grew/n)
		assert.Less(t, grew/n, 10.0, "%s: extraction's memory per byte of text", shape)
	}
}

// peakHeap returns how far the heap grew over its size before while f
// ran, sampled every millisecond.
func peakHeap(f func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		}
	}()
	f()
	close(stop)
	<-done
	return float64(peak.Load() - min(base, peak.Load()))
}
