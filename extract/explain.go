package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
)

// Decision is one candidate a rule proposed for a text, and what became
// of it.
type Decision struct {
	papergraph.Entity
	// Taken is true when the candidate is one of the entities
	// [Extractor.Text] returns.
	Taken bool `json:"taken"`
	// Why says why a candidate was not taken: "stop list", "inside a link
	// or reference", or "overlaps NAME (RULE)" for the candidate that won
	// its span (links first, then list matches, then the other rules;
	// then the leftmost, longest).
	Why string `json:"why,omitempty"`
}

// Explain returns the entities [Extractor.Text] finds in s (Taken) and
// every other candidate a rule proposed and why it was left out, sorted by
// (Start, End, Kind, Name), then taken first. Each entity's Rule and Cue
// say which rule took it and on what evidence. A long text is read a
// window at a time, as Text reads it.
func (x *Extractor) Explain(s string) []Decision {
	dec, _ := x.ExplainFirst(s, -1)
	return dec
}

// ExplainFirst returns the first max decisions [Extractor.Explain]
// returns (all of them when max is negative) and how many more there
// are, so that a huge text costs a window's memory and max decisions.
func (x *Extractor) ExplainFirst(s string, max int) (dec []Decision, more int) {
	for start := 0; start < len(s); {
		end := windowEnd(s, start)
		_, _, d, w := x.textWhy(s[start:end], true)
		d.release()
		for _, e := range w {
			if max >= 0 && len(dec) == max {
				more++
				continue
			}
			e.Start += start
			e.End += start
			dec = append(dec, e)
		}
		start = end
	}
	return dec, more
}

// decisions lists the taken entities and the candidates of all that were
// not taken, with the reason.
func (x *Extractor) decisions(nt normText, orig string, all, kept []cand, ents []papergraph.Entity) []Decision {
	out := make([]Decision, 0, len(all))
	for _, e := range ents {
		out = append(out, Decision{Entity: e, Taken: true})
	}
	same := func(a, b cand) bool {
		return a.start == b.start && a.end == b.end && a.kind == b.kind && a.name == b.name && a.rule == b.rule
	}
	// A kept candidate the stop list refuses is "stop list"; any other
	// is told by the first kept candidate (in kept's order) that
	// overlaps it: itself (taken) or the one that won its span. first[p]
	// is the index of the first kept candidate covering byte p, so that
	// finding it costs the candidate's length, not len(kept).
	type candKey struct {
		start, end int
		kind       papergraph.Kind
		name, rule string
	}
	keyOfCand := func(c cand) candKey { return candKey{c.start, c.end, c.kind, c.name, c.rule} }
	keptSet := make(map[candKey]bool, len(kept))
	end := 0
	for _, k := range kept {
		end = max(end, k.end)
		keptSet[keyOfCand(k)] = true
	}
	first := make([]int32, end)
	for p := range first {
		first[p] = int32(len(kept))
	}
	for i, k := range kept {
		for p := max(k.start, 0); p < k.end; p++ {
			first[p] = min(first[p], int32(i))
		}
	}
	seen := map[[2]int]map[string]bool{}
	for _, c := range all {
		if c.prio < 0 || c.kind == "" || c.end <= c.start {
			continue
		}
		i := int32(len(kept))
		for p := max(c.start, 0); p < min(c.end, end); p++ {
			i = min(i, first[p])
		}
		why := ""
		switch {
		case keptSet[keyOfCand(c)] && !strings.HasPrefix(c.rule, "url") && x.stopped(c.name):
			why = "stop list"
		case int(i) == len(kept) || same(c, kept[i]):
		case kept[i].prio < 0:
			why = "inside a link or reference"
		default:
			why = "overlaps " + kept[i].name + " (" + kept[i].rule + ")"
		}
		if why == "" {
			continue // taken
		}
		key := [2]int{c.start, c.end}
		id := string(c.kind) + "\x00" + c.name + "\x00" + c.rule
		if seen[key][id] {
			continue
		}
		if seen[key] == nil {
			seen[key] = map[string]bool{}
		}
		seen[key][id] = true
		st, en := nt.orig(c.start, c.end)
		out = append(out, Decision{Entity: papergraph.Entity{Kind: c.kind, Name: c.name, Surface: orig[st:en], Start: st, End: en,
			Rule: c.rule, Cue: c.cue, Family: c.family}, Why: why})
	}
	slices.SortStableFunc(out, func(a, b Decision) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.End, b.End); c != 0 {
			return c
		}
		if a.Taken != b.Taken {
			if a.Taken {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.Rule, b.Rule)
	})
	return out
}
