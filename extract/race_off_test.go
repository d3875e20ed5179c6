//go:build !race

package extract_test

// raceEnabled: the race detector slows code several times; timing
// assertions are off under it.
const raceEnabled = false
