package cputime

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNowGrows spins until the CPU time has grown by a millisecond (a
// clock that does not move fails after 5 s of wall time).
func TestNowGrows(t *testing.T) {
	c0, ok := Now()
	if !ok {
		require.Contains(t, []string{"windows", "plan9", "js", "wasip1"}, runtime.GOOS, "no CPU time on a unix")
		t.Skip("no CPU time on this platform")
	}
	c1 := c0
	for start := time.Now(); c1-c0 < time.Millisecond && time.Since(start) < 5*time.Second; {
		c1, _ = Now()
	}
	assert.GreaterOrEqual(t, c1-c0, time.Millisecond, "CPU time after spinning")
}
