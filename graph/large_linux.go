package graph

import "syscall"

// adviseHuge asks, by madvise(2) MADV_HUGEPAGE, for huge pages (2 MiB)
// under the whole huge pages within [p, p+size). It matters where the
// system gives them only on request (transparent_hugepage "madvise", the
// usual default), and only for memory not touched yet; an error (a kernel
// without them) leaves the usual pages.
func adviseHuge(p, size uintptr) {
	const huge = 2 << 20
	const madvHugepage = 14 // MADV_HUGEPAGE
	beg := (p + huge - 1) &^ (huge - 1)
	end := (p + size) &^ (huge - 1)
	if beg < end {
		syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, madvHugepage)
	}
}
