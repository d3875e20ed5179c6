package export

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// sinkSize is how many bytes a sink gathers before it writes them out.
const sinkSize = 64 << 10

// sink is the buffered output of one writer call: the writers append to
// b and hand it to w once it holds sinkSize bytes, at the end of a node or
// an edge (see [sink.failed]). A sink is not safe for concurrent use.
type sink struct {
	w      io.Writer
	b      []byte
	err    error      // the first write error
	floats *floatMemo // how the last floats were formatted by appendFloat; made at the first
}

func newSink(w io.Writer) *sink {
	return &sink{w: w, b: make([]byte, 0, sinkSize+sinkSize/4)}
}

// WriteString appends str as it is.
func (s *sink) WriteString(str string) { s.b = append(s.b, str...) }

// Write appends p as it is; it never fails (the error comes from
// [sink.close]), so fmt can print to a sink.
func (s *sink) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

// flush writes out the buffer, unless a write has failed already.
func (s *sink) flush() {
	if s.err == nil && len(s.b) > 0 {
		n, err := s.w.Write(s.b)
		if err == nil && n < len(s.b) {
			err = io.ErrShortWrite
		}
		s.err = err
	}
	s.b = s.b[:0]
}

// failed writes out a full buffer and reports whether a write to the
// underlying writer has failed; writers call it once per node or edge, to
// stream and to stop early.
func (s *sink) failed() bool {
	if len(s.b) >= sinkSize {
		s.flush()
	}
	return s.err != nil
}

// close writes out the rest and returns the first write error, wrapped.
func (s *sink) close(format string) error {
	s.flush()
	if s.err != nil {
		return fmt.Errorf("export: write %s: %w", format, s.err)
	}
	return nil
}

// int writes v in decimal.
func (s *sink) int(v int) { s.b = strconv.AppendInt(s.b, int64(v), 10) }

// float writes v as [formatFloat] does.
func (s *sink) float(v float64) {
	if s.floats == nil {
		s.floats = new(floatMemo)
	}
	s.b = s.floats.append(s.b, v, appendFloat)
}

// floatMemo remembers the text of recent floats, looked up by their bits
// in a direct-mapped table: most edges of a graph share a few thousand
// weights (7,198 distinct ones among the 4.9 M edges of the exact
// projection of 10,000 make_corpus.py papers, where 256 slots find 98.7%
// of them), and copying a text is faster than formatting the float again.
// A memo serves one formatting function. It is not safe for concurrent
// use.
type floatMemo struct {
	bits [memoSlots]uint64
	n    [memoSlots]uint8 // length of text; 0 for an empty slot
	text [memoSlots][memoText]byte
}

const (
	memoShift = 8
	memoSlots = 1 << memoShift
	memoText  = 16 // longer texts are formatted every time
)

// append appends v as format(dst, v) does, from the memo when it holds v.
func (m *floatMemo) append(dst []byte, v float64, format func([]byte, float64) []byte) []byte {
	bits := math.Float64bits(v)
	h := bits * 0x9E3779B97F4A7C15 >> (64 - memoShift)
	if n := int(m.n[h]); n != 0 && m.bits[h] == bits {
		if l := len(dst); cap(dst)-l >= memoText {
			// A fixed-size copy, then the length: no call.
			*(*[memoText]byte)(dst[l : l+memoText]) = m.text[h]
			return dst[:l+n]
		}
		return append(dst, m.text[h][:n]...)
	}
	start := len(dst)
	dst = format(dst, v)
	if n := len(dst) - start; n <= memoText {
		m.bits[h], m.n[h] = bits, uint8(n)
		copy(m.text[h][:], dst[start:])
	}
	return dst
}
