package extract

// Overlap resolution: the candidates every rule proposes for a text
// compete here. resolve keeps, by priority and then leftmost-longest,
// the candidates that overlap no kept one; unifyKinds gives every mention
// of a name the kind of its most trusted mention (ruleStrength);
// sortEntities and dedupeRefs put the result in its documented
// order. extract.go is the package's public face; the rules are rule_*.go.

import (
	"cmp"
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
)

// cand is a candidate entity before overlap resolution.
type cand struct {
	start, end int
	kind       papergraph.Kind
	name       string
	family     string
	rule       string
	prio       int // 0 links, 1 lists and coordination, 2 patterns
	group      int // candidates of one group share a span and are kept together
	introduced bool
	base       int // list matches: length of the listed alias matched, before any suffix
	cue        string
}

// ruleStrength ranks how much a rule's kind can be trusted: a name the
// lists know, or one the text defines ("a benchmark called X"), beats a
// kind guessed from a list's context or the name's ending.
func ruleStrength(c cand) int {
	switch {
	case c.prio <= 1:
		return 3
	case strings.HasPrefix(c.rule, "pattern:list"), strings.HasPrefix(c.rule, "pattern:morphology"), c.rule == "alias:document",
		c.rule == "pattern:model-size", c.rule == "pattern:eval-list":
		// Guesses from a name's shape or its neighbours.
		return 1
	}
	return 2
}

// kindCounts reports whether c's kind takes part in unifyKinds: an
// artifact's kind, not a link's, and not a reference's mask.
func kindCounts(c *cand) bool {
	return c.kind != "" && c.kind != papergraph.KindRepo && c.kind != papergraph.KindURL && c.prio >= 0
}

// unifyKinds gives every mention of a name in one text the kind of its
// most trusted mention (MMAR, introduced as a benchmark, is not a model
// because a later sentence evaluates it).
func unifyKinds(kept []cand) {
	type best struct {
		kind     papergraph.Kind
		strength int
	}
	if len(kept) <= 32 {
		// Few names: compare pairs without allocating. strength holds
		// each candidate's ruleStrength, or 0 for one without a kind that
		// counts; a kind changes only to another that counts, so neither
		// changes below.
		var strength [32]int
		for i := range kept {
			if o := &kept[i]; kindCounts(o) {
				strength[i] = ruleStrength(*o)
			}
		}
		for i := range kept {
			c := &kept[i]
			if strength[i] == 0 || strength[i] == 3 {
				continue
			}
			b := best{c.kind, strength[i]}
			for k := range kept {
				if strength[k] > b.strength && strings.EqualFold(kept[k].name, c.name) {
					b = best{kept[k].kind, strength[k]}
				}
			}
			c.kind = b.kind
		}
		return
	}
	byName := map[string]best{}
	for i := range kept {
		c := &kept[i]
		if !kindCounts(c) {
			continue
		}
		k := strings.ToLower(c.name)
		if b, ok := byName[k]; !ok || ruleStrength(*c) > b.strength {
			byName[k] = best{c.kind, ruleStrength(*c)}
		}
	}
	for i := range kept {
		c := &kept[i]
		if !kindCounts(c) {
			continue
		}
		if b := byName[strings.ToLower(c.name)]; b.strength > ruleStrength(*c) {
			c.kind = b.kind
		}
	}
}

func dedupeRefs(refs []papergraph.Ref) []papergraph.Ref {
	out := refs[:0]
	var seen refSet
	for _, r := range refs {
		if seen.add(r) {
			out = append(out, r)
		}
	}
	return out
}

// compareEntities orders entities by (Start, End, Kind, Name).
func compareEntities(a, b *papergraph.Entity) int {
	switch {
	case a.Start != b.Start:
		return cmp.Compare(a.Start, b.Start)
	case a.End != b.End:
		return cmp.Compare(a.End, b.End)
	case a.Kind != b.Kind:
		return cmp.Compare(a.Kind, b.Kind)
	}
	return cmp.Compare(a.Name, b.Name)
}

// sortEntities orders entities by (Start, End, Kind, Name). It sorts
// their indices and then moves each entity once (an entity is large: the
// sort's swaps moved it up to once per other entity); the sort compares
// as sorting e itself would, so equal entities end in the same order.
func sortEntities(e []papergraph.Entity) {
	if len(e) < 2 {
		return
	}
	var buf [32]int32
	idx := buf[:0]
	for i := range e {
		idx = append(idx, int32(i))
	}
	slices.SortFunc(idx, func(i, j int32) int { return compareEntities(&e[i], &e[j]) })
	// e[k] becomes the entity at idx[k], cycle by cycle; a position done
	// is marked by its own index.
	for k := range idx {
		if int(idx[k]) == k {
			continue
		}
		tmp := e[k]
		j := k
		for {
			n := int(idx[j])
			idx[j] = int32(j)
			if n == k {
				e[j] = tmp
				break
			}
			e[j] = e[n]
			j = n
		}
	}
}

// resolve keeps, by priority and then leftmost-longest, candidates that do
// not overlap an already kept one. Candidates of one group (the parts of
// "Llama-2/3") share a span and are kept or dropped together. owner is a
// buffer it may reuse, all zero (as resolve leaves it); it returns the
// kept candidates and the buffer. cands is left as it was.
func resolve(cands, kept []cand, owner []int32) ([]cand, []int32) {
	// owner maps each byte offset to the candidate kept there (index+1 in
	// kept; 0: free). Kept spans do not overlap unless they are parts of
	// one group, so one owner per offset tells whether a new candidate is
	// free: a check costs the candidate's length, and the whole pass is
	// linear in the text (a sorted index of kept spans cost a copy per
	// insertion: quadratic on a long abstract). The buffer's tail holds
	// the candidates' order, sorted as indices: a candidate is too large
	// to move around. Both are cleared where they were written before
	// returning, so that the next text need not clear the whole buffer.
	end := 0
	for i := range cands {
		end = max(end, cands[i].end)
	}
	if n := end + len(cands); cap(owner) < n {
		owner = make([]int32, n)
	} else {
		owner = owner[:n]
	}
	order := owner[end:]
	owner = owner[:end]
	k0 := len(kept)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &cands[i], &cands[j]
		if c := cmp.Compare(a.prio, b.prio); c != 0 {
			return c
		}
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end, a.end); c != 0 {
			return c
		}
		if c := cmp.Compare(b.base, a.base); c != 0 {
			return c
		}
		if c := cmp.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(i, j) // equal candidates keep their order
	})
	type span struct {
		start, end int
		kind       papergraph.Kind
		name       string
	}
	var grouped map[span]bool // kept parts of groups, to drop the same entity twice: made at the first
	free := func(c *cand) bool {
		for pos := max(c.start, 0); pos < c.end; pos++ {
			if q := owner[pos]; q > 0 {
				if c.group == 0 || c.group != kept[q-1].group {
					return false
				}
			}
		}
		return c.group == 0 || !grouped[span{c.start, c.end, c.kind, c.name}]
	}
	for _, i := range order {
		c := &cands[i]
		if c.end <= c.start {
			continue
		}
		if !free(c) {
			continue
		}
		kept = append(kept, *c)
		for pos := max(c.start, 0); pos < c.end; pos++ {
			if owner[pos] == 0 {
				owner[pos] = int32(len(kept))
			}
		}
		if c.group != 0 {
			if grouped == nil {
				grouped = map[span]bool{}
			}
			grouped[span{c.start, c.end, c.kind, c.name}] = true
		}
	}
	clear(order)
	for i := k0; i < len(kept); i++ {
		clear(owner[max(kept[i].start, 0):kept[i].end])
	}
	return kept, owner[:cap(owner)]
}
