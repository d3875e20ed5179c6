package main

import (
	"cmp"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page hugeHeap marks for:
// 2 MiB, a page table's reach on x86-64 and on arm64 with 4 KiB pages.
// Where the kernel's huge page (hpage_pmd_size) is another size (arm64
// with 16 or 64 KiB pages: 32 or 512 MiB) hugeHeap reserves nothing: its
// pieces are smaller than such a page, and the cost it saves was
// measured with pages of 2 MiB.
const hugePage = 2 << 20

// hugePiece is what hugeHeap allocates at a time: the runtime's unit of
// heap growth (a page allocator chunk), so that a piece whose pages the
// heap used before, and which the runtime therefore clears, costs at most
// that much.
const hugePiece = 4 << 20

// thpDir holds the kernel's settings for transparent huge pages.
const thpDir = "/sys/kernel/mm/transparent_hugepage/"

// hugeHeap grows the heap by n bytes whose memory the kernel backs with
// transparent huge pages (madvise(2) MADV_HUGEPAGE), and hands them back
// to the runtime unused, so that the heap of the run takes them as it
// grows. A page the kernel maps for the heap costs its first write, in
// this process, about 6 us on a 2-core virtual machine, each 4 KiB; a
// huge page maps 512 of them at a time: at 100,000 records of
// make_corpus.py the build's 98,000-107,000 page faults became
// 12,000-16,000, at 10,000 records (-exact) 19,000-22,000 became
// 2,000-6,000. The memory is only reserved: it takes no room until it
// is written, and is given back to the system (debug.FreeOSMemory) so
// that the heap limit counts none of it. The range is marked, not the
// heap: memory the heap takes later, past n, has pages of the usual
// size.
//
// It does nothing unless the kernel backs memory with huge pages only
// where asked (enabled is "[madvise]", see hugeAdviceHelps): with
// "[never]" the advice is ignored, with "[always]" the heap has huge
// pages without it. It stops marking at the first advice the kernel
// refuses.
//
// What it costs, and why it is bounded. A fault in a marked range may
// have the kernel compact memory to find a free huge page (defrag
// "madvise", the default), stalling the writer; and khugepaged
// (max_ptes_none 511, the default) may collapse a marked range the
// runtime has partly given back into a full huge page again, memory
// the runtime counts as released (the runtime dropped its own
// MADV_HUGEPAGE for these, golang/go#61718, #64342, #64332). Both are
// confined to the n bytes marked, which are no more than the heap the
// run may grow to: the heap limit, or hugeHeapMin without one (see
// limitHeap); the heap past them has pages of the usual size, and
// inputs under hugeHeapInput mark nothing. What it costs is RSS: a huge
// page counts 2 MiB however little of it the heap uses. At 100,000
// records of make_corpus.py (default pruning) 356,352-364,544 KiB of
// the 383,140-391,112 KiB peak were in huge pages (AnonHugePages of
// /proc/PID/smaps_rollup, 3 runs), and the peak rose 0.4% (median of 3
// pairs, -formats graphml,gexf,csv,json); at 10,000 records -exact
// 311,296-323,584 of 334,796-348,424 KiB, and the peak rose 6%.
//
// It runs before the run allocates much: with the collector off, so that
// no collection runs while the pieces are held, and back at its previous
// setting after.
func hugeHeap(n int64) {
	if n <= 0 || unsafe.Sizeof(uintptr(0)) < 8 {
		return // a 32-bit address space has no room for it
	}
	enabled, _ := os.ReadFile(thpDir + "enabled")
	size, err := os.ReadFile(thpDir + "hpage_pmd_size")
	if err != nil {
		size = nil // older kernels do not say: their pages are 2 MiB
	}
	if !hugeAdviceHelps(string(enabled), string(size)) {
		return
	}
	gc := debug.SetGCPercent(-1)
	pieces := make([][]byte, 0, n/hugePiece+1)
	for got := int64(0); got < n; got += hugePiece {
		pieces = append(pieces, make([]byte, hugePiece))
	}
	markHuge(pieces, madviseHuge)
	runtime.KeepAlive(pieces)
	pieces = nil
	debug.SetGCPercent(gc)
	debug.FreeOSMemory()
}

// hugeAdviceHelps reports whether MADV_HUGEPAGE changes how the kernel
// backs memory, given the contents of the kernel's
// transparent_hugepage/enabled ("always [madvise] never": the bracketed
// word is the setting) and hpage_pmd_size (bytes; empty when the file is
// missing, taken as 2 MiB). It does only under "[madvise]" with pages of
// hugePage bytes; a missing or unreadable setting helps nothing.
func hugeAdviceHelps(enabled, pmdSize string) bool {
	_, rest, ok := strings.Cut(enabled, "[")
	setting, _, ok2 := strings.Cut(rest, "]")
	if !ok || !ok2 || setting != "madvise" {
		return false
	}
	pmdSize = strings.TrimSpace(pmdSize)
	return pmdSize == "" || pmdSize == strconv.Itoa(hugePage)
}

// markHuge sorts pieces by address and asks advise to mark each run of
// them that lies one after another, cut to whole huge pages, in one
// call. It stops at the first error advise returns: a kernel that
// refuses one range refuses the rest, and the reservation then buys
// nothing. It returns that error.
func markHuge(pieces [][]byte, advise func(beg, n uintptr) error) error {
	slices.SortFunc(pieces, func(a, b []byte) int {
		return cmp.Compare(uintptr(unsafe.Pointer(unsafe.SliceData(a))), uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	})
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
			if err := advise(beg, end-beg); err != nil {
				return err
			}
		}
	}
	return nil
}

// madviseHuge marks n bytes from beg MADV_HUGEPAGE.
func madviseHuge(beg, n uintptr) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, beg, n, syscall.MADV_HUGEPAGE); errno != 0 {
		return errno
	}
	return nil
}
