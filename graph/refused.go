package graph

import (
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
)

// Refused is an artifact extraction's stop list refused in batch papers
// ([papergraph.Paper].Stopped): it has no node and links no papers.
type Refused struct {
	// ID is the artifact's key ([papergraph.Entity.Key]), as its node's
	// ID would be.
	ID string
	// Label is its name as most of the papers spell it (ties to the
	// smallest string).
	Label string
	// Papers is how many batch papers named it.
	Papers int
}

// refused lists, in ID order, the artifacts the stop list refused in the
// batch papers in (external papers are skipped), each paper counted once
// per artifact.
func refused(in []papergraph.Paper) []Refused {
	type acc struct {
		names tally
		n     int
		last  int // index of the last paper counted
	}
	var by map[string]*acc
	for i := range in {
		p := &in[i]
		if p.External {
			continue
		}
		for _, e := range p.Stopped {
			if strings.TrimSpace(e.Name) == "" {
				continue
			}
			if by == nil {
				by = map[string]*acc{}
			}
			k := e.Key()
			a := by[k]
			if a == nil {
				a = &acc{last: -1}
				by[k] = a
			}
			a.names.add(e.Name)
			if a.last != i {
				a.n, a.last = a.n+1, i
			}
		}
	}
	if len(by) == 0 {
		return nil
	}
	out := make([]Refused, 0, len(by))
	for k, a := range by {
		out = append(out, Refused{ID: k, Label: a.names.best(), Papers: a.n})
	}
	slices.SortFunc(out, func(a, b Refused) int { return strings.Compare(a.ID, b.ID) })
	return out
}
