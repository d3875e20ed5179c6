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
	"testing/iotest"
	"time"
	"unsafe"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONLinesBatches checks that JSON Lines records decoded in batches
// on several goroutines come out as one at a time: the same papers with
// their positions, the same skipped records with theirs, the same
// repairs and the same bound on what OpenAlex abstracts grow by (which
// depends on the records before). The reference reads a line at a
// time, which makes nearly every batch a single line.
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
	want := readChunked(&lineAtATime{input}, opt)
	require.Empty(t, want.Fatal)
	require.NotEmpty(t, want.Skips)
	require.Positive(t, want.Runs)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	got := readChunked(bytes.NewReader([]byte(input)), opt)
	assert.Equal(t, len(want.Papers), len(got.Papers))
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

// TestJSONLinesPipe checks that the records a pipe has sent come out
// without waiting for more input: the input holds whole records and
// half of the next one, then blocks, as tail -f or a writer that
// flushes in chunks can. Every whole record must come before the input
// goes on.
func TestJSONLinesPipe(t *testing.T) {
	var sent strings.Builder
	const records = 1200 // about 70 KB, more than the readers' buffers
	for i := range records {
		fmt.Fprintf(&sent, `{"title": "Piped record %d", "abstract": "Sent whole."}`+"\n", i)
	}
	sent.WriteString(`{"title": "half a rec`)
	r := &stalling{s: sent.String(), release: make(chan struct{})}
	defer close(r.release)
	done := make(chan error, 1)
	go func() {
		rd, err := Open(r, "in.jsonl", Options{})
		for i := 0; err == nil && i < records; i++ {
			var p papergraph.Paper
			if p, err = rd.Next(); err == nil && p.Title != fmt.Sprintf("Piped record %d", i) {
				err = fmt.Errorf("record %d: title %q", i, p.Title)
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatalf("Next waits for the rest of a half-sent line with whole records of %d read", records)
	}
}

// stalling is a reader that returns s, then blocks until release is
// closed, then reports io.EOF.
type stalling struct {
	s       string
	release chan struct{}
}

func (r *stalling) Read(p []byte) (int, error) {
	if r.s == "" {
		<-r.release
		return 0, io.EOF
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

// TestJSONLinesLongLine checks that a line longer than a batch's bytes,
// within MaxRecordBytes, comes out between its neighbours as it does a
// line at a time.
func TestJSONLinesLongLine(t *testing.T) {
	var b strings.Builder
	for i := range 600 {
		if i == 300 {
			fmt.Fprintf(&b, `{"title": "Long", "abstract": "%s"}`+"\n", strings.Repeat("word ", lineBatchBytes/4))
		}
		fmt.Fprintf(&b, `{"title": "Record %d", "abstract": "Short."}`+"\n", i)
	}
	readAll := func(r io.Reader) []papergraph.Paper {
		rd, err := Open(r, "in.jsonl", Options{MaxRecordBytes: 4 * lineBatchBytes})
		require.NoError(t, err)
		return nextAll(t, rd)
	}
	want := readAll(&lineAtATime{b.String()})
	require.Len(t, want, 601)
	assert.Equal(t, want, readAll(strings.NewReader(b.String())))
}

// TestJSONLinesReadError: a read error in JSON Lines ends the input with
// the line it was reading, after the records before it (past what the
// format's detection reads ahead).
func TestJSONLinesReadError(t *testing.T) {
	errDisk := errors.New("disk on fire")
	var lines strings.Builder
	const n = 3000
	for i := range n {
		fmt.Fprintf(&lines, `{"title": "Paper %d", "abstract": "A."}`+"\n", i)
	}
	lines.WriteString(`{"title": "Unfinished`)
	r, err := Open(io.MultiReader(strings.NewReader(lines.String()), iotest.ErrReader(errDisk)), "in.jsonl", Options{})
	require.NoError(t, err)
	for i := range n {
		p, err := r.Next()
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprint("Paper ", i), p.Title)
	}
	_, err = r.Next()
	require.ErrorIs(t, err, errDisk)
	assert.Equal(t, fmt.Sprintf("read: in.jsonl:%d: hf-json: disk on fire", n+1), err.Error())
	_, again := r.Next()
	assert.Equal(t, err, again, "the error is sticky")
}

// TestJSONLinesSlabRoute: Open on JSON Lines decodes through the slabs: a
// paper's id and title are cut from the kept strings' block of a decoding
// goroutine, not allocated one by one.
func TestJSONLinesSlabRoute(t *testing.T) {
	in := `{"id":"2401.00001","title":"A plain title","abstract":"An abstract."}` + "\n" +
		`{"id":"2401.00002","title":"Another plain title","abstract":"Another abstract."}` + "\n"
	rd, err := Open(strings.NewReader(in), "papers.jsonl", Options{})
	require.NoError(t, err)
	require.Equal(t, FormatHFJSON, rd.Format())
	papers := nextAll(t, rd)
	require.Len(t, papers, 2)
	jp, ok := rd.p.(*jsonParser)
	require.True(t, ok, "JSON Lines read by %T", rd.p)
	require.NotEmpty(t, jp.slabs)
	inBlock := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, m := range jp.slabs {
			if b := m.kept.buf; cap(b) > 0 {
				lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
				if lo <= p && p+uintptr(len(s)) <= lo+uintptr(cap(b)) {
					return true
				}
			}
		}
		return false
	}
	for _, p := range papers {
		assert.True(t, inBlock(p.ID), "id %q cut from a kept block", p.ID)
		assert.True(t, inBlock(p.Title), "title %q cut from a kept block", p.Title)
	}
}

// nextAll returns the papers rd reads, and wants no error but io.EOF.
func nextAll(t *testing.T, rd *Reader) []papergraph.Paper {
	t.Helper()
	var papers []papergraph.Paper
	for {
		p, err := rd.Next()
		if err == io.EOF {
			return papers
		}
		require.NoError(t, err)
		papers = append(papers, p)
	}
}
