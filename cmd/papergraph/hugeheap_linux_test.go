package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHugeHeap: after hugeHeap, memory the heap takes for a large slice
// lies in a mapping the kernel may back with huge pages (smaps' VmFlags
// "hg", MADV_HUGEPAGE), and none of it is resident before it is written;
// the collector runs at the percent it ran at before.
//
// hugeHeap marks the heap of the process for good, so the check runs in
// a process of its own: the peak RSS a child reports counts its parent's
// (TestWorstRecordMemory's children are this test binary's).
func TestHugeHeap(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("the kernel has no transparent huge pages")
	}
	if unsafe.Sizeof(uintptr(0)) < 8 {
		t.Skip("hugeHeap reserves nothing in a 32-bit address space")
	}
	if os.Getenv("PAPERGRAPH_HUGE_HEAP_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHugeHeap$", "-test.v")
		cmd.Env = append(os.Environ(), "PAPERGRAPH_HUGE_HEAP_CHILD=1")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Contains(t, string(out), "--- PASS: TestHugeHeap")
		return
	}
	const percent = 73
	prev := debug.SetGCPercent(percent)
	hugeHeap(256 << 20)
	assert.Equal(t, percent, debug.SetGCPercent(prev), "GC percent after hugeHeap")
	enabled, _ := os.ReadFile(thpDir + "enabled")
	size, _ := os.ReadFile(thpDir + "hpage_pmd_size")
	if !hugeAdviceHelps(string(enabled), string(size)) {
		t.Skipf("the kernel takes no advice on huge pages (enabled: %q)", enabled)
	}
	b := make([]byte, 64<<20)
	// The slice may begin in the heap's pages below the reserved ones.
	flags, rss := mappingOf(t, uintptr(unsafe.Pointer(&b[len(b)/2])))
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of the slice's mapping")
	assert.Less(t, rss, int64(64<<10), "KiB resident in the slice's mapping before it is written")
	b[len(b)-1] = 1
}

// TestHugeAdviceHelps: hugeHeap reserves only where the kernel backs
// memory with huge pages on advice alone, in pages of 2 MiB.
func TestHugeAdviceHelps(t *testing.T) {
	for _, tc := range []struct {
		enabled, size string
		want          bool
	}{
		{"always [madvise] never\n", "2097152\n", true},
		{"always [madvise] never\n", "", true}, // no hpage_pmd_size: 2 MiB
		{"always madvise [never]\n", "2097152\n", false},
		{"[never]", "2097152", false},
		{"[always] madvise never\n", "2097152\n", false},
		{"", "2097152\n", false}, // no enabled file
		{"", "", false},
		{"madvise", "2097152", false}, // no setting in brackets
		{"always [madvise never", "2097152", false},
		{"always [mad] never", "2097152", false},
		{"\x00\xff[", "", false},
		{"always [madvise] never\n", "536870912\n", false}, // arm64, 64 KiB pages
		{"always [madvise] never\n", "garbage", false},
	} {
		assert.Equal(t, tc.want, hugeAdviceHelps(tc.enabled, tc.size), "enabled %q, hpage_pmd_size %q", tc.enabled, tc.size)
	}
}

// TestMarkHuge: markHuge advises each run of adjacent pieces once, cut
// to whole huge pages, in address order, and stops at the first advice
// refused.
func TestMarkHuge(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		t.Skip("hugeHeap reserves nothing in a 32-bit address space")
	}
	// Address space only, never touched: the peak RSS the children of
	// TestWorstRecordMemory report counts this process's.
	big, err := syscall.Mmap(-1, 0, 40<<20, syscall.PROT_NONE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	require.NoError(t, err)
	defer syscall.Munmap(big)
	// Three runs out of order: [24, 32) MiB as two pieces, [0, 4), [12, 16).
	pieces := [][]byte{big[28<<20 : 32<<20], big[12<<20 : 16<<20], big[24<<20 : 28<<20], big[:4<<20]}
	type call struct{ beg, n uintptr }
	var calls []call
	record := func(beg, n uintptr) error {
		calls = append(calls, call{beg, n})
		return nil
	}
	require.NoError(t, markHuge(pieces, record))
	base := uintptr(unsafe.Pointer(&big[0]))
	require.Len(t, calls, 3)
	for i, at := range []uintptr{0, 12 << 20, 24 << 20} {
		c := calls[i]
		assert.Zero(t, c.beg%hugePage, "call %d begins on a huge page", i)
		assert.Zero(t, c.n%hugePage, "call %d covers whole huge pages", i)
		assert.GreaterOrEqual(t, c.beg, base+at, "call %d", i)
		size := uintptr(4 << 20)
		if at == 24<<20 {
			size = 8 << 20
		}
		assert.LessOrEqual(t, c.beg+c.n, base+at+size, "call %d", i)
		assert.GreaterOrEqual(t, c.n, size-hugePage, "call %d", i)
	}

	calls = nil
	refused := errors.New("refused")
	err = markHuge(pieces, func(beg, n uintptr) error {
		calls = append(calls, call{beg, n})
		return refused
	})
	assert.ErrorIs(t, err, refused)
	assert.Len(t, calls, 1, "advice asked after the kernel refused it")
}

// mappingOf returns the VmFlags and the resident KiB of the mapping of
// this process that holds address p, from /proc/self/smaps.
func mappingOf(t *testing.T, p uintptr) (flags string, rss int64) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	in, found := false, false
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Contains(r, "-") && !strings.HasSuffix(r, ":") {
			lo, hi, _ := strings.Cut(r, "-")
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uint64(p) >= l && uint64(p) < h
			found = found || in
			continue
		}
		if !in {
			continue
		}
		if v, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			flags = v
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok {
			rss, _ = strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	require.NoError(t, sc.Err())
	require.True(t, found, "no mapping holds %#x", p)
	return flags, rss
}
