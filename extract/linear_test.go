package extract_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/internal/worst"
)

// TestExtractLinearTime: extracting an abstract of any worst shape
// eight times longer costs about eight times the CPU, not sixty-four (sentence after sentence used to
// rescan the rest of the text, and each kept mention moved the index of
// the ones before it).
func TestExtractLinearTime(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures CPU time (the race detector distorts it)")
	}
	x, err := extract.New(extract.Config{})
	require.NoError(t, err)
	for _, shape := range worst.ShapeNames() {
		cost := func(n int) time.Duration {
			p := papergraph.Paper{Title: "T", Abstract: worst.Shapes[shape](n)}
			runtime.GC()
			c0, ok := cpuTime()
			start := time.Now()
			x.Paper(&p)
			if c1, ok2 := cpuTime(); ok && ok2 {
				return c1 - c0
			}
			return time.Since(start)
		}
		cost(64 << 10) // warm up
		small, large := cost(512<<10), cost(4<<20)
		t.Logf("%s: 512 KiB: %v, 4 MiB: %v (%.1fx)", shape, small, large, float64(large)/float64(small))
		assert.Less(t, float64(large)/float64(small), 16.0, "%s: 8x the text should cost about 8x, not 64x", shape)
	}
}
