package extract

import (
	"strings"
	"unicode"

	"github.com/papergraph/papergraph"
)

// Names in evaluation lists: "Across WebArena, ScienceWorld, and WebShop",
// "three OOD environments (ScienceWorld, ALFWorld, AppWorld)", "on the
// NMNIST, SHD and DVS datasets", "Qwen3-1.7B, 4B, and 8B". A coordination
// shares one kind: when a member is a known artifact, or the coordination
// follows an evaluation cue, its other name-like members are artifacts of
// that kind.

// listItem is one member of a coordination.
type listItem struct {
	tok, end int // tokens [tok, end)
	st, en   int // bytes
	name     string
	kind     papergraph.Kind // known members: the list's kind
	family   string
	known    bool // a list match
	size     bool // a bare parameter count ("4B") after a sized model name
	extended bool // a list match grown by a modifier or an edition
}

// evalListRule: in a coordination ("A, B(,) and C", "A or B", "(A, B,
// C)"), when a member is a known artifact or the coordination follows an
// evaluation cue, every other name-like member is an artifact of the
// known member's (or the cue's) kind, and a bare size after a sized model
// name ("Fam-1.7B, 4B, and 8B") is a model of that family.
func (x *Extractor) evalListRule(d *doc, capsDigits []int, gz []cand, gzAt *gzIndex, out []cand) []cand {
	var buf [8]listItem
	items := buf[:0]
	// A coordination starts at a word with a capital or a digit (all in
	// d.trig, picked in capsDigits) or at a list match: the two lists are
	// walked in step.
	trig, starts := capsDigits, gzAt.starts
	for next := 0; ; {
		for len(trig) > 0 && trig[0] < next {
			trig = trig[1:]
		}
		for len(starts) > 0 && int(starts[0]) < next {
			starts = starts[1:]
		}
		var i int
		switch {
		case len(trig) > 0 && (len(starts) == 0 || trig[0] <= int(starts[0])):
			i = trig[0]
		case len(starts) > 0:
			i = int(starts[0])
		default:
			return out
		}
		next = i + 1
		if !d.toks[i].word {
			continue
		}
		items = items[:0]
		j := i
		joined := false // the last member follows "and"/"or"
		for j < len(d.toks) && d.sameSent(j, i) {
			var ok bool
			if items, ok = x.appendMember(d, j, gz, gzAt, items); !ok {
				break
			}
			j = skipScore(d, items[len(items)-1].end)
			comma := d.w(j) == ","
			if comma {
				j++
			}
			if lw := d.lw(j); (lw == "and" || lw == "or") && d.sameSent(j, i) {
				if joined {
					break // "A and B and C" reads as two clauses
				}
				joined = true
				j++
				continue
			}
			if !comma || joined {
				break
			}
		}
		if len(items) < 2 {
			continue
		}
		last := items[len(items)-1]
		paren := d.w(items[0].tok-1) == "(" && d.w(last.end) == ")"
		if !joined && !paren {
			continue
		}
		if joined && clauseVerb(d, last.end) {
			// "..., and Foo-2 reduces cost": the last member starts a clause.
			items = items[:len(items)-1]
			if len(items) < 2 {
				continue
			}
		}
		next = last.end
		out = x.emitListItems(d, items, out)
	}
}

// emitListItems gives the unknown members of a coordination the kind of its
// known members or of the cue before it.
func (x *Extractor) emitListItems(d *doc, items []listItem, out []cand) []cand {
	var anchor papergraph.Kind
	anchorName := ""
	mixed := false
	unknown := 0
	for _, it := range items {
		if !it.known {
			unknown++
			continue
		}
		if anchor == "" {
			anchor, anchorName = it.kind, it.name
		} else if kindClass(anchor) != kindClass(it.kind) {
			mixed = true
		}
	}
	if mixed {
		anchor = ""
	}
	cueKind, cue, noun := d.listCue(items[0].tok)
	if anchor == "" && cueKind == "" && !mixed && !d.methodHeadBefore(items[0].tok) {
		// "(TimesZ, TimeGPT, TabZ)": a member whose ending marks its kind
		// strongly anchors the others, when no member disagrees.
		for _, it := range items {
			if mk, strong := morphoKind(it.name); strong && (anchor == "" || kindClass(mk) == kindClass(anchor)) {
				anchor, anchorName = mk, it.name
			} else if mk != "" && anchor != "" && kindClass(mk) != kindClass(anchor) {
				anchor = ""
				break
			}
		}
	}
	kind, why := anchor, ""
	if kind == "" || noun && kindClass(cueKind) == kindClass(anchor) {
		// A head noun says more than a member: "benchmarks (A, B)".
		kind, why = cueKind, cue
	} else {
		why = "with " + anchorName
	}
	for _, it := range items {
		switch {
		case it.size:
			c := x.named(d, it.st, it.en, it.name, papergraph.KindModel, "pattern:size-ellipsis", d.s[it.st:it.en])
			c.family = it.family
			c.introduced = false
			out = append(out, c)
			continue
		case it.known && !it.extended:
			if noun && kindClass(it.kind) != kindClass(cueKind) && cueKind != "" {
				// "five benchmarks - WSC (90.1%), DPR (93.1%), ...": the
				// head noun retypes a listed name of another kind.
				c := x.named(d, it.st, it.en, it.name, cueKind, "gazetteer+context", cue)
				c.prio = 0
				c.introduced = false
				out = append(out, c)
			}
			continue
		}
		k := kind
		if it.extended {
			k = it.kind
		}
		if mk, strong := morphoKind(it.name); mk != "" && (strong || k == "") && kindClass(mk) != kindClass(k) {
			if k != "" && anchor != "" {
				continue // a model ending among datasets: not this list's kind
			}
			k = mk
		}
		if k == "" && hasSizeSegment(it.name) {
			k = papergraph.KindModel
		}
		if k == "" {
			continue
		}
		rule := "pattern:eval-list"
		if it.extended {
			rule, why = "pattern:list-modifier", "modifier of "+it.family
		}
		c := x.named(d, it.st, it.en, it.name, k, rule, why)
		if it.extended {
			c.prio = 1 // grows a list match, which it must beat
			c.family = it.family
		}
		c.introduced = false
		out = append(out, c)
	}
	return out
}

// listCue returns the kind an evaluation cue before token i gives a
// coordination starting there, and the cue: a plural head noun
// ("benchmarks CMM and AVHBench", "environments (A, B)", "detectors, A,
// B and C"), or "on"/"across" after an evaluation ("evaluated on",
// "LLMs on"), or "including"/"such as"/"e.g." after a head noun.
func (d *doc) listCue(i int) (kind papergraph.Kind, cue string, noun bool) {
	k := i - 1
	for k >= 0 && d.sameSent(k, i) && (d.w(k) == "(" || d.w(k) == ":" || d.w(k) == "," || d.w(k) == "-" || d.w(k) == "\u2013" || d.w(k) == "\u2014") {
		k--
	}
	if participles[d.lw(k)] && cueNouns[d.lw(k-1)] != "" {
		k-- // "the three baseline models tested (A, B and C)"
	}
	for k >= 0 && d.sameSent(k, i) && d.has(k, bDet) && k < i-1 {
		k--
	}
	if k < 0 || !d.sameSent(k, i) {
		return "", "", false
	}
	lw := d.lw(k)
	switch {
	case cueNouns[lw] != "":
		return cueNouns[lw], d.cueWord(k), true
	case lw == "on" || lw == "across":
		prev := d.lw(k - 1)
		if notEvalOn[prev] {
			return "", "", false
		}
		if d.evalContext(k) || d.has(k-1, bModelPl) || k == d.sentStart(k) {
			return papergraph.KindDataset, d.cueWord(k), false
		}
	case d.has(k, bList) || lw == "as" && d.lw(k-1) == "such":
		if kd, explicit, _ := d.headBefore(k); explicit {
			return kd, d.cueWord(k), true
		}
	}
	return "", "", false
}

// cueNouns are plural head nouns that name what a list holds.
var cueNouns = map[string]papergraph.Kind{
	"benchmarks": papergraph.KindBenchmark, "suites": papergraph.KindBenchmark,
	"environments": papergraph.KindBenchmark, "testbeds": papergraph.KindBenchmark,
	"datasets": papergraph.KindDataset, "corpora": papergraph.KindDataset,
	"models": papergraph.KindModel, "llms": papergraph.KindModel, "vlms": papergraph.KindModel,
	"mllms": papergraph.KindModel, "lms": papergraph.KindModel, "backbones": papergraph.KindModel,
	"baselines": papergraph.KindModel, "detectors": papergraph.KindModel, "encoders": papergraph.KindModel,
	"architectures": papergraph.KindModel, "checkpoints": papergraph.KindModel,
	"subsets": papergraph.KindDataset, "splits": papergraph.KindDataset,
}

// appendMember reads one member of a coordination at token j and appends
// it to prev, the members before it: a list match (grown over a
// capitalised modifier before it or an edition after it), a name-like word
// the lists do not know, or a bare size after a sized model name earlier
// in the same coordination. It reports false, with prev as it was, when
// there is none.
func (x *Extractor) appendMember(d *doc, j int, gz []cand, gzAt *gzIndex, prev []listItem) ([]listItem, bool) {
	if j >= len(d.toks) || !d.toks[j].word {
		return prev, false
	}
	tokEnd := func(b int) int {
		k := j
		for k < len(d.toks) && d.toks[k].start < b {
			k++
		}
		return k
	}
	if g := gzAt.at(j); g != nil {
		c := gz[g[0]]
		for _, gi := range g[1:] {
			if gz[gi].end > c.end {
				c = gz[gi]
			}
		}
		return append(prev, listItem{tok: j, end: tokEnd(c.end), st: c.start, en: c.end, name: c.name, kind: c.kind, family: c.family, known: true}), true
	}
	w := d.w(j)
	if isSize(w) && len(prev) > 0 {
		if fam := sizedFamily(prev[len(prev)-1]); fam != "" {
			return append(prev, listItem{tok: j, end: j + 1, st: d.toks[j].start, en: d.toks[j].end, name: fam + "-" + sizeNorm(w), family: fam, size: true}), true
		}
	}
	if gzAt.at(j+1) != nil && d.toks[j+1].start == d.toks[j].end+1 && d.titleAt(j) && !d.has(j, bFunc) && j > d.sentStart(j) {
		// "Virtual KITTI 2": a capitalised modifier makes another artifact.
		var one [1]listItem
		if m, ok := x.appendMember(d, j+1, gz, gzAt, one[:0]); ok && m[0].known && m[0].kind != papergraph.KindModel {
			next := &m[0]
			fam := next.name
			if next.family != "" {
				fam = next.family
			}
			return append(prev, listItem{tok: j, end: next.end, st: d.toks[j].start, en: next.en, name: d.s[d.toks[j].start:next.en],
				kind: next.kind, family: fam, known: true, extended: true}), true
		}
	}
	if j+1 < len(d.toks) && d.w(j+1) == "*" && d.toks[j+1].start == d.toks[j].end && upperStart(w) && len(w) <= 4 {
		// "V*": a star inside or after a name.
		return append(prev, listItem{tok: j, end: j + 2, st: d.toks[j].start, en: d.toks[j+1].end, name: w + "*"}), true
	}
	if j+1 < len(d.toks) && d.toks[j+1].start == d.toks[j].end+1 && gzAt.at(j+1) == nil && x.unknownName(d, j+1) &&
		d.titleAt(j) && !d.has(j, bFunc|bDet) && !x.stoppedAt(d, j) {
		// "Kimi K2.6": a capitalised word before a name-like one.
		name := d.s[d.toks[j].start:d.toks[j+1].end]
		if x.stopped(name) {
			return prev, false
		}
		return append(prev, listItem{tok: j, end: j + 2, st: d.toks[j].start, en: d.toks[j+1].end, name: name}), true
	}
	if !x.unknownName(d, j) && !lowerDigitName(w) || mathSubscript(w) {
		return prev, false
	}
	if lowerDigitName(w) && (x.stoppedAt(d, j) || functionWords[w]) {
		return prev, false
	}
	it := listItem{tok: j, end: j + 1, st: d.toks[j].start, en: d.toks[j].end, name: w}
	if v, end := editionAfter(d.s, it.en); v != "" {
		// "ZorbBench 2.0", "HMMT February 2025".
		it.en, it.name = end, d.s[it.st:end]
		for it.end < len(d.toks) && d.toks[it.end].start < end {
			it.end++
		}
	}
	return append(prev, it), true
}

// sizedFamily returns the family of a member with a parameter count at its
// end ("Qwen3-1.7B" → "Qwen3"), or "".
func sizedFamily(it listItem) string {
	if it.size {
		return it.family
	}
	k := strings.LastIndexByte(it.name, '-')
	if k <= 0 || !isSize(it.name[k+1:]) {
		return ""
	}
	return it.name[:k]
}

// isEdition reports a version or year that may follow a name: "2", "2.0",
// "v1.5", "2025" (not a count such as "100" or "1,000").
func isEdition(v string) bool {
	if v == "" {
		return false
	}
	if v[0] == 'v' || v[0] == 'V' {
		v = v[1:]
	}
	if v == "" || !isDigit(v[0]) {
		return false
	}
	dots := 0
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '.':
			dots++
		case !isDigit(v[i]):
			return false
		}
	}
	if dots > 0 {
		return len(v) <= 6
	}
	return len(v) == 1 || len(v) == 4 && (v[:2] == "19" || v[:2] == "20")
}

// lowerDigitName reports a lower-case name with digits: "text8",
// "enwik9" (not a unit or count such as "10k", "3x", "fp16").
func lowerDigitName(w string) bool {
	if len(w) < 4 || !unicode.IsLower(rune(w[0])) || isSize(w) {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			letters++
		case isDigit(c):
			digits++
		case c == '-':
		default:
			return false
		}
	}
	return digits > 0 && letters >= 3
}

// clauseVerb reports whether token i is a verb in the third person
// ("reduces", "achieves", "is"): a name before it is a clause's subject.
func clauseVerb(d *doc, i int) bool {
	if i >= len(d.toks) || !d.toks[i].word || !d.sameSent(i, i-1) {
		return false
	}
	w := d.lw(i)
	switch w {
	case "is", "was", "has", "can", "will", "may", "does", "remains", "achieved", "outperformed", "improved":
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && d.toks[i].flags&fUpper == 0 &&
		!d.has(i, bDataset|bBench|bModel|bModelPl|bMethod|bTask) && cueNouns[w] == ""
}

// mathSubscript reports a token like "C_4" or "x_t": a symbol with a
// subscript, not a name.
func mathSubscript(w string) bool {
	k := strings.IndexByte(w, '_')
	return k > 0 && len(w)-k-1 <= 2
}

// participles may follow a list's head noun: "models tested (A, B)".
var participles = set("tested", "used", "evaluated", "considered", "studied", "compared", "examined", "included")

// skipScore returns the token after a parenthesised score that follows a
// list member ("WSC (90.1%), DPR (93.1%)"), or i.
func skipScore(d *doc, i int) int {
	if d.w(i) != "(" {
		return i
	}
	for k := i + 1; k < len(d.toks) && k <= i+6; k++ {
		w := d.w(k)
		switch {
		case w == ")":
			if k == i+1 {
				return i
			}
			return k + 1
		case w == "%" || w == "," || w == "\u00b1" || w == "+" || w == "-" || allDigits(strings.ReplaceAll(w, ".", "")):
		default:
			return i
		}
	}
	return i
}

// methodHeadBefore reports a method or tool noun among the eight tokens
// before token i in its sentence ("frameworks: A, B", "metrics, A and B").
func (d *doc) methodHeadBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-8 && d.sameSent(k, i); k-- {
		if d.has(k, bMethod) {
			return true
		}
	}
	return false
}
