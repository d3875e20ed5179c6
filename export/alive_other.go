//go:build !unix

package export

// processAlive cannot tell here: temporary files are kept.
func processAlive(int) bool { return true }
