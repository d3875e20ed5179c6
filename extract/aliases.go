package extract

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// aliasIndex finds the folded aliases of the entity lists (see
// foldString) in a text, from given starts, by hash: it folds the text as
// it reads it (separators skipped, ASCII letters lower-cased, ’ read as ')
// and keeps a hash of what it has read (see runHash), so the text is
// never copied and no tree of the aliases is walked.
//
// A match is only reported where a word may end: at the end of the text
// or before anything but an ASCII letter. A list name that ends inside a
// word ("Bert" of "Berta") is never a mention (see extendMatch), and
// reading on to the next such place takes a run of letters eight bytes
// at a time. There the hash is looked up in a bitmap of the hashes of
// every prefix of every alias: when no alias starts with what was read,
// no longer match can follow and the walk stops, most often at the end
// of the first word ("the") or the second ("the model"). A second,
// smaller bitmap holds the hashes of the whole aliases; only when it says
// an alias may end there is the hash looked up in the table of aliases,
// and a hit is checked against the alias's bytes, so a hash collision
// never makes a match.
//
// For the built-in lists (7,306 folded aliases of 110,274 bytes, 75,489
// distinct prefixes) the bitmaps take 128 KB and 16 KB and the table 128
// KB, against 900 KB for the trie of the same aliases this replaced, whose
// walk missed the CPU caches at almost every byte; and building it needs
// no sort.
type aliasIndex struct {
	prefix  bitmap // the hashes of every prefix of every alias (see runHash.sum)
	whole   bitmap // the spread hashes of every whole alias
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

// runHash is the hash of a run of folded bytes (see foldString) that
// the index and its walk share. It takes the bytes eight at a time, as
// the little-endian words of the run: h mixes the full words (FNV-1a with
// words for bytes), acc holds the n bytes after them. So a run of letters
// that letterRun reads from eight bytes at once is added with a shift and
// an or, and the hash of a run does not depend on how it was cut.
type runHash struct {
	h, acc uint64
	n      uint // the bytes in acc, 0 to 7
}

const (
	foldHashOffset = 14695981039346656037 // FNV-1a, 64 bits
	foldHashMul    = 0xff51afd7ed558ccd   // odd, with well-mixed bits
)

// newRunHash is the hash of no bytes.
func newRunHash() runHash { return runHash{h: foldHashOffset} }

// addRun returns f with the k bytes of run added (1 to 8, little-endian,
// the bytes after them zero).
func (f runHash) addRun(run uint64, k uint) runHash {
	f.acc |= run << (8 * f.n & 63) // the bytes past eight are shifted out
	if f.n += k; f.n >= 8 {
		f.h = (f.h ^ f.acc) * foldHashMul
		f.n -= 8
		// The bytes shifted out, none when n is 0: a shift by 8*(k-n),
		// 8 to 64, in two.
		f.acc = run >> 1 >> ((8*(k-f.n) - 1) & 63)
	}
	return f
}

// addByte returns f with the byte c added.
func (f runHash) addByte(c byte) runHash { return f.addRun(uint64(c), 1) }

// sum returns the hash of the bytes added to f. acc has seven bytes or
// fewer, so their number goes in its top byte.
func (f runHash) sum() uint64 { return (f.h ^ f.acc ^ uint64(f.n)<<56) * foldHashMul }

// firstSum is newRunHash().addRun(run, k).sum(), for k from 1 to 8.
func firstSum(run uint64, k uint) uint64 {
	a := foldHashOffset ^ run
	if k < 8 {
		a ^= uint64(k) << 56
	} else {
		a *= foldHashMul
	}
	return a * foldHashMul
}

// spread mixes the high bits of a hash into the ones a table index
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
	x.prefix, x.whole = newBitmap(bytes*prefixLoad), newBitmap(len(aliases)*wholeLoad)
	size := 1 << 4
	for size < 2*len(aliases) {
		size *= 2
	}
	x.slots, x.mask = make([]aliasSlot, size), uint64(size-1)
	for id, a := range aliases {
		f := newRunHash()
		for i := 0; i < len(a); i++ {
			f = f.addByte(a[i])
			x.prefix.set(f.sum())
		}
		h := f.sum()
		x.whole.set(spread(h))
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
// written ^st is taken where leftBoundary(s, st) allows. low is s with
// its ASCII letters lower-cased and eight bytes or more after its end
// that are no letters (see doc.lowBuf), so that runs of letters are read
// from it eight bytes at a time. walk overwrites starts.
//
// From a start it reads the text a word at a time while some alias
// starts with what it has read (see scan): most walks stop after the
// first word or the second ("the model"). Most starts are turned away by
// their first word (see firstWords).
func (x *aliasIndex) walk(s string, low []byte, starts []int32, hits []listHit) []listHit {
	low = low[:len(s)+8]
	for _, st := range x.firstWords(low, starts) {
		i := int(st)
		if st < 0 {
			if i = int(^st); !leftBoundary(s, i) {
				continue
			}
		}
		// The first word's letters, as firstWords read them.
		j, f := i, newRunHash()
		if run, k := letterRun(binary.LittleEndian.Uint64(low[i : i+8 : i+8])); k > 0 {
			j, f = i+int(k), f.addRun(run, k)
		}
		word := j > i // a word may end after the letters
		for {
			var ev scanEvent
			if j, f, ev = x.scan(low, len(s), j, f, word); ev == scanStop {
				break
			}
			if ev == scanWhole {
				if id := x.lookup(f.sum(), s[i:j]); id >= 0 {
					hits = append(hits, listHit{int32(i), int32(id), int32(j)})
				}
				word = false
				continue
			}
			// scanRune
			r, size := foldRuneAt(s, j)
			for k := range len(r) {
				f = f.addByte(r[k])
			}
			j += size
			word = r != "" // a separator adds nothing and ends no word
		}
	}
	return hits
}

// firstWords returns the starts (written as walk takes them, at the front
// of the same array) that the first words of the text there do not turn
// away, as the bitmap of the prefixes tells and as walk would find there:
// no alias starts with the first word's letters (the first eight of a
// longer word), or no alias is that word and none starts with the
// letters of the word after a space or hyphen ("the model"). It calls
// nothing, so that its loop keeps its state in registers.
func (x *aliasIndex) firstWords(low []byte, starts []int32) []int32 {
	prefix, shift := x.prefix.words, x.prefix.shift&63 // the bitmap of the prefixes, read as has does
	n := 0
	for _, st := range starts {
		i := int(st ^ st>>31) // ^st for a start written so
		w := binary.LittleEndian.Uint64(low[i : i+8 : i+8])
		if run, k := letterRun(w); k > 0 {
			h := firstSum(run, k)
			if b := h >> shift; prefix[b/64]&(1<<(b%64)) == 0 {
				continue
			}
			if c := byte(w >> (8 * k & 63)); k < 8 && (c == ' ' || c == '-') && !x.whole.has(spread(h)) {
				// No alias ends after the first word: one starts with
				// the letters of the next, or none matches.
				j := i + int(k) + 1
				if run2, k2 := letterRun(binary.LittleEndian.Uint64(low[j : j+8 : j+8])); k2 > 0 {
					h = runHash{h: foldHashOffset, acc: run, n: k}.addRun(run2, k2).sum()
					if b := h >> shift; prefix[b/64]&(1<<(b%64)) == 0 {
						continue
					}
				}
			}
		}
		starts[n] = st
		n++
	}
	return starts[:n]
}

// scanEvent is what stops a scan: the end of the walk, an alias that may
// end where it stopped, or a rune beyond ASCII.
type scanEvent uint8

const (
	scanStop scanEvent = iota
	scanWhole
	scanRune
)

// scan reads on from low[j], low[:end] being the text, adding what the
// text folds to to f, to the next event: a place where a word may end and
// no alias starts with what was read, or the text's end (scanStop); one
// where an alias may end (scanWhole: look it up and scan on); or a rune
// beyond ASCII at low[j] (scanRune: fold it and scan on). word says that
// a word may end at j, after a character that is no separator, if no
// letter follows. scan calls nothing: its state stays in registers.
func (x *aliasIndex) scan(low []byte, end, j int, f runHash, word bool) (int, runHash, scanEvent) {
	for {
		if word && low[j]-'a' > 'z'-'a' {
			// A word may end here.
			h := f.sum()
			if !x.prefix.has(h) {
				return j, f, scanStop // no alias starts with the text read
			}
			if x.whole.has(spread(h)) {
				return j, f, scanWhole
			}
		}
		if j >= end {
			return j, f, scanStop
		}
		switch c := low[j]; {
		case c-'a' <= 'z'-'a':
			// A run of letters: no separator, and no place a word may
			// end before its last letter.
			for {
				run, k := letterRun(binary.LittleEndian.Uint64(low[j : j+8 : j+8]))
				f = f.addRun(run, k)
				if j += int(k); k < 8 {
					break
				}
			}
			word = true
		case c < utf8.RuneSelf:
			j++
			if c = foldASCII[c]; c != foldSkip {
				f = f.addByte(c)
				word = true
			} else {
				word = false
			}
		default:
			return j, f, scanRune
		}
	}
}

// letterRun returns the run of letters that starts the eight bytes of
// w, lower-cased text (little-endian, the first in the low byte), with
// the bytes after it cleared, and its length.
func letterRun(w uint64) (run uint64, n uint) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	seven := w &^ high               // the sums below never carry across bytes
	geA := seven + ones*(0x80-'a')   // high bit set where the byte is >= 'a'
	gtZ := seven + ones*(0x80-'z'-1) // high bit set where the byte is > 'z'
	other := (^geA | gtZ | w) & high
	n = uint(bits.TrailingZeros64(other)) / 8
	return w & lowBytes[n], n
}

// foldSkip marks the ASCII separators in foldASCII.
const foldSkip = 0xff

// foldASCII is what foldAppend makes of an ASCII byte: the byte with
// capitals lower-cased, or foldSkip for a separator. walk reads a byte
// with one look-up instead of a comparison with each separator.
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

// bitmap is a set of hashes, a bit per value of their top bits (false
// positives, never false negatives).
type bitmap struct {
	words []uint64
	shift uint // 64 - log2(len(words)*64)
}

// newBitmap returns a bitmap of at least n bits.
func newBitmap(n int) bitmap {
	b := uint(12)
	for 1<<b < n {
		b++
	}
	return bitmap{words: make([]uint64, 1<<b/64), shift: 64 - b}
}

func (m *bitmap) set(h uint64) { i := h >> (m.shift & 63); m.words[i/64] |= 1 << (i % 64) }

func (m *bitmap) has(h uint64) bool { i := h >> (m.shift & 63); return m.words[i/64]&(1<<(i%64)) != 0 }

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
