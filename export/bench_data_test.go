package export

import (
	"io"
	"testing"
)

// BenchmarkDataWriters writes a 10,000-paper, 20,000-node graph in each
// format to io.Discard (go test ./export -run '^$' -bench DataWriters
// -benchmem). Bytes per op is the output size.
func BenchmarkDataWriters(b *testing.B) {
	g := randomGraph(b, 10000, 42)
	opt := Options{Layout: layoutFor(g)}
	for _, w := range dataWriters {
		b.Run(w.name, func(b *testing.B) {
			cw := &countingWriter{}
			if err := w.fn(cw, g, opt); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := w.fn(io.Discard, g, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
