package extract

import (
	"sort"
	"unicode/utf8"
)

// trie matches folded aliases (see foldString) against text, walking from
// the start of each word: separators are skipped and ASCII letters
// lower-cased on the fly, so the text is never copied. Walking only from
// word starts does the word-boundary work of a scan with Aho-Corasick over
// the whole text at a fraction of its cost: the automaton of ~2,000 aliases
// has a table larger than the CPU caches.
type trie struct {
	root  [256]int32 // child of the root by byte; 0 = none
	nodes []trieNode
	edges []trieEdge // sorted by (node, byte)
	dense [][256]int32
}

type trieNode struct {
	first, n int32 // edges[first:first+n]
	pattern  int32 // pattern id + 1 ending here; 0 = none
	dense    int32 // index + 1 in trie.dense for nodes with many children
}

type trieEdge struct {
	b    byte
	next int32
}

// newTrie builds a trie of the patterns (already folded, distinct). It
// sorts them and lays the trie out depth-first from the sorted order, so
// each node's edges are contiguous and in byte order without per-node maps
// (building is part of every program's start-up).
func newTrie(patterns []string) *trie {
	order := make([]int32, len(patterns))
	size := 1 // nodes: at most one per pattern byte, plus the root
	for i, p := range patterns {
		order[i] = int32(i)
		size += len(p)
	}
	sort.Slice(order, func(i, j int) bool { return patterns[order[i]] < patterns[order[j]] })
	t := &trie{nodes: make([]trieNode, 1, size), edges: make([]trieEdge, 0, size)}
	// next returns the end of the run of order[i:hi] with byte c at depth.
	next := func(i, hi, depth int, c byte) int {
		for i < hi && patterns[order[i]][depth] == c {
			i++
		}
		return i
	}
	// build fills node n from order[lo:hi], the patterns that share their
	// first depth bytes.
	var build func(n int32, lo, hi, depth int)
	build = func(n int32, lo, hi, depth int) {
		if lo < hi && len(patterns[order[lo]]) == depth {
			t.nodes[n].pattern = order[lo] + 1
			lo++
		}
		first := len(t.edges)
		for i := lo; i < hi; i = next(i, hi, depth, patterns[order[i]][depth]) {
			t.edges = append(t.edges, trieEdge{b: patterns[order[i]][depth], next: int32(len(t.nodes))})
			t.nodes = append(t.nodes, trieNode{})
		}
		t.nodes[n].first, t.nodes[n].n = int32(first), int32(len(t.edges)-first)
		k := first
		for i := lo; i < hi; k++ {
			j := next(i, hi, depth, patterns[order[i]][depth])
			build(t.edges[k].next, i, j, depth+1)
			i = j
		}
	}
	build(0, 0, len(patterns), 0)
	for _, e := range t.edges[t.nodes[0].first : t.nodes[0].first+t.nodes[0].n] {
		t.root[e.b] = e.next
	}
	// Nodes with many children (the first letters of names) get a table.
	for i := range t.nodes {
		nd := &t.nodes[i]
		if nd.n > 6 {
			var tab [256]int32
			for _, e := range t.edges[nd.first : nd.first+nd.n] {
				tab[e.b] = e.next
			}
			t.dense = append(t.dense, tab)
			nd.dense = int32(len(t.dense))
		}
	}
	return t
}

func (t *trie) child(n int32, c byte) int32 {
	nd := &t.nodes[n]
	if nd.dense != 0 {
		return t.dense[nd.dense-1][c]
	}
	es := t.edges[nd.first : nd.first+nd.n]
	if len(es) <= 8 {
		for _, e := range es {
			if e.b == c {
				return e.next
			}
			if e.b > c {
				return 0
			}
		}
		return 0
	}
	i := sort.Search(len(es), func(i int) bool { return es[i].b >= c })
	if i < len(es) && es[i].b == c {
		return es[i].next
	}
	return 0
}

// match calls fn(pattern id, end offset) for every pattern that matches s
// at byte i, shortest first. Separators are skipped inside a match.
func (t *trie) match(s string, i int, fn func(id, end int)) {
	n := int32(0)
	for i < len(s) {
		c := s[i]
		w := 1
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '-' || c == '_' || c == '~' || c == '\t' || c == '\n' || c == '\r':
				if n == 0 {
					return
				}
				i++
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if isSep(r) {
				if n == 0 {
					return
				}
				i += size
				continue
			}
			if r == '\u2019' {
				c, w = '\'', size
			} else {
				// Multi-byte runes match byte by byte.
				for k := 0; k < size; k++ {
					if n == 0 {
						n = t.root[s[i+k]]
					} else {
						n = t.child(n, s[i+k])
					}
					if n == 0 {
						return
					}
				}
				i += size
				if p := t.nodes[n].pattern; p != 0 {
					fn(int(p-1), i)
				}
				continue
			}
		}
		if n == 0 {
			n = t.root[c]
		} else {
			n = t.child(n, c)
		}
		if n == 0 {
			return
		}
		i += w
		if p := t.nodes[n].pattern; p != 0 {
			fn(int(p-1), i)
		}
	}
}
