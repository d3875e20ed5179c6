//go:build !unix

package extract_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
