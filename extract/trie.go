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

// newTrie builds a trie of the patterns (already folded).
func newTrie(patterns []string) *trie {
	type bnode struct {
		kids    map[byte]int32
		pattern int32
	}
	b := []bnode{{kids: map[byte]int32{}}}
	for id, p := range patterns {
		n := int32(0)
		for i := 0; i < len(p); i++ {
			c, ok := b[n].kids[p[i]]
			if !ok {
				c = int32(len(b))
				b = append(b, bnode{kids: map[byte]int32{}})
				b[n].kids[p[i]] = c
			}
			n = c
		}
		b[n].pattern = int32(id + 1)
	}
	t := &trie{nodes: make([]trieNode, len(b))}
	for i, bn := range b {
		keys := make([]int, 0, len(bn.kids))
		for k := range bn.kids {
			keys = append(keys, int(k))
		}
		sort.Ints(keys)
		t.nodes[i] = trieNode{first: int32(len(t.edges)), n: int32(len(keys)), pattern: bn.pattern}
		for _, k := range keys {
			t.edges = append(t.edges, trieEdge{b: byte(k), next: bn.kids[byte(k)]})
		}
	}
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
