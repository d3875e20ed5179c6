package export

// Scanning text eight bytes at a time: the escapers skip the bytes they
// copy as they are in words of eight, and look at single bytes only
// around the ones they must change (or check as UTF-8).

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load64 returns s[i:i+8] as a little-endian word (one load on amd64 and
// arm64).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// below marks (with the high bit of some byte) that a byte of x is below
// n (n <= 0x80), or is 0x80 or above; no mark means no such byte.
func below(x uint64, n byte) uint64 { return (x - ones*uint64(n)) | x }

// equal marks that a byte of x equals c; no mark means none does.
func equal(x uint64, c byte) uint64 {
	v := x ^ (ones * uint64(c))
	return (v - ones) &^ v
}

// plainJSON returns the index of the first byte from i on that
// appendJSONString cannot copy as it is (see jsonSafe), to within the
// last word: it stops at the first word of eight that holds one, or at
// the last seven bytes.
func plainJSON(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if (below(x, 0x20)|equal(x, '"')|equal(x, '\\')|equal(x, '<')|equal(x, '>')|equal(x, '&'))&highs != 0 {
			break
		}
	}
	return i
}

// plainXML is plainJSON for appendXML: it stops at a control character,
// &, <, >, " or a byte from 0x80 up.
func plainXML(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if (below(x, 0x20)|equal(x, '"')|equal(x, '&')|equal(x, '<')|equal(x, '>'))&highs != 0 {
			break
		}
	}
	return i
}

// plainText is plainJSON for safeFor: it stops at a control character or
// a byte from 0x80 up.
func plainText(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if below(load64(s, i), 0x20)&highs != 0 {
			break
		}
	}
	return i
}

// plainCSV reports whether a CSV cell of s is s as it is (see
// [csvWriter.text]): no control character, no byte from 0x80 up (which
// would have to be checked as UTF-8), no quote or comma, no space first,
// and not `\.`. Node IDs are.
func plainCSV(s string) bool {
	if len(s) == 0 || s[0] == ' ' || s == `\.` {
		return len(s) == 0
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if (below(x, 0x20)|equal(x, '"')|equal(x, ','))&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == ',' {
			return false
		}
	}
	return true
}
