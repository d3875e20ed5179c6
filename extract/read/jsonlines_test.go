package read

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONLinesBatches checks that JSON Lines records decoded in batches
// on several goroutines come out as one at a time: the same papers with
// their positions, the same skipped records with theirs, the same
// repairs and the same bound on what OpenAlex abstracts grow by (which
// depends on the records before). The reference reads one byte at a
// line at a time, which makes nearly every batch a single line.
func TestJSONLinesBatches(t *testing.T) {
	arxiv, err := os.ReadFile("testdata/arxiv-snapshot.jsonl")
	require.NoError(t, err)
	f, err := os.Open("testdata/openalex-snapshot.jsonl.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	openalex, err := io.ReadAll(zr)
	require.NoError(t, err)
	lines := append(strings.Split(strings.TrimSpace(string(arxiv)), "\n"), strings.Split(strings.TrimSpace(string(openalex)), "\n")...)
	odd := []string{
		"",                         // blank
		"\xef\xbb\xbf" + lines[0],  // a byte-order mark
		`{"title": "broken`,        // a syntax error
		`[1, 2]`,                   // not an object
		`{"abstract": "no title"}`, // no title
		`{"title": "Lone \ud800 surrogate", "abstract": "x"}`,
		`{"papers": [{"title": "Wrapped one"}, {"title": "Wrapped two", "abstract": "\udc00"}]}`,
		`{"title": "` + strings.Repeat("long ", 2000) + `"}`, // over MaxRecordBytes
	}
	var b strings.Builder
	for i := range 3000 {
		if i%7 == 0 {
			b.WriteString(odd[i/7%len(odd)] + "\n")
		}
		fmt.Fprintf(&b, "%s\n", lines[i%len(lines)])
	}
	input := b.String()
	opt := Options{MaxRecordBytes: 8000}
	type result struct {
		papers []papergraph.Paper
		errs   []string
		runs   int
		first  int
	}
	readAll := func(r io.Reader) result {
		rd, err := Open(r, "in.jsonl", opt)
		require.NoError(t, err)
		var res result
		for {
			p, err := rd.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			if errors.As(err, &re) {
				res.errs = append(res.errs, err.Error())
				continue
			}
			require.NoError(t, err)
			res.papers = append(res.papers, p)
		}
		res.runs, res.first = rd.InvalidUTF8()
		return res
	}
	want := readAll(&lineAtATime{input})
	require.NotEmpty(t, want.errs)
	require.Positive(t, want.runs)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	got := readAll(bytes.NewReader([]byte(input)))
	assert.Equal(t, len(want.papers), len(got.papers))
	assert.Equal(t, want, got)
}

// lineAtATime is a reader whose reads end at the end of a line.
type lineAtATime struct{ s string }

func (r *lineAtATime) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := len(r.s)
	if i := strings.IndexByte(r.s, '\n'); i >= 0 {
		n = i + 1
	}
	n = copy(p, r.s[:n])
	r.s = r.s[n:]
	return n, nil
}
