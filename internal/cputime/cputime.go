// Package cputime reads the process's CPU time, so that logs and
// benchmarks can report what a phase cost whatever the machine's load:
// on a shared machine wall time says how busy the other processes were,
// CPU time what the work took.
package cputime

import "time"

// Now returns the user plus system CPU time the process has used so far,
// all threads together (garbage collection included), and whether the
// platform reports it; without it Now returns 0, false.
func Now() (time.Duration, bool) { return now() }
