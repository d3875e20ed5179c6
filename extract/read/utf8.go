package read

import (
	"bytes"
	"io"
	"sync"
	"unicode/utf8"
)

// utf8Count passes the bytes of a (decompressed) input through, counting
// the runs of bytes that are not UTF-8 and the line of the first one. The
// parsers replace such bytes by U+FFFD (one per run, as
// [strings.ToValidUTF8] does); the count lets a run summary say so instead
// of repairing text silently. Valid input costs one [utf8.Valid] pass.
// One goroutine reads it; another may read the counts and add repairs
// ([utf8Count.repaired]) at the same time.
type utf8Count struct {
	mu    sync.Mutex // guards the counts
	r     io.Reader
	carry []byte // an incomplete sequence at the end of the last read, then scratch
	runs  int    // runs of invalid bytes so far
	first int    // line of the first run, 1-based; 0 when there is none
	lines int    // newlines before the current chunk, until the first run
	bad   bool   // the last byte scanned was invalid (a run may continue)
}

// Read reads from the input and scans what it read.
func (c *utf8Count) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.mu.Lock()
	c.scan(p[:n], err != nil)
	c.mu.Unlock()
	return n, err
}

// counts returns the runs so far and the line of the first.
func (c *utf8Count) counts() (runs, first int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runs, c.first
}

// scan counts the invalid runs in b, keeping an incomplete sequence at its
// end for the next call unless the input has ended.
func (c *utf8Count) scan(b []byte, end bool) {
	if len(c.carry) > 0 {
		c.carry = append(c.carry, b...)
		b = c.carry
	}
	cut := len(b)
	if !end {
		// Hold back a sequence cut by the end of the read.
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					cut = i
				}
				break
			}
		}
	}
	data := b[:cut]
	switch {
	case len(data) == 0:
		// All held back: a run of invalid bytes may go on.
	case utf8.Valid(data):
		c.bad = false
		if c.first == 0 {
			c.lines += bytes.Count(data, []byte{'\n'})
		}
	default:
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				if !c.bad {
					c.runs++
					if c.first == 0 {
						c.first = c.lines + 1
					}
				}
				c.bad = true
			} else {
				c.bad = false
				if r == '\n' && c.first == 0 {
					c.lines++
				}
			}
			i += size
		}
	}
	rest := b[cut:]
	if len(rest) == 0 {
		c.carry = c.carry[:0]
		return
	}
	// rest may alias carry: move it to the front.
	c.carry = append(c.carry[:0], rest...)
}

// repaired counts n repairs the parsers made beyond the raw bytes (JSON
// escapes of lone surrogates) at line (0 when unknown).
func (c *utf8Count) repaired(n, line int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.runs += n
	if c.first == 0 || (line > 0 && line < c.first) {
		c.first = max(line, 1)
	}
}
