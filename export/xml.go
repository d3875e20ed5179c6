package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// replacement stands in for characters XML 1.0 cannot carry and for bytes
// that are not UTF-8.
const replacement = "\uFFFD"

// xmlChar reports whether XML 1.0 allows r in a document: #x9, #xA, #xD,
// #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF. (Surrogates never come
// out of a UTF-8 decoder.)
func xmlChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= utf8.MaxRune
	}
}

// xmlSafe returns s with every byte that is not part of valid UTF-8 and
// every character XML 1.0 forbids (\x00–\x08, \x0B, \x0C, \x0E–\x1F,
// U+FFFE, U+FFFF) replaced by U+FFFD, one for one. It does not escape
// markup: the result is the text a parser gives back after reading what
// [sink.attr] or [sink.text] writes. Other writers of XML (SVG) can reuse it.
func xmlSafe(s string) string {
	return sanitize(s, true)
}

// validUTF8 returns s with every byte that is not part of valid UTF-8
// replaced by U+FFFD, one for one (as encoding/json does).
func validUTF8(s string) string {
	return sanitize(s, false)
}

func sanitize(s string, forXML bool) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && size == 1
		if !bad && forXML {
			bad = !xmlChar(r)
		}
		if bad {
			if b.Len() == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			b.WriteString(replacement)
			last = i + size
		}
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// stickyWriter remembers the first write error so that a writer can stop
// early and report it.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// sink is the buffered output of one writer call.
type sink struct {
	*bufio.Writer
	sw *stickyWriter
}

func newSink(w io.Writer) *sink {
	sw := &stickyWriter{w: w}
	return &sink{Writer: bufio.NewWriterSize(sw, 32<<10), sw: sw}
}

// failed reports whether a write to the underlying writer has failed;
// writers check it once per node or edge to stop early.
func (s *sink) failed() bool { return s.sw.err != nil }

// close flushes the buffer and returns the first write error, wrapped.
func (s *sink) close(format string) error {
	err := s.Flush()
	if s.sw.err != nil {
		err = s.sw.err
	}
	if err != nil {
		return fmt.Errorf("export: write %s: %w", format, err)
	}
	return nil
}

// attr writes str as a double-quoted XML attribute value: &, <, >, "
// escaped; tab, newline and carriage return written as character
// references, so that parsers give them back instead of normalising them
// to spaces; invalid UTF-8 and characters XML 1.0 forbids replaced by
// U+FFFD. No text can close the attribute or the element.
func (s *sink) attr(str string) { s.escape(str, true) }

// text writes str as XML character data, escaped like [sink.attr] except
// that tabs and newlines stay literal (parsers keep them in content, and
// streaming readers such as Gephi's drop character data that is only
// whitespace, which a lone "&#10;" can become); carriage returns are still
// references, or parsers would turn "\r\n" into "\n". "]]>" comes out as
// "]]&gt;".
func (s *sink) text(str string) { s.escape(str, false) }

func (s *sink) escape(str string, attr bool) {
	last := 0
	for i := 0; i < len(str); {
		c := str[i]
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '"':
				esc = "&quot;"
			case '\t':
				if attr {
					esc = "&#9;"
				}
			case '\n':
				if attr {
					esc = "&#10;"
				}
			case '\r':
				esc = "&#13;"
			default:
				if c < 0x20 {
					esc = replacement
				}
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(str[i:])
			if (r == utf8.RuneError && size == 1) || !xmlChar(r) {
				esc = replacement
			}
		}
		if esc != "" {
			s.WriteString(str[last:i])
			s.WriteString(esc)
			last = i + size
		}
		i += size
	}
	s.WriteString(str[last:])
}

// formatFloat writes v in the shortest decimal form that reads back
// exactly, never in exponent notation (Java, Python and Go all parse it),
// and without a sign on zero.
func formatFloat(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func itoa(i int) string { return strconv.Itoa(i) }
