package read

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/papergraph/papergraph"
)

// JSON Lines records are decoded on all cores: a batch of lines is read
// (those the input's buffer holds, up to lineBatchLines lines and
// lineBatchBytes bytes, or one longer line), decoded and mapped on
// GOMAXPROCS goroutines, and returned in input order, while the next
// batch is read and decoded on a goroutine of its own: reading the lines
// (the input, its UTF-8 check, line ends) is serial, and so is what the
// caller does with each paper, and neither waits for the other. What
// depends on the records before a record is done in order as it is
// returned: the lone surrogates it repairs (the first repair's line) and
// an OpenAlex record's mapping (what the input's abstracts grew by).
// The papers and errors are those of one record at a time.
//
// A batch holds up to lineBatchBytes of lines and may end with one
// line of up to MaxRecordBytes, whose bytes are then held twice (in the
// line reader and in the batch) while it is decoded; two batches are in
// hand at once, the one being returned and the next. A caller that
// counts the bytes read so far to guess how many records an input holds
// (build sizes its papers' slice so) is off by at most two batches.
// A caller that stops calling Next leaves at most the goroutine of the
// next batch, which ends when the read it waits in returns.
//
// A record's path (lone surrogates, decode, map) is written twice: in
// decodeLine and nextLine, split so that the decoding runs in parallel,
// and in [jsonParser.record] for one record at a time. The two must
// stay in step.
const (
	lineBatchLines = 256
	lineBatchBytes = 1 << 20
)

// A lineBatch is the lines read ahead and what they became.
type lineBatch struct {
	recs []lineRecord
	next int    // the first record not yet returned
	buf  []byte // the lines' bytes
	err  error  // what ended the lines (io.EOF, a read error), once recs are returned
}

// A lineRecord is one line of a batch and what it became.
type lineRecord struct {
	line    int
	lo, hi  int  // the line's bytes in the batch's buf
	tooLong bool // the line was longer than the record limit
	// Set by decoding.
	surrogates int               // lone surrogates repaired
	items      []json.RawMessage // the records of a one-line wrapper object
	wrapper    bool
	raw        *rawRecord // an OpenAlex record, mapped when returned
	n          int        // raw's size
	paper      papergraph.Paper
	err        error
}

func (p *jsonParser) nextLine() (papergraph.Paper, error) {
	for {
		if paper, err, ok := p.nextPending(); ok {
			return paper, err
		}
		b := &p.lines
		if b.next == len(b.recs) {
			if b.err != nil {
				return papergraph.Paper{}, b.err
			}
			p.readLines()
			continue
		}
		d := b.recs[b.next]
		b.recs[b.next] = lineRecord{} // the batch holds nothing it handed on
		b.next++
		switch {
		case d.tooLong:
			return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: d.line}, Err: fmt.Errorf("line longer than %d bytes: %w", p.max, ErrTooLarge)}
		case d.wrapper:
			p.pending, p.pendingLine = d.items, d.line
			continue
		}
		if d.surrogates > 0 {
			p.count.repaired(d.surrogates, d.line)
		}
		if d.raw != nil {
			d.paper, d.err = p.mapRecord(d.raw, FormatOpenAlex, d.n)
		}
		paper, line, err := d.paper, d.line, d.err
		if err != nil {
			return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: line}, Err: err}
		}
		paper.Pos.Line = line
		return paper, nil
	}
}

// readLines makes the next batch of lines, read and decoded, the one
// nextLine returns from, and starts reading and decoding the batch after
// it unless the lines have ended.
func (p *jsonParser) readLines() {
	if p.ahead == nil {
		p.ahead, p.aheadDone = &lineBatch{}, make(chan struct{}, 1)
		p.fill(&p.lines)
	} else {
		<-p.aheadDone
		p.lines, *p.ahead = *p.ahead, p.lines // the batch returned keeps its buffers for the next
	}
	if p.lines.err == nil {
		go func() {
			p.fill(p.ahead)
			p.aheadDone <- struct{}{}
		}()
	}
}

// fill reads a batch of lines into b and decodes them. Once the batch has
// a record it reads on only while the input's buffer holds a whole line:
// reading a line that is not all there waits for the input, and a pipe's
// records must come as soon as they are sent, not when the line after
// them is complete.
func (p *jsonParser) fill(b *lineBatch) {
	if cap(b.buf) > 2*lineBatchBytes {
		b.buf = nil // after a huge line
	}
	b.recs, b.next, b.buf = b.recs[:0], 0, b.buf[:0]
	for len(b.recs) < lineBatchLines && len(b.buf) < lineBatchBytes {
		if len(b.recs) > 0 && !p.lineBuffered() {
			break
		}
		line, err := p.lr.next()
		if errors.Is(err, errLineTooLong) {
			b.recs = append(b.recs, lineRecord{line: p.lr.line, tooLong: true})
			continue
		}
		if err != nil {
			if err != io.EOF {
				// A read error past the bytes Open read to detect the
				// format ends the input on the line it was reading; one
				// within them is Open's error, which names no line.
				err = &fatalError{line: p.lr.line + 1, err: err}
			}
			b.err = err
			break
		}
		line = bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")))
		if len(line) == 0 {
			continue
		}
		lo := len(b.buf)
		b.buf = append(b.buf, line...)
		b.recs = append(b.recs, lineRecord{line: p.lr.line, lo: lo, hi: len(b.buf)})
	}
	// Each goroutine takes the next record not yet taken, and cuts the
	// strings of its records from slabs of its own.
	var taken atomic.Int64
	decode := func(mem *textSlabs) {
		var r rawRecord
		for {
			i := int(taken.Add(1)) - 1
			if i >= len(b.recs) {
				return
			}
			if d := &b.recs[i]; !d.tooLong {
				p.decodeLine(d, b.buf[d.lo:d.hi], &r, mem)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(b.recs))
	for len(p.slabs) < workers {
		p.slabs = append(p.slabs, new(textSlabs))
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { decode(p.slabs[w]) })
	}
	if workers > 0 {
		decode(p.slabs[0])
	}
	wg.Wait()
}

// lineBuffered reports whether the input's buffer holds the end of the
// next line, so that reading it does not wait for the input.
func (p *jsonParser) lineBuffered() bool {
	held, _ := p.lr.br.Peek(p.lr.br.Buffered())
	return bytes.IndexByte(held, '\n') >= 0
}

// decodeLine decodes line into d, with r as scratch: a wrapper object's
// records, or the record's paper or error; an OpenAlex record is kept
// decoded, to be mapped in order. The strings the scanner decodes are cut
// from mem. It touches neither p nor the other records.
func (p *jsonParser) decodeLine(d *lineRecord, line []byte, r *rawRecord, mem *textSlabs) {
	// line has no white space around it: decode's first step is done.
	s := scanner{mem: mem}
	scanned, wrapperKey := false, false
	if len(line) > 0 && line[0] == '{' {
		*r = rawRecord{}
		scanned, wrapperKey = s.record(line, r)
	}
	if !scanned || wrapperKey {
		if items, ok := wrapped(line); ok {
			d.items, d.wrapper = items, true
			return
		}
	}
	// A record the scanner decoded has a \u escape (the only place a
	// lone surrogate can be written) where the scanner saw one.
	if p.count != nil && (!scanned || s.unicodeEscape) {
		d.surrogates = loneSurrogates(line)
	}
	var format string
	var n int
	var err error
	if scanned {
		format, n = p.formatOf(r), len(line)
	} else {
		// A line that does not open an object, or one the scanner
		// refused: not scanned again.
		format, n, err = p.decode(line, r, false)
	}
	switch {
	case err != nil:
		d.err = err
	case format == FormatOpenAlex:
		d.raw, d.n = new(rawRecord), n
		*d.raw = *r
	default:
		d.paper, d.err = p.mapRecord(r, format, n)
	}
}
