package export

import (
	"fmt"
	"io"
	"strconv"
)

// sinkSize is how many bytes a sink gathers before it writes them out.
const sinkSize = 64 << 10

// sink is the buffered output of one writer call: the writers append to
// b and hand it to w once it holds sinkSize bytes, at the end of a node or
// an edge (see [sink.failed]). A sink is not safe for concurrent use.
type sink struct {
	w   io.Writer
	b   []byte
	err error // the first write error
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
func (s *sink) float(v float64) { s.b = appendFloat(s.b, v) }
