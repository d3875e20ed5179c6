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

// sortEntities orders entities by (Start, End, Kind, Name).
func sortEntities(e []papergraph.Entity) {
	slices.SortFunc(e, func(a, b papergraph.Entity) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.End, b.End); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
}

// resolve keeps, by priority and then leftmost-longest, candidates that do
// not overlap an already kept one. Candidates of one group (the parts of
// "Llama-2/3") share a span and are kept or dropped together. owner is a
// buffer it may reuse; it returns the kept candidates and the buffer.
// cands is left as it was.
func resolve(cands, kept []cand, owner []int32) ([]cand, []int32) {
	// owner maps each byte offset to the candidate kept there (index+1 in
	// kept; 0: free). Kept spans do not overlap unless they are parts of
	// one group, so one owner per offset tells whether a new candidate is
	// free: a check costs the candidate's length, and the whole pass is
	// linear in the text (a sorted index of kept spans cost a copy per
	// insertion: quadratic on a long abstract). The buffer's tail holds
	// the candidates' order, sorted as indices: a candidate is too large
	// to move around.
	end := 0
	for i := range cands {
		end = max(end, cands[i].end)
	}
	if n := end + len(cands); cap(owner) < n {
		owner = make([]int32, n)
	} else {
		owner = owner[:n]
		clear(owner[:end])
	}
	order := owner[end:]
	owner = owner[:end]
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
	grouped := map[span]bool{} // kept parts of groups, to drop the same entity twice
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
			grouped[span{c.start, c.end, c.kind, c.name}] = true
		}
	}
	return kept, owner[:cap(owner)]
}
