package read

import "unsafe"

// A JSON Lines record's strings are cut from blocks shared by the records
// one decoding goroutine decodes, not allocated one by one: at 100,000
// records of make_corpus.py, five allocations a record went (an id, a
// title, an abstract, an author list's text), and most of what reading
// cost was the first touch of the pages those strings were copied to,
// which a block prefaults in one system call (see prefault).
//
// Two blocks are in use at a time: one for the abstracts, which a run
// drops once it has extracted them (papergraph.Paper.DropAbstract), and one
// for the strings papers keep as they are (ids, titles that need no
// cleaning, the text of an author list that a paper's names are cut
// from), so that a kept title never holds the abstracts' block. A string
// a paper does not keep, or keeps only as a cleaned copy (a wrapped
// title, the "authors" of an arXiv record with authors_parsed), is an
// allocation of its own, which the collector frees once it is read. A
// block is garbage once no string cut from it is left: a caller that
// keeps a few papers of many keeps their blocks whole (textBlock bytes at
// most for each).
const textBlock = 64 << 10

// A slab hands out strings cut from its current block. A string is never
// written after it is handed out: the block is only appended to, and a
// full block is dropped for a new one. A slab is not safe for concurrent
// use.
type slab struct {
	buf []byte
}

// string returns a string of the bytes of b, cut from the block.
func (s *slab) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	buf := s.space(len(b))
	if buf == nil {
		return string(b) // larger than a block's share: a string of its own
	}
	buf = append(buf, b...)
	return s.take(buf)
}

// space returns the free part of the block, of at least n bytes, as a
// slice of length 0; nil when n is too large to share a block (an eighth
// of one).
func (s *slab) space(n int) []byte {
	if n > textBlock/8 {
		return nil
	}
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]byte, 0, textBlock)
		prefault(s.buf[:textBlock])
	}
	return s.buf[len(s.buf):]
}

// take returns the bytes appended to the slice space returned as a
// string, cut from the block when they lie in it (append did not move
// them elsewhere), and moves the block's end past them.
func (s *slab) take(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	free := s.buf[len(s.buf):cap(s.buf)]
	if cap(free) > 0 && unsafe.SliceData(b) == unsafe.SliceData(free) && len(b) <= cap(free) {
		s.buf = s.buf[:len(s.buf)+len(b)]
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// unquote is [unquote] with the string decoded into the rest of the
// block. The string stays in the block when it fits in the rest, which
// may be more than the space set aside for it (the literal's length and
// two runes); it is an allocation of its own only when its decoding
// outgrows the rest of the block (each byte that is not UTF-8 becomes
// three), or when the literal is too long to share a block.
func (s *slab) unquote(b []byte) (string, bool) {
	return s.unquoteIf(b, nil)
}

// unquoteIf is unquote, but the string stays in the block only when
// keep, if not nil, reports true of it; otherwise it is copied to an
// allocation of its own and the block's bytes are used again.
func (s *slab) unquoteIf(b []byte, keep func(string) bool) (string, bool) {
	buf := s.space(len(b) + 2*4) // what unquote's own buffer holds
	if buf == nil {
		return unquote(b)
	}
	out, ok := unquoteAppend(buf, b)
	if !ok {
		return "", false
	}
	if keep != nil && !keep(unsafe.String(unsafe.SliceData(out), len(out))) {
		return string(out), true // not taken: the block's end stays
	}
	return s.take(out), true
}

// textSlabs are the two slabs of one decoding goroutine.
type textSlabs struct {
	text slab // abstracts
	kept slab // ids, titles and author lists papers keep as they are
}
