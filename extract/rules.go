package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
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
func (x *Extractor) patternRules(d *doc, gz, out []cand) []cand {
	gzAt := &d.gzAt
	gzAt.build(d, gz)
	// The rules that start only at a head noun (a dataset, benchmark or
	// model noun), at a naming verb or at a word with a capital walk those
	// tokens of d.trig, picked once here: about one in six of them is a
	// head noun, one in two a word with a capital.
	var headBuf, capBuf [64]int
	var verbBuf [8]int
	heads, verbs, caps := headBuf[:0], verbBuf[:0], capBuf[:0]
	for _, i := range d.trig {
		t := &d.toks[i]
		if t.bits&headBits != 0 {
			heads = append(heads, i)
		}
		if t.bits&(bIntro|bCalled) != 0 {
			verbs = append(verbs, i)
		}
		if t.word && t.flags&fUpper != 0 {
			caps = append(caps, i)
		}
	}
	out = x.acronymRule(d, out)
	out = x.calledRule(d, verbs, out)
	out = x.introRule(d, verbs, out)
	out = x.suffixRule(d, heads, gz, gzAt, out)
	out = x.headBeforeRule(d, heads, out)
	out = x.listRule(d, gz, gzAt, out)
	out = x.evalListRule(d, gz, gzAt, out)
	out = x.appositiveRule(d, caps, heads, out)
	out = x.modifierHeadRule(d, heads, out)
	out = x.archVariantRule(d, out)
	out = x.evalCueRule(d, gz, gzAt, out)
	if d.flags&fHyphen != 0 && d.flags&fDigit != 0 {
		out = x.apiIDRule(d, gzAt, out)
	}
	out = x.asRoleRule(d, caps, gzAt, out)
	if d.flags&fDigit != 0 && d.flags&fUpper != 0 {
		out = x.familyVersionRule(d, caps, gzAt, out)
	}
	if d.flags&fHyphen != 0 && d.flags&fUpper != 0 {
		out = x.compoundModelRule(d, caps, gzAt, out)
	}
	out = x.adjModelRule(d, caps, gzAt, out)
	out = x.sizeRule(d, caps, out)
	if d.flags&fSlash != 0 {
		out = x.coordinationRule(d, out)
	}
	out = x.morphologyRule(d, caps, gz, out)
	return out
}

// gzIndex maps a token to the list matches that start at it, as indices
// in gz in their order, in buffers the doc reuses.
type gzIndex struct {
	cnt    []int32 // token t's matches are idx[off[t]:off[t]+cnt[t]]
	off    []int32 // read only where cnt is not 0
	idx    []int
	starts []int32 // the tokens where matches start, in order
	endAt  []int32 // token t -> 1 + the index of the last match ending where t ends, or 0
	tokOf  []int32 // build's scratch: the token of each match, or -1
}

// build indexes gz by the tokens of d.
func (g *gzIndex) build(d *doc, gz []cand) {
	n := len(d.toks)
	g.cnt = append(g.cnt[:0], make([]int32, n)...)
	g.endAt = append(g.endAt[:0], make([]int32, n)...)
	if cap(g.off) < n {
		g.off = make([]int32, n)
	}
	g.off = g.off[:n]
	g.idx, g.starts, g.tokOf = g.idx[:0], g.starts[:0], g.tokOf[:0]
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
// after "noise prompt dataset~(NPD)").
func (x *Extractor) documentAliases(d *doc, kept []cand) []cand {
	type ref struct {
		kind   papergraph.Kind
		name   string
		family string
		intro  bool
	}
	names := map[string]ref{}
	for _, c := range kept {
		if c.prio != 2 {
			continue
		}
		surf := d.s[c.start:c.end]
		for _, form := range []string{c.name, surf} {
			if _, ok := names[form]; !ok && strings.IndexByte(form, ' ') < 0 && form != "" {
				names[form] = ref{c.kind, c.name, c.family, c.introduced}
			}
		}
	}
	if len(names) == 0 {
		return kept
	}
	// Spans of kept, sorted, to test coverage by binary search.
	spans := make([][2]int, 0, len(kept))
	for _, k := range kept {
		spans = append(spans, [2]int{k.start, k.end})
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	maxEnd := make([]int, len(spans)) // running maximum of ends
	for i, sp := range spans {
		maxEnd[i] = sp[1]
		if i > 0 {
			maxEnd[i] = max(maxEnd[i], maxEnd[i-1])
		}
	}
	covered := func(a, b int) bool {
		// Spans starting before b; one of them covers [a,b) if its end > a.
		p := sort.Search(len(spans), func(i int) bool { return spans[i][0] >= b })
		return p > 0 && maxEnd[p-1] > a
	}
	var extra []cand
	for _, i := range d.trig { // every word with a capital, a digit or a non-ASCII first byte
		t := &d.toks[i]
		if !t.word || t.flags&(fUpper|fDigit) == 0 && t.start < len(d.s) && d.s[t.start] < utf8.RuneSelf {
			continue
		}
		r, ok := names[d.w(i)]
		if !ok || covered(t.start, t.end) {
			continue
		}
		extra = append(extra, cand{start: t.start, end: t.end, kind: r.kind, name: r.name, family: r.family,
			rule: "alias:document", cue: r.name, prio: 3, introduced: r.intro})
	}
	return append(kept, extra...)
}
