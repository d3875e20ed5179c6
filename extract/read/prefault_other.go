//go:build !linux

package read

// prefault does nothing here (see the Linux version).
func prefault(b []byte) {}
