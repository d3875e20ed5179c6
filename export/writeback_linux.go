//go:build linux && (amd64 || arm64 || riscv64 || loong64 || s390x)

package export

import (
	"os"
	"syscall"
)

// startWriteback asks the kernel to start writing the bytes [off, off+n)
// of f to its device without waiting for them (sync_file_range(2) with
// SYNC_FILE_RANGE_WRITE), so the fsync that ends a large file waits only
// for its last stretch. It gives no guarantee, only speed; errors are
// left to that fsync.
func startWriteback(f *os.File, off, n int64) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	const syncFileRangeWrite = 2 // SYNC_FILE_RANGE_WRITE
	rc.Control(func(fd uintptr) {
		syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
	})
}

// syncData makes the bytes written to f so far durable (fdatasync(2)). A
// fileOut calls it on a goroutine of its own while it goes on writing.
func syncData(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.Fdatasync(int(fd)) }); err != nil {
		return err
	}
	return serr
}
