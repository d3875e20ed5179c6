package read

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errLineTooLong is returned by lineReader.next for a line over the limit.
var errLineTooLong = errors.New("line too long")

// lineReader reads lines of any length up to a limit, without the
// line terminator (\n or \r\n), counting them. Unlike bufio.Scanner it
// has no fixed maximum token size: it loops over bufio.Reader.ReadSlice
// and keeps only the current line.
type lineReader struct {
	br   *bufio.Reader
	max  int
	line int // number of the last line returned
	buf  []byte
}

// keptLineBuffer is the largest line buffer a lineReader keeps for the
// next line.
const keptLineBuffer = 1 << 20

func newLineReader(br *bufio.Reader, max int) *lineReader {
	return &lineReader{br: br, max: max}
}

// next returns the next line, valid until the following call. A line
// longer than max bytes is skipped to its end and reported as
// errLineTooLong (l.line is its number). At the end it returns io.EOF.
func (l *lineReader) next() ([]byte, error) {
	if cap(l.buf) > keptLineBuffer {
		// A huge line's buffer is not kept for the lines after it: a
		// record of many megabytes would double its memory until the
		// end of the input.
		l.buf = nil
	}
	l.buf = l.buf[:0]
	seen, tooLong := 0, false
	var whole []byte // the line, when one read of the buffer holds all of it
	for {
		chunk, err := l.br.ReadSlice('\n')
		seen += len(chunk)
		if !tooLong {
			switch {
			case len(l.buf)+len(chunk) > l.max+2: // +2: a terminator (\r\n) at most
				tooLong = true
				l.buf = l.buf[:0]
			case len(l.buf) == 0 && err != bufio.ErrBufferFull:
				// No copy: the buffer's bytes stay as they are until
				// the next read, as l.buf does until the next call.
				whole = chunk
			default:
				l.buf = append(l.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == io.EOF && seen == 0 {
			return nil, io.EOF
		}
		l.line++
		line := l.buf
		if whole != nil {
			line = whole
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		// The limit is on the line without its terminator, whichever it
		// is and wherever the reads that brought the line ended.
		if tooLong || len(line) > l.max {
			return nil, errLineTooLong
		}
		return line, nil
	}
}

// errBudget is returned by budgetReader when a record exceeds its budget.
var errBudget = errors.New("record budget exceeded")

// budgetReader lets a decoder that buffers (json, xml, csv) read at most
// up to limit bytes of input, so that one huge value cannot exhaust
// memory. The owner moves limit forward before each record.
//
// With lines set it also records the offsets of the newlines read but
// not yet passed, so that lineAt can turn a decoder offset into a line
// number.
type budgetReader struct {
	r     io.Reader
	n     int64 // bytes read so far
	limit int64

	lines   bool
	nl      []int64 // offsets of newlines not yet passed by lineAt
	newline int     // newlines passed
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.n >= b.limit {
		return 0, errBudget
	}
	if rest := b.limit - b.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.r.Read(p)
	if b.lines {
		for i, q := 0, p[:n]; ; {
			j := bytes.IndexByte(q[i:], '\n')
			if j < 0 {
				break
			}
			b.nl = append(b.nl, b.n+int64(i+j))
			i += j + 1
		}
	}
	b.n += int64(n)
	return n, err
}

// lineAt returns the 1-based line of input offset off. Offsets must not
// decrease from one call to the next.
func (b *budgetReader) lineAt(off int64) int {
	k := 0
	for k < len(b.nl) && b.nl[k] < off {
		k++
	}
	b.newline += k
	b.nl = b.nl[k:]
	return b.newline + 1
}

// allow lets the reader go max bytes (plus read-ahead slack) beyond
// offset, the decoder's position.
func (b *budgetReader) allow(offset int64, max int) {
	b.limit = offset + int64(max) + 64<<10
}
