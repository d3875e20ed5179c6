package extract

import (
	"math/bits"
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
// distinct prefixes) the bitmaps take 128 KB and 16 KB, the table 128 KB
// and the first letters (see letterRun) 64 KB, against 900 KB for the
// trie of the same aliases this replaced, whose walk missed the CPU caches
// at almost every byte; and building it needs no sort.
type aliasIndex struct {
	first      []uint64 // a bit for the first letters of every alias (see letterRun)
	firstShift uint     // 64 - log2 of the bits of first
	prefix     bitmap   // the hashes of every prefix of every alias
	whole      bitmap   // the hashes of every whole alias
	slots      []aliasSlot
	mask       uint64 // len(slots) - 1
	aliases    []string
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
	x.first, x.firstShift = firstLetters(aliases)
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

// listHit is a match of alias id at s[start:end].
type listHit struct {
	start, id, end int32
}

// walk appends to hits the matches of every start in starts, in order,
// each start's shortest first (see match). A start is the first byte of a
// word rune or digit, never a separator (see Extractor.listStarts); one
// written ^st is taken where leftBoundary(s, st) allows. From a start it
// reads the text a word at a time (see foldRead) while some alias starts
// with what it has read: most walks stop after the first word or the
// second. It calls nothing on the way of most of them, so that its loops
// keep their state in registers.
func (x *aliasIndex) walk(s string, starts []int32, hits []listHit) []listHit {
	for _, st := range starts {
		if st < 0 {
			if st = ^st; !leftBoundary(s, int(st)) {
				continue
			}
		}
		i := int(st)
		if i+8 <= len(s) {
			if run, n := letterRun(load64(s, i)); n > 0 {
				if b := firstIndex(run, x.firstShift); x.first[b/64]&(1<<(b%64)) == 0 {
					continue // no alias starts with the first letters
				}
			}
		}
		j, h := i, uint64(foldHashOffset)
		for {
			// foldRead, with its most common case written out: a run
			// of ASCII letters, after a space or not.
			k := j
			if k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k]|0x20-'a' <= 'z'-'a' {
				for ; k < len(s); k++ {
					c := s[k] | 0x20
					if c-'a' > 'z'-'a' {
						break
					}
					h = (h ^ uint64(c)) * foldHashPrime
				}
				j = k
			} else {
				var ok bool
				if j, h, ok = foldRead(s, j, h); !ok {
					break
				}
			}
			if !x.prefix.has(h) {
				break // no alias starts with the text read
			}
			if x.whole.has(h) {
				if id := x.lookup(h, s[i:j]); id >= 0 {
					hits = append(hits, listHit{st, int32(id), int32(j)})
				}
			}
		}
	}
	return hits
}

// The first letters of a start: when a run of ASCII letters starts there
// (the first word foldRead reads), a match needs an alias that starts with
// its first eight letters, or with all of it if shorter, lower-cased.
// letterRun reads them from eight bytes at once, and aliasIndex.first has
// a bit for each such run of the aliases (64 KB for the built-in lists,
// sized by their 48,433 runs, duplicates counted, of which 19,676 differ):
// of the words that start no alias, the bit turns most away before their
// letters are read one by one, and looked up in the prefixes' 128 KB.

// letterRun returns the run of ASCII letters that starts the eight bytes
// of w (little-endian, the first in the low byte), lower-cased, with the
// bytes after it cleared, and its length.
func letterRun(w uint64) (run uint64, n uint) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	low := (w | ones*0x20) &^ high // a letter's lower case; the sums below never carry across bytes
	geA := low + ones*(0x80-'a')   // high bit set where the byte is >= 'a'
	gtZ := low + ones*(0x80-'z'-1) // high bit set where the byte is > 'z'
	other := (^geA | gtZ | w) & high
	n = uint(bits.TrailingZeros64(other)) / 8
	return low & lowBytes[n], n
}

// firstIndex is the bit of a run of letters in aliasIndex.first, given
// its firstShift.
func firstIndex(run uint64, shift uint) uint64 { return run * 0x9e3779b97f4a7c15 >> shift }

// firstLetters returns aliasIndex.first and its firstShift: a bit for the
// first one to eight bytes of every alias that are all letters, eight bits
// or more for each, counting a run as often as the aliases start with it.
func firstLetters(aliases []string) ([]uint64, uint) {
	var runs []uint64
	for _, a := range aliases {
		var run uint64
		for k := 0; k < len(a) && k < 8 && a[k]-'a' <= 'z'-'a'; k++ {
			run |= uint64(a[k]) << (8 * k)
			runs = append(runs, run)
		}
	}
	b := uint(12)
	for 1<<b < 8*len(runs) {
		b++
	}
	t := make([]uint64, 1<<b/64)
	for _, run := range runs {
		k := firstIndex(run, 64-b)
		t[k/64] |= 1 << (k % 64)
	}
	return t, 64 - b
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
