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
	b.textCites(func(r, t int32, ev string) { cands = append(cands, cand{r, t, -1, 0, ev}) })

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

// A dictEntry is a name matched in abstracts: a paper's system name or the
// name of an artifact it introduces.
type dictEntry struct {
	name  string
	fold  bool  // also match in other cases
	owner int32 // rank
	what  string
	key   string // the introduced artifact's key; "" for a system name
}

// textCites scans every batch paper's title and abstract for the names of
// other batch papers.
func (b *builder) textCites(emit func(r, target int32, ev string)) {
	byLower := map[string][]dictEntry{}
	for r, s := range b.batch {
		p := &b.in[b.slotIn[s]]
		add := func(name, what, key string) {
			if !matchable(name) {
				return
			}
			low := strings.ToLower(name)
			ds := byLower[low]
			if len(ds) > 0 && ds[len(ds)-1].owner != ds[0].owner {
				return // claimed by two papers already: dropped below
			}
			// Papers come in order, so this paper's entries are last.
			for i := len(ds) - 1; i >= 0 && ds[i].owner == int32(r); i-- {
				if ds[i].name == name {
					return
				}
			}
			byLower[low] = append(ds, dictEntry{name: name, fold: foldable(name), owner: int32(r), what: what, key: key})
		}
		if p.Name != "" {
			add(p.Name, "system name of "+b.slotID[s], "")
		}
		for _, e := range p.Entities {
			if e.Introduced && (e.Kind == papergraph.KindDataset || e.Kind == papergraph.KindBenchmark || e.Kind == papergraph.KindModel) {
				k := e.Key()
				add(e.Name, k+" introduced by "+b.slotID[s], k)
			}
		}
	}
	// Drop names claimed by two papers; index the rest by first word.
	dict := map[uint64][]dictEntry{}
	// A Bloom filter of first words keeps most words of the text out of
	// the map; 16 bits per name keep it sparse at a million names.
	bits := 1 << 20
	for bits < 16*len(byLower) {
		bits <<= 1
	}
	bloom := make([]uint64, bits/64)
	mask := uint64(len(bloom) - 1)
	lows := make([]string, 0, len(byLower))
	for low := range byLower {
		lows = append(lows, low)
	}
	slices.Sort(lows)
	for _, low := range lows {
		ds := byLower[low]
		if slices.ContainsFunc(ds, func(d dictEntry) bool { return d.owner != ds[0].owner }) {
			continue
		}
		for _, d := range ds {
			h := foldHash(d.name[:wordEnd(d.name, 0)])
			dict[h] = append(dict[h], d)
			bloom[(h>>6)&mask] |= 1 << (h & 63)
		}
	}
	if len(dict) == 0 {
		return
	}
	type hit struct {
		r, target int32
		ev        string
	}
	nb := len(b.batch)
	hits := make([][]hit, nb)
	parallel(nb, 1024, b.opt.workers, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			p := &b.in[b.slotIn[b.batch[r]]]
			for _, field := range [2]string{"title", "abstract"} {
				text := p.Abstract
				if field == "title" {
					text = p.Title
				}
				for i := 0; i < len(text); {
					if !isWordByte(text[i]) {
						i++
						continue
					}
					j := wordEnd(text, i)
					h := foldHash(text[i:j])
					if bloom[(h>>6)&mask]&(1<<(h&63)) != 0 && leftBoundary(text, i) {
						for _, d := range dict[h] {
							if d.owner == int32(r) || !matchAt(text, i, d) || (field == "abstract" && b.entityAt(int32(r), i, d.key)) {
								continue
							}
							ev := "names " + strconv.Quote(d.name) + " @" + strconv.Itoa(i)
							if field == "title" {
								ev += " in title"
							}
							hits[r] = append(hits[r], hit{int32(r), d.owner, ev + " (" + d.what + ")"})
						}
					}
					i = j
				}
			}
		}
	})
	for _, hs := range hits {
		for _, h := range hs {
			emit(h.r, b.batch[h.target], h.ev)
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func wordEnd(s string, i int) int {
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	return i
}

// foldHash is FNV-1a of s with ASCII letters lower-cased.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// leftBoundary: a name may not start inside a hyphenated compound.
func leftBoundary(s string, i int) bool {
	return i == 0 || !(s[i-1] == '-' && i >= 2 && isWordByte(s[i-2]))
}

// matchAt reports whether d's name occurs at s[i:], ending at a boundary:
// not followed by a word character, nor by "-" and a digit or capital
// (Llama-2 is not Llama), nor by "." and a word character.
func matchAt(s string, i int, d dictEntry) bool {
	e := i + len(d.name)
	if e > len(s) {
		return false
	}
	if d.fold {
		if !strings.EqualFold(s[i:e], d.name) {
			return false
		}
	} else if s[i:e] != d.name {
		return false
	}
	if e == len(s) {
		return true
	}
	c := s[e]
	if isWordByte(c) {
		return false
	}
	if (c == '-' || c == '.') && e+1 < len(s) {
		n := s[e+1]
		if c == '.' && isWordByte(n) {
			return false
		}
		if c == '-' && ((n >= '0' && n <= '9') || (n >= 'A' && n <= 'Z')) {
			return false
		}
	}
	return true
}

// matchable reports whether a name is distinctive enough to match in text:
// at least 3 characters, starting with a word character, and not a single
// plain word: it has a space, digit, hyphen or other sign, a capital after
// its first letter, or is all capitals.
func matchable(name string) bool {
	if utf8RuneCount(name) < 3 || !isWordByte(name[0]) || strings.TrimSpace(name) != name {
		return false
	}
	upper, lower, inner := 0, 0, false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			if i > 0 && isLetter(name[i-1]) {
				inner = true
			}
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 0x80:
			lower++
		default:
			return true // digit, space, hyphen, ...
		}
	}
	return inner || (lower == 0 && upper > 0)
}

// foldable reports whether a name may match case-insensitively: 6 bytes or
// more with a digit or a capital inside a word ("DeepSeek").
func foldable(name string) bool {
	if len(name) < 6 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c >= '0' && c <= '9') || (i > 0 && isUpper(c) && isLetter(name[i-1])) {
			return true
		}
	}
	return false
}

func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return isUpper(c) || (c >= 'a' && c <= 'z') }

func utf8RuneCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// entityAt reports whether paper r has an entity of the artifact key at
// offset i of its abstract (then nameCites has the citation already).
func (b *builder) entityAt(r int32, i int, key string) bool {
	if key == "" {
		return false
	}
	for _, m := range b.ment[b.mentStart[r]:b.mentStart[r+1]] {
		e := &b.in[b.slotIn[b.batch[r]]].Entities[m.ent]
		if e.Start == i && (e.Source == "" || e.Source == "abstract") && b.arts[m.art].key == key {
			return true
		}
	}
	return false
}
