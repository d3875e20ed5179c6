package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonlStream generates an arXiv-snapshot JSON Lines stream of about size
// bytes on the fly, never holding more than one record. Every 5000th
// record has a 1 MiB abstract, so long lines are part of the stream.
type jsonlStream struct {
	size, n int64
	rec     int
	buf     bytes.Buffer
}

func (s *jsonlStream) Read(p []byte) (int, error) {
	for s.buf.Len() == 0 {
		if s.n >= s.size {
			return 0, io.EOF
		}
		s.rec++
		abstract := "We study streaming of large metadata dumps and propose nothing new. Code: https://github.com/o/r" + fmt.Sprint(s.rec%97)
		if s.rec%5000 == 0 {
			abstract = strings.Repeat("long ", 1<<18)
		}
		fmt.Fprintf(&s.buf, `{"id":"%04d.%05d","submitter":"A","authors":"A. One, B. Two and C. Thr\\'ee","title":"Paper number %d on streams","comments":"9 pages","journal-ref":null,"doi":"10.1000/x%d","categories":"cs.DB","abstract":"%s","versions":[{"version":"v1","created":"Mon, 1 Jan 2024 00:00:00 GMT"}]}`+"\n",
			1001+s.rec%1000/100, s.rec%100000, s.rec, s.rec, abstract)
		s.n += int64(s.buf.Len())
	}
	return s.buf.Read(p)
}

// TestStreamMemoryFlat reads a generated JSON Lines stream (128 MiB by
// default; 16 MB with -short or -race; 1 GiB with PAPERGRAPH_HUGE=1) and
// checks the live heap stays flat: it does not grow with the input.
func TestStreamMemoryFlat(t *testing.T) {
	size := int64(128 << 20)
	if testing.Short() || raceEnabled {
		size = 16 << 20
	}
	if os.Getenv("PAPERGRAPH_HUGE") == "1" {
		size = 1 << 30
	}
	src := &jsonlStream{size: size}
	r, err := Open(src, "stream.jsonl", Options{})
	require.NoError(t, err)
	require.Equal(t, FormatArXivJSONL, r.Format())

	var ms runtime.MemStats
	var peak, first uint64
	n := 0
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		n++
		if n == 1 {
			assert.Equal(t, "Paper number 1 on streams", p.Title)
			assert.Equal(t, []string{"A. One", "B. Two", "C. Thrée"}, p.Authors)
		}
		if n%20000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			if first == 0 {
				first = ms.HeapAlloc
			}
			peak = max(peak, ms.HeapAlloc)
		}
	}
	assert.Equal(t, src.rec, n, "every generated record is read")
	t.Logf("read %d MiB, %d records; live heap first %.1f MiB, peak %.1f MiB", src.n>>20, n, float64(first)/(1<<20), float64(peak)/(1<<20))
	// The biggest line is 1.3 MiB: the reader keeps one line buffer and
	// one record. 16 MiB of headroom covers the GC's and test's own use.
	assert.Less(t, peak, uint64(16<<20), "live heap must not grow with the input")
	assert.Less(t, peak-first, uint64(8<<20), "live heap grew while streaming")
}

func TestJSONArrayStreams(t *testing.T) {
	// A big top-level array is streamed element by element: the budget
	// reader would fail with ErrTooLarge if the decoder held the whole
	// array (5 MB) against a 256 KiB record limit.
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < 10000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"paper": {"id": "2401.%05d", "title": "Paper %d", "summary": "%s"}}`, i, i, strings.Repeat("x", 500))
	}
	b.WriteString("]")
	papers, skipped, err := ReadAll(strings.NewReader(b.String()), "big.json", Options{MaxRecordBytes: 256 << 10})
	require.NoError(t, err)
	assert.Empty(t, skipped)
	assert.Len(t, papers, 10000)
}
