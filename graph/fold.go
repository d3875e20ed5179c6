package graph

import (
	"slices"
	"strings"
)

// fold marks the artifacts folded into the paper that introduces them:
// those exactly one batch paper introduces, unless Options.Split, and
// only when every other paper naming one is linked to its introducer by
// a cites edge (see nameCites), so that no mention is lost. A folded
// artifact gets no node: its mentions edges are dropped (the introducer's
// own) or replaced by that cites edge (the others'), and in the
// projection it stands for the introducing paper, as a cited work does.
func (b *builder) fold() error {
	if b.opt.split {
		return nil
	}
	for a := range b.arts {
		if b.arts[a].introducer >= 0 {
			b.arts[a].folded = true
		}
	}
	for r := range b.batch {
		p := &b.in[b.slotIn[b.batch[r]]]
		for _, m := range b.ment[b.mentStart[r]:b.mentStart[r+1]] {
			a := &b.arts[m.art]
			if !a.folded || a.introducer == int32(r) {
				continue
			}
			e := &p.Entities[m.ent]
			owner := &b.in[b.slotIn[b.batch[a.introducer]]]
			if e.Introduced || (len(e.Name) < 6 && !ownerSpells(owner, a.key, e.Name)) {
				a.folded = false // this mention would link nothing
			}
		}
	}
	// The folded artifacts by introducer, in artifact order: one count
	// and one fill pass (a map of a slice per paper cost more to read in
	// assemble, a paper at a time, than to make).
	b.introStart = make([]int32, len(b.batch)+1)
	for a := range b.arts {
		if b.arts[a].folded {
			b.folded++
			b.introStart[b.arts[a].introducer+1]++
		}
	}
	for r := range b.batch {
		b.introStart[r+1] += b.introStart[r]
	}
	b.introArt = make([]int32, b.folded)
	fill := slices.Clone(b.introStart[:len(b.batch)])
	for a := range b.arts {
		if b.arts[a].folded {
			r := b.arts[a].introducer
			b.introArt[fill[r]] = int32(a)
			fill[r]++
		}
	}
	return nil
}

// introduces returns the names of the artifacts folded into the paper of
// rank r, sorted, and the label the paper's node takes: the name of the
// one it introduces when the paper is known by it (its Name, in any case),
// else label unchanged.
func (b *builder) introduces(r int32, name, label string) ([]string, string) {
	if b.introStart == nil {
		return nil, label // Options.Split: nothing is folded
	}
	arts := b.introArt[b.introStart[r]:b.introStart[r+1]]
	if len(arts) == 0 {
		return nil, label
	}
	names := make([]string, 0, len(arts))
	for _, a := range arts {
		n := b.arts[a].names.best()
		names = append(names, n)
		if name != "" && strings.EqualFold(n, name) {
			label = n
		}
	}
	slices.Sort(names)
	return slices.Compact(names), label
}
