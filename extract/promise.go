package extract

import (
	"math/bits"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// promiseRe matches a sentence part saying the paper's code (or models,
// weights, data) will be released or is available: the thing released,
// then within the same sentence a future or present availability verb, or
// "we will release/open-source" followed by the thing. It is the rule's
// specification: [promises] scans for the same matches without it, and
// falls back to it only on text holding a non-ASCII letter that folds to
// an ASCII one (ſ, the Kelvin sign).
var promiseRe = regexp.MustCompile(`(?i)` +
	// the thing ... will be / is / are (made) (publicly) released|available|open-sourced|public
	`\b(?:codes?|implementation|models?|weights|checkpoints|data|datasets?|benchmark)\b` +
	`[^.!?]{0,80}?\b(?:will|would|shall|is|are)\s+(?:be\s+)?(?:made\s+)?(?:publicly\s+|freely\s+|openly\s+)?` +
	`(?:released|available|open[- ]?sourced|public)\b` +
	// or: we will (publicly) release / open-source ... code
	`|\bwe\s+(?:will|plan to|intend to)\s+(?:publicly\s+)?(?:release|open[- ]?source|make\s+(?:public|available))\b` +
	`[^.!?]{0,60}?\b(?:code|implementation|models?|weights|checkpoints|data(?:sets?)?|benchmark)\b`)

// promiseVerbsFound holds what promiseVerbs says of a text, when known:
// the offsets of up to eight availability phrases and whether it has a
// release phrase; ascii says, when known, that the text has no rune
// beyond ASCII, so none that folds to an ASCII letter.
type promiseVerbsFound struct {
	known   bool
	release bool
	ascii   bool
	n       int
	avail   [8]int32
}

// set records promiseVerbs' results, if avail fits.
func (f *promiseVerbsFound) set(avail []int32, release bool) {
	if f.known = len(avail) <= len(f.avail); f.known {
		f.n = copy(f.avail[:], avail)
		f.release = release
	}
}

// promisesCode reports whether an abstract says its code (or models,
// weights, data) will be released or is available while the paper names
// no repository and no link: one rule, the promise without a place.
// verbs, if not nil, may hold the abstract's promise verbs.
func promisesCode(abstract string, ents []papergraph.Entity, verbs *promiseVerbsFound) bool {
	return !linked(ents) && promisesFrom(abstract, verbs)
}

// linked reports whether ents name a repository or a link.
func linked(ents []papergraph.Entity) bool {
	for _, e := range ents {
		if e.Kind == papergraph.KindRepo || e.Kind == papergraph.KindURL {
			return true
		}
	}
	return false
}

// promises reports whether promiseRe matches s. It walks the ASCII words
// of s (a word as the regular expression's \b sees it: a run of
// [0-9A-Za-z_]) and tries the two alternatives only from the words they
// start with, comparing ASCII letters without case.
func promises(s string) bool { return promisesFrom(s, nil) }

// promisesFrom is promises(s), with promiseVerbs(s) from verbs when they
// are known.
func promisesFrom(s string, verbs *promiseVerbsFound) bool {
	ascii := verbs != nil && verbs.known && verbs.ascii
	if !ascii && (strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a")) {
		return promiseRe.MatchString(s)
	}
	var buf [8]int32
	var avail []int32
	var release bool
	if verbs != nil && verbs.known {
		avail, release = verbs.avail[:verbs.n], verbs.release
	} else {
		avail, release = promiseVerbs(s, buf[:0])
	}
	if len(avail) == 0 && !release {
		return false // most texts: no availability phrase, nothing to look back from
	}
	for i := 0; i < len(s); {
		if !reWordByte(s[i]) {
			i++
			continue
		}
		e := reWordEnd(s, i)
		switch s[i] | 0x20 { // the first letters of the words that start a match
		case 'b', 'c', 'd', 'i', 'm', 'w':
			w := s[i:e]
			if promisedThing(w, true) {
				for len(avail) > 0 && int(avail[0]) < e {
					avail = avail[1:]
				}
				if len(avail) > 0 && reachable(s, e, int(avail[0]), 80) {
					return true
				}
			}
			if release && strings.EqualFold(w, "we") {
				if r := releaseEnd(s, e); r > 0 && wordWithin(s, r, 60, thingAt) {
					return true
				}
			}
		}
		i = e
	}
	return false
}

// promiseVerbs appends to avail the offsets of the availability phrases of
// s ("is available", "will be made public"), in order, and reports whether
// s has a release phrase after "we" ("we will release"). Every text passes
// through it, so it reads eight bytes at a time and stops only at the
// words that start with the two letters of one of those verbs.
func promiseVerbs(s string, avail []int32) ([]int32, bool) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	release := false
	i := 0
	var prev uint64 // 0x80 when the byte before i is an ASCII letter
	for ; i+8 <= len(s); i += 8 {
		// Each byte's high bit in these masks answers for that byte.
		w := load64(s, i)
		x := w &^ high                                                         // seven bits a byte: the sums below never carry across bytes
		y := x | ones*0x20                                                     // ASCII letters in lower case
		letter := (y + ones*(0x80-'a')) &^ (y + ones*(0x80-'z'-1)) &^ w & high // and ASCII
		// A letter after a byte that is not one: a word's start unless a
		// digit or '_' comes before it, which the loop below asks.
		starts := letter &^ (letter<<8 | prev)
		prev = letter >> 56
		// Equal to a or i (0x61, 0x69: they differ in bit 3), or s or w
		// (0x73, 0x77: bit 2), the verbs' first letters.
		ai := ^((y&^(ones*0x08) ^ ones*0x61) + ones*0x7f)
		sw := ^((y&^(ones*0x04) ^ ones*0x73) + ones*0x7f)
		for m := starts & (ai | sw); m != 0; m &= m - 1 {
			if p := i + bits.TrailingZeros64(m)/8; p+1 < len(s) && verbPair(s, p) && (p == 0 || !reWordByte(s[p-1])) {
				avail, release = promiseVerbAt(s, p, avail, release)
			}
		}
	}
	for ; i < len(s); i++ {
		if reWordByte(s[i]) && (i == 0 || !reWordByte(s[i-1])) {
			avail, release = promiseVerbAt(s, i, avail, release)
		}
	}
	return avail, release
}

// promiseVerbsIn is promiseVerbs(d.s) read from d's tokens, without a
// pass over the bytes. promiseVerbAt finds a phrase only after a verb
// followed by white space, which ends a token: so the verb is a whole
// token, which the vocabulary marks (bPromise), or the letters that end a
// token after a connector or a non-ASCII rune ("code/is", "éis"). The
// tokenizer lists both kinds (d.verbs), and they are the word starts
// promiseVerbsIn asks promiseVerbAt about, in text order, where
// promiseVerbs asks every one.
func promiseVerbsIn(d *doc, avail []int32) ([]int32, bool) {
	s := d.s
	release := false
	for _, k := range d.verbs {
		t := &d.toks[k]
		p := t.start
		if t.bits&bPromise == 0 {
			// The letters that end the word.
			for p = t.end; p > t.start && (s[p-1]|0x20 >= 'a' && s[p-1]|0x20 <= 'z'); p-- {
			}
			if p == t.end {
				continue
			}
		}
		if p == 0 || !reWordByte(s[p-1]) {
			avail, release = promiseVerbAt(s, p, avail, release)
		}
	}
	return avail, release
}

// promiseVerbAt reads the word that starts at p: after "is", "are",
// "will", "would" or "shall" an availability phrase appends p to avail;
// after "we" a release phrase sets release.
func promiseVerbAt(s string, p int, avail []int32, release bool) ([]int32, bool) {
	if p+1 >= len(s) || !verbPair(s, p) {
		return avail, release
	}
	if s[p]|0x20 == 'w' && s[p+1]|0x20 == 'e' {
		if !release && (p+2 == len(s) || !reWordByte(s[p+2])) && releaseEnd(s, p+2) > 0 {
			release = true
		}
		return avail, release
	}
	e := reWordEnd(s, p+2)
	if w := s[p:e]; !foldIs(w, "is") && !foldIs(w, "are") && !foldIs(w, "will") && !foldIs(w, "would") && !foldIs(w, "shall") {
		return avail, release
	}
	if availableAfter(s, e) {
		avail = append(avail, int32(p))
	}
	return avail, release
}

// verbPair reports whether the word at p (with a byte after p) starts
// with the first two letters of "is", "are", "will", "would", "shall" or
// "we": they decide most words without finding their end.
func verbPair(s string, p int) bool {
	switch uint16(s[p]|0x20) | uint16(s[p+1]|0x20)<<8 {
	case 'i' | 's'<<8, 'a' | 'r'<<8, 'w' | 'i'<<8, 'w' | 'o'<<8, 's' | 'h'<<8, 'w' | 'e'<<8:
		return true
	}
	return false
}

// foldIs reports whether the word w (bytes of [0-9A-Za-z_]) is the
// lower-case ASCII word lw without case: or-ing 0x20 lower-cases a letter
// and leaves a digit, and turns '_' into a byte no letter is.
func foldIs(w, lw string) bool {
	if len(w) != len(lw) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if w[k]|0x20 != lw[k] {
			return false
		}
	}
	return true
}

// load64 reads s[i:i+8] as a little-endian integer (one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// availableAfter reports whether the words after a verb ending at e say
// "(be) (made) (publicly|freely|openly) released|available|open-sourced|public".
func availableAfter(s string, e int) bool {
	i := spacesEnd(s, e)
	if i == e {
		return false
	}
	i, e = optionalWord(s, i, "be")
	i, e = optionalWord(s, i, "made")
	i, e = optionalWord(s, i, "publicly", "freely", "openly")
	w := s[i:e]
	return strings.EqualFold(w, "released") || strings.EqualFold(w, "available") ||
		strings.EqualFold(w, "public") || strings.EqualFold(w, "opensourced") ||
		(strings.EqualFold(w, "open") && joinedWord(s, e, "sourced") > 0)
}

// reachable reports whether wordWithin(s, i, n, at) reaches the word at p,
// the first at which at reports true: at most n runes from i, none of them
// '.', '!' or '?'.
func reachable(s string, i, p, n int) bool {
	if p-i > 4*n+4 {
		return false // more than n runes
	}
	gap := s[i:p]
	return strings.IndexAny(gap, ".!?") < 0 && utf8.RuneCountInString(gap) <= n
}

// promisedThing reports whether w names what a paper releases: code (with
// plural when codes is set), implementation, model(s), weights,
// checkpoints, data, dataset(s), benchmark.
func promisedThing(w string, codes bool) bool {
	switch len(w) {
	case 4:
		return strings.EqualFold(w, "code") || strings.EqualFold(w, "data")
	case 5:
		return (codes && strings.EqualFold(w, "codes")) || strings.EqualFold(w, "model")
	case 6:
		return strings.EqualFold(w, "models")
	case 7:
		return strings.EqualFold(w, "weights") || strings.EqualFold(w, "dataset")
	case 8:
		return strings.EqualFold(w, "datasets")
	case 9:
		return strings.EqualFold(w, "benchmark")
	case 11:
		return strings.EqualFold(w, "checkpoints")
	case 14:
		return strings.EqualFold(w, "implementation")
	}
	return false
}

// wordWithin reports whether at reports true at a word start reached
// from i over at most n runes, none of them '.', '!' or '?'.
func wordWithin(s string, i, n int, at func(string, int) bool) bool {
	for k := 0; ; k++ {
		if i < len(s) && reWordByte(s[i]) && (i == 0 || !reWordByte(s[i-1])) && at(s, i) {
			return true
		}
		if k == n || i >= len(s) {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '.' || r == '!' || r == '?' {
			return false
		}
		i += size
	}
}

// releaseEnd returns the end of "will|plan to|intend to (publicly)
// release|open-source|make public|make available" after the white space
// at i, or 0.
func releaseEnd(s string, i int) int {
	j := spacesEnd(s, i)
	if j == i {
		return 0
	}
	e := reWordEnd(s, j)
	switch w := s[j:e]; {
	case strings.EqualFold(w, "will"):
	case strings.EqualFold(w, "plan"), strings.EqualFold(w, "intend"):
		if e >= len(s) || s[e] != ' ' || !strings.EqualFold(s[e+1:reWordEnd(s, e+1)], "to") {
			return 0
		}
		e = reWordEnd(s, e+1)
	default:
		return 0
	}
	j = spacesEnd(s, e)
	if j == e {
		return 0
	}
	j, e = optionalWord(s, j, "publicly")
	switch w := s[j:e]; {
	case strings.EqualFold(w, "release"), strings.EqualFold(w, "opensource"):
		return e
	case strings.EqualFold(w, "open"):
		return joinedWord(s, e, "source")
	case strings.EqualFold(w, "make"):
		j = spacesEnd(s, e)
		if j == e {
			return 0
		}
		e = reWordEnd(s, j)
		if w := s[j:e]; strings.EqualFold(w, "public") || strings.EqualFold(w, "available") {
			return e
		}
	}
	return 0
}

// thingAt reports whether the word at i is a thing a paper releases.
func thingAt(s string, i int) bool { return promisedThing(s[i:reWordEnd(s, i)], false) }

// optionalWord skips the word at i when it is one of opts followed by
// white space; it returns the start and end of the word it stops at.
func optionalWord(s string, i int, opts ...string) (int, int) {
	e := reWordEnd(s, i)
	for _, o := range opts {
		if strings.EqualFold(s[i:e], o) {
			if j := spacesEnd(s, e); j > e {
				return j, reWordEnd(s, j)
			}
			break
		}
	}
	return i, e
}

// joinedWord returns the end of word w joined to the word ending at e by
// '-' or ' ' ("open-source", "open source"), or 0.
func joinedWord(s string, e int, w string) int {
	if e >= len(s) || (s[e] != '-' && s[e] != ' ') {
		return 0
	}
	if f := reWordEnd(s, e+1); strings.EqualFold(s[e+1:f], w) {
		return f
	}
	return 0
}

// spacesEnd returns the end of the run of \s ([\t\n\f\r ]) at i.
func spacesEnd(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// reWordByte reports whether c is a word byte as \b sees it: [0-9A-Za-z_].
func reWordByte(c byte) bool { return reWord[c] }

var reWord = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	}
	return t
}()

// reWordEnd returns the end of the run of [0-9A-Za-z_] at i.
func reWordEnd(s string, i int) int {
	for i < len(s) && reWordByte(s[i]) {
		i++
	}
	return i
}
