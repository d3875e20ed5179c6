package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// The rules for names the lists do not know live in files named for what
// they recognise: rule_acronym.go ("Long Range Arena (LRA)"),
// rule_intro.go ("we introduce X, a benchmark", "a dataset called X"),
// rule_suffix.go ("the X dataset", "the model X"), rule_lists.go
// (coordinated names after a cue), rule_sizes.go ("Foo-13B"),
// rule_coordination.go ("Llama-2/3") and rule_morphology.go (name endings
// such as "-Former" or "-Bench"). words.go holds the word classes they
// share and names.go what makes a token name-like.

// patternRules runs the rules for names the lists do not know. gz are the
// list matches, which the list rules may re-type from their context. A
// rule that reads only words with a given shape (a slash, a hyphen and a
// digit) is skipped when no word of the text has it.
// st are the tokens each rule may start at (see pickStarts).
func (x *Extractor) patternRules(d *doc, st *ruleStarts, gz, out []cand) []cand {
	gzAt := &d.gzAt
	gzAt.build(d, gz)
	out = x.acronymRule(d, out)
	out = x.calledRule(d, st.verbs, out)
	out = x.introRule(d, st.verbs, out)
	out = x.suffixRule(d, st.heads, gz, gzAt, out)
	out = x.headBeforeRule(d, st.heads, out)
	out = x.listRule(d, st.lists, gz, gzAt, out)
	out = x.evalListRule(d, st.capsDigits, gz, gzAt, out)
	out = x.appositiveRule(d, st.caps, st.heads, out)
	out = x.modifierHeadRule(d, st.heads, out)
	out = x.archVariantRule(d, st.arch, out)
	out = x.evalCueRule(d, st.cues, gz, gzAt, out)
	if d.flags&fHyphen != 0 && d.flags&fDigit != 0 {
		out = x.apiIDRule(d, st.hyphenDigits, gzAt, out)
	}
	out = x.asRoleRule(d, st.caps, gzAt, out)
	if d.flags&fDigit != 0 && d.flags&fUpper != 0 {
		out = x.familyVersionRule(d, st.caps, gzAt, out)
	}
	if d.flags&fHyphen != 0 && d.flags&fUpper != 0 {
		out = x.compoundModelRule(d, st.caps, gzAt, out)
	}
	out = x.adjModelRule(d, st.caps, gzAt, out)
	out = x.sizeRule(d, st.caps, out)
	if d.flags&fSlash != 0 {
		out = x.coordinationRule(d, out)
	}
	out = x.morphologyRule(d, st.caps, gz, out)
	return out
}

// ruleStarts are the tokens of d.trig where each group of rules may
// start, in order, picked in one pass so that a rule does not read the
// record of every trig token (64,005 of them on make_corpus.py 2000, of
// which 35,098 words with a capital and 11,016 head nouns). The
// references and the document aliases start from them too. A text's
// lists are kept in a ruleStarts from startsPool, whose buffers grow to
// the longest text's.
type ruleStarts struct {
	heads        []int // dataset, benchmark and model nouns (headBits)
	verbs        []int // naming verbs: "introduce", "called"
	lists        []int // list triggers: the classes listRule reads
	arch         []int // model nouns, and words as long as "classifier"
	caps         []int // words with a capital
	capsDigits   []int // words with a capital or a digit
	cues         []int // words with a capital, and "on", "across" (bMisc)
	hyphenDigits []int // words with a hyphen and a digit
	dotDigits    []int // words with a digit and a dot: findRefs
	arxiv        []int // "arXiv" words followed by ':': findRefs
	names        []int // words with a capital, a digit or a non-ASCII first byte: documentAliases
}

// startsPool recycles the lists of ruleStarts.
var startsPool = sync.Pool{New: func() any { return new(ruleStarts) }}

// pickStarts picks s's lists from d.trig.
func pickStarts(d *doc, st *ruleStarts) {
	// The lists are appended to as locals, which stay in registers.
	s := *st
	s.heads, s.verbs, s.lists, s.arch = s.heads[:0], s.verbs[:0], s.lists[:0], s.arch[:0]
	s.caps, s.capsDigits, s.cues, s.hyphenDigits = s.caps[:0], s.capsDigits[:0], s.cues[:0], s.hyphenDigits[:0]
	s.dotDigits, s.arxiv, s.names = s.dotDigits[:0], s.arxiv[:0], s.names[:0]
	for _, i := range d.trig {
		t := &d.toks[i]
		b, f := t.bits, t.flags
		if b&headBits != 0 {
			s.heads = append(s.heads, i)
		}
		if b&(bIntro|bCalled) != 0 {
			s.verbs = append(s.verbs, i)
		}
		if b&(bList|bMisc|bDataset|bBench|bModelPl|bComp) != 0 {
			s.lists = append(s.lists, i)
		}
		if b&bModel != 0 || t.end-t.start == len("classifier") {
			s.arch = append(s.arch, i)
		}
		if !t.word {
			continue
		}
		if f&(fUpper|fDigit) != 0 {
			s.capsDigits = append(s.capsDigits, i)
			s.names = append(s.names, i)
		} else if f&fNonASCII != 0 && t.start < len(d.s) && d.s[t.start] >= utf8.RuneSelf {
			s.names = append(s.names, i)
		}
		if f&fUpper != 0 {
			s.caps = append(s.caps, i)
		}
		if f&fUpper != 0 || b&bMisc != 0 {
			s.cues = append(s.cues, i)
		}
		if f&(fHyphen|fDigit) == fHyphen|fDigit {
			s.hyphenDigits = append(s.hyphenDigits, i)
		}
		// A dot inside a word joins two of its parts (fDot): a word with
		// digits and without one has no id and no DOI.
		if f&(fDigit|fDot) == fDigit|fDot {
			s.dotDigits = append(s.dotDigits, i)
		}
		// "arxiv" in any case is a vocabulary word of class bMisc.
		if b&bMisc != 0 && t.end-t.start == 5 && d.low[t.start:t.end] == "arxiv" && t.end < len(d.s) && d.s[t.end] == ':' {
			s.arxiv = append(s.arxiv, i)
		}
	}
	*st = s
}

// gzIndex maps a token to the list matches that start at it, as indices
// in gz in their order, in buffers the doc reuses.
type gzIndex struct {
	cnt    []int32 // token t's matches are idx[off[t]:off[t]+cnt[t]]
	off    []int32 // read only where cnt is not 0
	idx    []int
	starts []int32 // the tokens where matches start, in order
	endAt  []int32 // token t -> 1 + the index of the last match ending where t ends, or 0
	ends   []int32 // the tokens whose endAt is set
	tokOf  []int32 // build's scratch: the token of each match, or -1
}

// build indexes gz by the tokens of d. cnt and endAt are zero but where
// the last build set them (at starts and ends), and are cleared there: a
// text has a few matches and hundreds of tokens.
func (g *gzIndex) build(d *doc, gz []cand) {
	n := len(d.toks)
	for _, t := range g.starts {
		g.cnt[t] = 0
	}
	for _, t := range g.ends {
		g.endAt[t] = 0
	}
	if cap(g.cnt) < n {
		g.cnt, g.endAt, g.off = make([]int32, n), make([]int32, n), make([]int32, n)
	}
	g.cnt, g.endAt, g.off = g.cnt[:n], g.endAt[:n], g.off[:n]
	g.idx, g.starts, g.ends, g.tokOf = g.idx[:0], g.starts[:0], g.ends[:0], g.tokOf[:0]
	// The matches come mostly in order of their starts: the token starting
	// where a match starts is searched for after the last one's, and the
	// token its end falls in by stepping on from its start.
	p, last := 0, 0
	for i := range gz {
		c := &gz[i]
		if c.start < last {
			p = 0
		}
		last = c.start
		for hi := n; p < hi; { // the first token starting at or after c.start
			if m := int(uint(p+hi) >> 1); d.toks[m].start < c.start {
				p = m + 1
			} else {
				hi = m
			}
		}
		ti := -1
		if p < n && d.toks[p].start == c.start {
			ti = p
		}
		g.tokOf = append(g.tokOf, int32(ti))
		if ti >= 0 {
			if g.cnt[ti] == 0 {
				g.starts = append(g.starts, int32(ti))
			}
			g.cnt[ti]++
			g.idx = append(g.idx, 0)
		}
		// The first token ending at or after the match's end: none before
		// its start token does when the match is not empty.
		e := 0
		if ti >= 0 && c.end > c.start {
			for e = ti; e < n && d.toks[e].end < c.end; e++ {
			}
		} else {
			e = sort.Search(n, func(t int) bool { return d.toks[t].end >= c.end })
		}
		if e < n && d.toks[e].end == c.end {
			g.endAt[e] = int32(i + 1)
			g.ends = append(g.ends, int32(e))
		}
	}
	slices.Sort(g.starts)
	o := int32(0)
	for _, t := range g.starts {
		g.off[t] = o
		o += g.cnt[t]
	}
	// Filling moves off[t] to the end of token t's matches; the second
	// loop moves it back.
	for i, ti := range g.tokOf {
		if ti >= 0 {
			g.idx[g.off[ti]] = i
			g.off[ti]++
		}
	}
	for _, t := range g.starts {
		g.off[t] -= g.cnt[t]
	}
}

// at returns the indices in gz of the list matches starting at token i, or
// nil.
func (g *gzIndex) at(i int) []int {
	if uint(i) >= uint(len(g.cnt)) || g.cnt[i] == 0 {
		return nil
	}
	a := g.off[i]
	b := a + g.cnt[i]
	return g.idx[a:b:b]
}

// documentAliases marks later mentions of a name a pattern found ("NPD"
// after "noise prompt dataset~(NPD)"), at the words of st.names.
func (x *Extractor) documentAliases(d *doc, st *ruleStarts, kept []cand) []cand {
	for i := range kept {
		if kept[i].prio == 2 {
			break
		}
		if i == len(kept)-1 {
			return kept // no pattern names: the lists below are not made
		}
	}
	type ref struct {
		form   string
		kind   papergraph.Kind
		name   string
		family string
		intro  bool
	}
	// A text's pattern names are few: a list on the stack, searched in
	// order, holds them (the first candidate to give a form keeps it);
	// past its size a map indexes them.
	var buf [16]ref
	names := buf[:0]
	var index map[string]int
	find := func(form string) int {
		if index != nil {
			if k, ok := index[form]; ok {
				return k
			}
			return -1
		}
		for k := range names {
			if names[k].form == form {
				return k
			}
		}
		return -1
	}
	for _, c := range kept {
		if c.prio != 2 {
			continue
		}
		surf := d.s[c.start:c.end]
		for _, form := range [2]string{c.name, surf} {
			if strings.IndexByte(form, ' ') < 0 && form != "" && find(form) < 0 {
				names = append(names, ref{form, c.kind, c.name, c.family, c.introduced})
				if index != nil {
					index[form] = len(names) - 1
				} else if len(names) > len(buf) {
					index = make(map[string]int, 2*len(names))
					for k, r := range names {
						index[r.form] = k
					}
				}
			}
		}
	}
	if len(names) == 0 {
		return kept
	}
	// Spans of kept, sorted, to test coverage by binary search: made at
	// the first mention found.
	var spanBuf [32][2]int
	var endBuf [32]int
	var spans [][2]int
	var maxEnd []int // running maximum of ends
	var extra []cand
	for _, i := range st.names {
		t := &d.toks[i]
		k := find(d.w(i))
		if k < 0 {
			continue
		}
		if spans == nil {
			spans, maxEnd = keptSpans(kept, spanBuf[:0], endBuf[:0])
		}
		// Spans starting before the word's end; one of them covers it if
		// its end is after the word's start.
		if p := sort.Search(len(spans), func(i int) bool { return spans[i][0] >= t.end }); p > 0 && maxEnd[p-1] > t.start {
			continue
		}
		r := &names[k]
		extra = append(extra, cand{start: t.start, end: t.end, kind: r.kind, name: r.name, family: r.family,
			rule: "alias:document", cue: r.name, prio: 3, introduced: r.intro})
	}
	return append(kept, extra...)
}

// keptSpans appends the spans of kept to spans, sorted by start, and the
// running maximum of their ends to maxEnd.
func keptSpans(kept []cand, spans [][2]int, maxEnd []int) ([][2]int, []int) {
	for _, k := range kept {
		spans = append(spans, [2]int{k.start, k.end})
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	for i, sp := range spans {
		m := sp[1]
		if i > 0 {
			m = max(m, maxEnd[i-1])
		}
		maxEnd = append(maxEnd, m)
	}
	return spans, maxEnd
}
