package extract

import (
	"encoding/binary"
	"maps"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/papergraph/papergraph"
)

// tok is a token of the text: a word (letters and digits joined by
// in-word connectors such as "-", ".", "/", "^") or one punctuation rune.
type tok struct {
	start, end int
	sent       int    // sentence number
	bits       uint32 // word classes (see wordBits)
	word       bool
	flags      uint8 // fUpper, fDigit, fSlash, fHyphen, ...
	name       uint8 // unknownName memo: 0 not asked, 1 yes, 2 no
	shape      uint8 // the pattern rules' memo of name shapes (namey, titleWord, stop list): see doc.shapeOf
}

// acronymDef is a definition "long form (SF)" found in the text.
type acronymDef struct {
	short            string
	longStart        int // byte offsets of the long form
	longEnd          int
	end              int // end of ")"
	head             string
	lower            bool // the long form is lower case (a task or method)
	plural           bool
	firstTok, parTok int
}

// doc is one text prepared for the rules.
type doc struct {
	s         string
	low       string // s with ASCII letters lower-cased (same offsets); valid until release
	lowBuf    []byte
	toks      []tok
	flags     uint8  // the flags of all its word tokens, or-ed: rules skip texts without their trigger
	sentFirst []int  // sentence -> its first token
	trig      []int  // words that may start a rule: capitals, digits, slashes, triggers
	parens    []int  // the "(" tokens: defineAcronyms
	dots      []int  // the words with a dot inside (fDot): findLinks
	verbs     []int  // promiseVerbsIn's words: of class bPromise, or with a connector or a non-ASCII byte in them or right after
	cands     []cand // buffers reused across texts
	gzBuf     []cand
	kept      []cand
	owner     []int32 // resolve's byte owners
	gzAt      gzIndex // the list matches by their first token
	lists     listScratch
	acr       map[string]acronymDef
	acrList   []acronymDef
	evalTok   []int // sentence -> its first evaluation cue token, -1 if none
	evalDone  bool
	// asGiven is set when s is the caller's text, not a normalized copy.
	asGiven bool
	// glued is set when a word of s holds a lost-backslash macro
	// (gluedMacroIn), slash when a "/" of s is a token of its own (see
	// slashed): normalizedDoc asks them.
	glued, slash bool
	// introName is the first name a "we propose X, ..." sentence introduces,
	// whatever its kind (a method, a model), for the paper's name.
	introName string
	// stopped are the candidates that won their span but are on the stop
	// list, for [papergraph.Paper].Stopped.
	stopped []papergraph.Entity
}

// docPool recycles the buffers of docs: extraction allocates little per text.
var docPool = sync.Pool{New: func() any { return new(doc) }}

// newDoc prepares s; call release when done with the doc.
func newDoc(s string) *doc {
	d := docPool.Get().(*doc)
	d.s, d.introName, d.stopped = s, "", d.stopped[:0]
	// lowBuf holds low and lowPad zero bytes after it, so that a word's
	// bytes can be read eight at a time (vocabKey). It starts as a copy of
	// s: tokenize lower-cases its capitals, each of which it reads anyway.
	d.lowBuf = append(append(d.lowBuf[:0], s...), make([]byte, lowPad)...)
	d.low = ""
	if len(s) > 0 {
		// The buffer is reused by the next doc: strings sliced from low
		// must not outlive this doc (they are only compared and looked up).
		d.low = unsafe.String(unsafe.SliceData(d.lowBuf), len(s))
	}
	d.toks, d.trig, d.parens, d.dots, d.verbs, d.flags = d.toks[:0], d.trig[:0], d.parens[:0], d.dots[:0], d.verbs[:0], 0
	// A token takes a byte of s or more, so s has len(s) tokens at most:
	// tokenize appends them without a check for growth, whose call on
	// every token's path made its loop keep its state on the stack.
	if cap(d.toks) <= len(s) {
		d.toks = make([]tok, 0, len(s)+1)
	}
	d.acrList = d.acrList[:0]
	clear(d.acr)
	d.evalDone, d.asGiven, d.glued, d.slash = false, false, false, false
	d.tokenize()
	return d
}

// release returns d's buffers to the pool. The extractor makes a doc of
// one window of text at a time (windowSize, 16 KiB at most; normalize
// never lengthens a text), so a pooled doc's tokens take about 512 KiB
// at most (a tok, 32 bytes, for each byte of the text and one more).
// Only a test makes a doc of more text than a window; past 64 KiB such a
// doc is not kept.
func (d *doc) release() {
	if cap(d.toks) > 1<<16 {
		return // keep the pool small after a text of many windows
	}
	d.s, d.low = "", ""
	docPool.Put(d)
}

// connectors join word parts inside a token.
func isConnector(r rune) bool {
	switch r {
	case '-', '_', '.', '/', '+', '^', '&', '\u2010', '\u2011':
		return true
	}
	return false
}

// abbreviation reports a lower-case word that ends with a dot that does
// not end a sentence.
func abbreviation(w string) bool {
	switch w {
	case "e.g", "i.e", "etc", "vs", "al", "cf", "approx", "fig", "eq", "resp", "w.r.t", "et", "no", "sec":
		return true
	}
	return false
}

// vocabMaybe has a bit for every word of the vocabulary (wordBits; see
// vocabKey): a word whose bit is clear has no classes, and the table is
// not read. At 8,192 bits (a kilobyte) it stays in the first-level cache;
// one word in 24 of the others passes it.
//
// vocabSlots is the vocabulary as an open-addressing table keyed by the
// word's bytes read as two integers, so that a look-up compares two
// integers instead of hashing the word again and comparing strings.
//
// The words go in in sorted order, so that every run of the program has
// the same table (and costs the same).
var vocabMaybe, vocabSlots = func() (t [1 << 13 / 64]uint64, slots [vocabSize]vocabSlot) {
	words := slices.Sorted(maps.Keys(wordBits))
	for _, w := range words {
		bits := wordBits[w]
		if len(w) > 16 {
			continue // longer words are not looked up
		}
		b := append([]byte(w), make([]byte, lowPad)...)
		w0, w1, h := vocabKey(b, 0, len(w))
		k := h >> (64 - 13)
		t[k/64] |= 1 << (k % 64)
		i := vocabIndex(h)
		for slots[i].w0 != 0 {
			i = (i + 1) % vocabSize
		}
		slots[i] = vocabSlot{w0, w1, bits}
	}
	return
}()

// vocabSlot is a word of the vocabulary (its bytes, zero-padded) and its
// classes; w0 is zero in an empty slot.
type vocabSlot struct {
	w0, w1 uint64
	bits   uint32
}

// lowPad is the number of zero bytes after a doc's lower-cased text.
const lowPad = 16

// vocabKey returns the word b[i:j] (1 to 16 bytes, with lowPad bytes
// readable after it) as two little-endian integers with the bytes past
// its end cleared, and their hash: two multiplications a word instead of
// one a byte.
func vocabKey(b []byte, i, j int) (w0, w1, h uint64) {
	m := &vocabMasks[uint(j-i)%32] // j-i is at most 16
	b = b[i : i+16 : i+16]         // one bounds check for the sixteen bytes
	w0 = binary.LittleEndian.Uint64(b) & m[0]
	w1 = binary.LittleEndian.Uint64(b[8:]) & m[1]
	return w0, w1, w0*0x9E3779B97F4A7C15 ^ w1*0xC2B2AE3D27D4EB4F
}

// vocabMasks[n] keeps the first n bytes of sixteen read as two
// little-endian words (lowBytes of n and of n-8), for n up to 16; a
// power of two entries, so that an index needs no bounds check.
var vocabMasks = func() (t [32][2]uint64) {
	for n := range 17 {
		t[n] = [2]uint64{lowBytes[min(n, 8)], lowBytes[max(n, 8)-8]}
	}
	return t
}()

// vocabSize is the number of vocabSlots, more than twice the words.
const vocabSize = 1 << 10

// vocabIndex is the first slot of vocabSlots a hash probes.
func vocabIndex(h uint64) uint64 { return h >> 30 % vocabSize }

// vocabClasses returns the classes (wordBits) of the lower-case word
// b[i:j], 1 to 16 bytes with lowPad bytes readable after it.
func vocabClasses(b []byte, i, j int) uint32 {
	w0, w1, h := vocabKey(b, i, j)
	if !vocabMaybeHas(h) {
		return 0
	}
	return vocabProbe(w0, w1, h)
}

// vocabMaybeHas reports whether the word with hash h may be in
// vocabSlots: false for most words, which then need no probe.
func vocabMaybeHas(h uint64) bool {
	k := h >> (64 - 13)
	return vocabMaybe[k/64]&(1<<(k%64)) != 0
}

// vocabProbe returns the classes of the word w0, w1 with hash h in
// vocabSlots, 0 if it has none; tokenize calls it only for the words
// vocabMaybeHas lets through (as vocabClasses does).
func vocabProbe(w0, w1, h uint64) uint32 {
	for s := vocabIndex(h); ; s = (s + 1) % vocabSize {
		e := &vocabSlots[s]
		if e.w0 == w0 && e.w1 == w1 {
			return e.bits
		}
		if e.w0 == 0 {
			return 0
		}
	}
}

// lowBytes[n] keeps the first n bytes of a little-endian word.
var lowBytes = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, 0xffffffffffffffff}

// Byte classes for the ASCII fast path of tokenize.
const (
	cOther = iota
	cSpace
	cLower // cLower, cUpper and cDigit in a row: a word starts with one of them
	cUpper
	cDigit
	cConn
	cHigh // a byte of a multi-byte rune
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = cHigh
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '~':
			t[c] = cSpace
		case isConnector(rune(c)):
			t[c] = cConn
		}
	}
	return t
}()

// Token flags.
const (
	fUpper uint8 = 1 << iota
	fDigit
	fSlash
	fHyphen
	fNonASCII
	fDot
	fJoin // '+', '^', '&' or '_' joins two parts: the connectors without a flag of their own
	// fInner marks an ASCII capital that does not start a word part:
	// after a letter, digit or "!" of the word (see nameyFlags). It is
	// also set after a byte of a multi-byte rune; nothing reads it then:
	// such a token has fNonASCII, and only ASCII tokens ask nameyFlags.
	fInner
)

// wordAt reports whether a word rune starts at s[j], and its size.
func wordAt(s string, j int) (bool, int) {
	if c := s[j]; c < utf8.RuneSelf {
		k := byteClass[c]
		return k == cLower || k == cUpper || k == cDigit, 1
	}
	r, n := utf8.DecodeRuneInString(s[j:])
	return isWordRune(r), n
}

// maxSentence is the most tokens a sentence has: a longer run without a
// sentence end (a list, a text without punctuation) is cut there, so that
// rules that read a sentence's words cost at most that much per word.
const maxSentence = 256

func (d *doc) tokenize() {
	s := d.s
	// toks is d.toks in a variable of the loop's own, not written back to
	// d for every token; a token is appended zero and its fields set one
	// by one, where append would copy a whole token built aside.
	toks := d.toks
	sent := 0
	d.sentFirst = append(d.sentFirst[:0], 0)
	// A token at index sentEnd or after starts the next sentence: after a
	// sentence end, or maxSentence tokens into a sentence.
	sentEnd := maxSentence
	for i := 0; uint(i) < uint(len(s)); { // no bounds check on s[i]
		k := byteClass[s[i]]
		if k == cSpace {
			i++
			continue
		}
		r, n := rune(s[i]), 1
		if k == cHigh {
			r, n = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '\u00a0' {
				i += n
				continue
			}
		}
		if len(toks) >= sentEnd {
			sent++
			d.sentFirst = append(d.sentFirst, len(toks))
			sentEnd = len(toks) + maxSentence
		}
		if k-cLower <= cDigit-cLower || k == cHigh && isWordRune(r) {
			var flags uint8
			j := i
		word:
			for uint(j) < uint(len(s)) { // j >= 0 too: no bounds check on s[j]
				c := s[j]
				switch byteClass[c] {
				case cLower:
					j++
					// The rest of the run of lower-case letters, eight
					// bytes at a time: most of a text is read here.
					for j+8 <= len(s) {
						if m := ^bytesIn(load64(s, j), 'a', 'z') & 0x8080808080808080; m != 0 {
							j += bits.TrailingZeros64(m) / 8
							if s[j] == ' ' {
								break word // most words end here: a space ends every word
							}
							continue word
						}
						j += 8
					}
					for j < len(s) && byteClass[s[j]] == cLower {
						j++
					}
					continue
				case cUpper:
					flags |= fUpper
					if j > i && byteClass[s[j-1]] != cConn {
						flags |= fInner
					}
					d.lowBuf[j] = c + 'a' - 'A' // every ASCII capital of s passes here: d.low is lower case after tokenize
					j++
					continue
				case cDigit:
					flags |= fDigit
					j++
					continue
				case cConn:
					if j+1 < len(s) {
						if ok, _ := wordAt(s, j+1); ok {
							if n := len(d.verbs); n == 0 || d.verbs[n-1] != len(toks) {
								d.verbs = append(d.verbs, len(toks))
							}
							switch c {
							case '/':
								flags |= fSlash
							case '-':
								flags |= fHyphen
							case '.':
								if flags&fDot == 0 { // the word's first dot
									d.dots = append(d.dots, len(toks))
								}
								flags |= fDot
							default:
								flags |= fJoin
							}
							j++
							continue
						}
					}
				case cHigh:
					if n := len(d.verbs); n == 0 || d.verbs[n-1] != len(toks) {
						d.verbs = append(d.verbs, len(toks))
					}
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					flags |= fNonASCII
					if isWordRune(r2) {
						if unicode.IsUpper(r2) {
							flags |= fUpper
						}
						j += n2
						continue
					}
					if (r2 == '\u2010' || r2 == '\u2011') && j+n2 < len(s) {
						if ok, _ := wordAt(s, j+n2); ok {
							j += n2
							continue
						}
					}
				default:
					if c == '!' && bangName(s, j) {
						j++
						continue
					}
				}
				break
			}
			var bits uint32
			if j-i <= 16 && flags&(fDigit|fNonASCII) == 0 {
				// vocabClasses, written out: most words stop at the bitmap.
				w0, w1, h := vocabKey(d.lowBuf, i, j)
				if vocabMaybeHas(h) {
					if bits = vocabProbe(w0, w1, h); bits&bPromise != 0 {
						d.verbs = append(d.verbs, len(toks))
					}
				}
			}
			if bits&trigBits != 0 || flags&(fUpper|fDigit|fSlash|fNonASCII) != 0 { // a word that starts with a non-ASCII rune has fNonASCII
				d.trig = append(d.trig, len(toks))
				if flags&fDigit != 0 && gluedMacroFrom(s[:j], i, false) >= 0 {
					// A lost-backslash macro is glued to a digit
					// ("7times"): all its bytes are in the digit's word.
					d.glued = true
				}
			}
			toks = toks[:len(toks)+1]
			t := &toks[len(toks)-1]
			*t = tok{}
			t.start, t.end, t.sent, t.bits, t.word, t.flags = i, j, sent, bits, true, flags
			d.flags |= flags
			i = j
			if uint(i) < uint(len(s)) && s[i] == ' ' {
				i++ // the space after a word, without a turn of the loop
			}
			continue
		}
		if r == '(' {
			d.parens = append(d.parens, len(toks))
		} else if r == '/' {
			d.slash = true
		}
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		*t = tok{}
		t.start, t.end, t.sent = i, i+n, sent
		if (r == '.' || r == '?' || r == '!') && (i+n == len(s) || s[i+n] == ' ' || s[i+n] == '\n') {
			prev := ""
			if k := len(toks) - 2; k >= 0 && toks[k].word && toks[k].end == i {
				prev = d.low[toks[k].start:toks[k].end]
			}
			if !abbreviation(prev) {
				sentEnd = len(toks)
			}
		}
		if i += n; uint(i) < uint(len(s)) && s[i] == ' ' {
			i++
		}
	}
	d.toks = toks
}

// slashed reports whether s has a "/", after tokenize: inside a word
// (fSlash) or a token of its own.
func (d *doc) slashed() bool { return d.slash || d.flags&fSlash != 0 }

// w returns the text of token i ("" out of range).
func (d *doc) w(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.s[d.toks[i].start:d.toks[i].end]
}

// lw returns the lower-cased text of token i.
func (d *doc) lw(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.low[d.toks[i].start:d.toks[i].end]
}

// tokAt returns the index of the token starting at byte b, or -1.
func (d *doc) tokAt(b int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= b })
	if i < len(d.toks) && d.toks[i].start == b {
		return i
	}
	return -1
}

func (d *doc) sameSent(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(d.toks) && j < len(d.toks) && d.toks[i].sent == d.toks[j].sent
}

// sentStart returns the index of the first token of token i's sentence.
func (d *doc) sentStart(i int) int {
	return d.sentFirst[d.toks[i].sent]
}

// defineAcronyms finds "long form (SF)" definitions with the
// Schwartz–Hearst algorithm (A Simple Algorithm for Identifying
// Abbreviation Definitions in Biomedical Text, 2003).
func (d *doc) defineAcronyms() {
	if d.acr == nil {
		d.acr = map[string]acronymDef{}
	}
	for _, i := range d.parens {
		// Short form: up to 3 tokens before ")".
		k := i + 1
		for k < len(d.toks) && k <= i+4 && d.w(k) != ")" {
			if d.w(k) == "(" || d.w(k) == "," || d.w(k) == ";" {
				k = len(d.toks)
				break
			}
			k++
		}
		if k >= len(d.toks) || k == i+1 || d.w(k) != ")" {
			continue
		}
		short := d.s[d.toks[i+1].start:d.toks[k-1].end]
		if !shortFormOK(short) {
			continue
		}
		// Candidate long form: words before "(" in the sentence.
		nw := min(len(short)+5, 2*len(short))
		first := i
		for words := 0; first > 0 && words < nw && d.sameSent(first-1, i); first-- {
			pw := d.w(first - 1)
			if pw == "(" || pw == ")" || pw == ";" || pw == ":" || pw == "," || pw == "." {
				break
			}
			if d.toks[first-1].word {
				words++
			}
		}
		if first == i {
			continue
		}
		lfStart := d.toks[first].start
		lfEnd := d.toks[i-1].end
		lf := d.s[lfStart:lfEnd]
		st, ok := schwartzHearst(d.low[d.toks[i+1].start:d.toks[k-1].end], d.low[lfStart:lfEnd])
		if !ok {
			continue
		}
		lf = strings.TrimLeft(lf[st:], " ,;:")
		lfStart = lfEnd - len(lf)
		if lf == "" || equalFoldSkipSeps(lf, short) {
			continue
		}
		def := acronymDef{short: short, longStart: lfStart, longEnd: lfEnd, end: d.toks[k].end, parTok: i}
		def.firstTok = d.tokAt(lfStart)
		// The long form's words are split at ' ', '-' and '~': the last is
		// its head, and it is lower case when no word after the first has
		// a capital.
		sep := func(r rune) bool { return r == ' ' || r == '-' || r == '~' }
		if w := strings.TrimRightFunc(lf, sep); w != "" {
			def.head = strings.ToLower(w[strings.LastIndexFunc(w, sep)+1:])
		}
		rest := strings.TrimLeftFunc(lf, sep)
		def.lower = true
		if k := strings.IndexFunc(rest, sep); k >= 0 {
			def.lower = !strings.ContainsFunc(rest[k:], unicode.IsUpper)
		}
		def.plural = strings.HasSuffix(short, "s") && !strings.HasSuffix(strings.ToLower(short), "ss") && strings.HasSuffix(def.head, "s")
		if _, dup := d.acr[short]; !dup {
			d.acr[short] = def
		}
		d.acrList = append(d.acrList, def)
	}
}

// shortFormOK accepts "NPD", "NoW", "TAU-SRIR DB", "PC^2", not "Web" or "e.g.".
func shortFormOK(s string) bool {
	if len(s) < 2 || len(s) > 20 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && r != '∞' {
		return false
	}
	up := 0
	for _, c := range s {
		if unicode.IsUpper(c) {
			up++
		}
	}
	return up >= 2 || (up == 1 && strings.ContainsFunc(s, unicode.IsDigit))
}

// schwartzHearst matches the short form's letters and digits, right to
// left, against the long form, both with ASCII letters lower-cased; the
// first must start a word. It returns the byte offset in lf where the long
// form starts.
func schwartzHearst(sf, lf string) (int, bool) {
	s, l := sf, lf
	si, li := len(s)-1, len(l)-1
	for si >= 0 {
		c := s[si]
		if !isASCIIAlnum(c) {
			si--
			continue
		}
		for li >= 0 && (l[li] != c || (si == firstAlnum(s) && li > 0 && isASCIIAlnum(l[li-1]))) {
			li--
		}
		if li < 0 {
			return 0, false
		}
		li--
		si--
	}
	st := li + 1
	// Back to the start of the word.
	for st > 0 && l[st-1] != ' ' {
		st--
	}
	return st, true
}

func firstAlnum(s string) int {
	for i := 0; i < len(s); i++ {
		if isASCIIAlnum(s[i]) {
			return i
		}
	}
	return -1
}

// bangName reports whether the "!" at s[j] ends a name ("WHAM!"): it
// follows a capital letter and precedes a separator, not a sentence.
func bangName(s string, j int) bool {
	if j == 0 || s[j-1] < 'A' || s[j-1] > 'Z' {
		return false
	}
	if j+1 == len(s) {
		return false
	}
	switch s[j+1] {
	case '/', ',', ')', ';':
		return true
	case ' ':
		// "WHAM! and" but not "WOW! We": a lower-case word follows.
		return j+2 < len(s) && s[j+2] >= 'a' && s[j+2] <= 'z'
	}
	return false
}

// namey reports whether a token looks like a name rather than a word:
// capitals inside a word part ("HyPoradise", "KILT", "SELDnet"), letters
// with digits ("YFCC15M", "GPT-4"), or a one-letter prefix ("R-Sparse").
// Title-case words ("Real-World") are not names.
func namey(w string) bool {
	if w == "" {
		return false
	}
	if ok, ascii := nameyASCII(w); ascii {
		return ok
	}
	return nameyRunes(w)
}

// nameyFlags is namey for the text w of an ASCII word token with the
// given flags (no fNonASCII), from what tokenize saw: an ASCII token
// starts with a letter or a digit, and nameyASCII's capital inside a
// word part is fInner.
func nameyFlags(w string, flags uint8) bool {
	if flags&fUpper == 0 || isDigit(w[0]) {
		return false
	}
	if flags&(fDigit|fInner) != 0 {
		return true
	}
	// R-Sparse, A-MTRL.
	return len(w) > 2 && w[1] == '-' && 'A' <= w[0] && w[0] <= 'Z' && 'A' <= w[2] && w[2] <= 'Z'
}

// nameyRunes is namey for any w, rune by rune.
func nameyRunes(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) && r != '∞' {
		return false
	}
	if r == '∞' {
		return true
	}
	hasDigit := strings.ContainsFunc(w, unicode.IsDigit)
	hasUpper := strings.ContainsFunc(w, unicode.IsUpper)
	if !hasUpper {
		return false
	}
	if hasDigit {
		return true
	}
	segStart := true
	for i, c := range w {
		if isConnector(c) {
			segStart = true
			continue
		}
		if !segStart && unicode.IsUpper(c) {
			return true
		}
		if segStart && i == 0 && len(w) > 2 && w[1] == '-' && unicode.IsUpper(c) && unicode.IsUpper(rune(w[2])) {
			return true // R-Sparse, A-MTRL
		}
		segStart = false
	}
	return false
}

// nameyASCII is namey for an ASCII w, in one pass over its bytes
// without decoding runes; ascii is false when w is not ASCII.
func nameyASCII(w string) (ok, ascii bool) {
	// seen collects nUpper and nDigit, and nInner for a capital that does
	// not start a word part (after a connector, or the word's start).
	var seen uint8
	segStart := true
	for i := 0; i < len(w); i++ {
		k := nameClass[w[i]]
		if k&nHigh != 0 {
			return false, false
		}
		if k&nUpper != 0 && !segStart {
			k |= nInner
		}
		seen |= k
		segStart = k&nConn != 0
	}
	if c := w[0]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') || seen&nUpper == 0 {
		return false, true
	}
	if seen&(nDigit|nInner) != 0 {
		return true, true
	}
	// R-Sparse, A-MTRL.
	return len(w) > 2 && w[1] == '-' && 'A' <= w[0] && w[0] <= 'Z' && 'A' <= w[2] && w[2] <= 'Z', true
}

// Byte classes of nameyASCII.
const (
	nUpper uint8 = 1 << iota
	nDigit
	nConn
	nHigh
	nInner
)

var nameClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nHigh
		case 'A' <= c && c <= 'Z':
			t[c] = nUpper
		case '0' <= c && c <= '9':
			t[c] = nDigit
		case isConnector(rune(c)):
			t[c] = nConn
		}
	}
	return t
}()

// pluralAcronym reports "LLMs", "SRIRs", "GM-VAEs": a class, not a name.
func pluralAcronym(w string) bool {
	n := len(w)
	return n >= 3 && w[n-1] == 's' && w[n-2] >= 'A' && w[n-2] <= 'Z'
}

// romanNumeral reports "II", "IV", ...
func romanNumeral(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if c != 'I' && c != 'V' && c != 'X' {
			return false
		}
	}
	return len(w) <= 4
}

// titleWord reports a capitalised word: "Conceptual", "Long-Range".
func titleWord(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		// ASCII first: most words are rejected by their first byte.
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
		ascii := true
		for i := 1; i < len(w); i++ {
			if c := w[i]; c >= utf8.RuneSelf {
				ascii = false
				break
			} else if c >= '0' && c <= '9' {
				return false
			}
		}
		if ascii {
			return !namey(w)
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	return !strings.ContainsFunc(w, unicode.IsDigit) && !namey(w)
}

// leftBoundary reports whether a name may start at byte i of s: not inside
// a word, and not glued to a preceding word by a hyphen ("Tiny-ImageNet").
func leftBoundary(s string, i int) bool {
	if i == 0 {
		return true
	}
	if c := s[i-1]; c < utf8.RuneSelf && c != '-' {
		return !isASCIIAlnum(c) // most often a space
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if isWordRune(r) {
		return false
	}
	if r == '-' || r == '\u2010' || r == '\u2011' {
		r2, _ := utf8.DecodeLastRuneInString(s[:i-n])
		return !isWordRune(r2)
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '∞' }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isLowerWord(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
