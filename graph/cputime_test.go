package graph

import (
	"time"

	"github.com/papergraph/papergraph/internal/cputime"
)

// cpuTime returns the process's user+system CPU time (0 where the platform
// does not report it).
func cpuTime() time.Duration {
	c, _ := cputime.Now()
	return c
}
