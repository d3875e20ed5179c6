package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/papergraph/papergraph/extract/table"
)

// corpusReader streams n arXiv-snapshot records, made from a few abstracts
// with unique ids, without holding them: the input costs no memory.
type corpusReader struct {
	n, i int
	buf  []byte
}

var benchAbstracts = []string{
	"We introduce RiverBench, a benchmark of hydrology questions, and evaluate Llama-2-7B and Qwen2-7B on it and on MMLU. Code: https://github.com/flood/zone.",
	"Our retriever improves Llama-2-13B on GSM8K and MMLU by 4 points; we also report results on ImageNet with ResNet-50.",
	"We fine-tune Mistral-7B on SQuAD and Natural Questions and release the model at https://huggingface.co/org/model-%d.",
	"A survey of vision benchmarks: ImageNet, CIFAR-10, COCO and ADE20K, with ViT-B/16 and ResNet-50 baselines.",
	"We present DamSet-%d, a dataset of 10,000 reservoir images, and train ResNet-50 on it and on ImageNet.",
}

func (c *corpusReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.i == c.n {
			return 0, io.EOF
		}
		i := c.i
		c.i++
		abs := fmt.Sprintf(benchAbstracts[i%len(benchAbstracts)], i)
		c.buf = fmt.Appendf(c.buf[:0], `{"id":"26%02d.%05d","title":"Paper %d on water and models","abstract":%q,"authors":"A. Author, B. Author","categories":"cs.CL"}`+"\n",
			1+i/99999%12, i%99999+1, i, abs)
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// peakHeap samples the live heap every few milliseconds until stop.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		peak := uint64(0)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// BenchmarkExtractTables measures extract -format parquet's peak live
// heap (peak-heap-MB) at 100,000 and 1,000,000 records: it stays flat, as
// nothing but the records in flight and one row group per table is held.
//
//	go test ./cmd/papergraph -run '^$' -bench ExtractTables -benchtime 1x -cpu 1
func BenchmarkExtractTables(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				dir := b.TempDir()
				runtime.GC()
				stop := make(chan struct{})
				peak := peakHeap(stop)
				var c common
				c.quiet = true
				c.maxRecord = 64 << 20
				start := time.Now()
				sum, err := extractTables(context.Background(), &c, []string{"-"}, &corpusReader{n: n}, dir,
					table.Options{}, slog.New(slog.DiscardHandler), newProgress(io.Discard, true))
				close(stop)
				if err != nil {
					b.Fatal(err)
				}
				if sum.read != n {
					b.Fatalf("read %d records, want %d", sum.read, n)
				}
				b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "records/s")
			}
		})
	}
}
