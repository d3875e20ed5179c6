package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
)

// paperSlots sorts the input papers by key and gives duplicate keys of
// different papers a suffix.
func (b *builder) paperSlots() error {
	n := len(b.in)
	if n > 1<<30 {
		return fmt.Errorf("graph: %d papers: %w", n, ErrBadInput)
	}
	keys := make([]string, n)
	parallel(n, 4096, b.opt.workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = b.in[i].Key()
		}
	})
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	cmpSlot := func(x, y int32) int {
		if c := strings.Compare(keys[x], keys[y]); c != 0 {
			return c
		}
		return comparePapers(&b.in[x], &b.in[y])
	}
	slices.SortFunc(order, cmpSlot)
	ids := make([]string, n)
	for i, o := range order {
		ids[i] = keys[o]
	}
	// Suffix duplicates: every ID taken so far is avoided.
	dup := false
	for i := 1; i < n; i++ {
		if ids[i] == ids[i-1] {
			dup = true
			break
		}
	}
	if dup {
		taken := make(map[string]bool, n)
		for _, id := range ids {
			taken[id] = true
		}
		for i := 0; i < n; {
			j := i + 1
			for j < n && keys[order[j]] == keys[order[i]] {
				j++
			}
			for k, s := i+1, 2; k < j; k++ {
				for {
					cand := keys[order[i]] + "#" + strconv.Itoa(s)
					s++
					if !taken[cand] {
						taken[cand] = true
						ids[k] = cand
						b.renamed++
						break
					}
				}
			}
			i = j
		}
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(x, y int32) int { return strings.Compare(ids[x], ids[y]) })
		ids2 := make([]string, n)
		order2 := make([]int32, n)
		for i, x := range idx {
			ids2[i], order2[i] = ids[x], order[x]
		}
		ids, order = ids2, order2
		b.opt.log.Debug("graph: duplicate paper keys", "renamed", b.renamed)
	}
	b.slotID, b.slotIn = ids, order
	b.slotKey = make([]string, n)
	for s, in := range order {
		b.slotKey[s] = keys[in]
	}
	b.rank = make([]int32, n)
	for s, in := range order {
		if b.in[in].External {
			b.rank[s] = -1
			continue
		}
		b.rank[s] = int32(len(b.batch))
		b.batch = append(b.batch, int32(s))
	}
	return nil
}

// comparePapers orders papers with the same key by content, so the order
// (and the suffixes) do not depend on input order.
func comparePapers(a, b *papergraph.Paper) int {
	return cmp.Or(
		strings.Compare(a.Title, b.Title),
		strings.Compare(a.ID, b.ID),
		strings.Compare(a.ArXiv, b.ArXiv),
		strings.Compare(a.DOI, b.DOI),
		strings.Compare(a.OpenAlex, b.OpenAlex),
		strings.Compare(a.S2, b.S2),
		cmp.Compare(a.Year, b.Year),
		strings.Compare(a.URL, b.URL),
		strings.Compare(a.Name, b.Name),
		slices.Compare(a.Authors, b.Authors),
		cmpBool(a.External, b.External),
		slices.CompareFunc(a.Entities, b.Entities, compareEntities),
		slices.CompareFunc(a.Refs, b.Refs, compareRefs),
		slices.CompareFunc(a.Links, b.Links, func(x, y papergraph.Link) int {
			return cmp.Or(strings.Compare(x.URL, y.URL), strings.Compare(x.Source, y.Source))
		}),
	)
}

func compareEntities(a, b papergraph.Entity) int {
	return cmp.Or(
		strings.Compare(string(a.Kind), string(b.Kind)),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.Surface, b.Surface),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		strings.Compare(a.Rule, b.Rule),
		cmpBool(a.Introduced, b.Introduced),
		strings.Compare(a.Family, b.Family),
		strings.Compare(a.Source, b.Source),
	)
}

func compareRefs(a, b papergraph.Ref) int {
	return cmp.Or(
		strings.Compare(a.ArXiv, b.ArXiv),
		strings.Compare(a.DOI, b.DOI),
		strings.Compare(a.OpenAlex, b.OpenAlex),
		strings.Compare(a.S2, b.S2),
		strings.Compare(a.Paper, b.Paper),
		strings.Compare(a.Artifact, b.Artifact),
		strings.Compare(a.Title, b.Title),
		strings.Compare(a.Surface, b.Surface),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		strings.Compare(a.Source, b.Source),
	)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
