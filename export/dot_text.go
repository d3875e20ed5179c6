package export

import (
	"bytes"
	"hash/fnv"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text in DOT: every rule for quoting, escaping, cleaning, wrapping and
// shortening the strings the DOT writer emits lives in this file. The
// append forms (appendDOTQuote, appendDOTLabel, appendDOTTooltip, ...)
// are what the writer calls, once or more per node and edge, without
// intermediate strings; the string forms ([dotQuote], [dotClean],
// [DOTName], ...) serve the legend, the node names and the tests.

// wordJoiner is U+2060, written after an ampersand that starts an
// entity-like text (see [appendDOTEscaped]).
const wordJoiner = "\u2060"

// dotPlainClean is plainText for [dotIsClean]: it returns the index of
// the first word of eight bytes from i on that holds a control character,
// DEL or a byte from 0x80 up, or of the last seven bytes.
func dotPlainClean(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if (below(x, 0x20)|equal(x, 0x7f))&highs != 0 {
			break
		}
	}
	return i
}

// dotIsClean reports whether [dotClean] returns s unchanged: s is valid
// UTF-8 without two spaces in a row, control characters (C0, DEL, C1) or
// U+FFFE/U+FFFF.
func dotIsClean(s string) bool {
	for i := 0; i < len(s); {
		i = dotPlainClean(s, i)
		for end := min(i+8, len(s)); i < end; {
			c := s[i]
			if c < utf8.RuneSelf {
				if c < 0x20 || c == 0x7f {
					return false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r <= 0x9f || r == 0xfffe || r == 0xffff {
				return false
			}
			i += size
		}
	}
	return !strings.Contains(s, "  ")
}

// dotDropped reports whether the DOT writer drops r from text: control
// characters (C0, DEL, C1) and the non-characters U+FFFE and U+FFFF, which
// XML 1.0 (the SVG Graphviz writes) forbids. Tab, newline and carriage
// return become spaces before this applies.
func dotDropped(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff
}

// appendDOTClean appends s to dst as [dotClean] repairs it, as a piece of
// a longer text: space says whether the text so far ends with a space
// (then a leading space of s is dropped, as dotClean drops the second
// space of a run), and the result says whether the text now does. Pieces
// appended so, one after another, make dotClean of their concatenation as
// long as none ends in the middle of a UTF-8 sequence that the next one
// completes (the writer's pieces are separated by ASCII text).
func appendDOTClean(dst []byte, s string, space bool) ([]byte, bool) {
	if dotIsClean(s) {
		return appendCleanText(dst, s, space)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			r = utf8.RuneError
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case dotDropped(r):
			continue
		}
		if r == ' ' && space {
			continue
		}
		space = r == ' '
		dst = utf8.AppendRune(dst, r)
	}
	return dst, space
}

// appendCleanText is [appendDOTClean] for a piece that is clean already
// (see [dotIsClean]), or was cleaned as a piece on its own with space
// false: only a leading space may go.
func appendCleanText[T string | []byte](dst []byte, s T, space bool) ([]byte, bool) {
	if space && len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	if len(s) > 0 {
		space = s[len(s)-1] == ' '
	}
	return append(dst, s...), space
}

// dotPlainQuote returns the index of the first word of eight bytes from i
// on that holds a '"', '\\' or '&', or of the last seven bytes.
func dotPlainQuote(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		if (equal(x, '"')|equal(x, '\\')|equal(x, '&'))&highs != 0 {
			break
		}
	}
	return i
}

// appendDOTEscaped appends clean text s (see [dotIsClean]) escaped for a
// DOT string, without the quotes: '"' and '\\' get a backslash, and an
// ampersand becomes "&amp;" when amp is set (labels: Graphviz decodes
// entities there). Graphviz copies entity-like text ("&#0;", left in a
// label after its entities are decoded, or in an ID) into SVG unescaped,
// which can make the SVG invalid, so an ampersand that starts one (see
// [dotEntityLike]) is followed by an invisible word joiner.
func appendDOTEscaped(dst []byte, s string, amp bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		i = dotPlainQuote(s, i)
		for end := min(i+8, len(s)); i < end; i++ {
			switch c := s[i]; c {
			case '"', '\\':
				dst = append(dst, s[last:i]...)
				dst = append(dst, '\\', c)
				last = i + 1
			case '&':
				dst = append(dst, s[last:i]...)
				if amp {
					dst = append(dst, "&amp;"...)
				} else {
					dst = append(dst, '&')
				}
				if dotEntityLike(s[i+1:]) {
					dst = append(dst, wordJoiner...)
				}
				last = i + 1
			}
		}
	}
	return append(dst, s[last:]...)
}

// Native Graphviz (2.43, as Debian ships it) refuses a quoted string over
// 16384 bytes: a syntax error for the whole file. Names, URLs and tooltips
// are bounded well below that, escapes included (at most five bytes out
// per byte in).
const (
	// dotMaxName bounds a node name (see dotShorten); a longer URL is not
	// linked.
	dotMaxName = 1024
	// dotMaxText bounds a tooltip's clean text, cut with "…" (see
	// capDOTText).
	dotMaxText = 3000
)

// dotShorten returns s, or, when s is longer than dotMaxName bytes, its
// first whole runes, "…" and a hash of all of s: distinct long IDs keep
// distinct names.
func dotShorten(s string) string {
	if len(s) <= dotMaxName {
		return s
	}
	cut := dotMaxName - 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	h := fnv.New64a()
	h.Write([]byte(s))
	return s[:cut] + "…#" + strconv.FormatUint(h.Sum64(), 16)
}

// capDOTText cuts the clean text dst[from:] to at most dotMaxText bytes,
// at a rune boundary, and marks the cut with "…".
func capDOTText(dst []byte, from int) []byte {
	if len(dst)-from <= dotMaxText {
		return dst
	}
	cut := from + dotMaxText - len("…")
	for cut > from && !utf8.RuneStart(dst[cut]) {
		cut--
	}
	return append(dst[:cut], "…"...)
}

// appendDOTQuote appends s as [dotQuote] returns it: shortened (see
// dotShorten), cleaned, escaped and double-quoted.
func appendDOTQuote(dst []byte, s string) []byte {
	s = dotShorten(s)
	if !dotIsClean(s) {
		s = dotClean(s)
	}
	dst = append(dst, '"')
	dst = appendDOTEscaped(dst, s, false)
	return append(dst, '"')
}

// appendDOTLabel appends the quoted label of a node whose display text is
// s: dotLabel(dotWrap(s)). A text that fits on one line, the common case,
// is written without wrapping it.
func appendDOTLabel(dst []byte, s string) []byte {
	c := s
	if !dotIsClean(c) {
		c = dotClean(c)
	}
	dst = append(dst, '"')
	if dotOneLine(c) {
		dst = appendDOTEscaped(dst, c, true)
		return append(dst, '"')
	}
	for i, l := range dotWrap(s) {
		if i > 0 {
			dst = append(dst, `\n`...)
		}
		if !dotIsClean(l) {
			l = dotClean(l)
		}
		dst = appendDOTEscaped(dst, l, true)
	}
	return append(dst, '"')
}

// dotOneLine reports whether [dotWrap] returns clean text c (see
// [dotIsClean]) as its only line: c is empty, or it has at most
// dotLabelWidth runes, does not start or end with a space and holds no
// white space but single spaces, so that its fields joined by spaces give
// c back and all fit on the first line.
func dotOneLine(c string) bool {
	if c == "" {
		return true
	}
	if c[0] == ' ' || c[len(c)-1] == ' ' {
		return false
	}
	runes := 0
	for i := 0; i < len(c); {
		if runes++; runes > dotLabelWidth {
			return false
		}
		if c[i] < utf8.RuneSelf {
			// Clean text holds no ASCII white space but single spaces.
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(c[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// appendDOTTooltip appends the quoted tooltip whose text is the
// concatenation of parts: cleaned as one text (see [appendDOTClean]),
// then escaped by [escapeDOTTooltip]. No part may end in the middle of a
// UTF-8 sequence that the next part completes.
func appendDOTTooltip(dst []byte, parts ...string) []byte {
	dst = append(dst, '"')
	start := len(dst)
	space := false
	for _, p := range parts {
		dst, space = appendDOTClean(dst, p, space)
	}
	dst = capDOTText(dst, start)
	dst = escapeDOTTooltip(dst, start)
	return append(dst, '"')
}

// escapeDOTTooltip escapes dst[from:], clean tooltip text, in place:
// '"' becomes \", '&' becomes &amp; and each backslash becomes four.
// Graphviz substitutes escapes in tooltips twice (\\\\ becomes \) and
// keeps entities unescaped in SVG; native Graphviz 2.43 and go-graphviz's
// Graphviz 12 agree on this. Tooltips need no word joiners: every
// ampersand is written as an entity.
func escapeDOTTooltip(dst []byte, from int) []byte {
	if t := dst[from:]; bytes.IndexByte(t, '"') < 0 && bytes.IndexByte(t, '\\') < 0 && bytes.IndexByte(t, '&') < 0 {
		return dst // the common case
	}
	extra := 0
	for _, c := range dst[from:] {
		switch c {
		case '"':
			extra++
		case '\\':
			extra += 3
		case '&':
			extra += 4
		}
	}
	if extra == 0 {
		return dst
	}
	n := len(dst)
	dst = append(dst, make([]byte, extra)...)
	// From the end backwards, so that no byte is overwritten before it is
	// read: the write index stays at or after the read index.
	w := len(dst)
	for r := n - 1; r >= from; r-- {
		switch c := dst[r]; c {
		case '"':
			w -= 2
			dst[w], dst[w+1] = '\\', '"'
		case '\\':
			w -= 4
			copy(dst[w:], `\\\\`)
		case '&':
			w -= 5
			copy(dst[w:], "&amp;")
		default:
			w--
			dst[w] = c
		}
	}
	return dst
}

// appendDOTNum appends v as [dotNum] returns it: rounded to hundredths,
// in the shortest decimal form that reads back, "0" for zero.
//
// Below 2^30 in magnitude the digits of k = round(100v) are that form:
// dotNum formats k/100 (the double nearest it), and doubles there lie
// less than 2^-22 apart, so no other decimal with two places or fewer
// reads back as that double. Larger and non-finite values go the long
// way.
func appendDOTNum(dst []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	if !(v > -1<<30 && v < 1<<30) {
		// appendFloat writes strconv.FormatFloat(v, 'f', -1, 64) of a
		// value that is not zero.
		return appendFloat(dst, math.Round(v*100)/100)
	}
	k := int64(math.Round(v * 100))
	if k == 0 {
		return append(dst, '0') // and not "-0"
	}
	if k < 0 {
		dst = append(dst, '-')
		k = -k
	}
	dst = strconv.AppendInt(dst, k/100, 10)
	switch f := k % 100; {
	case f == 0:
	case f%10 == 0:
		dst = append(dst, '.', byte('0'+f/10))
	default:
		dst = append(dst, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return dst
}

// dotBlank reports whether strings.TrimSpace(dotClean(s)) is empty: every
// character of s is white space or one that dotClean drops. Bytes that
// are not UTF-8 are not blank (they become U+FFFD).
func dotBlank(s string) bool {
	for _, r := range s {
		if dotDropped(r) || r == ' ' || unicode.IsSpace(r) {
			continue
		}
		return false
	}
	return true
}

// dotQuote returns s as a DOT double-quoted string, with invalid UTF-8 and
// control characters replaced (see [dotClean]) and backslashes and quotes
// escaped; an ampersand that starts an entity-like text gets a word joiner
// after it (see [appendDOTEscaped]). Graphviz reads an ID written so with
// its backslashes doubled (see [DOTName]).
func dotQuote(s string) string {
	return string(appendDOTQuote(nil, s))
}

// dotLabel quotes label lines, an escString: backslashes are doubled so
// \N, \G, \l and friends stay literal, ampersands become &amp; because
// Graphviz decodes HTML entities in labels, and lines are joined with the
// \n escape (centred line break).
func dotLabel(lines []string) string {
	b := []byte{'"'}
	for i, l := range lines {
		if i > 0 {
			b = append(b, `\n`...)
		}
		if !dotIsClean(l) {
			l = dotClean(l)
		}
		b = appendDOTEscaped(b, l, true)
	}
	return string(append(b, '"'))
}

// DOTName returns the name Graphviz gives the node [DOT] writes for id:
// the id with invalid UTF-8 and control characters replaced, a word joiner
// (U+2060) after each ampersand that starts an entity-like "&name;", and
// each backslash doubled (the writer escapes a backslash as \\ and DOT
// keeps both characters in an ID).
func DOTName(id string) string {
	q := dotQuote(id)
	q = q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		// As Graphviz's scanner: \" is a quote, other pairs stay.
		if q[i] == '\\' && i+1 < len(q) {
			if q[i+1] != '"' {
				b.WriteByte('\\')
			}
			i++
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// dotEntityLike reports whether s, the text after an ampersand, starts
// like an entity reference body as Graphviz sees one: an optional '#',
// letters and digits (possibly none: Graphviz takes "&#;" for an entity)
// and ';'.
func dotEntityLike(s string) bool {
	s = strings.TrimPrefix(s, "#")
	n := 0
	for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n]|0x20 >= 'a' && s[n]|0x20 <= 'z') {
		n++
	}
	return n < len(s) && s[n] == ';'
}

// dotClean repairs text for every output: invalid UTF-8 becomes U+FFFD,
// line breaks and tabs become spaces, runs of spaces become one (Graphviz
// would turn the second into a no-break space), and other control
// characters (C0, DEL, C1) and the non-characters U+FFFE/U+FFFF are
// dropped, since XML 1.0 (the SVG Graphviz writes) forbids most of them.
func dotClean(s string) string {
	if dotIsClean(s) {
		return s
	}
	b, _ := appendDOTClean(nil, s, false)
	return string(b)
}

// dotWrap splits a display text into at most dotLabelLines lines of at
// most dotLabelWidth runes, breaking at spaces, else after '/', '-', '_',
// '.' or ':', else anywhere, and ends a truncated label with "…".
func dotWrap(s string) []string {
	fields := strings.Fields(dotClean(s))
	var lines [][]rune
	var cur []rune
	push := func() bool {
		lines = append(lines, cur)
		cur = nil
		return len(lines) < dotLabelLines
	}
words:
	for _, f := range fields {
		w := []rune(f)
		for len(w) > 0 {
			room := dotLabelWidth - len(cur)
			if len(cur) > 0 {
				room-- // the space
			}
			if len(w) <= room {
				if len(cur) > 0 {
					cur = append(cur, ' ')
				}
				cur = append(cur, w...)
				break
			}
			if len(cur) > 0 && (len(w) <= dotLabelWidth || room < 6) {
				if !push() {
					break words
				}
				continue
			}
			// Split the word: its head fills this line.
			cut := room
			for i := room; i >= 6; i-- {
				if strings.ContainsRune("/-_.:", w[i-1]) {
					cut = i
					break
				}
			}
			if len(cur) > 0 {
				cur = append(cur, ' ')
			}
			cur = append(cur, w[:cut]...)
			w = w[cut:]
			if !push() {
				break words
			}
		}
	}
	if len(cur) > 0 && len(lines) < dotLabelLines {
		lines = append(lines, cur)
	}
	if len(lines) == 0 {
		return []string{""}
	}
	out := make([]string, len(lines))
	kept := 0
	for i, l := range lines {
		out[i] = string(l)
		kept += len(l) - strings.Count(out[i], " ")
	}
	if kept < utf8.RuneCountInString(strings.Join(fields, "")) {
		last := out[len(out)-1]
		for utf8.RuneCountInString(last) >= dotLabelWidth {
			if i := strings.LastIndexByte(last, ' '); i > 0 {
				last = last[:i] // drop the last word
			} else {
				last = string([]rune(last)[:dotLabelWidth-1])
			}
		}
		out[len(out)-1] = strings.TrimRightFunc(last, unicode.IsSpace) + "…"
	}
	return out
}

// dotSafeURL returns u when it is an absolute http or https URL with a host
// and no control characters or spaces, and false otherwise (javascript:,
// data:, relative and malformed links are refused).
func dotSafeURL(u string) (string, bool) {
	if u == "" || len(u) > dotMaxName || !utf8.ValidString(u) {
		return "", false
	}
	for i, r := range u {
		// Characters the writer would drop (see dotClean) make the link
		// another URL: not linked.
		if r == ' ' || dotDropped(r) || r == '"' || r == '\\' || r == '<' || r == '>' {
			return "", false
		}
		if r == '&' && dotEntityLike(u[i+1:]) {
			return "", false // Graphviz would copy the entity into the SVG
		}
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.User != nil {
		return "", false
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return "", false
	}
	return u, true
}

// dotNum formats a number compactly with at most two decimals.
func dotNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}
