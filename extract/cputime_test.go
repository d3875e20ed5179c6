package extract_test

import (
	"time"

	"github.com/papergraph/papergraph/internal/cputime"
)

// cpuTime returns the process's user+system CPU time, so benchmarks can
// report a rate that does not depend on how busy the machine is.
func cpuTime() (time.Duration, bool) { return cputime.Now() }
