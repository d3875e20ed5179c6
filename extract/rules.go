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
	// model noun) or at a naming verb walk those tokens of d.trig, picked
	// once here: about one in six of them is a head noun.
	var headBuf [64]int
	var verbBuf [8]int
	heads, verbs := headBuf[:0], verbBuf[:0]
	for _, i := range d.trig {
		b := d.toks[i].bits
		if b&headBits != 0 {
			heads = append(heads, i)
		}
		if b&(bIntro|bCalled) != 0 {
			verbs = append(verbs, i)
		}
	}
	out = x.acronymRule(d, out)
	out = x.calledRule(d, verbs, out)
	out = x.introRule(d, verbs, out)
	out = x.suffixRule(d, heads, gz, gzAt, out)
	out = x.headBeforeRule(d, heads, out)
	out = x.listRule(d, gz, gzAt, out)
	out = x.evalListRule(d, gz, gzAt, out)
	out = x.appositiveRule(d, heads, out)
	out = x.modifierHeadRule(d, heads, out)
	out = x.archVariantRule(d, out)
	out = x.evalCueRule(d, gz, gzAt, out)
	if d.flags&fHyphen != 0 && d.flags&fDigit != 0 {
		out = x.apiIDRule(d, gzAt, out)
	}
	out = x.asRoleRule(d, gzAt, out)
	if d.flags&fDigit != 0 && d.flags&fUpper != 0 {
		out = x.familyVersionRule(d, gzAt, out)
	}
	if d.flags&fHyphen != 0 && d.flags&fUpper != 0 {
		out = x.compoundModelRule(d, gzAt, out)
	}
	out = x.adjModelRule(d, gzAt, out)
	out = x.sizeRule(d, out)
	if d.flags&fSlash != 0 {
		out = x.coordinationRule(d, out)
	}
	out = x.morphologyRule(d, gz, out)
	return out
}

// gzIndex maps a token to the list matches that start at it, as indices
// in gz in their order, in buffers the doc reuses.
type gzIndex struct {
	first  []int32 // token t's matches are idx[first[t]:first[t+1]]
	idx    []int
	starts []int32 // the tokens where matches start, in order
	endAt  []int32 // token t -> 1 + the index of the last match ending where t ends, or 0
	tokOf  []int32 // build's scratch: the token of each match, or -1
}

// build indexes gz by the tokens of d.
func (g *gzIndex) build(d *doc, gz []cand) {
	n := len(d.toks)
	g.first = append(g.first[:0], make([]int32, n+2)...)
	g.endAt = append(g.endAt[:0], make([]int32, n)...)
	g.idx, g.starts, g.tokOf = g.idx[:0], g.starts[:0], g.tokOf[:0]
	for i, c := range gz {
		ti := d.tokAt(c.start)
		g.tokOf = append(g.tokOf, int32(ti))
		if ti >= 0 {
			if g.first[ti+2] == 0 {
				g.starts = append(g.starts, int32(ti))
			}
			g.first[ti+2]++
			g.idx = append(g.idx, 0)
		}
		if e := sort.Search(n, func(t int) bool { return d.toks[t].end >= c.end }); e < n && d.toks[e].end == c.end {
			g.endAt[e] = int32(i + 1)
		}
	}
	slices.Sort(g.starts)
	for t := 2; t < len(g.first); t++ {
		g.first[t] += g.first[t-1]
	}
	// first[t+1] is now where token t's matches start; filling moves it
	// to where they end, which is where token t+1's start.
	for i, ti := range g.tokOf {
		if ti >= 0 {
			g.idx[g.first[ti+1]] = i
			g.first[ti+1]++
		}
	}
}

// at returns the indices in gz of the list matches starting at token i, or
// nil.
func (g *gzIndex) at(i int) []int {
	if i < 0 || i+1 >= len(g.first)-1 {
		return nil
	}
	a, b := g.first[i], g.first[i+1]
	if a == b {
		return nil
	}
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
