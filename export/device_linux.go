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

// directAlign is the alignment of the memory, the file offset and the
// length of a write through O_DIRECT: the largest logical block size in
// common use, so it holds on every device.
const directAlign = 4096

// setDirect turns O_DIRECT on or off for f, and reports whether it is on:
// off where the file system refuses it (tmpfs on older kernels).
func setDirect(f *os.File, on bool) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	ok := false
	rc.Control(func(fd uintptr) {
		flags, _, e := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
		if e != 0 {
			return
		}
		if on {
			flags |= syscall.O_DIRECT
		} else {
			flags &^= syscall.O_DIRECT
		}
		_, _, e = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_SETFL, flags)
		ok = e == 0 && on
	})
	return ok
}
