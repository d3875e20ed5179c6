package graph

import (
	"slices"

	"github.com/papergraph/papergraph"
)

// FamilyWeight scales what a shared family adds to a shares edge: papers
// naming two members of one family (Qwen3-8B and Qwen3-14B, a benchmark's
// 2024 and 2025 editions), or a member and the family itself, share the
// family with FamilyWeight × ln(1 + N/df), df the papers naming any of
// its members, where a shared artifact adds ln(1 + N/df) in full. Papers
// naming the same member share the family too, so an exact match always
// weighs more than a family match alone. The family is listed in the
// edge's Shared as "family:" + kind + ":" + the family's name in lower
// case ("family:model:qwen3").
const FamilyWeight = 0.5

// FamilyPrefix starts the Shared entries that name a family.
const FamilyPrefix = "family:"

// families gives every unfolded artifact that belongs to a family (its
// Family, or itself when its name is another artifact's family) a family
// index, and names the families; -1 for the others.
func (b *builder) families() (famOf []int32, names []string) {
	famOf = make([]int32, len(b.arts))
	byKey := map[string]int32{}
	fam := make([]string, len(b.arts))
	for a := range b.arts {
		if f := b.arts[a].families.best(); f != "" && !b.arts[a].folded {
			fam[a] = papergraph.EntityKey(b.arts[a].kind, f)
			byKey[fam[a]] = -1
		}
	}
	for a := range b.arts {
		if _, ok := byKey[b.arts[a].key]; ok && fam[a] == "" && !b.arts[a].folded {
			fam[a] = b.arts[a].key
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		byKey[k] = int32(i)
		names = append(names, FamilyPrefix+k)
	}
	for a := range b.arts {
		famOf[a] = -1
		if fam[a] != "" {
			famOf[a] = byKey[fam[a]]
		}
	}
	return famOf, names
}
