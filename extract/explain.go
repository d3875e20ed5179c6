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
// say which rule took it and on what evidence.
func (x *Extractor) Explain(s string) []Decision {
	_, _, d, dec := x.textWhy(s, true)
	d.release()
	return dec
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
	seen := map[[2]int]map[string]bool{}
	for _, c := range all {
		if c.prio < 0 || c.kind == "" || c.end <= c.start {
			continue
		}
		why := ""
		for _, k := range kept {
			if same(c, k) {
				if !strings.HasPrefix(c.rule, "url") && x.stopped(c.name) {
					why = "stop list"
				}
				break
			}
			if c.start < k.end && k.start < c.end && why == "" {
				if k.prio < 0 {
					why = "inside a link or reference"
				} else {
					why = "overlaps " + k.name + " (" + k.rule + ")"
				}
			}
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
