package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A readResult is everything a caller sees of one input: papers, skipped
// records with their positions, the error that ended the input, notes
// and the count of repairs.
type readResult struct {
	Papers []papergraph.Paper
	Skips  []string
	Lines  []int // the skipped records' lines
	Fatal  string
	Notes  []Note
	Runs   int
	First  int
}

// readChunked reads all of r as ReadAll does and keeps what it saw.
func readChunked(r io.Reader, opt Options) readResult {
	var res readResult
	rd, err := Open(r, "in", opt)
	if err != nil {
		res.Fatal = err.Error()
		return res
	}
	for {
		p, err := rd.Next()
		if err == io.EOF {
			break
		}
		var re *RecordError
		if errors.As(err, &re) {
			res.Skips = append(res.Skips, err.Error())
			res.Lines = append(res.Lines, re.Pos.Line)
			continue
		}
		if err != nil {
			res.Fatal = err.Error()
			break
		}
		res.Papers = append(res.Papers, p)
	}
	res.Notes = rd.Notes()
	res.Runs, res.First = rd.InvalidUTF8()
	return res
}

// chunkings are the ways an input's bytes may arrive: whole (in the
// largest reads the reader asks for), a byte at a time, in halves of
// each read, and with the end of input on the last bytes.
var chunkings = []struct {
	name string
	wrap func(io.Reader) io.Reader
}{
	{"one-byte", iotest.OneByteReader},
	{"half", iotest.HalfReader},
	{"data-err", iotest.DataErrReader},
}

// checkChunked reads data whole and through every chunking and asserts
// that each sees the same as whole reading; it returns what whole
// reading saw.
func checkChunked(t *testing.T, data []byte, opt Options) readResult {
	t.Helper()
	want := readChunked(bytes.NewReader(data), opt)
	for _, c := range chunkings {
		got := readChunked(c.wrap(bytes.NewReader(data)), opt)
		if !assert.Equal(t, want, got, "%s reads of %d bytes (format %q)", c.name, len(data), opt.Format) {
			return want
		}
	}
	return want
}

// chunkCase is one format's input: what comes before the records
// (after a byte-order mark), a filler unit of any size from 200 bytes,
// the special cases, and what ends the input.
type chunkCase struct {
	name   string
	format string
	head   string
	filler func(n int) string
	pieces []string
	tail   string
}

// pad returns s with "x" repeated in place of the first "%s" so that it
// is n bytes long.
func pad(s string, n int) string {
	return strings.Replace(s, "%s", strings.Repeat("x", n-len(s)+2), 1)
}

// chunkLimit is the record limit of TestReadChunked, the size of the
// reader's buffer, so that a line at the limit also fills the buffer.
const chunkLimit = sniffSize

func chunkCases() []chunkCase {
	max := chunkLimit
	jsonl := func(n int, end string) string { return pad(`{"title": "Padded", "abstract": "%s"}`, n) + end }
	csvRow := func(n int, end string) string { return pad(`Padded row,%s`, n) + end }
	return []chunkCase{{
		name:   "json-lines",
		format: FormatHFJSON,
		filler: func(n int) string { return jsonl(n-1, "\n") },
		pieces: []string{
			`{"title": "Plain"}` + "\n",
			"\n",
			`{"title": "CRLF"}` + "\r\n",
			`{"title": "CRLF then blank lines"}` + "\r\n\r\n\n",
			`{"title": "Lone CR"}` + "\r",
			" \t\n",
			"\xef\xbb\xbf" + `{"title": "Byte-order mark inside"}` + "\n",
			`{"title": "broken` + "\n",
			`[1, 2]` + "\r\n",
			`{"abstract": "no title"}` + "\n",
			`{"title": "Invalid \xff byte", "abstract": "lone \ud800 surrogate"}` + "\n",
			`{"papers": [{"title": "Wrapped one"}, {"title": "Wrapped two"}]}` + "\n",
			jsonl(max-1, "\n"),
			jsonl(max, "\n"),
			jsonl(max, "\r\n"),
			jsonl(max+1, "\n"),
			jsonl(max+1, "\r\n"),
			jsonl(3*max, "\r\n\r\n"),
		},
		tail: `{"title": "Last line without a newline"}`,
	}, {
		name:   "csv",
		format: FormatCSV,
		head:   "title,abstract\r\n",
		filler: func(n int) string { return csvRow(n-1, "\n") },
		pieces: []string{
			"Plain,abstract\n",
			"\n",
			"CRLF,abstract\r\n",
			"CRLF then blank lines,abstract\r\n\r\n\n",
			"Lone CR,abstract\r",
			"\"Quoted, over lines\",\"one\r\ntwo\r\n\r\nthree\"\r\n",
			",no title\n",
			"Ragged,a,b\n",
			"Stray \"quote,abstract\n",
			"\"Never closed,abstract\n",
			csvRow(max-1, "\n"),
			csvRow(max, "\r\n"),
			csvRow(max+1, "\n"),
			csvRow(max+1, "\r\n"),
			csvRow(2*max, "\n"),
		},
		tail: "Last line,without a newline",
	}, {
		name:   "bibtex",
		format: FormatBibTeX,
		filler: func(n int) string { return pad("comment %s", n-1) + "\n" },
		pieces: []string{
			"@article{plain, title={Plain}, abstract={An abstract.}}\n",
			"\n",
			"@article{crlf,\r\n  title = {CRLF},\r\n  year = 2024\r\n}\r\n",
			"@misc{blank,\r\n\r\n\n  title = {CRLF then blank lines}}\r\n\r\n\n",
			"@misc{cr,\r  title = {Lone CR}}\r",
			"@string{ mac = \"Macro\" }\n",
			"@article{usesmac, title = mac # { title}}\n",
			"@misc{notitle, note={x}}\n",
			"@article{open, title={Never closed\n\n",
			"@comment{ a comment }\n",
			"@article{long, title={Long}, abstract={" + strings.Repeat("y", max) + "}}\r\n",
		},
		tail: "@article{last, title={Last entry without a newline}}",
	}, {
		name:   "hf-page",
		format: FormatHFPage,
		filler: func(n int) string {
			return pad("Filler Title\n\nWe propose a filler %s.", n-2) + "\n\n"
		},
		pieces: []string{
			"Plain Title\n\nWe propose a plain abstract for this paper.\n\n",
			"\n",
			"CRLF Title\r\n\r\nWe propose an abstract with CRLF line ends.\r\n",
			"CRLF Then Blank Lines\r\n\r\n\nWe propose an abstract after blank lines.\r\n\r\n\n",
			"Lone CR Title\r\rWe propose an abstract after lone CRs.\r",
			"\xef\xbb\xbfMark Title\n\nWe propose an abstract after a byte-order mark.\n",
			pad("Long Title\n\nWe propose %s.", max+13) + "\n",
			pad("Longer Title\n\nWe propose %s.", max+14) + "\r\n",
		},
		tail: "Last Title\n\nWe propose a last abstract without a newline.",
	}, {
		name:   "atom",
		format: FormatArXivAtom,
		head:   "<?xml version=\"1.0\"?>\r\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\r\n",
		filler: func(n int) string { return pad("<!-- %s -->", n-1) + "\n" },
		pieces: []string{
			"<entry><title>Plain</title><summary>An abstract.</summary></entry>\n",
			"\n",
			"<entry>\r\n<title>CRLF</title>\r\n<summary>An abstract.</summary>\r\n</entry>\r\n",
			"<entry>\r\n\r\n\n<title>CRLF then blank lines</title></entry>\r\n\r\n\n",
			"<entry>\r<title>Lone CR</title>\r</entry>\r",
			"<entry><summary>No title.</summary></entry>\n",
		},
		tail: "<entry><title>Last</title></entry></feed>",
	}, {
		name:   "json-array",
		format: FormatHFJSON,
		head:   "[\r\n",
		filler: func(n int) string { return pad(`{"title": "Padded", "abstract": "%s"}`, n-2) + ",\n" },
		pieces: []string{
			`{"title": "Plain"},` + "\n",
			"\n",
			`{"title": "CRLF"},` + "\r\n",
			`{"title":` + "\r\n\r\n\n" + `"CRLF then blank lines"},` + "\r\n\r\n\n",
			`{"title": "Lone CR"},` + "\r",
			`[1, 2],` + "\n",
			`{"abstract": "no title"},` + "\n",
		},
		tail: `{"title": "Last"}` + "\r\n]",
	}}
}

// TestReadChunked reads inputs holding every special case of line
// reading (a byte-order mark, CRLF and lone CR line ends, blank lines,
// CRLF followed by blank lines, lines around the record limit, which is
// the buffer's size, too long lines, bad records, a last line without a
// newline) through iotest.OneByteReader, HalfReader and DataErrReader
// and whole, and checks that all see the same papers, skipped records,
// positions, errors, notes and repairs. Each case in turn starts at the
// first byte after the buffer's first fill, and one byte before and
// after it.
func TestReadChunked(t *testing.T) {
	shifts := []int{-1, 0, 1}
	if testing.Short() || raceEnabled {
		shifts = []int{0}
	}
	for _, c := range chunkCases() {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Format: c.format, MaxRecordBytes: chunkLimit}
			papers := -1
			for rot := range c.pieces {
				for _, d := range shifts {
					var b strings.Builder
					b.WriteString("\xef\xbb\xbf" + c.head)
					b.WriteString(c.filler(sniffSize + d - b.Len()))
					require.Equal(t, sniffSize+d, b.Len())
					for i := range c.pieces {
						b.WriteString(c.pieces[(rot+i)%len(c.pieces)])
					}
					b.WriteString(c.tail)
					res := checkChunked(t, []byte(b.String()), opt)
					require.Empty(t, res.Fatal)
					if papers < 0 {
						papers = len(res.Papers)
					}
					require.Equal(t, papers, len(res.Papers), "rotation %d", rot)
				}
			}
		})
	}
}

// TestReadChunkedLines checks the lines of the case that first showed a
// reader's lines depend on how its input arrives: a CRLF followed by
// blank lines, read a byte at a time, lost a blank line, and every
// record after it came out a line early.
func TestReadChunkedLines(t *testing.T) {
	in := "\xef\xbb\xbf{\"title\": \"One\"}\r\n\r\n\n{\"title\": \"Four\"}\r\n\n\r\n{\"title\": \"Seven\"}\n"
	for _, c := range append(chunkings, struct {
		name string
		wrap func(io.Reader) io.Reader
	}{"whole", func(r io.Reader) io.Reader { return r }}) {
		t.Run(c.name, func(t *testing.T) {
			res := readChunked(c.wrap(strings.NewReader(in)), Options{})
			require.Empty(t, res.Fatal)
			var lines []int
			for _, p := range res.Papers {
				lines = append(lines, p.Pos.Line)
			}
			assert.Equal(t, []int{1, 4, 7}, lines)
		})
	}
}

// TestLineLimit checks that a line's limit does not count its
// terminator, however the line ends and arrives.
func TestLineLimit(t *testing.T) {
	const max = 100
	for _, end := range []string{"\n", "\r\n", "\r", ""} {
		for _, n := range []int{max - 1, max, max + 1, max + 2} {
			in := pad(`{"title": "%s"}`, n) + end
			t.Run(fmt.Sprintf("%d%q", n, end), func(t *testing.T) {
				res := checkChunked(t, []byte(in), Options{MaxRecordBytes: max})
				if n > max {
					assert.Len(t, res.Papers, 0)
					assert.Equal(t, []int{1}, res.Lines)
				} else {
					assert.Len(t, res.Papers, 1)
					assert.Empty(t, res.Skips)
				}
			})
		}
	}
}

// FuzzReadChunked checks that an input read a byte at a time, in halves
// or with the end on its last bytes gives what it gives whole, in every
// format.
func FuzzReadChunked(f *testing.F) {
	seed(f, []string{".jsonl", ".json", ".bib", ".csv", ".txt", ".atom"},
		"\xef\xbb\xbf{\"title\": \"One\"}\r\n\r\n\n{\"title\": \"Four\"}\n",
		"title,abstract\r\nA,b\r\n\r\n\nC,d\n",
		"@article{a, title={A}}\r\n\r\n\n@article{b, title={B}}\n",
		"[\r\n{\"title\": \"A\"},\r\n\r\n\n{\"title\": \"B\"}]",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"", FormatHFJSON, FormatCSV, FormatBibTeX, FormatHFPage, FormatArXivAtom} {
			checkChunked(t, data, Options{Format: format, MaxRecordBytes: 64})
		}
	})
}
