package main

import (
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the systems
// hugeHeap asks for them on (x86-64 and arm64 with 4 KiB pages).
const hugePage = 2 << 20

// hugePiece is what hugeHeap allocates at a time: the runtime's unit of
// heap growth (a page allocator chunk), so that a piece whose pages the
// heap used before, and which the runtime therefore clears, costs at most
// that much.
const hugePiece = 4 << 20

// hugeHeap grows the heap by n bytes whose memory the kernel backs with
// transparent huge pages (madvise(2) MADV_HUGEPAGE), and hands them back
// to the runtime unused, so that the heap of the run takes them as it
// grows. A page the kernel maps for the heap costs its first write, in
// this process, about 6 us on a 2-core virtual machine, each 4 KiB; a
// huge page maps 512 of them at a time: at 100,000 records of
// make_corpus.py the build's 98,000-107,000 page faults became
// 12,000-16,000, at 10,000 records (-exact) 19,000-22,000 became
// 2,000-6,000. The
// memory is only reserved: it takes no room until it is written, and is
// given back to the system (debug.FreeOSMemory) so that the heap limit
// counts none of it. The range is marked, not the heap: memory the heap
// takes later, past n, has pages of the usual size.
//
// It runs before the run allocates much: with the collector off, so that
// no collection runs while the pieces are held.
func hugeHeap(n int64) {
	if n <= 0 || unsafe.Sizeof(uintptr(0)) < 8 {
		return // a 32-bit address space has no room for it
	}
	gc := debug.SetGCPercent(-1)
	pieces := make([][]byte, 0, n/hugePiece+1)
	for got := int64(0); got < n; got += hugePiece {
		pieces = append(pieces, make([]byte, hugePiece))
	}
	slices.SortFunc(pieces, func(a, b []byte) int {
		return compareAddr(unsafe.SliceData(a), unsafe.SliceData(b))
	})
	// The pieces are mostly one after another: each run of them is
	// marked in one call.
	for i := 0; i < len(pieces); {
		beg := uintptr(unsafe.Pointer(unsafe.SliceData(pieces[i])))
		end := beg + uintptr(len(pieces[i]))
		for i++; i < len(pieces); i++ {
			p := uintptr(unsafe.Pointer(unsafe.SliceData(pieces[i])))
			if p != end {
				break
			}
			end = p + uintptr(len(pieces[i]))
		}
		beg, end = (beg+hugePage-1)&^(hugePage-1), end&^(hugePage-1)
		if beg < end {
			syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, syscall.MADV_HUGEPAGE)
		}
	}
	runtime.KeepAlive(pieces)
	pieces = nil
	debug.SetGCPercent(gc)
	debug.FreeOSMemory()
}

// compareAddr orders two pointers by address.
func compareAddr(a, b *byte) int {
	pa, pb := uintptr(unsafe.Pointer(a)), uintptr(unsafe.Pointer(b))
	switch {
	case pa < pb:
		return -1
	case pa > pb:
		return 1
	}
	return 0
}
