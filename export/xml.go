package export

import (
	"math"
	"strconv"
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
	if safeFor(s, true) {
		return s
	}
	return string(appendSafe(make([]byte, 0, len(s)+8), s, true))
}

// safeFor reports whether [appendSafe] would copy s unchanged.
func safeFor(s string, forXML bool) bool {
	for i := 0; i < len(s); {
		if i = plainText(s, i); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if forXML && c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (forXML && !xmlChar(r)) {
			return false
		}
		i += size
	}
	return true
}

// appendSafe appends s to dst as [xmlSafe] (forXML) or [validUTF8] return
// it.
func appendSafe(dst []byte, s string, forXML bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if forXML && c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				dst = append(dst, s[last:i-1]...)
				dst = append(dst, replacement...)
				last = i
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (forXML && !xmlChar(r)) {
			dst = append(dst, s[last:i]...)
			dst = append(dst, replacement...)
			last = i + size
		}
		i += size
	}
	return append(dst, s[last:]...)
}

// attr writes str as a double-quoted XML attribute value: &, <, >, "
// escaped; tab, newline and carriage return written as character
// references, so that parsers give them back instead of normalising them
// to spaces; invalid UTF-8 and characters XML 1.0 forbids replaced by
// U+FFFD. No text can close the attribute or the element.
func (s *sink) attr(str string) { s.b = appendXML(s.b, str, xmlAttrEscapes) }

// text writes str as XML character data, escaped like [sink.attr] except
// that tabs and newlines stay literal (parsers keep them in content, and
// streaming readers such as Gephi's drop character data that is only
// whitespace, which a lone "&#10;" can become); carriage returns are still
// references, or parsers would turn "\r\n" into "\n". "]]>" comes out as
// "]]&gt;".
func (s *sink) text(str string) { s.b = appendXML(s.b, str, xmlTextEscapes) }

// xmlEscaper says how [appendXML] writes each byte: plain bytes are
// copied as they are; an ASCII byte that is not plain becomes esc[c]; a
// byte from 0x80 up starts a sequence that is checked as UTF-8 and as a
// character XML allows.
type xmlEscaper struct {
	plain [256]bool
	esc   [utf8.RuneSelf]string
}

// xmlTextEscapes is for character data, xmlAttrEscapes for attribute
// values.
var xmlTextEscapes, xmlAttrEscapes = newXMLEscaper(false), newXMLEscaper(true)

func newXMLEscaper(attr bool) *xmlEscaper {
	x := new(xmlEscaper)
	for c := range utf8.RuneSelf {
		x.plain[c] = true
	}
	for c := range byte(0x20) {
		x.plain[c], x.esc[c] = false, replacement
	}
	for c, e := range map[byte]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\r': "&#13;", '\t': "&#9;", '\n': "&#10;"} {
		x.plain[c], x.esc[c] = false, e
	}
	if !attr {
		x.plain['\t'], x.plain['\n'] = true, true
	}
	return x
}

// appendXML appends str to dst escaped by x (see [sink.attr] and
// [sink.text]). Runs of plain bytes are copied in one piece.
func appendXML(dst []byte, str string, x *xmlEscaper) []byte {
	last := 0
	for i := 0; i < len(str); {
		i = plainXML(str, i)
		for end := min(i+8, len(str)); i < end; {
			c := str[i]
			if x.plain[c] {
				i++
				continue
			}
			if c < utf8.RuneSelf {
				dst = append(dst, str[last:i]...)
				dst = append(dst, x.esc[c]...)
				i++
				last = i
				continue
			}
			r, size := utf8.DecodeRuneInString(str[i:])
			if (r == utf8.RuneError && size == 1) || !xmlChar(r) {
				dst = append(dst, str[last:i]...)
				dst = append(dst, replacement...)
				last = i + size
			}
			i += size
		}
	}
	return append(dst, str[last:]...)
}

// appendFloat appends v as [formatFloat] returns it.
func appendFloat(dst []byte, v float64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	if d, ok := appendShortDecimal(dst, v); ok {
		return d
	}
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

// appendShortDecimal appends v as strconv.AppendFloat(dst, v, 'f', -1, 64)
// does when v is not zero and a whole number of ten-thousandths below 2^30
// in magnitude (node sizes, positions, and shares weights, which are
// rounded to four places), and reports false, appending nothing,
// otherwise. The digits of such a v's ten-thousandths, trailing zeros
// dropped, are its shortest decimal form: any other decimal with at most
// four places is 0.0001 away, and doubles below 2^30 lie less than 2^-22
// apart, so no shorter decimal reads back as v.
func appendShortDecimal(dst []byte, v float64) ([]byte, bool) {
	const limit = 1 << 30
	if !(v > -limit && v < limit) {
		return dst, false
	}
	h := math.Round(v * 1e4)
	if h/1e4 != v || h == 0 {
		return dst, false
	}
	n := int64(h)
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	dst = strconv.AppendInt(dst, n/1e4, 10)
	f := n % 1e4
	if f == 0 {
		return dst, true
	}
	digits := [4]byte{byte('0' + f/1000), byte('0' + f/100%10), byte('0' + f/10%10), byte('0' + f%10)}
	k := 4
	for digits[k-1] == '0' {
		k--
	}
	dst = append(dst, '.')
	return append(dst, digits[:k]...), true
}

func itoa(i int) string { return strconv.Itoa(i) }
