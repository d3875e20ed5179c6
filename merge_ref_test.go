package papergraph

import "slices"

// mergeRef is Merge as it was at 78ea333, before its key tables: the
// reference TestMergeHashCollisions holds Merge to. Each key's records
// are found in maps of the keys themselves, so that no hash is involved.
func mergeRef(papers []Paper) ([]Paper, MergeStats) {
	st := MergeStats{In: len(papers)}
	parent := make([]int, len(papers))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	keys := make([]refKeys, len(papers))
	for i := range papers {
		k := &keys[i]
		k.arxiv, k.doi, k.openAlex, k.s2, k.title = mergeIDs(&papers[i])
		if k.openAlex != "" {
			k.openAlex = "openalex:" + k.openAlex
		}
		if k.s2 != "" {
			k.s2 = "s2:" + k.s2
		}
	}
	// Identity of each group, at its root.
	arxiv := make([]string, len(papers))
	doi := make([]string, len(papers))
	for i, k := range keys {
		arxiv[i], doi[i] = k.arxiv, k.doi
	}
	union := func(a, b int) bool {
		ra, rb := find(a), find(b)
		if ra == rb {
			return false
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		if arxiv[ra] == "" {
			arxiv[ra] = arxiv[rb]
		}
		if doi[ra] == "" {
			doi[ra] = doi[rb]
		}
		return true
	}
	conflict := func(a, b string) bool { return a != "" && b != "" && a != b }

	// Equal arXiv ids always join. The other keys join a record to the
	// first compatible group among those its key already met; to make that
	// choice independent of input order, the records of one key are taken
	// in content order (compareRecords) and the keys in sorted order.
	byArXiv := map[string]int{}
	for i, k := range keys {
		if a := k.arxiv; a != "" {
			if j, ok := byArXiv[a]; ok {
				if union(j, i) {
					st.ByArXiv++
				}
			} else {
				byArXiv[a] = i
			}
		}
	}
	// joinBuckets joins the records of each key (keys gives a record's
	// keys, "" for none) as the rule says, counting the joins in *n.
	joinBuckets := func(kindKeys func(k *refKeys) [2]string, compatible func(a, b int) bool, n *int) {
		// Most keys are a single record's: only those of several get a
		// bucket, which holds their records in input order.
		size := 0
		for i := range keys {
			for _, k := range kindKeys(&keys[i]) {
				if k != "" {
					size++
				}
			}
		}
		first := make(map[string]int, size)
		buckets := map[string][]int{}
		for i := range keys {
			for _, k := range kindKeys(&keys[i]) {
				if k == "" {
					continue
				}
				j, ok := first[k]
				switch {
				case !ok:
					first[k] = i
				case buckets[k] == nil:
					buckets[k] = []int{j, i}
				default:
					buckets[k] = append(buckets[k], i)
				}
			}
		}
		names := make([]string, 0, len(buckets))
		for k := range buckets {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			b := buckets[k]
			slices.SortStableFunc(b, func(x, y int) int { return compareRecords(&papers[x], &papers[y]) })
			var roots []int // the groups met under this key, in the order met
			for _, i := range b {
				joined := false
				for ri, r := range roots {
					if r = find(r); find(i) == r {
						joined = true
						break
					} else if compatible(r, find(i)) {
						if union(r, i) {
							*n++
						}
						roots[ri] = find(i)
						joined = true
						break
					}
				}
				if !joined && len(roots) < maxGroupsPerKey {
					roots = append(roots, find(i))
				}
			}
		}
	}
	conflictIDs := func(a, b int) bool { return conflict(arxiv[a], arxiv[b]) || conflict(doi[a], doi[b]) }
	joinBuckets(func(k *refKeys) [2]string { return [2]string{k.doi} },
		func(a, b int) bool { return !conflict(arxiv[a], arxiv[b]) }, &st.ByDOI)
	joinBuckets(func(k *refKeys) [2]string { return [2]string{k.openAlex, k.s2} },
		func(a, b int) bool { return !conflictIDs(a, b) }, &st.BySourceID)
	joinBuckets(func(k *refKeys) [2]string { return [2]string{k.title} },
		func(a, b int) bool { return !conflictIDs(a, b) }, &st.ByTitle)

	if st.ByArXiv+st.ByDOI+st.BySourceID+st.ByTitle == 0 {
		// Nothing merges (the common case): no grouping, no copy.
		st.Out = len(papers)
		return papers, st
	}
	// Groups in order of their root, members in input order: count, then
	// place (no map of slices, which costs seconds at a million papers).
	root := make([]int, len(papers))
	size := make([]int, len(papers)+1)
	for i := range papers {
		root[i] = find(i)
		size[root[i]+1]++
	}
	for r := range papers {
		size[r+1] += size[r]
	}
	order := make([]int, len(papers))
	next := slices.Clone(size[:len(papers)])
	for i, r := range root {
		order[next[r]] = i
		next[r]++
	}
	out := make([]Paper, 0, len(papers))
	var members []Paper
	for r := range papers {
		group := order[size[r]:size[r+1]]
		switch len(group) {
		case 0:
		case 1:
			out = append(out, papers[group[0]])
		default:
			members = members[:0]
			for _, i := range group {
				members = append(members, papers[i])
			}
			out = append(out, fold(members))
		}
	}
	st.Out = len(out)
	st.Merged = st.In - st.Out
	return out, st
}

// refKeys are what identifies a record to mergeRef ([mergeIDs]),
// with its source ids prefixed by their kind ("openalex:W1", "s2:ab12")
// so that both share one bucket map; "" for each it has none of.
type refKeys struct {
	arxiv, doi, openAlex, s2, title string
}
