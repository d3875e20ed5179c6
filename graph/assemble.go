package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/papergraph/papergraph"
)

// Relation codes, in the order Relation strings sort.
const (
	relCites uint8 = iota
	relMentions
	relShares
	relOther
)

// relNames maps relation codes back; relOther is for relations other than
// the three of Build (hand-built graphs), whose Edge carries the name.
var relNames = [...]Relation{Cites, Mentions, Shares, ""}

func relCode(r Relation) uint8 {
	switch r {
	case Cites:
		return relCites
	case Mentions:
		return relMentions
	case Shares:
		return relShares
	}
	return relOther
}

// edgeTable holds what a built graph's edges carry beyond the store: per
// edge an aux index into evidence (mentions and cites), and, to list a
// shares edge's Shared IDs when asked, each paper's projection features
// (node indices, in ID order) with their document frequencies.
type edgeTable struct {
	aux       []int32
	evidence  []string
	featStart []int32 // per node: its features are feat[featStart[v]:featStart[v+1]]
	feat      []int32
	df        []int32 // per node, as a feature
	maxShared int
	// famNames name the family features, which follow the nodes.
	famNames []string
}

// featName is the Shared name of feature v: a node ID, or a family.
func (g *Graph) featName(v int32) string {
	if int(v) < len(g.ids) {
		return g.ids[v]
	}
	return g.tab.famNames[int(v)-len(g.ids)]
}

// shared appends the features papers s and t share, at most maxShared of
// them, the rarest, in ID order.
func (tab *edgeTable) shared(s, t int32, out []int32) []int32 {
	x := tab.feat[tab.featStart[s]:tab.featStart[s+1]]
	y := tab.feat[tab.featStart[t]:tab.featStart[t+1]]
	start := len(out)
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			x = x[1:]
		case x[0] > y[0]:
			y = y[1:]
		default:
			out = append(out, x[0])
			x, y = x[1:], y[1:]
		}
	}
	if m := tab.maxShared; m > 0 && len(out)-start > m {
		sh := out[start:]
		slices.SortFunc(sh, func(p, q int32) int { return cmp.Or(cmp.Compare(tab.df[p], tab.df[q]), cmp.Compare(p, q)) })
		slices.Sort(sh[:m])
		out = out[:start+m]
	}
	return out
}

// entry is one outgoing mentions or cites edge of a paper before it is
// written.
type entry struct {
	t   int32
	rel uint8
	k   int32 // mentions: start in ment; cites: index in cite
}

// assemble writes the nodes and the sorted edges, and indexes them.
func (b *builder) assemble() error {
	nb := len(b.batch)
	g := &Graph{index: make(map[string]int, b.nodes)}
	b.g = g
	g.nodes = make([]Node, b.nodes)
	citedBy := make([]int32, b.nodes)
	for _, c := range b.cite {
		citedBy[b.citeG(c.target)]++
	}
	parallel(b.nodes, 4096, b.opt.workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			g.nodes[i] = b.node(i, citedBy[i])
		}
	})
	for i := range g.nodes {
		g.index[g.nodes[i].ID] = i
	}

	// Edge counts per paper, then offsets: edges, evidence strings.
	off := make([]int32, nb+1)
	evOff := make([]int32, nb+1)
	for r := 0; r < nb; r++ {
		n := b.citeStart[r+1] - b.citeStart[r]
		ms := b.ment[b.mentStart[r]:b.mentStart[r+1]]
		for i := range ms {
			if (i == 0 || ms[i].art != ms[i-1].art) && !b.arts[ms[i].art].folded {
				n++
			}
		}
		evOff[r+1] = evOff[r] + n
		off[r+1] = off[r] + n + b.shareStart[r+1] - b.shareStart[r]
	}
	if int64(off[nb]) < 0 || len(b.cite)+len(b.ment)+len(b.shareJ) > math.MaxInt32 {
		return fmt.Errorf("graph: more than %d edges: %w", math.MaxInt32, ErrTooLarge)
	}
	total := int(off[nb])
	src, tgt := makeLarge[int32](total), makeLarge[int32](total)
	rel, w := makeLarge[uint8](total), makeLarge[float64](total)
	tab := &edgeTable{aux: makeLarge[int32](total), evidence: make([]string, evOff[nb]), maxShared: b.opt.maxShared, df: b.featDF, famNames: b.famNames}
	// Features by node: batch ranks are in node order, so feat keeps its order.
	tab.featStart = make([]int32, b.nodes+1)
	for v := range b.nodes {
		tab.featStart[v+1] = tab.featStart[v]
		if b.nodeKind[v] == nodeSlot {
			if r := b.rank[b.nodeLoc[v]]; r >= 0 {
				tab.featStart[v+1] = b.featStart[r+1]
			}
		}
	}
	tab.feat = b.feat
	// Node index of each batch paper, by rank: a shares edge's target.
	rankG := make([]int32, nb)
	for r := range rankG {
		rankG[r] = b.slotG[b.batch[r]]
	}
	const chunk = 512
	parallel(nb, chunk, b.opt.workers, func(lo, hi int) {
		var few []entry
		var text arena
		for r := lo; r < hi; r++ {
			few = b.entries(r, few[:0])
			sg := rankG[r]
			p := &b.in[b.slotIn[b.batch[r]]]
			ev := evOff[r]
			e := int(off[r])
			// put writes the mentions or cites edge en at e.
			put := func(en entry) {
				src[e], tgt[e], rel[e], w[e], tab.aux[e] = sg, en.t, en.rel, 1, ev
				if en.rel == relMentions {
					tab.evidence[ev] = b.mentionEvidence(&text, p, en.k, b.mentStart[r+1])
				} else {
					tab.evidence[ev] = b.cite[en.k].ev
				}
				ev++
				e++
			}
			// The shares, in target order, merged with the few others.
			i := 0
			for k := b.shareStart[r]; k < b.shareStart[r+1]; k++ {
				t := rankG[b.shareJ[k]]
				for ; i < len(few) && (few[i].t < t || (few[i].t == t && few[i].rel < relShares)); i++ {
					put(few[i])
				}
				src[e], tgt[e], rel[e], w[e], tab.aux[e] = sg, t, relShares, roundWeight(b.shareW[k]), -1
				e++
			}
			for ; i < len(few); i++ {
				put(few[i])
			}
		}
	})
	g.tab = tab
	// The projection's rows are edges now: free them for the analysis.
	b.freedRows = cap(b.shareJ)*4 + cap(b.shareW)*8
	b.shareJ, b.shareW = nil, nil

	g.seal(src, tgt, rel, w)

	st := &g.stats
	st.Papers = nb
	st.External = len(b.slotID) - nb + len(b.ext)
	st.Entities = len(b.arts) - b.folded
	// Every cite record is an edge, and every other edge with evidence a
	// mentions edge.
	st.Cites = len(b.cite)
	st.Mentions = int(evOff[nb]) - st.Cites
	st.Shares = total - int(evOff[nb])
	for v, out := range b.leftOut {
		if out && v < len(g.nodes) {
			st.LeftOut = append(st.LeftOut, g.nodes[v].ID)
		}
	}
	st.Refused = refused(b.in)
	st.Pairs = b.pairs
	st.MaxDF = b.opt.maxDF
	st.TopK = b.opt.topK
	st.Backbone, st.BackboneCut = b.opt.backbone, b.backboneCut
	st.Renamed = b.renamed
	st.Folded = b.folded
	return nil
}

// entries appends to few paper r's mentions and cites edges, sorted by
// (target, relation); assemble merges them with its shares, which the
// projection gives in target order.
func (b *builder) entries(r int, few []entry) []entry {
	ms := b.ment[b.mentStart[r]:b.mentStart[r+1]]
	for i := range ms {
		if (i == 0 || ms[i].art != ms[i-1].art) && !b.arts[ms[i].art].folded {
			few = append(few, entry{b.artG[ms[i].art], relMentions, b.mentStart[r] + int32(i)})
		}
	}
	for k := b.citeStart[r]; k < b.citeStart[r+1]; k++ {
		few = append(few, entry{b.citeG(b.cite[k].target), relCites, k})
	}
	slices.SortFunc(few, func(x, y entry) int { return cmp.Or(cmp.Compare(x.t, y.t), cmp.Compare(x.rel, y.rel)) })
	return few
}

// mentionEvidence joins the evidence of every mention of the artifact whose
// group starts at ment[k] and ends before ment[end] at the latest. The
// usual single mention's is made in text.
func (b *builder) mentionEvidence(text *arena, p *papergraph.Paper, k, end int32) string {
	a := b.ment[k].art
	if k+1 >= end || b.ment[k+1].art != a {
		return text.evidence(&p.Entities[b.ment[k].ent])
	}
	var evs []string
	for ; k < end && b.ment[k].art == a; k++ {
		if ev := evidence(&p.Entities[b.ment[k].ent]); !slices.Contains(evs, ev) {
			evs = append(evs, ev)
		}
	}
	return strings.Join(evs, "; ")
}

// node makes the Node at global index i.
func (b *builder) node(i int, citedBy int32) Node {
	loc := b.nodeLoc[i]
	switch b.nodeKind[i] {
	case nodeSlot:
		p := &b.in[b.slotIn[loc]]
		n := Node{
			ID: b.slotID[loc], Kind: papergraph.KindPaper, Title: p.Title, URL: paperURL(p),
			ArXiv: p.ArXiv, DOI: p.DOI, Authors: p.Authors, Year: p.Year, External: p.External, Community: -1,
			PromisesCode: p.PromisesCode && !p.External,
		}
		n.Label = p.Name
		if n.Label == "" {
			n.Label = shortTitle(p.Title, 40)
		}
		if r := b.rank[loc]; r >= 0 {
			n.Introduces, n.Label = b.introduces(r, p.Name, n.Label)
		}
		if n.Label == "" {
			n.Label = n.ID
		}
		if p.External {
			n.Papers = int(citedBy)
		}
		return n
	case nodeExt:
		x := &b.ext[loc]
		kind, id := refKinds[x.kind], x.ref
		n := Node{ID: x.id, Kind: papergraph.KindPaper, URL: extURL(kind, id), External: true, Papers: int(x.papers), Community: -1}
		switch kind {
		case "arxiv":
			n.ArXiv = id
		case "doi":
			n.DOI = id
		}
		n.Title = x.titles.best()
		n.Label = shortTitle(n.Title, 40)
		if n.Label == "" {
			n.Label = kind + ":" + id
		}
		return n
	}
	a := &b.arts[loc]
	name := a.names.best()
	return Node{
		ID: a.key, Kind: a.kind, Label: name, Title: name, URL: artifactURL(a.kind, name),
		Family: a.families.best(), Papers: int(a.df), Community: -1,
	}
}

// roundWeight rounds a shares weight to four decimal places: enough to rank
// and draw links, and short in every output format (a full float64 costs
// about 12 more bytes per edge in each file, millions of times over).
func roundWeight(w float64) float64 {
	return math.Round(w*1e4) / 1e4
}

// shortTitle cuts a title to at most max runes at a word boundary, with an
// ellipsis when cut.
func shortTitle(title string, limit int) string {
	if !tidy(title) {
		title = strings.Join(strings.Fields(title), " ")
	}
	if utf8.RuneCountInString(title) <= limit {
		return title
	}
	cut, n := len(title), 0
	for i := range title {
		if n == limit-1 {
			cut = i
			break
		}
		n++
	}
	s := title[:cut]
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ,.;:-") + "…"
}

// tidy reports whether s is ASCII-spaced already: no leading, trailing or
// repeated spaces and no other white space (then Fields+Join is a no-op).
func tidy(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < ' ' || c >= 0x80:
			return false // control characters; Unicode spaces are left to strings.Fields
		}
	}
	return true
}

// paperURL links a paper: arXiv, then DOI, then its own URL when that is
// an http(s) link (never javascript: or other schemes).
func paperURL(p *papergraph.Paper) string {
	switch {
	case p.ArXiv != "":
		return "https://arxiv.org/abs/" + p.ArXiv
	case p.DOI != "":
		return "https://doi.org/" + p.DOI
	}
	u := strings.TrimSpace(p.URL)
	low := strings.ToLower(u)
	if (strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")) &&
		!strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return u
	}
	return ""
}

// arena makes strings in shared blocks of bytes, one allocation per block
// where evidence makes two per string (its bytes and the string's copy of
// them): a million papers' mentions are millions of evidence strings.
// Bytes a string was made of are never written again: appends write past
// them, and a block that grows is copied, the strings keeping the old one.
type arena struct{ buf []byte }

// arenaBlock is the size of an arena's blocks.
const arenaBlock = 64 << 10

// evidence returns evidence(e), made in a.
func (a *arena) evidence(e *papergraph.Entity) string {
	if need := len(e.Rule) + 2*len(e.Surface) + len(e.Source) + 32; cap(a.buf)-len(a.buf) < need {
		a.buf = make([]byte, 0, max(arenaBlock, need))
	}
	start := len(a.buf)
	a.buf = appendEvidence(a.buf, e)
	return unsafe.String(&a.buf[start], len(a.buf)-start)
}
