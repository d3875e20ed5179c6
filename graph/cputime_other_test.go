//go:build !unix

package graph

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
