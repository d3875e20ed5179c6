package extract

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/papergraph/papergraph"
)

// Excerpts keeps, of a batch's abstracts, what [NameRefs] reads, so that
// a run can drop each abstract as soon as its paper is extracted instead
// of holding them all until the batch pass: at a million papers the
// abstracts are over a gigabyte.
//
// Every name NameRefs matches has a word with a digit or mixing cases
// (its anchor, [NameAnchor]) and is at most [MaxNameLen] bytes long, so
// it lies within MaxNameLen bytes of such a word of the text. Excerpts
// keeps, around each such word, the bytes a name containing it may cover
// and the two on either side that decide whether it stands at word
// boundaries; about a third of an abstract. [Excerpts.NameRefs] then
// gives the refs [NameRefs] gives over the whole abstracts.
//
// The zero Excerpts is ready to use. It is not safe for concurrent use.
// An Excerpts must not be copied after first use: the strings it hands out
// point into blocks it writes on, and a copy would write on the same
// block, under strings the other copy handed out (go vet reports copies).
type Excerpts struct {
	noCopy noCopy
	// kept holds per paper what was kept of its abstract: the
	// abstract's length and its stretches' offsets and lengths as
	// uvarints (each offset from the end of the stretch before), then
	// the stretches' bytes one after another; "" when nothing was kept.
	kept []string
	// block holds the strings of kept, one after another: a string is
	// cut from it (never written again) and a new block is made when one
	// is full, so keeping a paper allocates nothing most times, and the
	// collector finds a few large blocks, not a string per paper.
	block []byte
	// spans and buf are Keep's scratch.
	spans []stretch
	buf   []byte
}

// noCopy makes go vet's copylocks check report a copy of the struct that
// holds it (as sync.WaitGroup's does); it takes no room as a first field.
type noCopy struct{}

// Lock and Unlock make noCopy a sync.Locker for go vet; they do nothing.
func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// excerptBlock is the size of a block of kept text: at a million papers
// some 6,000 blocks, where each paper's string was an allocation.
const excerptBlock = 64 << 10

// A stretch is n bytes of an abstract at offset at.
type stretch struct{ at, n int }

// Grow makes room for n more papers than x holds.
func (x *Excerpts) Grow(n int) { x.kept = slices.Grow(x.kept, n) }

// Keep keeps what [NameRefs] reads of p's abstract, as paper i of the
// batch; p must be extracted (the names NameRefs looks for come from
// extraction) and its abstract may then be dropped
// ([papergraph.Paper.DropAbstract]). Keeping paper i again replaces what
// was kept of it.
func (x *Excerpts) Keep(i int, p *papergraph.Paper) {
	if i < 0 {
		return
	}
	if i >= len(x.kept) {
		x.kept = append(x.kept, make([]string, i+1-len(x.kept))...)
	}
	text := p.Abstract
	if p.External || text == "" {
		x.kept[i] = ""
		return
	}
	spans := x.spans[:0]
	for k := 0; ; {
		// A word may anchor a name only if it holds a digit or a capital:
		// find the next, eight bytes at a time, then its word.
		h := nextDigitOrCapital(text, k)
		if h < 0 {
			break
		}
		ch := keepClass[text[h]]
		if ch == 0 {
			k = h + 1 // one of ":;<=>?@"
			continue
		}
		// The word around h, and the classes of its bytes before and
		// after h: those before hold no digit and no capital (h is the
		// first since k).
		w := h
		var before, after uint8
		for w > k && keepClass[text[w-1]] != 0 {
			w--
			before |= keepClass[text[w]]
		}
		for k = h + 1; k < len(text) && keepClass[text[k]] != 0; k++ {
			after |= keepClass[text[k]]
		}
		if k-w > MaxNameLen {
			continue
		}
		// anchorWord(text[w:k]): a digit, or a lower-case letter and a
		// capital after the first byte.
		all := before | ch | after
		if all&clDigit == 0 && (all&clLower == 0 || after&clUpper == 0 && (h == w || ch&clUpper == 0)) {
			continue
		}
		spans = keepAround(spans, w, k, len(text))
	}
	x.spans = spans
	if len(spans) == 0 {
		x.kept[i] = "" // no name can stand in this abstract
		return
	}
	buf := binary.AppendUvarint(x.buf[:0], uint64(len(text)))
	buf = binary.AppendUvarint(buf, uint64(len(spans)))
	end := 0
	size := 0
	for _, s := range spans {
		buf = binary.AppendUvarint(buf, uint64(s.at-end))
		buf = binary.AppendUvarint(buf, uint64(s.n))
		end = s.at + s.n
		size += s.n
	}
	x.buf = buf
	size += len(buf)
	if cap(x.block)-len(x.block) < size {
		x.block = make([]byte, 0, max(excerptBlock, size))
	}
	at := len(x.block)
	b := append(x.block, buf...)
	for _, s := range spans {
		b = append(b, text[s.at:s.at+s.n]...)
	}
	x.block = b
	// The block's bytes up to len(b) are never written again.
	x.kept[i] = unsafe.String(&b[at], size)
}

// NameRefs is [NameRefs] over papers whose abstracts, as far as x kept
// them, x reads instead: the refs are those NameRefs gives over the whole
// abstracts. The abstract of a paper x did not keep is read from the
// paper.
func (x *Excerpts) NameRefs(papers []papergraph.Paper) { nameRefs(papers, x) }

// pieces appends to out the pieces of paper i's abstract: what x kept of
// it, or else the whole abstract.
func (x *Excerpts) pieces(out []piece, i int, abstract string) []piece {
	if x == nil || i >= len(x.kept) || x.kept[i] == "" {
		if abstract == "" {
			return out
		}
		return append(out, piece{text: abstract, first: true, last: true})
	}
	e := x.kept[i]
	size, k := uvarint(e, 0)
	count, k := uvarint(e, k)
	head := k
	for range count {
		_, k = uvarint(e, k)
		_, k = uvarint(e, k)
	}
	off, end := k, 0
	for k = head; count > 0; count-- {
		var at, n int
		at, k = uvarint(e, k)
		n, k = uvarint(e, k)
		at += end
		end = at + n
		out = append(out, piece{text: e[off : off+n], at: at, first: at == 0, last: end == size, kept: true})
		off += n
	}
	return out
}

// uvarint decodes the uvarint at s[k:] and returns it and the offset
// after it.
func uvarint(s string, k int) (int, int) {
	v, shift := 0, 0
	for ; s[k] >= 0x80; k++ {
		v |= int(s[k]&0x7f) << shift
		shift += 7
	}
	return v | int(s[k])<<shift, k + 1
}

// keepAround adds to spans the bytes a name holding the anchor word at
// [w, k) of a text of n bytes may cover. A name of at most MaxNameLen
// bytes that holds the word starts at most MaxNameLen-(k-w) bytes before
// it and ends as far after it; the match reads two bytes more on either
// side. The windows' starts and ends grow with w, so each either extends
// the last stretch or starts a new one.
func keepAround(spans []stretch, w, k, n int) []stretch {
	r := MaxNameLen - (k - w) + 2
	a, b := max(0, w-r), min(n, k+r)
	if last := len(spans) - 1; last >= 0 && a <= spans[last].at+spans[last].n {
		spans[last].n = b - spans[last].at
		return spans
	}
	return append(spans, stretch{a, b - a})
}

// nextDigitOrCapital returns the offset of the first ASCII digit or
// capital in s from k on, or -1; it may also stop at one of the bytes
// between them (":;<=>?@").
func nextDigitOrCapital(s string, k int) int {
	for ; k+8 <= len(s); k += 8 {
		if hit := bytesIn(load64(s, k), '0', 'Z'); hit != 0 {
			return k + bits.TrailingZeros64(hit)/8
		}
	}
	for ; k < len(s); k++ {
		if c := s[k]; c >= '0' && c <= 'Z' {
			return k
		}
	}
	return -1
}

// Byte classes for Keep: a word byte (isWordByte) has clWord and, if it
// is an ASCII digit, lower-case letter or capital, that class too.
const (
	clWord uint8 = 1 << iota
	clDigit
	clLower
	clUpper
)

// keepClass is the class of each byte; 0 for a byte that is in no word.
var keepClass = func() (t [256]uint8) {
	for c := range t {
		b := byte(c)
		switch {
		case isDigit(b):
			t[c] = clWord | clDigit
		case b >= 'a' && b <= 'z':
			t[c] = clWord | clLower
		case b >= 'A' && b <= 'Z':
			t[c] = clWord | clUpper
		case isWordByte(b):
			t[c] = clWord
		}
	}
	return
}()

// anchorWord reports whether the word w may anchor a name: it has a
// digit or mixes cases ([mixedCase]), as [NameWords] lists.
func anchorWord(w string) bool {
	// strings.ContainsAny(w, "0123456789") || mixedCase(w), in one pass
	// that makes no byte set.
	lower, inner := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c-'0' <= 9 {
			return true
		}
		lower = lower || c-'a' <= 'z'-'a'
		inner = inner || i > 0 && c-'A' <= 'Z'-'A'
	}
	return lower && inner
}
