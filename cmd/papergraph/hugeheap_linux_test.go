package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHugeHeap: after hugeHeap, memory the heap takes for a large slice
// lies in a mapping the kernel may back with huge pages (smaps' VmFlags
// "hg", MADV_HUGEPAGE), and none of it is resident before it is written.
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
	hugeHeap(256 << 20)
	b := make([]byte, 64<<20)
	// The slice may begin in the heap's pages below the reserved ones.
	flags, rss := mappingOf(t, uintptr(unsafe.Pointer(&b[len(b)/2])))
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of the slice's mapping")
	assert.Less(t, rss, int64(64<<10), "KiB resident in the slice's mapping before it is written")
	b[len(b)-1] = 1
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
