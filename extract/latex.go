package extract

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/papergraph/papergraph"
)

// LaTeX leftovers. arXiv abstracts are LaTeX source, and listing scrapers
// mangle it further: "\textbf{Name}", "$Name$", "\href{URL}{code}",
// macros that lost their backslash and glue two names together
// ("Fam-8BrightarrowOther-14B", "10.7times") and URLs split by a space
// ("https://github. com/o/r", "https: //github.com/o/r"). normalizeInto
// rewrites such text before the rules run and keeps, for every byte it
// keeps, its offset in the original text, so entities still carry offsets
// and surfaces of the text as given.

// normText is a text after normalisation: s, and pos[i] the offset in the
// original text of s[i] (pos is nil when s is the original text).
type normText struct {
	s   string
	pos []int32
}

// orig maps the span [a, b) of the normalised text to the original text.
func (n *normText) orig(a, b int) (int, int) {
	if n.pos == nil || b <= a {
		return a, b
	}
	return int(n.pos[a]), int(n.pos[b-1]) + 1
}

// symbolMacros are LaTeX macros that stand for a symbol between words:
// they become a space, so that "A\to B" and a lost-backslash
// "8BrightarrowOther" are two words.
var symbolMacros = set("to", "rightarrow", "leftarrow", "Rightarrow", "Leftarrow", "leftrightarrow",
	"longrightarrow", "mapsto", "times", "approx", "sim", "simeq", "cdot", "pm", "mp", "leq", "geq", "le",
	"ge", "neq", "ll", "gg", "in", "quad", "qquad", "cdots", "ldots", "dots", "vs", "cite", "citep", "citet",
	"ref", "label", "footnote", "item", "newline", "par")

// gluedMacros are symbol macros that scrapers print without their
// backslash, glued to the numbers or names around them ("10.7times",
// "8BrightarrowOther-14B").
var gluedMacros = []string{"rightarrow", "leftarrow", "Rightarrow", "times", "approx", "cdot", "geq", "leq"}

// dropArgMacros are macros whose argument is no text (a citation key, a
// label): it vanishes with them. Every other macro vanishes and leaves its
// argument as text ("\textbf{X}" is "X").
var dropArgMacros = set("cite", "citep", "citet", "ref", "label", "eqref")

// needsNormalize reports whether s has anything normalizeInto rewrites:
// a LaTeX character, a lost-backslash macro glued after a digit ("7times",
// "8Brightarrow"), a scheme split from its slashes ("https: //") or a host
// split at its dot ("github. com/"). Each is found by searching for the
// bytes it needs, which skips most of a text at memory speed; most texts
// have none of them.
//
// Only tests call it: normalizedDoc asks latexIn and then what tokenize
// saw instead of searching the whole text; needsNormalize stays as the
// specification those checks are tested against.
func needsNormalize(s string) bool {
	// "https: //x", "github. com/x": both need a slash.
	return latexIn(s) || gluedMacroIn(s) || strings.IndexByte(s, '/') >= 0 && urlSplitIn(s)
}

// latexIn reports whether s has a LaTeX character: '$', '\\', '{' or '}'.
func latexIn(s string) bool {
	return strings.IndexByte(s, '$') >= 0 || strings.IndexByte(s, '\\') >= 0 ||
		strings.IndexByte(s, '{') >= 0 || strings.IndexByte(s, '}') >= 0
}

// urlSplitIn reports whether a scheme split from its slashes ("https: //")
// or a host split at its dot ("github. com/") is in s.
func urlSplitIn(s string) bool {
	return anyIndex(s, ": //", func(i int) bool { return i >= 4 && (s[i-4:i] == "http" || i >= 5 && s[i-5:i] == "https") }) ||
		anyIndex(s, ". ", func(i int) bool { return splitHost(s, i) })
}

// normalizedDoc returns s normalized as normalizeInto does (with the offset
// map in pos's memory when it is large enough) and the doc of the
// normalized text. A text without a LaTeX character is tokenized as it is
// given, and tokenize tells what else needsNormalize would search the
// whole text for: the words with a digit that hold a lost-backslash macro
// (doc.glued) and whether the text has a slash, which a split URL needs
// (doc.slashed(), from the field slash and the flag fSlash). Only a text that needs normalizing after all is
// tokenized again, normalized.
func normalizedDoc(s string, pos []int32) (normText, *doc) {
	if latexIn(s) {
		nt := normalize(s, pos)
		return nt, newDoc(nt.s)
	}
	d := newDoc(s)
	if !d.glued && !(d.slashed() && urlSplitIn(s)) {
		return normText{s: s}, d
	}
	d.release()
	nt := normalize(s, pos)
	return nt, newDoc(nt.s)
}

// anyIndex reports whether ok holds at an offset of sub in s.
func anyIndex(s, sub string, ok func(i int) bool) bool {
	for i := 0; ; i++ {
		k := strings.Index(s[i:], sub)
		if k < 0 {
			return false
		}
		i += k
		if ok(i) {
			return true
		}
	}
}

// gluedMacroIn reports whether a lost-backslash macro starts anywhere in s
// (gluedMacroAt).
// Of the macros, only "Rightarrow" starts with a capital, and it counts
// here only written "rightarrow": needsNormalize has always asked for a
// lower-case first letter.
// It is reached only from needsNormalize, and stays with it as the
// specification of tokenize's own check of each word (doc.glued).
func gluedMacroIn(s string) bool { return gluedMacroFrom(s, 0, false) >= 0 }

// gluedMacroFrom returns the offset of the first lost-backslash macro
// (gluedMacroAt) at or after i in s, or -1; with upper unset, of the first
// that starts with a lower-case letter. Such a macro starts with a letter
// right after a digit, or after a digit and a size letter ("7times",
// "8Brightarrow"): the text is read eight bytes at a time for that pair or
// triple, and the macros are compared only where it occurs.
func gluedMacroFrom(s string, i int, upper bool) int {
	const high = 0x8080808080808080
	var prevD uint64 // the digits of the eight bytes before
	from := i
	if i >= 8 {
		prevD = bytesIn(load64(s, i-8), '0', '9')
	} else {
		i = 0 // the bytes before from are read as the first eight's
	}
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		d := bytesIn(w, '0', '9')
		if d|prevD>>48 == 0 {
			// No digit here nor in the last two bytes before: no macro
			// starts here, and none after a size letter of these bytes
			// in the next eight. Most of a text is read this way, and
			// then sixteen bytes at a time while they have no digit.
			prevD = 0
			for i+24 <= len(s) && bytesIn(load64(s, i+8), '0', '9')|bytesIn(load64(s, i+16), '0', '9') == 0 {
				i += 16
			}
			continue
		}
		letters := bytesIn(w, 'a', 'z')
		if upper {
			letters |= bytesIn(w, 'A', 'Z')
		}
		// A letter one or two bytes after a digit: gluedMacroAt asks
		// whether the byte between is a size letter.
		for hit := letters & (d<<8 | prevD>>56 | d<<16 | prevD>>48) & high; hit != 0; hit &= hit - 1 {
			if p := i + bits.TrailingZeros64(hit)/8; p >= from && gluedMacroAt(s, p) > 0 {
				return p
			}
		}
		prevD = d
	}
	for j := max(i, from, 1); j < len(s); j++ {
		if (s[j] >= 'a' && s[j] <= 'z' || upper && s[j] >= 'A' && s[j] <= 'Z') && gluedMacroAt(s, j) > 0 {
			return j
		}
	}
	return -1
}

// bytesIn returns the bytes of w that are ASCII and in [lo, hi], as the
// high bit of each byte (lo and hi ASCII).
func bytesIn(w uint64, lo, hi byte) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	seven := w &^ high // each byte's low seven bits: the sums below never carry across bytes
	ge := seven + ones*uint64(0x80-lo)
	gt := seven + ones*uint64(0x80-hi-1)
	return ge &^ gt &^ w & high
}

// gluedAt reports whether the macro word at s[i:i+n] is a lost-backslash
// macro: glued after a digit or a size letter that follows a digit
// ("7times", "8Brightarrow"), and not followed by a lower-case letter.
func gluedAt(s string, i, n int) bool {
	if i == 0 {
		return false
	}
	p := s[i-1]
	ok := isDigit(p) || (p == 'B' || p == 'M' || p == 'K' || p == 'x') && i >= 2 && isDigit(s[i-2])
	if !ok {
		return false
	}
	return i+n == len(s) || !(s[i+n] >= 'a' && s[i+n] <= 'z')
}

// urlSplitAt returns the offset of the first space that splits a URL at
// or after i: after a scheme's colon ("https: //") or after a known
// host's dot ("github. com/"), or -1.
func urlSplitAt(s string, i int) int {
	// The next ": //" and ". " are found once each and searched again
	// only when passed: linear in s, however many sentences it has.
	k, h := -2, -2 // absolute positions; -2: not searched yet, -1: none
	for i < len(s) {
		if k != -1 && k < i {
			if k = strings.Index(s[i:], ": //"); k >= 0 {
				k += i
			}
		}
		if h != -1 && h < i {
			if h = strings.Index(s[i:], ". "); h >= 0 {
				h += i
			}
		}
		if k < 0 && h < 0 {
			return -1
		}
		if k >= 0 && (h < 0 || k < h) {
			p := k
			if tail := strings.ToLower(s[max(0, p-5):p]); strings.HasSuffix(tail, "http") || strings.HasSuffix(tail, "https") {
				return p + 1
			}
			i = p + 1
			continue
		}
		p := h
		if splitHost(s, p) {
			return p + 1
		}
		i = p + 1
	}
	return -1
}

// splitHost reports whether the ". " at s[p:] splits a host name: the word
// before is a URL's host start ("https://github", "www.example",
// "github") and a top-level domain and "/" follow ("com/").
func splitHost(s string, p int) bool {
	j := p + 2
	k := j
	for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	if !(k-j >= 2 && k-j <= 6 && k < len(s) && s[k] == '/') {
		return false // most sentence ends: no "com/" after them
	}
	a := p
	for a > 0 && (isHostByte(s[a-1]) || s[a-1] == '/' || s[a-1] == ':') {
		a--
	}
	before := s[a:p] // host bytes: ASCII, so EqualFold is lower-casing
	if !(strings.Contains(before, "://") || len(before) >= 4 && strings.EqualFold(before[:4], "www.") ||
		strings.EqualFold(before, "github") || strings.EqualFold(before, "gitlab") || strings.EqualFold(before, "huggingface")) {
		return false
	}
	return true
}

// posPool holds the offset maps of normalized texts: a map is four bytes
// per byte of text and lives only while its text is read.
var posPool = sync.Pool{New: func() any { return new([]int32) }}

// normalizeInto rewrites the LaTeX leftovers and split URLs of s (see the
// comment at the top of this file), with the offset map in pos's memory
// when it is large enough (nil: new memory).
//
// Only tests call it: the extractor goes through normalizedDoc, which
// tells from tokenize's own checks whether s needs normalize. normalizeInto
// stays as the specification normalizedDoc is tested against.
func normalizeInto(s string, pos []int32) normText {
	if !needsNormalize(s) {
		return normText{s: s}
	}
	return normalize(s, pos)
}

// normalize is normalizeInto for a text that needsNormalize.
func normalize(s string, pos []int32) normText {
	b := make([]byte, 0, len(s))
	if cap(pos) < len(s)+1 {
		pos = make([]int32, 0, len(s)+1)
	}
	pos = pos[:0]
	emit := func(c byte, at int) {
		b = append(b, c)
		pos = append(pos, int32(at))
	}
	space := func(at int) {
		if len(b) > 0 && b[len(b)-1] != ' ' {
			emit(' ', at)
		}
	}
	math := false
	skipArg := 0         // depth of a brace group whose content is dropped
	depth := 0           // brace depth inside a dropped argument
	var keepBrace []bool // per open brace: kept as text
	nextSplit := urlSplitAt(s, 0)
	var plain plainScan
	for i := 0; i < len(s); {
		c := s[i]
		if i == nextSplit {
			// "https: //x", "github. com/x": the space goes.
			i++
			nextSplit = urlSplitAt(s, i)
			continue
		}
		if skipArg > 0 {
			switch c {
			case '{':
				depth++
			case '}':
				depth--
				if depth < skipArg {
					skipArg = 0
				}
			}
			i++
			continue
		}
		if j := plain.run(s, i, nextSplit); j > i {
			// Text that stays as it is, copied with its offsets at once.
			b = append(b, s[i:j]...)
			n := len(pos)
			pos = slices.Grow(pos, j-i)[:n+j-i]
			run := pos[n:]
			for k := range run {
				run[k] = int32(i + k)
			}
			i = j
			continue
		}
		switch {
		case c == '\\':
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			name := s[i+1 : j]
			switch {
			case name == "":
				// "\%", "\&", "\_": the character; "\\", "\,", "\!": a space.
				if j < len(s) && strings.IndexByte("%&_#${}", s[j]) >= 0 {
					emit(s[j], j)
				} else {
					space(i)
				}
				if j < len(s) {
					j++
				}
			case dropArgMacros[name]:
				space(i)
				if j < len(s) && s[j] == '{' {
					depth++
					skipArg = depth
					j++
				}
			case symbolMacros[name]:
				space(i)
			}
			i = j
			continue
		case c == '$':
			math = !math
			i++
			continue
		case c == '{':
			// A bare group holding a comma is a set literal ("{A, B}"),
			// kept as text; other braces are LaTeX grouping.
			keep := !math && (i == 0 || !isASCIIAlnum(s[i-1]) && s[i-1] != '}') && setLiteral(s, i)
			keepBrace = append(keepBrace, keep)
			if keep {
				emit(c, i)
			}
			i++
			continue
		case c == '}':
			keep := false
			if n := len(keepBrace); n > 0 {
				keep, keepBrace = keepBrace[n-1], keepBrace[:n-1]
			}
			if keep {
				emit(c, i)
			} else if i+1 < len(s) && s[i+1] == '{' {
				// "\href{URL}{text}": the two arguments are two words.
				space(i)
			}
			i++
			continue
		case math && c == '^' && len(b) > 0 && b[len(b)-1] >= 'A' && b[len(b)-1] <= 'Z':
			// "C$^3$PO", "SC$^{2}$-WM": a superscript inside a name.
			i++
			continue
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if m := gluedMacroAt(s, i); m > 0 {
				space(i)
				i += m
				continue
			}
		}
		emit(c, i)
		i++
	}
	pos = append(pos, int32(len(s)))
	return normText{s: string(b), pos: pos}
}

// plainScan finds the runs of bytes that normalizeInto keeps as they are.
// It keeps the next offset of each byte and macro that ends a run, and
// searches again only for those it has passed: linear in the text, each
// search at memory speed.
type plainScan struct {
	next [len(plainStops) + 1]int // offsets at or after the last search's; the last is the next glued macro's
	done bool                     // next is set
}

// plainStops are the bytes normalizeInto rewrites or reads as LaTeX.
const plainStops = "\\${}^"

// run returns the end of the run of bytes from s[i] that normalizeInto
// keeps as they are, not past stop (when stop > i): up to the next LaTeX
// character, '^' or lost-backslash macro (gluedMacroAt). Successive calls
// on one text must not go back.
func (p *plainScan) run(s string, i, stop int) int {
	end := len(s)
	if stop > i {
		end = stop
	}
	for k := range p.next {
		if n := p.next[k]; n < i && n >= 0 || !p.done {
			if k < len(plainStops) {
				if n = strings.IndexByte(s[i:], plainStops[k]); n >= 0 {
					n += i
				}
			} else {
				n = gluedMacroFrom(s, i, true)
			}
			p.next[k] = n
		}
		if n := p.next[k]; n >= 0 && n < end {
			end = n
		}
	}
	p.done = true
	return end
}

// gluedMacroAt returns the length of a lost-backslash macro at s[i:], or 0.
func gluedMacroAt(s string, i int) int {
	if i == 0 || !isDigit(s[i-1]) && s[i-1] != 'B' && s[i-1] != 'M' && s[i-1] != 'K' && s[i-1] != 'x' {
		return 0 // gluedAt's first condition, before comparing every macro
	}
	for _, m := range gluedMacros {
		if s[i] == m[0] && strings.HasPrefix(s[i:], m) && gluedAt(s, i, len(m)) {
			return len(m)
		}
	}
	return 0
}

// setLiteral reports whether the brace group opening at s[i] holds a
// comma at its own level before it closes: "{A, B, C}".
func setLiteral(s string, i int) bool {
	level := 0
	for j := i; j < len(s) && j < i+300; j++ {
		switch s[j] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				return false
			}
		case ',':
			if level == 1 {
				return true
			}
		}
	}
	return false
}

// bareRepos finds a bare "owner/name" right after "Code:" or "GitHub:"
// (a listing's damage to a GitHub link): a repository on github.com, rule
// url:repaired. Nothing else is read as a bare repository: the host would
// be a guess.
func bareRepos(d *doc, links []linkMatch, out []cand) []cand {
	if d.flags&fSlash == 0 {
		return out
	}
	for _, i := range d.trig { // the words with a slash are in trig
		t := &d.toks[i]
		if t.flags&fSlash == 0 || i < 2 || d.w(i-1) != ":" {
			continue
		}
		if lw := d.lw(i - 2); lw != "github" && lw != "code" {
			continue
		}
		w := d.w(i)
		k := strings.IndexByte(w, '/')
		owner, name := w[:k], w[k+1:]
		if !repoPart(owner, false) || !repoPart(name, true) || strings.IndexByte(name, '/') >= 0 {
			continue
		}
		inLink := false
		for _, m := range links {
			if m.start < t.end && t.start < m.end {
				inLink = true
			}
		}
		if inLink {
			continue
		}
		out = append(out, cand{start: t.start, end: t.end, kind: papergraph.KindRepo,
			name: "github.com/" + strings.ToLower(w), rule: "url:repaired", cue: d.cueWord(i-2) + ":", prio: 0})
	}
	return out
}

// repoPart reports a GitHub owner (letters, digits, hyphens) or, with
// dots allowed, a repository name.
func repoPart(s string, dots bool) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isASCIIAlnum(c) || c == '-' || c == '_' && dots || c == '.' && dots) {
			return false
		}
	}
	return true
}
