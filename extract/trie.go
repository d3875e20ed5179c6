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
//
// Nodes are laid out in pre-order, 8 bytes each: a node's first child is
// the node after it and its other children follow as siblings, in byte
// order. Nine nodes in ten have one child, so a walk down a name mostly
// reads the next 8 bytes of memory (the trie of the built-in lists, 75,000
// nodes, takes 900 KB with the pattern ids, against 1.8 MB for nodes
// pointing into a separate array of edges).
type trie struct {
	root    [256]int32 // child of the root by byte; 0 = none
	nodes   []trieNode
	pattern []int32 // pattern id + 1 ending at each node; 0 = none
	dense   [][256]int32
}

type trieNode struct {
	next  int32  // the next sibling, 0 = none
	dense uint16 // index + 1 in trie.dense for nodes with many children
	b     byte   // the byte on the edge into the node
	flags byte   // nodeKids, nodePattern
}

const (
	nodeKids    = 1 << iota // the node has children (the first is the next node)
	nodePattern             // a pattern ends at the node
)

// newTrie builds a trie of the patterns (already folded, distinct). It
// sorts them and lays the trie out depth-first from the sorted order, so
// each node's children are found without per-node maps (building is part
// of every program's start-up).
func newTrie(patterns []string) *trie {
	order := make([]int32, len(patterns))
	size := 1 // nodes: at most one per pattern byte, plus the root
	for i, p := range patterns {
		order[i] = int32(i)
		size += len(p)
	}
	sort.Slice(order, func(i, j int) bool { return patterns[order[i]] < patterns[order[j]] })
	t := &trie{nodes: make([]trieNode, 1, size)}
	pattern := make([]int32, 1, size)
	// next returns the end of the run of order[i:hi] with byte c at depth.
	next := func(i, hi, depth int, c byte) int {
		for i < hi && patterns[order[i]][depth] == c {
			i++
		}
		return i
	}
	// build fills node n from order[lo:hi], the patterns that share their
	// first depth bytes, and appends its subtree.
	var build func(n int32, lo, hi, depth int)
	build = func(n int32, lo, hi, depth int) {
		if lo < hi && len(patterns[order[lo]]) == depth {
			pattern[n] = order[lo] + 1
			t.nodes[n].flags |= nodePattern
			lo++
		}
		if lo < hi {
			t.nodes[n].flags |= nodeKids
		}
		prev, kids := int32(0), 0
		for i := lo; i < hi; kids++ {
			c := patterns[order[i]][depth]
			j := next(i, hi, depth, c)
			k := int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{b: c})
			pattern = append(pattern, 0)
			if prev != 0 {
				t.nodes[prev].next = k
			}
			build(k, i, j, depth+1)
			prev, i = k, j
		}
		if kids > 6 && n != 0 {
			// Nodes with many children (the first letters of names) get a table.
			var tab [256]int32
			for k := n + 1; k != 0; k = t.nodes[k].next {
				tab[t.nodes[k].b] = k
			}
			t.dense = append(t.dense, tab)
			t.nodes[n].dense = uint16(len(t.dense))
		}
	}
	build(0, 0, len(patterns), 0)
	if t.nodes[0].flags&nodeKids != 0 {
		for k := int32(1); k != 0; k = t.nodes[k].next {
			t.root[t.nodes[k].b] = k
		}
	}
	if len(t.dense) >= 1<<16 {
		panic("extract: trie: too many dense nodes") // not reached: one per 7 patterns at most
	}
	t.pattern = pattern
	return t
}

// child returns the child of node n (not the root) by byte c, or 0.
func (t *trie) child(n int32, c byte) int32 {
	nd := t.nodes[n]
	if nd.flags&nodeKids == 0 {
		return 0
	}
	if nd.dense != 0 {
		return t.dense[nd.dense-1][c]
	}
	for k := n + 1; ; {
		b := t.nodes[k].b
		if b == c {
			return k
		}
		if b > c {
			return 0
		}
		if k = t.nodes[k].next; k == 0 {
			return 0
		}
	}
}

// step returns the node after n (0: the root) by byte c, or 0.
func (t *trie) step(n int32, c byte) int32 {
	if n == 0 {
		return t.root[c]
	}
	return t.child(n, c)
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
					if n = t.step(n, s[i+k]); n == 0 {
						return
					}
				}
				i += size
				if t.nodes[n].flags&nodePattern != 0 {
					fn(int(t.pattern[n]-1), i)
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
		if t.nodes[n].flags&nodePattern != 0 {
			fn(int(t.pattern[n]-1), i)
		}
	}
}
