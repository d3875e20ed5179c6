package extract

// Long texts are read in windows, so that the memory extraction needs is
// bounded by a window, not by the text. Every rule works on tokens,
// candidates and offsets that cost tens of bytes per byte of text (a
// token is 32 bytes and comes every five bytes; a candidate is 128): on
// a whole 30 MB text that was 2 GB. A window is a fixed working set, and
// what is kept between windows is only what a caller gets back, at most
// MaxPerText entities and references.

import (
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// windowSize is the most text the rules read at once. Abstracts are far
// shorter (arXiv allows 1,920 characters), so only texts that are not
// abstracts are cut. A window's working set is about 150 bytes per byte
// of it (2.5 MB): 16 KiB keeps that small next to the garbage
// collector's headroom over the extractor's own tables.
const windowSize = 16 << 10

// windowEnd returns where the window of s starting at start ends: at the
// last sentence end (". ", "? ", "! " or a line break) in the second half
// of the window, else at its last space, else at a rune boundary.
func windowEnd(s string, start int) int {
	end := start + windowSize
	if end >= len(s) {
		return len(s)
	}
	w := s[start:end]
	half := len(w) / 2
	for i := len(w) - 1; i > half; i-- {
		switch w[i] {
		case '\n':
			return start + i + 1
		case ' ':
			if p := w[i-1]; p == '.' || p == '?' || p == '!' {
				return start + i + 1
			}
		}
	}
	if i := strings.LastIndexByte(w[half:], ' '); i >= 0 {
		return start + half + i + 1
	}
	for end > start+1 && !utf8.RuneStart(s[end]) {
		end--
	}
	return end
}

// MaxPerText is the most entities, and the most references, kept from
// one text. An abstract names a few dozen at most (13 in the two month
// batches of ../shared/corpus); a text that names more (a record made of
// nothing but names or identifiers) would cost its result, about 150
// bytes of memory for every 15 of text, so the first MaxPerText are
// kept and the mentions past them counted ([papergraph.Paper.LeftOut]).
const MaxPerText = 10000

// windowed is what the rules found in a text, window after window.
type windowed struct {
	ents    []papergraph.Entity
	stopped []papergraph.Entity // candidates the stop list refused
	refs    []papergraph.Ref
	intro   string // the first name a "we propose X" sentence introduces
	// left counts the mentions of artifacts and the references not kept
	// because MaxPerText were already kept.
	left int
	// verbs are the text's promise verbs (promiseVerbs), when firstOnly
	// was set and its tokens could tell them.
	verbs promiseVerbsFound
}

// text runs every rule on s, a window at a time (see windowSize), with
// offsets into s. With firstOnly, it keeps only the first mention of each
// artifact by [papergraph.Entity.Key] (what [Extractor.Paper] keeps), so
// that what is kept between windows is bounded by the distinct names.
// A name defined in one window (an acronym, a document alias) is not
// carried to the next, and kinds are unified within a window. At most
// MaxPerText entities and MaxPerText references are kept; out.left
// counts the mentions and references past them (a repeat of a kept
// artifact or reference is not counted).
func (x *Extractor) text(s string, firstOnly bool) windowed {
	var out windowed
	var seen, stopSeen entitySet
	refSeen := refSet{}
	for start := 0; start < len(s); {
		end := windowEnd(s, start)
		ents, refs, d, _ := x.textWhy(s[start:end], false)
		if out.intro == "" && d.introName != "" {
			out.intro = strings.Clone(d.introName)
		}
		if firstOnly && start == 0 && end == len(s) && d.asGiven && !linked(ents) {
			// One window of the text as given: its tokens are the text's.
			// A text with a link promises nothing (promisesCode).
			out.verbs.set(promiseVerbsIn(d, out.verbs.avail[:0]))
			// A rune beyond ASCII (ſ, the Kelvin sign) is a letter: it
			// sets its word's fNonASCII.
			out.verbs.ascii = d.flags&fNonASCII == 0
		}
		for _, e := range d.stopped {
			e.Start += start
			e.End += start
			if stopSeen.add(e) {
				out.stopped = append(out.stopped, e)
			}
		}
		d.release()
		if start == 0 {
			// The first window's entities are kept in the slice textWhy
			// made for them, not copied one by one into a growing one:
			// most texts are one window.
			out.ents = ents[:0]
		}
		for _, e := range ents {
			e.Start += start
			e.End += start
			var k entityKey
			if firstOnly {
				if k = keyOf(e); seen.has(k) {
					continue
				}
			}
			if len(out.ents) == MaxPerText {
				out.left++
				continue
			}
			if firstOnly {
				seen.put(k)
			}
			out.ents = append(out.ents, e)
		}
		if start == 0 {
			out.refs = refs[:0] // as out.ents
		}
		for _, r := range refs {
			r.Start += start
			r.End += start
			switch {
			case refSeen.has(r):
			case len(out.refs) == MaxPerText:
				out.left++
			default:
				refSeen.add(r)
				out.refs = append(out.refs, r)
			}
		}
		start = end
	}
	if len(out.ents) == 0 {
		out.ents = nil // as if none had been appended
	}
	if len(out.refs) == 0 {
		out.refs = nil
	}
	return out
}

// entitySet holds entities by [papergraph.Entity.Key]: kind and
// lower-cased trimmed name. Its zero value is empty; the first few keys
// are kept in an array and compared one by one (an abstract names a few
// artifacts), the rest in a map.
type entitySet struct {
	few [16]entityKey
	n   int
	m   map[entityKey]struct{}
}

// entityKey is [papergraph.Entity.Key] as a pair, made without a string:
// the name is trimmed and either all ASCII, capitals left in, or folded
// as the key folds it (a name with other bytes). Two keys are equal when
// their kinds are and their names are equal but for ASCII case
// ([entityKey.eq]): a folded name has no ASCII capital, and the ASCII
// bytes of a name fold to themselves lower-cased.
type entityKey struct {
	kind papergraph.Kind
	name string
}

// keyOf returns e's key.
func keyOf(e papergraph.Entity) entityKey {
	k := entityKey{e.Kind, e.Name}
	if !trimmedASCII(e.Name) {
		k.name = strings.TrimPrefix(e.Key(), string(e.Kind)+":")
	}
	return k
}

// eq reports whether k and o are the keys of one artifact.
func (k entityKey) eq(o entityKey) bool {
	if k.kind != o.kind || len(k.name) != len(o.name) {
		return false
	}
	for i := 0; i < len(k.name); i++ {
		if a, b := k.name[i], o.name[i]; a != b && lowerByte(a) != lowerByte(b) {
			return false
		}
	}
	return true
}

// folded returns k with its name as the key spells it, to index a map.
func (k entityKey) folded() entityKey {
	if !foldedKey(k.name) {
		k.name = asciiLower(k.name)
	}
	return k
}

// has reports whether k is in the set.
func (s *entitySet) has(k entityKey) bool {
	if s.m != nil {
		_, ok := s.m[k.folded()]
		return ok
	}
	for _, f := range s.few[:s.n] {
		if f.eq(k) {
			return true
		}
	}
	return false
}

// put adds k to the set.
func (s *entitySet) put(k entityKey) {
	if s.m == nil {
		if s.n < len(s.few) {
			s.few[s.n] = k
			s.n++
			return
		}
		s.m = make(map[entityKey]struct{}, 2*len(s.few))
		for _, f := range s.few {
			s.m[f.folded()] = struct{}{}
		}
	}
	s.m[k.folded()] = struct{}{}
}

// add reports whether no entity with e's key is in the set, and adds it.
func (s *entitySet) add(e papergraph.Entity) bool {
	k := keyOf(e)
	if s.has(k) {
		return false
	}
	s.put(k)
	return true
}

// foldedKey reports whether name is its own key in [papergraph.EntityKey]:
// ASCII without capitals, not starting or ending with white space.
func foldedKey(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return name == "" || !asciiSpace(name[0]) && !asciiSpace(name[len(name)-1])
}

// trimmedASCII reports whether name is ASCII and does not start or end
// with white space: its key is its bytes lower-cased.
func trimmedASCII(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return false
		}
	}
	return name == "" || !asciiSpace(name[0]) && !asciiSpace(name[len(name)-1])
}

// lowerByte returns c lower-cased if it is an ASCII capital.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// refSet holds references by arXiv id and by DOI.
type refSet struct {
	arxiv, doi map[string]bool
}

// has reports whether r names a work already in the set.
func (s refSet) has(r papergraph.Ref) bool {
	return r.ArXiv != "" && s.arxiv[r.ArXiv] || r.DOI != "" && s.doi[r.DOI]
}

// add reports whether r names a work not yet in the set, and adds it.
func (s *refSet) add(r papergraph.Ref) bool {
	if s.has(r) {
		return false
	}
	if s.arxiv == nil {
		s.arxiv, s.doi = map[string]bool{}, map[string]bool{}
	}
	if r.ArXiv != "" {
		s.arxiv[r.ArXiv] = true
	}
	if r.DOI != "" {
		s.doi[r.DOI] = true
	}
	return true
}
