package extract

import (
	"strings"
	"unicode"

	"github.com/papergraph/papergraph"
)

// unknownName reports whether token i can be a name the lists do not know.
func (x *Extractor) unknownName(d *doc, i int) bool {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word || d.toks[i].flags&fUpper == 0 {
		return false
	}
	// Several rules ask about the same token: the answer is kept.
	switch d.toks[i].name {
	case 1:
		return true
	case 2:
		return false
	}
	ok := x.unknownNameUncached(d, i)
	d.toks[i].name = 2
	if ok {
		d.toks[i].name = 1
	}
	return ok
}

func (x *Extractor) unknownNameUncached(d *doc, i int) bool {
	w := d.w(i)
	if len(w) < 3 || !d.nameyAt(i) || pluralAcronym(w) || romanNumeral(w) || x.stoppedAt(d, i) {
		return false
	}
	if d.funcWord(i) {
		return false
	}
	if d.blockedForPatterns(w) {
		return false
	}
	if d.has(i-1, bRef) {
		return false
	}
	// "text-to-SQL", "no-LLM", "on-GPU": a lower-case word first makes a
	// phrase, not a name.
	if k := strings.IndexByte(w, '-'); k > 0 && isLowerWord(w[:k]) {
		return false
	}
	// "e.g" and similar tokens.
	if strings.Count(w, ".") > 0 && !strings.ContainsFunc(w, unicode.IsDigit) {
		return false
	}
	// "GSM8K-style", "CLIP-based": an adjective, not a name.
	if k := strings.LastIndexByte(w, '-'); k > 0 {
		if last := w[k+1:]; isLowerWord(last) && len(last) >= 3 && variantWords[last] == "" {
			return false
		}
	}
	// Possessive or a following apostrophe ("CLIP's") is fine; a word
	// glued to digits like "3D" is not reached here (digit first).
	return true
}

// Name shapes of a token (tok.shape): several rules ask whether the same
// word is name-like, title case or on the stop list, and each question
// is answered once per token.
const (
	shDone     uint8 = 1 << iota // shNamey and shTitle are known
	shNamey                      // namey(word)
	shTitle                      // titleWord(word)
	shStopDone                   // shStop is known
	shStop                       // the word is on the stop list
)

// shapeOf returns token i's shape bits with shNamey and shTitle known.
func (d *doc) shapeOf(i int) uint8 {
	t := &d.toks[i]
	if t.shape&shDone == 0 {
		s := shDone
		// An ASCII token without a capital is neither: namey needs a
		// capital, titleWord a capital first.
		if t.flags&(fUpper|fNonASCII) != 0 {
			w := d.s[t.start:t.end]
			// titleWord(w) is !namey(w), a capital first and no digit.
			switch ascii := t.flags&fNonASCII == 0; {
			case ascii && nameyFlags(w, t.flags) || !ascii && namey(w):
				s |= shNamey
			case ascii:
				if w[0] >= 'A' && w[0] <= 'Z' && t.flags&fDigit == 0 {
					s |= shTitle
				}
			case unicode.IsUpper(firstRune(w)) && !strings.ContainsFunc(w, unicode.IsDigit):
				s |= shTitle
			}
		}
		t.shape |= s
	}
	return t.shape
}

// nameyAt is namey(d.w(i)).
func (d *doc) nameyAt(i int) bool {
	return i >= 0 && i < len(d.toks) && d.shapeOf(i)&shNamey != 0
}

// titleAt is titleWord(d.w(i)).
func (d *doc) titleAt(i int) bool {
	return i >= 0 && i < len(d.toks) && d.shapeOf(i)&shTitle != 0
}

// stoppedAt is x.stopped(d.w(i)) for a token i in range.
func (x *Extractor) stoppedAt(d *doc, i int) bool {
	t := &d.toks[i]
	if t.shape&shStopDone == 0 {
		t.shape |= shStopDone
		if x.stopped(d.s[t.start:t.end]) {
			t.shape |= shStop
		}
	}
	return t.shape&shStop != 0
}

// funcWord is lowerIn(functionWords, d.w(i)): the tokenizer looked an
// ASCII word up in the vocabulary already (a word with digits or longer
// than 16 bytes is no function word).
func (d *doc) funcWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	if t := d.toks[i]; t.flags&fNonASCII == 0 {
		return t.bits&bFunc != 0
	}
	return lowerIn(functionWords, d.w(i))
}

// blockedForPatterns reports an acronym the text defines as a task,
// method or concept ("generative error correction (GER)").
func (d *doc) blockedForPatterns(w string) bool {
	def, ok := d.acr[w]
	if !ok {
		return false
	}
	k, _ := nounKind(def.head)
	if k == papergraph.KindDataset || k == papergraph.KindBenchmark {
		return false
	}
	if k == papergraph.KindModel && !def.plural {
		return false
	}
	return true
}

// blockedAcronym reports whether a list match is an acronym the text
// defines as something else ("grouped-query attention (GQA)" is not the
// GQA dataset; "sharpness-aware minimization (SAM)" is not SAM).
func (d *doc) blockedAcronym(surface string, e *gazEntry) bool {
	def, ok := d.acr[surface]
	if !ok {
		return false
	}
	lf := foldString(d.s[def.longStart:def.longEnd])
	multi := false
	for _, a := range e.aliases {
		fa := foldString(a)
		if fa == lf || strings.HasSuffix(lf, fa) && len(fa) > len(surface) {
			return false
		}
		if strings.ContainsAny(strings.TrimSpace(a), " ") {
			multi = true
		}
	}
	// A public list's entry was not curated for these abstracts: a text
	// that defines the acronym otherwise means something else by it.
	return def.lower || multi || e.public
}

// lookup returns the list entry whose alias folds like name.
func (x *Extractor) lookup(name string) (*gazEntry, bool) {
	var buf [64]byte
	if l := x.byFold[string(foldAppend(buf[:0], name))]; len(l) > 0 {
		return &x.entries[l[0]], true
	}
	return nil, false
}

// cueWord returns token i lower-cased for a cue: a string that outlives
// the doc (d.lw's do not).
func (d *doc) cueWord(i int) string { return strings.ToLower(d.w(i)) }

// named makes a pattern candidate, resolving the name through the lists.
// cue is the text that made the rule fire (see [papergraph.Entity.Cue]).
func (x *Extractor) named(d *doc, st, en int, name string, kind papergraph.Kind, rule, cue string) cand {
	c := cand{start: st, end: en, kind: kind, name: name, rule: rule, cue: cue, prio: 2}
	if e, ok := x.lookup(name); ok {
		c.name, c.family = e.name, e.family
		if kindClass(e.kind) == kindClass(kind) || kind == "" {
			c.kind = e.kind
		}
	}
	if ti := d.tokAt(st); ti >= 0 {
		c.introduced = d.introducedAt(ti)
	}
	return c
}

func kindClass(k papergraph.Kind) string {
	switch k {
	case papergraph.KindDataset, papergraph.KindBenchmark:
		return "data"
	case papergraph.KindRepo, papergraph.KindURL:
		return "link"
	}
	return string(k)
}

// known reports whether w is a list alias.
func (x *Extractor) known(w string) bool {
	_, ok := x.lookup(w)
	return ok
}

// emitNames appends to out the candidates for a name, splitting a
// coordinated one ("Llama-2/3", "WSJ0-2/3mix") into its parts, which
// share the span.
func (x *Extractor) emitNames(out []cand, d *doc, st, en int, name string, kind papergraph.Kind, rule, cue string) []cand {
	if strings.Count(name, "/") == 1 {
		if parts := splitCoordinated(name); len(parts) == 2 && len(parts[0]) > 1 && len(parts[1]) > 1 {
			for _, p := range parts {
				c := x.named(d, st, en, p, kind, rule, cue)
				c.group = -(st + 1)
				out = append(out, c)
			}
			return out
		}
	}
	return append(out, x.named(d, st, en, name, kind, rule, cue))
}
