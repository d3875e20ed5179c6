package graph

import (
	"slices"
	"strings"
)

// number gives every node its global index: the position of its ID in
// sorted order, so that sorting by index sorts by ID.
func (b *builder) number() error {
	artOrder := make([]int32, 0, len(b.arts)-b.folded)
	for i := range b.arts {
		if !b.arts[i].folded {
			artOrder = append(artOrder, int32(i))
		}
	}
	slices.SortFunc(artOrder, func(x, y int32) int { return strings.Compare(b.arts[x].key, b.arts[y].key) })
	b.nodes = len(b.slotID) + len(b.ext) + len(artOrder)
	b.slotG = make([]int32, len(b.slotID))
	b.extG = make([]int32, len(b.ext))
	b.artG = make([]int32, len(b.arts))
	b.nodeKind = make([]uint8, b.nodes)
	b.nodeLoc = make([]int32, b.nodes)
	i, j, k := 0, 0, 0
	for g := 0; g < b.nodes; g++ {
		// Pick the smallest of the three heads.
		kind, best := uint8(255), ""
		if i < len(b.slotID) {
			kind, best = nodeSlot, b.slotID[i]
		}
		if j < len(b.ext) && (kind == 255 || b.ext[j].id < best) {
			kind, best = nodeExt, b.ext[j].id
		}
		if k < len(artOrder) && (kind == 255 || b.arts[artOrder[k]].key < best) {
			kind = nodeArt
		}
		b.nodeKind[g] = kind
		switch kind {
		case nodeSlot:
			b.slotG[i], b.nodeLoc[g] = int32(g), int32(i)
			i++
		case nodeExt:
			b.extG[j], b.nodeLoc[g] = int32(g), int32(j)
			j++
		default:
			a := artOrder[k]
			b.artG[a], b.nodeLoc[g] = int32(g), a
			k++
		}
	}
	// A folded artifact stands for its introducing paper.
	for a := range b.arts {
		if r := b.arts[a].introducer; b.arts[a].folded {
			b.artG[a] = b.slotG[b.batch[r]]
		}
	}
	return nil
}
