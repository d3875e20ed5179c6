package extract

import (
	"strings"
	"unicode/utf8"
)

// aliasIndex finds the folded aliases of the entity lists (see
// foldString) in a text, from a given start, by hash: it folds the text as
// it reads it (separators skipped, ASCII letters lower-cased, ’ read as ')
// and keeps an FNV-1a hash of what it has read, so the text is never
// copied and no tree of the aliases is walked.
//
// A match is only reported where a word may end: at the end of the text
// or before anything but an ASCII letter. A list name that ends inside a
// word ("Bert" of "Berta") is never a mention (see extendMatch), and
// reading on to the next such place costs a multiply per byte. There the
// hash is looked up in a bitmap of the hashes of every prefix of every
// alias: when no alias starts with what was read, no longer match can
// follow and the walk stops, most often at the end of the first word. A
// second, smaller bitmap holds the hashes of the whole aliases; only when
// it says an alias may end there is the hash looked up in the table of
// aliases, and a hit is checked against the alias's bytes, so a hash
// collision never makes a match.
//
// For the built-in lists (7,306 folded aliases of 110,274 bytes, 75,489
// distinct prefixes) the bitmaps take 128 KB and 16 KB and the table
// 128 KB, against 900 KB for the trie of the same aliases this replaced,
// whose walk missed the CPU caches at almost every byte; and building it
// needs no sort.
type aliasIndex struct {
	prefix  bitmap // the hashes of every prefix of every alias
	whole   bitmap // the hashes of every whole alias
	slots   []aliasSlot
	mask    uint64 // len(slots) - 1
	aliases []string
}

// aliasSlot is an entry of the open-addressing table of whole aliases.
type aliasSlot struct {
	tag uint32 // the high half of the alias's hash
	id  int32  // alias id + 1; 0 = empty
}

// aliasHit is a match: the alias id and the end of its text.
type aliasHit struct {
	id, end int
}

// The bitmaps have prefixLoad and wholeLoad bits per element (per byte of
// the aliases for prefixes): a walk reads on past a word end whose hash is
// no prefix's once in eight times or less.
const prefixLoad, wholeLoad = 8, 16

const (
	foldHashOffset = 14695981039346656037 // FNV-1a, 64 bits
	foldHashPrime  = 1099511628211
)

// spread mixes the high bits of an FNV hash into the ones a table index
// takes.
func spread(h uint64) uint64 { return (h ^ h>>29) * 0x9e3779b97f4a7c15 }

// newAliasIndex indexes the aliases (already folded, distinct); an
// alias's id is its index.
func newAliasIndex(aliases []string) *aliasIndex {
	bytes := 0
	for _, a := range aliases {
		bytes += len(a)
	}
	x := &aliasIndex{aliases: aliases}
	x.prefix = newBitmap(bytes*prefixLoad, 0)
	x.whole = newBitmap(len(aliases)*wholeLoad, 64-x.prefix.bits)
	size := 1 << 4
	for size < 2*len(aliases) {
		size *= 2
	}
	x.slots, x.mask = make([]aliasSlot, size), uint64(size-1)
	for id, a := range aliases {
		h := uint64(foldHashOffset)
		for i := 0; i < len(a); i++ {
			h = (h ^ uint64(a[i])) * foldHashPrime
			x.prefix.set(h)
		}
		x.whole.set(h)
		k := spread(h) & x.mask
		for x.slots[k].id != 0 {
			k = (k + 1) & x.mask
		}
		x.slots[k] = aliasSlot{tag: uint32(h >> 32), id: int32(id + 1)}
	}
	return x
}

// match appends to hits every alias that equals the folded text from byte
// i to an end after a character that is no separator, where a word may
// end (the text ends or no ASCII letter follows), shortest first; none if
// s[i:] starts with a separator. It is walkAll with one start.
func (x *aliasIndex) match(s string, i int, hits []aliasHit) []aliasHit {
	if isSep(firstRune(s[i:])) {
		return hits
	}
	j, h, ok := foldRead(s, i, foldHashOffset)
	if !ok || !x.prefix.has(h) {
		return hits
	}
	for _, b := range x.walkAll(s, []listStart{{i, j, h}}, nil) {
		hits = append(hits, b.hit)
	}
	return hits
}

// walkAll goes on with every walk of starts (at most 64; each has read
// s[st:i] with hash h, i a place a word may end, and some alias starts
// with what it read: x.prefix.has(h)) a word at a time, all of them
// together so that their look-ups, most of them cache misses, overlap, and
// appends to hits every alias found, with the index of its start; each
// start's matches come shortest first. It moves the starts.
func (x *aliasIndex) walkAll(s string, starts []listStart, hits []batchHit) []batchHit {
	var liveBuf [64]uint8 // indexes in starts of the walks still going
	var ok [64]bool
	live := liveBuf[:0]
	for k := range starts {
		live = append(live, uint8(k))
	}
	for len(live) > 0 {
		next := live[:0]
		for _, k := range live {
			w := &starts[k]
			if x.whole.has(w.h) {
				if id := x.lookup(w.h, s[w.st:w.i]); id >= 0 {
					hits = append(hits, batchHit{k, aliasHit{id, w.i}})
				}
			}
			var more bool
			if w.i, w.h, more = foldRead(s, w.i, w.h); more {
				next = append(next, k)
			}
		}
		for n, k := range next {
			ok[n] = x.prefix.has(starts[k].h)
		}
		live = next[:0]
		for n, k := range next {
			if ok[n] { // else no alias starts with the text read
				live = append(live, k)
			}
		}
	}
	return hits
}

// foldRead reads s from byte i to the next place a word may end after a
// character that is no separator, and returns it with h updated by the
// folded bytes read; ok is false when only separators are left.
func foldRead(s string, i int, h uint64) (end int, hash uint64, ok bool) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if c|0x20-'a' <= 'z'-'a' {
				// A run of ASCII letters: no separator, and no place a
				// word may end before its last letter. The folded byte
				// of a letter is its lower case, c|0x20.
				h = (h ^ uint64(c|0x20)) * foldHashPrime
				for ; i < len(s) && s[i]|0x20-'a' <= 'z'-'a'; i++ {
					h = (h ^ uint64(s[i]|0x20)) * foldHashPrime
				}
				return i, h, true
			}
			f := foldASCII[c]
			if f == foldSkip {
				continue
			}
			h = (h ^ uint64(f)) * foldHashPrime
		} else {
			f, size := foldRuneAt(s, i)
			i += size
			if f == "" {
				continue // a separator
			}
			for k := range len(f) {
				h = (h ^ uint64(f[k])) * foldHashPrime
			}
		}
		if i == len(s) || s[i]|0x20-'a' > 'z'-'a' { // no ASCII letter follows
			return i, h, true
		}
	}
	return i, h, false
}

// foldSkip marks the ASCII separators in foldASCII.
const foldSkip = 0xff

// foldASCII is what foldAppend makes of an ASCII byte: the byte with
// capitals lower-cased, or foldSkip for a separator. foldRead reads a
// byte with one look-up instead of a comparison with each separator.
var foldASCII = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '-' || c == '_' || c == '~' || c == '\t' || c == '\n' || c == '\r':
			t[c] = foldSkip
		case c >= 'A' && c <= 'Z':
			t[c] = uint8(c) + 'a' - 'A'
		default:
			t[c] = uint8(c)
		}
	}
	return
}()

// bitmap is a set of hashes, a bit per value of some of their bits
// (false positives, never false negatives).
type bitmap struct {
	words []uint64
	bits  uint // log2(len(words)*64)
	skip  uint // the high bits of the spread hash that it does not read
}

// newBitmap returns a bitmap of at least n bits that reads the bits of
// the spread hash below its top skip.
func newBitmap(n int, skip uint) bitmap {
	b := uint(12)
	for 1<<b < n {
		b++
	}
	return bitmap{words: make([]uint64, 1<<b/64), bits: b, skip: skip}
}

func (m *bitmap) index(h uint64) uint64 { return spread(h) << m.skip >> (64 - m.bits) }

func (m *bitmap) set(h uint64) { i := m.index(h); m.words[i/64] |= 1 << (i % 64) }

func (m *bitmap) has(h uint64) bool { i := m.index(h); return m.words[i/64]&(1<<(i%64)) != 0 }

// lookup returns the id of the alias that text folds to, given the hash
// of its folded bytes, or -1.
func (x *aliasIndex) lookup(h uint64, text string) int {
	tag := uint32(h >> 32)
	for k := spread(h) & x.mask; x.slots[k].id != 0; k = (k + 1) & x.mask {
		if sl := x.slots[k]; sl.tag == tag && foldEqual(text, x.aliases[sl.id-1]) {
			return int(sl.id - 1)
		}
	}
	return -1
}

// foldEqual reports whether text folds to a: string(foldAppend(nil,
// text)) == a, compared as it is folded, without a copy.
func foldEqual(text, a string) bool {
	k := 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			i++
			if f := foldASCII[c]; f != foldSkip {
				if k == len(a) || a[k] != f {
					return false
				}
				k++
			}
			continue
		}
		f, n := foldRuneAt(text, i)
		if !strings.HasPrefix(a[k:], f) {
			return false
		}
		k += len(f)
		i += n
	}
	return k == len(a)
}
