package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
)

// refKind names the identifier types of a Ref, in the order they are tried.
var refKinds = [...]string{"arxiv", "doi", "openalex", "s2"}

func refIDs(r *papergraph.Ref) [4]string {
	return [4]string{r.ArXiv, strings.ToLower(r.DOI), r.OpenAlex, r.S2}
}

func paperIDs(p *papergraph.Paper) [4]string {
	return [4]string{p.ArXiv, strings.ToLower(p.DOI), p.OpenAlex, p.S2}
}

// extNodeID is the node ID of a work outside the batch, in the form
// papergraph.Paper.Key would give it.
func extNodeID(kind, id string) string {
	switch kind {
	case "arxiv":
		return "paper:" + id
	case "doi":
		return "paper:doi:" + id
	}
	return "paper:" + kind + ":" + id
}

func extURL(kind, id string) string {
	switch kind {
	case "arxiv":
		return "https://arxiv.org/abs/" + id
	case "doi":
		return "https://doi.org/" + id
	case "openalex":
		return "https://openalex.org/" + id
	}
	return "https://www.semanticscholar.org/paper/" + id
}

func refEvidence(kind, id string, r *papergraph.Ref) string {
	var sb strings.Builder
	sb.WriteString("ref ")
	sb.WriteString(kind)
	sb.WriteByte(':')
	sb.WriteString(id)
	if r.Surface != "" {
		sb.WriteByte(' ')
		sb.WriteString(strconv.Quote(r.Surface))
		sb.WriteString(" @")
		sb.WriteString(strconv.Itoa(r.Start))
	}
	if r.Source != "" && r.Source != "abstract" {
		sb.WriteString(" in ")
		sb.WriteString(r.Source)
	}
	return sb.String()
}

// cites resolves references and names into citations between batch papers
// and to external works.
func (b *builder) cites() error {
	nb := len(b.batch)
	// Identifier → slot, the smallest slot for an id several papers claim.
	var byID [4]map[string]int32
	var counts [4]int
	refs := 0
	for _, in := range b.slotIn {
		p := &b.in[in]
		refs += len(p.Refs)
		for k, id := range paperIDs(p) {
			if id != "" {
				counts[k]++
			}
		}
	}
	for k := range byID {
		if refs == 0 {
			counts[k] = 0 // nothing to resolve
		}
		byID[k] = make(map[string]int32, counts[k])
	}
	for s, in := range b.slotIn {
		if refs == 0 {
			break
		}
		for k, id := range paperIDs(&b.in[in]) {
			if id == "" {
				continue
			}
			if _, ok := byID[k][id]; !ok {
				byID[k][id] = int32(s)
			}
		}
	}
	// Per batch paper: citations found, targets as slots or candidate
	// external works. Evidence strings are made only for kept citations.
	type cand struct {
		rank   int32
		target int32 // slot, or -(candidate external index)-1
		ref    int32 // index in the paper's Refs, or -1 when ev is set
		kind   uint8 // the ref's identifier kind
		ev     string
	}
	var cands []cand
	var extIdx [4]map[string]int32
	for k := range extIdx {
		extIdx[k] = map[string]int32{}
	}
	var exts []extWork
	extLast := []int32{}
	for r, s := range b.batch {
		p := &b.in[b.slotIn[s]]
		for i := range p.Refs {
			ids := refIDs(&p.Refs[i])
			resolved := false
			for k, id := range ids {
				if id == "" {
					continue
				}
				if t, ok := byID[k][id]; ok {
					resolved = true
					if t != s {
						cands = append(cands, cand{int32(r), t, int32(i), uint8(k), ""})
					}
					break
				}
			}
			if resolved || b.opt.minCocite == 0 {
				continue
			}
			for k, id := range ids {
				if id == "" {
					continue
				}
				x, ok := extIdx[k][id]
				if !ok {
					x = int32(len(exts))
					extIdx[k][id] = x
					exts = append(exts, extWork{kind: uint8(k), ref: id})
					extLast = append(extLast, -1)
				}
				if extLast[x] != int32(r) {
					extLast[x] = int32(r)
					exts[x].papers++
				}
				cands = append(cands, cand{int32(r), -x - 1, int32(i), uint8(k), ""})
				break
			}
		}
		b.nameCites(int32(r), func(t int32, ev string) { cands = append(cands, cand{int32(r), t, -1, 0, ev}) })
	}
	// Names of batch papers found in the text (extract.NameRefs), after
	// every other citation, as the text was read last.
	for r, s := range b.batch {
		p := &b.in[b.slotIn[s]]
		for i := range p.Refs {
			ref := &p.Refs[i]
			if ref.Paper == "" {
				continue
			}
			if t, ok := b.paperByKey(ref.Paper); ok {
				cands = append(cands, cand{int32(r), t, -1, 0, b.namedEvidence(t, ref)})
			}
		}
	}

	// Keep external works cited by enough papers, in ID order.
	keep := make([]int32, len(exts))
	var kept []int32
	for x := range exts {
		keep[x] = -1
		if int(exts[x].papers) >= b.opt.minCocite && b.opt.minCocite > 0 {
			kept = append(kept, int32(x))
			exts[x].id = extNodeID(refKinds[exts[x].kind], exts[x].ref)
		}
	}
	slices.SortFunc(kept, func(x, y int32) int { return strings.Compare(exts[x].id, exts[y].id) })
	for i, x := range kept {
		// An ID equal to an input paper's, or to another work's (possible
		// only with malformed identifiers, e.g. an arXiv field holding
		// "doi:..."), stands for that node.
		if s, ok := slices.BinarySearch(b.slotID, exts[x].id); ok {
			keep[x] = -int32(s) - 2
			continue
		}
		if i > 0 && exts[kept[i-1]].id == exts[x].id {
			keep[x] = keep[kept[i-1]]
			b.ext[keep[x]].papers += exts[x].papers // an upper bound: a paper may cite both forms
			continue
		}
		keep[x] = int32(len(b.ext))
		b.ext = append(b.ext, exts[x])
	}
	for _, c := range cands {
		if c.target < 0 && keep[-c.target-1] >= 0 {
			if t := b.in[b.slotIn[b.batch[c.rank]]].Refs[c.ref].Title; t != "" {
				b.ext[keep[-c.target-1]].titles.add(strings.Join(strings.Fields(t), " "))
			}
		}
	}

	// Group by citing paper and target, preserving discovery order.
	out := cands[:0]
	for _, c := range cands {
		if c.target < 0 {
			k := keep[-c.target-1]
			switch {
			case k == -1:
				continue
			case k < -1:
				c.target = -k - 2
			default:
				c.target = -k - 1
			}
		}
		if c.target == b.batch[c.rank] {
			continue // never a self-cite
		}
		if c.ref >= 0 {
			ref := &b.in[b.slotIn[b.batch[c.rank]]].Refs[c.ref]
			c.ev = refEvidence(refKinds[c.kind], refIDs(ref)[c.kind], ref)
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(x, y cand) int {
		return cmp.Or(cmp.Compare(x.rank, y.rank), cmp.Compare(x.target, y.target))
	})
	b.citeStart = make([]int32, nb+1)
	for i := 0; i < len(out); {
		j := i + 1
		evs := []string{out[i].ev}
		for j < len(out) && out[j].rank == out[i].rank && out[j].target == out[i].target {
			if !slices.Contains(evs, out[j].ev) {
				evs = append(evs, out[j].ev)
			}
			j++
		}
		b.cite = append(b.cite, citeRec{out[i].target, strings.Join(evs, "; ")})
		b.citeStart[out[i].rank+1]++
		i = j
	}
	for r := 0; r < nb; r++ {
		b.citeStart[r+1] += b.citeStart[r]
	}
	return nil
}

// nameCites finds artifacts the paper names that exactly one other batch
// paper introduces.
func (b *builder) nameCites(r int32, emit func(target int32, ev string)) {
	p := &b.in[b.slotIn[b.batch[r]]]
	for _, m := range b.ment[b.mentStart[r]:b.mentStart[r+1]] {
		a := &b.arts[m.art]
		if a.introducer < 0 || a.introducer == r {
			continue
		}
		e := &p.Entities[m.ent]
		if e.Introduced {
			continue
		}
		owner := &b.in[b.slotIn[b.batch[a.introducer]]]
		if len(e.Name) < 6 && !ownerSpells(owner, a.key, e.Name) {
			continue // a short name must be spelled exactly as its owner does
		}
		emit(b.batch[a.introducer], "names "+a.key+" introduced by it ("+evidence(e)+")")
	}
}

// ownerSpells reports whether p introduces the artifact key spelled name.
func ownerSpells(p *papergraph.Paper, key, name string) bool {
	for _, e := range p.Entities {
		if e.Introduced && e.Name == name && e.Key() == key {
			return true
		}
	}
	return false
}

// paperByKey returns the slot of the batch paper whose key is key: the
// first in slot order when several papers share it.
func (b *builder) paperByKey(key string) (int32, bool) {
	if b.byKey == nil {
		b.byKey = make(map[string]int32, len(b.batch))
		for _, s := range b.batch {
			k := b.slotKey[s]
			if _, ok := b.byKey[k]; !ok {
				b.byKey[k] = s
			}
		}
	}
	s, ok := b.byKey[key]
	return s, ok
}

// namedEvidence describes a Ref to the batch paper in slot t by name:
// `names "DeepSeek-R1" @16 (system name of paper:2401.00002)`. The name is
// quoted as its owner spells it.
func (b *builder) namedEvidence(t int32, r *papergraph.Ref) string {
	owner := &b.in[b.slotIn[t]]
	name, what := r.Surface, "system name of "+b.slotID[t]
	if r.Artifact == "" {
		if strings.EqualFold(owner.Name, r.Surface) {
			name = owner.Name
		}
	} else {
		what = r.Artifact + " introduced by " + b.slotID[t]
		for _, e := range owner.Entities {
			if e.Introduced && strings.EqualFold(e.Name, r.Surface) && e.Key() == r.Artifact {
				name = e.Name
				break
			}
		}
	}
	ev := "names " + strconv.Quote(name) + " @" + strconv.Itoa(r.Start)
	if r.Source == "title" {
		ev += " in title"
	}
	return ev + " (" + what + ")"
}
