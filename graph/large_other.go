//go:build !linux

package graph

// adviseHuge does nothing here (see the Linux version).
func adviseHuge(p, size uintptr) {}
