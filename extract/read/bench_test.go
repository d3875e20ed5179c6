package read

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// benchFixture repeats a fixture's records to about 4 MB and measures
// reading it. Run: go test -run XXX -bench . -benchmem ./extract/read/
func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r, err := Open(bytes.NewReader(data), "bench", Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *RecordError
			if err != nil && !errors.As(err, &re) {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkReadArXivJSONL(b *testing.B) {
	data, err := io.ReadAll(io.LimitReader(&jsonlStream{size: 8 << 20}, 8<<20))
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, data)
}

func BenchmarkReadFormats(b *testing.B) {
	for _, c := range []struct{ name, file, open, sep, close string }{
		{"hf-page", "../../internal/sample/hf-trending-page.txt", "", "", ""},
		{"hf-json", "testdata/hf-single.json", "[", ",", "]"},
		{"openalex", "testdata/openalex-works.json", "[", ",", "]"},
		{"s2", "testdata/s2-papers.json", "[", ",", "]"},
		{"arxiv-atom", "testdata/arxiv-query.atom", "", "", ""},
		{"bibtex", "testdata/zotero.bib", "", "\n", ""},
		{"csv", "testdata/papers.csv", "", "", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			one, err := os.ReadFile(c.file)
			if err != nil {
				b.Fatal(err)
			}
			benchRead(b, repeat(c.name, one, 4<<20))
		})
	}
}

// repeat grows a fixture to about n bytes, keeping it one valid input.
func repeat(format string, one []byte, n int) []byte {
	var buf bytes.Buffer
	switch format {
	case "hf-json", "openalex", "s2":
		buf.WriteString("[")
		for i := 0; buf.Len() < n; i++ {
			if i > 0 {
				buf.WriteString(",\n")
			}
			buf.Write(one)
		}
		buf.WriteString("]")
	case "arxiv-atom":
		start := bytes.Index(one, []byte("<entry>"))
		end := bytes.LastIndex(one, []byte("</feed>"))
		buf.Write(one[:start])
		for buf.Len() < n {
			buf.Write(one[start:end])
		}
		buf.Write(one[end:])
	case "csv":
		header := bytes.IndexByte(one, '\n') + 1
		buf.Write(one[:header])
		for buf.Len() < n {
			buf.Write(one[header:])
		}
	default:
		for buf.Len() < n {
			buf.Write(one)
			buf.WriteString("\n")
		}
	}
	return buf.Bytes()
}
