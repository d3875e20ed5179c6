package read

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Records are decoded by a scanner of their own first: one pass over the
// record that checks its syntax as encoding/json does and hands each
// field's value to the field's own decoder (the UnmarshalJSON of
// flexString, flexInt and authorList, which is what encoding/json calls
// too, or encoding/json for the rest), instead of encoding/json's
// validation pass and reflection over every byte. A record it is not sure
// to decode exactly as encoding/json would (a key repeated, a key in
// other case than a field's, a key with escapes or non-ASCII bytes, any
// syntax error or field error, nesting deeper than maxScanDepth) goes to
// encoding/json instead, so the result and the errors are the same.

// maxScanDepth is how deep arrays and objects nest before the scanner
// leaves a record to encoding/json.
const maxScanDepth = 64

// recordField is a field of rawRecord the scanner fills.
type recordField struct {
	index int
	// unmarshaler: the field's address implements json.Unmarshaler and
	// takes the value's bytes as encoding/json would hand them over.
	unmarshaler bool
}

// recordFields are rawRecord's fields by JSON key, and folded the keys in
// lower case, which encoding/json also matches (case-insensitively).
var recordFields, foldedFields = func() (map[string]recordField, map[string]bool) {
	t := reflect.TypeFor[rawRecord]()
	fields := map[string]recordField{}
	folded := map[string]bool{}
	unmarshaler := reflect.TypeFor[json.Unmarshaler]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		fields[name] = recordField{index: i, unmarshaler: reflect.PointerTo(f.Type).Implements(unmarshaler)}
		folded[strings.ToLower(name)] = true
	}
	return fields, folded
}()

// decodeRecord decodes JSON object b into r as [decode] does, through the
// scanner when it can.
func decodeRecord(b []byte, r *rawRecord) error {
	if scanRecord(b, r) {
		return nil
	}
	*r = rawRecord{}
	return decode(b, r)
}

// scanRecord decodes b into r and reports whether it did; when it did not,
// r holds partial values.
func scanRecord(b []byte, r *rawRecord) bool {
	s := scanner{b: b}
	s.space()
	if !s.byte('{') {
		return false
	}
	rv := reflect.ValueOf(r).Elem()
	var seen uint64
	s.space()
	if s.byte('}') {
		s.space()
		return s.i == len(s.b)
	}
	for {
		s.space()
		key, ok := s.key()
		if !ok {
			return false
		}
		s.space()
		if !s.byte(':') {
			return false
		}
		s.space()
		start := s.i
		if !s.value(0) {
			return false
		}
		raw := s.b[start:s.i]
		f, known := recordFields[string(key)]
		switch {
		case known:
			if seen&(1<<f.index) != 0 {
				return false // encoding/json merges or replaces: let it
			}
			seen |= 1 << f.index
			ptr := rv.Field(f.index).Addr().Interface()
			var err error
			if f.unmarshaler {
				err = ptr.(json.Unmarshaler).UnmarshalJSON(raw)
			} else {
				err = json.Unmarshal(raw, ptr)
			}
			if err != nil {
				return false
			}
		case foldedFields[asciiLower(key)]:
			return false // a field's key in other case: encoding/json's matching
		}
		s.space()
		if s.byte('}') {
			break
		}
		if !s.byte(',') {
			return false
		}
	}
	s.space()
	return s.i == len(s.b)
}

// asciiLower returns ASCII b in lower case.
func asciiLower(b []byte) string {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			l := []byte(string(b))
			for i, c := range l {
				if c >= 'A' && c <= 'Z' {
					l[i] = c + 'a' - 'A'
				}
			}
			return string(l)
		}
	}
	return string(b)
}

// scanner checks JSON syntax as encoding/json's scanner does.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c if it comes next.
func (s *scanner) byte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// key consumes an object key of printable ASCII without escapes and
// returns it without its quotes.
func (s *scanner) key() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c < ' ' || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// value consumes one JSON value.
func (s *scanner) value(depth int) bool {
	if s.i >= len(s.b) || depth > maxScanDepth {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.string()
	case c == '{':
		s.i++
		s.space()
		if s.byte('}') {
			return true
		}
		for {
			s.space()
			if !s.string() {
				return false
			}
			s.space()
			if !s.byte(':') {
				return false
			}
			s.space()
			if !s.value(depth + 1) {
				return false
			}
			s.space()
			if s.byte('}') {
				return true
			}
			if !s.byte(',') {
				return false
			}
		}
	case c == '[':
		s.i++
		s.space()
		if s.byte(']') {
			return true
		}
		for {
			s.space()
			if !s.value(depth + 1) {
				return false
			}
			s.space()
			if s.byte(']') {
				return true
			}
			if !s.byte(',') {
				return false
			}
		}
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

func (s *scanner) literal(word string) bool {
	if strings.HasPrefix(string(s.b[s.i:]), word) {
		s.i += len(word)
		return true
	}
	return false
}

// string consumes a string: no control characters, valid escapes (any
// bytes otherwise: encoding/json takes invalid UTF-8 too).
func (s *scanner) string() bool {
	if !s.byte('"') {
		return false
	}
	for s.i < len(s.b) {
		s.i += plainRun(s.b[s.i:])
		if s.i == len(s.b) {
			break
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return true
		case c < ' ':
			return false
		case c == '\\':
			if s.i+1 >= len(s.b) {
				return false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if _, ok := hex4(s.b[s.i+2:]); !ok {
					return false
				}
				s.i += 6
			default:
				return false
			}
			continue
		}
		s.i++
	}
	return false
}

// number consumes a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	s.byte('-')
	switch {
	case s.byte('0'):
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		s.digits()
	default:
		return false
	}
	if s.byte('.') {
		if !s.digits() {
			return false
		}
	}
	if s.byte('e') || s.byte('E') {
		if !s.byte('+') {
			s.byte('-')
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits consumes one or more digits and reports whether there was one.
func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// unquote returns the text of JSON string literal b (quotes included) as
// encoding/json decodes it: escapes replaced, a UTF-16 surrogate without
// its other half and each byte that is not part of valid UTF-8 replaced by
// U+FFFD. ok is false when b is not a valid string literal.
func unquote(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	b = b[1 : len(b)-1]
	out := make([]byte, 0, len(b)+2*utf8.UTFMax)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\':
			if i+1 >= len(b) {
				return "", false
			}
			switch e := b[i+1]; e {
			case '"', '\\', '/':
				out, i = append(out, e), i+2
			case 'b':
				out, i = append(out, '\b'), i+2
			case 'f':
				out, i = append(out, '\f'), i+2
			case 'n':
				out, i = append(out, '\n'), i+2
			case 'r':
				out, i = append(out, '\r'), i+2
			case 't':
				out, i = append(out, '\t'), i+2
			case 'u':
				r, ok := hex4(b[i+2:])
				if !ok {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
						if r2, ok := hex4(b[i+2:]); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								out = utf8.AppendRune(out, dec)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", false
			}
		case c == '"' || c < ' ':
			return "", false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			i += size
			out = utf8.AppendRune(out, r)
		}
	}
	// out is not written again: the string is its bytes, not a copy.
	return unsafe.String(unsafe.SliceData(out), len(out)), true
}

// plainRun returns how many bytes at the start of b, taken eight at a
// time, hold no quote, backslash or control character: the bytes a
// string's scan steps over without looking at each.
func plainRun(b []byte) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q, bs := w^('"'*ones), w^('\\'*ones)
		// special&highs is not zero exactly when a byte is below 0x20,
		// or is '"' or '\\' (zero after the xor): bit twiddling's
		// hasless and haszero, whose borrows mark other bytes only after
		// a byte that is one.
		special := (w-0x20*ones)&^w | (q-ones)&^q | (bs-ones)&^bs
		if special&highs != 0 {
			break
		}
	}
	return i
}
