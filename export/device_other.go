//go:build !(linux && (amd64 || arm64 || riscv64 || loong64 || s390x))

package export

import "os"

// startWriteback does nothing here: the fsync that ends a file writes all
// of it (see the Linux version).
func startWriteback(f *os.File, off, n int64) {}

// directAlign is the alignment of writes through O_DIRECT (see the Linux
// version).
const directAlign = 4096

// setDirect turns nothing on here: files are written through the page
// cache.
func setDirect(f *os.File, on bool) bool { return false }
