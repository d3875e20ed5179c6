package main

import (
	"bytes"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The heap limit of a run over large inputs. The collector lets the heap
// grow to twice what it last found live before it collects again: at a
// million records (1.4 GB of JSON) 1.75 GB are live once the inputs are
// read, so the heap grew to 3.3 GB while the abstracts were extracted,
// though no more than 2.2 GB were ever live. A run whose inputs are large
// plain files therefore asks the collector to keep the memory it holds
// under 1.8 times their size and a fixed part for the lists, buffers and
// goroutines (debug.SetMemoryLimit): it collects more often when the heap
// nears that, and returns freed pages at once. build and extract (which
// hold every paper until the name search across papers) set it. The live
// heap of a build is at most about 1.35 times its input (the records as
// read, then the graph beside the extracted papers while its edges are
// made; each abstract goes once its paper is extracted, the papers before
// the graph's analysis), so the limit leaves the collector room: at a
// million records the peak is the limit, 2.68 GB, where twice the input
// made it 2.98 GB.
//
// The limit is soft: when the live heap itself passes nine tenths of it
// (records that are small beside their structs, an exact projection),
// the limit is raised to twice the live heap, as the collector would let
// it grow anyway, so that it never collects back to back. Inputs under
// heapLimitInput keep the collector's default (the graph of a small input
// may hold many times its size: the exact projection of 10,000 records,
// 14 MB, peaks at about 340 MB), and a GOMEMLIMIT in the environment is the
// user's and is left alone.
//
// The heap a run over inputs of 8 MiB or more grows to (the limit, and
// at least hugeHeapMin) is reserved at the start in huge pages (hugeHeap,
// on Linux): much of what such a run cost beside its work was the first
// write to each page of memory the heap took, one page fault of 4 KiB at
// a time.
const (
	heapLimitInput = 64 << 20  // smaller inputs set no limit
	heapLimitFixed = 128 << 20 // the limit's part that is not the input's
	heapLimitEvery = 100 * time.Millisecond
	// The heap a run over inputs of hugeHeapInput bytes or more reserves
	// in huge pages (hugeHeap), limited or not: what the exact
	// projection of 10,000 records (14 MB) peaks at. The reservation is
	// address space only until the heap writes it. Smaller inputs
	// reserve nothing: their heap is small and sparse, and one huge page
	// for a few small objects would count 2 MiB (a record of 6 MiB
	// peaked at 81 MB instead of 27-46 MB).
	hugeHeapInput = 8 << 20
	hugeHeapMin   = 384 << 20
)

// heapLimitOf returns the heap limit for inputs of size bytes: 1.8 times
// size and heapLimitFixed.
func heapLimitOf(size int64) int64 { return size/5*9 + heapLimitFixed }

// limitHeap sets the heap limit for a run over the named inputs, when
// they are large plain files, and returns the function that ends it. It
// reserves the run's heap in huge pages first when the inputs are plain
// files of hugeHeapInput bytes or more.
func limitHeap(names []string, log *slog.Logger) (stop func()) {
	size := plainSize(names)
	if os.Getenv("GOMEMLIMIT") != "" || size < heapLimitInput || size > math.MaxInt64/4 {
		if size >= hugeHeapInput {
			hugeHeap(hugeHeapMin)
		}
		return func() {}
	}
	limit := heapLimitOf(size)
	hugeHeap(max(limit, hugeHeapMin))
	prev := debug.SetMemoryLimit(limit)
	log.Debug("heap limit", "bytes", limit)
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(heapLimitEvery)
		defer t.Stop()
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(live)
			if live[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			n := int64(live[0].Value.Uint64())
			if l := raisedLimit(limit, n); l != limit {
				limit = l
				debug.SetMemoryLimit(limit)
				log.Debug("heap limit raised", "live", n, "bytes", limit)
			}
		}
	}()
	return func() {
		close(done)
		<-ended
		debug.SetMemoryLimit(prev)
	}
}

// raisedLimit returns the heap limit for a live heap of live bytes: limit,
// or twice live once live passes nine tenths of limit.
func raisedLimit(limit, live int64) int64 {
	if live > limit/10*9 {
		return 2 * live
	}
	return limit
}

// gzipMagic starts a gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// plainSize returns the bytes of the named inputs, 0 when one of them is
// not a regular file (see inputSize) or is compressed: its size then does
// not say how much it holds.
func plainSize(names []string) int64 {
	n := inputSize(names)
	if n == 0 {
		return 0
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0
		}
		var head [2]byte
		_, err = io.ReadFull(f, head[:])
		f.Close()
		if err == nil && bytes.Equal(head[:], gzipMagic) {
			return 0
		}
	}
	return n
}
