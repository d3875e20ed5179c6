package papergraph

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// MergeStats counts what [Merge] did.
type MergeStats struct {
	In      int // papers given
	Out     int // papers returned
	Merged  int // papers folded into an earlier one (In - Out)
	ByArXiv int // merges made on an equal arXiv id
	ByDOI   int // merges made on an equal DOI
	// BySourceID counts merges made on an equal OpenAlex or Semantic
	// Scholar id.
	BySourceID int
	ByTitle    int // merges made on an equal normalised title
}

// Merge folds records of the same paper into one and returns the papers
// in first-seen order. Two records are the same paper when, in this
// order of precedence, they have
//
//  1. the same arXiv id (readers strip versions and turn
//     10.48550/arXiv.* DOIs into arXiv ids; old-style ids such as
//     hep-th/9901001 included);
//  2. the same DOI (compared in lower case, resolver prefixes removed),
//     unless their arXiv ids differ;
//  3. the same OpenAlex work id or Semantic Scholar paperId, unless their
//     arXiv ids or DOIs differ;
//  4. the same normalised title (lower case, letters and digits only, at
//     least 3 words and 12 letters), unless their arXiv ids or their DOIs
//     differ.
//
// Matching is transitive: a record that shares an arXiv id with one paper
// and a title with another joins all three, unless that would join
// different arXiv ids. When a record could join several groups that
// cannot join each other (one title, two arXiv ids), it joins the first
// in content order, so input order never decides.
//
// The merged paper does not depend on the input order either. Its records
// are ranked: the richest (most fields filled) first, ties by source
// priority (a record with an arXiv id, then a DOI, an OpenAlex id, a
// Semantic Scholar id), then by content. It keeps the longest abstract
// followed by the sentences of the other abstracts it lacks (so that
// what only they name is still found; entities then come from extraction
// over the whole text), the title, source ids, year and URL of the best
// record that has them, the union of authors (spelling variants of one
// name are kept once, the longer spelling), links (by URL) and refs (by
// their id). Pos is the first record's in input order (where the paper
// was first seen); External holds only if every record is external. Merge does not modify papers, and returns papers
// itself when nothing merges; it is safe for concurrent use.
//
// Merge before extraction: entities index the abstract they were found
// in, so a merged paper keeps only the entities of the record whose
// abstract it kept.
func Merge(papers []Paper) ([]Paper, MergeStats) {
	out, _, st := merge(papers, ^uint64(0), false)
	return out, st
}

// Origins tells where each paper [MergeFrom] returns comes from: the
// index, in the records given, of the one record that the paper is,
// unchanged, or -1 for a paper folded from several records.
type Origins []int

// MergeFrom is [Merge] that also tells where each paper it returns comes
// from: from[k] is the index in papers of the one record that out[k] is,
// or -1 when out[k] folds several records. from is nil when nothing
// merged: out is then papers itself. A caller that has worked out
// something from each record (its extraction, say) can so give it to the
// papers that are that record and work out again only the folds.
func MergeFrom(papers []Paper) (out []Paper, from Origins, st MergeStats) {
	return merge(papers, ^uint64(0), true)
}

// merge is [MergeFrom] with each key's hash anded with hashMask (and 1 for
// a hash that comes out 0): tests mask the hashes to few bits, so that
// different keys share a hash and only the keys' comparison keeps them
// apart. It makes from only when withFrom is set.
func merge(papers []Paper, hashMask uint64, withFrom bool) (out []Paper, from Origins, st MergeStats) {
	st = MergeStats{In: len(papers)}
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
	// Each record's keys, worked out once (on all cores: normalising the
	// titles of a million records takes seconds) and hashed; a key's
	// records are found by its hash and told equal by the key itself.
	keys := keysOf(papers, maphash.MakeSeed(), hashMask)
	// Identity of each group, at its root. The arXiv and DOI tables below
	// compare these ids as the records' keys: a record in a table has an
	// id of its kind, and union fills only a root's empty id, so that
	// record's id stays its own.
	arxiv, doi := keys.arxiv, keys.doi
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
	byArXiv := newKeyTable(keys.count(keyArXiv), len(papers))
	for i := range papers {
		if h := keys.hash[i][keyArXiv]; h != 0 {
			j := byArXiv.put(h, i, func(j int) bool { return keys.hash[j][keyArXiv] == h && arxiv[j] == arxiv[i] })
			if j != i && union(j, i) {
				st.ByArXiv++
			}
		}
	}
	// joinBuckets joins the records of each key of the kinds given as the
	// rule says, counting the joins in *n.
	joinBuckets := func(kinds []int, compatible func(a, b int) bool, n *int) {
		// Most keys are a single record's: only those of several get a
		// bucket, which holds their records in input order. The table
		// holds the keys' occurrences, i*len(kinds)+the kind's place,
		// below len(papers)*len(kinds): its span, which past 1<<32 leaves
		// fewer of a hash's bits in a slot, never an occurrence cut short.
		w := len(kinds)
		size := 0
		for _, k := range kinds {
			size += keys.count(k)
		}
		first := newKeyTable(size, len(papers)*w)
		// keyAt is record i's key of kind: its DOI as the DOI table
		// compares it, made again for the others (titles are not kept).
		keyAt := func(i, kind int) string {
			if kind == keyDOI {
				return doi[i]
			}
			return keyOf(&papers[i], kind)
		}
		buckets := map[int][]int{} // by the first occurrence of their key
		for i := range papers {
			for s, kind := range kinds {
				h := keys.hash[i][kind]
				if h == 0 {
					continue
				}
				key := "" // i's, once a hash is equal
				o := i*w + s
				j := first.put(h, o, func(j int) bool {
					if keys.hash[j/w][kinds[j%w]] != h {
						return false
					}
					if key == "" {
						key = keyAt(i, kind)
					}
					return keyAt(j/w, kinds[j%w]) == key
				})
				if j == o {
					continue
				}
				if b, ok := buckets[j]; ok {
					buckets[j] = append(b, i)
				} else {
					buckets[j] = []int{j / w, i}
				}
			}
		}
		type bucket struct {
			key     string
			records []int
		}
		sorted := make([]bucket, 0, len(buckets))
		for j, b := range buckets {
			sorted = append(sorted, bucket{keyAt(j/w, kinds[j%w]), b})
		}
		slices.SortFunc(sorted, func(a, b bucket) int { return strings.Compare(a.key, b.key) })
		for _, sb := range sorted {
			b := sb.records
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
	joinBuckets([]int{keyDOI}, func(a, b int) bool { return !conflict(arxiv[a], arxiv[b]) }, &st.ByDOI)
	joinBuckets([]int{keyOpenAlex, keyS2}, func(a, b int) bool { return !conflictIDs(a, b) }, &st.BySourceID)
	joinBuckets([]int{keyTitle}, func(a, b int) bool { return !conflictIDs(a, b) }, &st.ByTitle)

	if st.ByArXiv+st.ByDOI+st.BySourceID+st.ByTitle == 0 {
		// Nothing merges (the common case): no grouping, no copy.
		st.Out = len(papers)
		return papers, nil, st
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
	out = make([]Paper, 0, len(papers))
	if withFrom {
		from = make(Origins, 0, len(papers))
	}
	var members []Paper
	for r := 0; r < len(papers); r++ {
		group := order[size[r]:size[r+1]]
		switch len(group) {
		case 0:
		case 1:
			// A paper of one record is its own root: copy the run of
			// them that starts here at once.
			end := r + 1
			for end < len(papers) && size[end+1]-size[end] == 1 && root[end] == end {
				end++
			}
			out = append(out, papers[r:end]...)
			if withFrom {
				for i := r; i < end; i++ {
					from = append(from, i)
				}
			}
			r = end - 1
		default:
			members = members[:0]
			for _, i := range group {
				members = append(members, papers[i])
			}
			out = append(out, fold(members))
			if withFrom {
				from = append(from, -1)
			}
		}
	}
	st.Out = len(out)
	st.Merged = st.In - st.Out
	return out, from, st
}

// The kinds of key [Merge] joins records by, in the order of
// [recordKeys.hash].
const (
	keyArXiv = iota
	keyDOI
	keyOpenAlex
	keyS2
	keyTitle
	keyKinds
)

// recordKeys are what identifies each record to [Merge] ([mergeIDs]): its
// canonical arXiv id and DOI, and the hash of each of its keys ([keyOf]),
// 0 for a key it has none of. The normalised titles are hashed as they
// are made, never kept: [keyOf] makes a title again for the few records
// whose hashes are equal.
type recordKeys struct {
	arxiv, doi []string
	hash       [][keyKinds]uint64
}

// count returns how many records have a key of kind.
func (k *recordKeys) count(kind int) int {
	n := 0
	for i := range k.hash {
		if k.hash[i][kind] != 0 {
			n++
		}
	}
	return n
}

// keysOf returns the keys of papers, hashed with seed and anded with
// hashMask (see [merge]), worked out on GOMAXPROCS goroutines.
func keysOf(papers []Paper, seed maphash.Seed, hashMask uint64) recordKeys {
	keys := recordKeys{arxiv: make([]string, len(papers)), doi: make([]string, len(papers)),
		hash: make([][keyKinds]uint64, len(papers))}
	const chunk = 4096
	var next atomic.Int64
	work := func() {
		var title []byte // the normalised title, made again for each record
		for {
			lo := int(next.Add(chunk)) - chunk
			if lo >= len(papers) {
				return
			}
			for i := lo; i < min(lo+chunk, len(papers)); i++ {
				keys.hash[i], keys.arxiv[i], keys.doi[i], title = hashKeys(&papers[i], seed, hashMask, title)
			}
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(papers)+chunk-1)/chunk) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return keys
}

// hashKeys returns the hash of each of p's keys, hashed with seed and
// anded with hashMask (0 for a key it has none of), and its canonical
// arXiv id and DOI. title is a buffer for the normalised title, returned
// to be used again.
func hashKeys(p *Paper, seed maphash.Seed, hashMask uint64, title []byte) (h [keyKinds]uint64, arxiv, doi string, _ []byte) {
	hash := func(s string) uint64 {
		if s == "" {
			return 0
		}
		return max(maphash.String(seed, s)&hashMask, 1)
	}
	arxiv, doi = canonArXiv(*p), canonDOI(*p)
	h[keyArXiv], h[keyDOI] = hash(arxiv), hash(doi)
	if p.OpenAlex != "" {
		h[keyOpenAlex] = hash(keyOf(p, keyOpenAlex))
	}
	if p.S2 != "" {
		h[keyS2] = hash(keyOf(p, keyS2))
	}
	if title = appendNormTitle(title[:0], p.Title); len(title) > 0 {
		h[keyTitle] = max(maphash.Bytes(seed, title)&hashMask, 1)
	}
	return h, arxiv, doi, title
}

// SeenKeys is a set of the keys [Merge] joins records by (arXiv id, DOI,
// source ids, normalised title), held as hashes: it tells, as records
// come one by one, whether a record may fold with one that came before
// it, so that a caller working something out of each record before the
// merge (its extraction, say) can leave out the records likely to fold.
// Its zero value is an empty set; it is not safe for concurrent use.
type SeenKeys struct {
	seed  maphash.Seed
	seen  map[uint64]struct{} // each key's hash, the kind in its low bits
	title []byte              // the normalised title's buffer
}

// Add adds p's keys to the set and reports whether one of them was
// added before: p then shares a key with an earlier record, and may fold
// with it. Two keys of a hash are taken as one, so a record may be seen
// that Merge keeps apart (one in 2^61 or so), never the other way round.
func (s *SeenKeys) Add(p *Paper) (seen bool) {
	if s.seen == nil {
		s.seed, s.seen = maphash.MakeSeed(), map[uint64]struct{}{}
	}
	var h [keyKinds]uint64
	h, _, _, s.title = hashKeys(p, s.seed, ^uint64(0), s.title)
	for kind, k := range h {
		if k == 0 {
			continue
		}
		k = k&^7 | uint64(kind) // keys of two kinds are never one
		if _, ok := s.seen[k]; ok {
			seen = true
		} else {
			s.seen[k] = struct{}{}
		}
	}
	return seen
}

// keyOf returns p's key of kind as [Merge] compares it, "" for none: the
// ids [mergeIDs] gives, the source ids prefixed by their kind
// ("openalex:W1", "s2:ab12") so that both can share one table.
func keyOf(p *Paper, kind int) string {
	switch kind {
	case keyArXiv:
		return canonArXiv(*p)
	case keyDOI:
		return canonDOI(*p)
	case keyOpenAlex:
		if p.OpenAlex != "" {
			return "openalex:" + canonOpenAlex(*p)
		}
	case keyS2:
		if p.S2 != "" {
			return "s2:" + canonS2(*p)
		}
	case keyTitle:
		return normTitle(p.Title)
	}
	return ""
}

// A keyTable finds, for each occurrence of a key put in it, the first
// occurrence of an equal key: an open-addressing table of occurrences by
// their keys' hashes, in which the caller tells whether the keys of equal
// hashes are equal. A slot holds an occurrence o as o+1 in its low bits
// (32, or as many as the table's span needs) and the hash's bits above
// those in the rest (the hash's low bits pick the slot). It holds at most
// its size occurrences, each below its span; a span of 1<<32 or more
// leaves fewer bits of the hash in a slot, so that more keys are compared,
// never an occurrence cut short.
type keyTable struct {
	slots []uint64 // the hash's upper bits <<shift | the occurrence+1; 0 when empty
	mask  uint64   // len(slots)-1
	shift uint     // the bits of an occurrence+1
}

// newKeyTable returns a table for size occurrences below span, at most
// half full.
func newKeyTable(size, span int) keyTable {
	n := 8
	for n < 2*size {
		n *= 2
	}
	return keyTable{slots: make([]uint64, n), mask: uint64(n - 1), shift: uint(max(32, bits.Len64(uint64(span))))}
}

// put returns the first occurrence put before whose key equal says is
// o's, or o (which it puts) when there is none. h is o's key's hash;
// equal is asked only of occurrences whose hashes share their upper bits.
func (t *keyTable) put(h uint64, o int, equal func(prev int) bool) int {
	tag := h >> t.shift
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = tag<<t.shift | uint64(o+1)
			return o
		}
		if s>>t.shift == tag {
			if prev := int(s&(1<<t.shift-1)) - 1; equal(prev) {
				return prev
			}
		}
	}
}

// mergeIDs returns what identifies p to [Merge], as [MergeKeys] documents
// it: its canonical arXiv id and DOI, its OpenAlex id in upper case, its
// Semantic Scholar id in lower case and its normalised title, "" for each
// it has none of. MergeKeys takes its keys from here and Merge from
// [keyOf], and both from canonArXiv, canonDOI, canonOpenAlex, canonS2 and
// normTitle, so that an engine that merges by MergeKeys joins what Merge
// joins.
func mergeIDs(p *Paper) (arxiv, doi, openAlex, s2, title string) {
	return canonArXiv(*p), canonDOI(*p), canonOpenAlex(*p), canonS2(*p), normTitle(p.Title)
}

// canonOpenAlex is p's OpenAlex id as Merge compares it: in upper case.
func canonOpenAlex(p Paper) string { return strings.ToUpper(p.OpenAlex) }

// canonS2 is p's Semantic Scholar id as Merge compares it: in lower case.
func canonS2(p Paper) string { return strings.ToLower(p.S2) }

func canonArXiv(p Paper) string {
	if a, ok := NormalizeArXiv(p.ArXiv); ok {
		return a
	}
	if a, ok := NormalizeArXiv(p.DOI); ok {
		return a
	}
	return ""
}

func canonDOI(p Paper) string {
	d, ok := NormalizeDOI(p.DOI)
	if !ok {
		return ""
	}
	if _, arx := NormalizeArXiv(d); arx {
		return ""
	}
	return d
}

// normTitle lower-cases a title and keeps its letters and digits, one
// space between words; titles of fewer than 3 words or 12 letters and
// digits give "" (too generic to identify a paper: "Introduction").
func normTitle(t string) string {
	return string(appendNormTitle(make([]byte, 0, len(t)), t))
}

// appendNormTitle appends [normTitle] of t to dst (nothing when it is "").
func appendNormTitle(dst []byte, t string) []byte {
	if ascii(t) {
		return appendNormTitleASCII(dst, t)
	}
	return appendNormTitleRunes(dst, t)
}

// appendNormTitleRunes is appendNormTitle of any title.
func appendNormTitleRunes(dst []byte, t string) []byte {
	start := len(dst)
	n, words := 0, 0
	space := true
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space {
				words++
				if len(dst) > start {
					dst = append(dst, ' ')
				}
			}
			space = false
			dst = utf8.AppendRune(dst, r)
			n++
		} else if !unicode.Is(unicode.Mn, r) {
			space = true
		}
	}
	if n < 12 || words < 3 {
		return dst[:start]
	}
	return dst
}

// ascii reports whether s is ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendNormTitleASCII is appendNormTitle of an ASCII title, in one pass
// over its bytes: the letters and digits of ASCII are [a-zA-Z0-9], and it
// has no marks.
func appendNormTitleASCII(dst []byte, t string) []byte {
	start := len(dst)
	n, words := 0, 0
	space := true
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			space = true
			continue
		}
		if space {
			words++
			if len(dst) > start {
				dst = append(dst, ' ')
			}
		}
		space = false
		dst = append(dst, c)
		n++
	}
	if n < 12 || words < 3 {
		return dst[:start]
	}
	return dst
}

// maxGroupsPerKey bounds the groups of different identity one key (a DOI,
// a title) is compared with, so that a title shared by thousands of
// different papers costs linear time.
const maxGroupsPerKey = 64

// fold merges the records of one paper, given in input order. The result
// does not depend on that order: the records are ranked (see
// [rankRecords]) and each field is taken from the best record that has
// it.
func fold(ps []Paper) Paper {
	if len(ps) == 1 {
		return ps[0]
	}
	pos := ps[0].Pos // where the paper was first seen
	ps = slices.Clone(ps)
	rankRecords(ps)
	m := ps[0]
	m.Pos = pos
	m.Links = append([]Link(nil), m.Links...)
	m.Refs = append([]Ref(nil), m.Refs...)
	m.Authors = append([]string(nil), m.Authors...)
	// The abstract: the longest (by rank among equals), then the
	// sentences of the others it lacks, so that what only they name is
	// still found. Entities follow the abstract they index.
	best := 0
	for i, p := range ps {
		if utf8.RuneCountInString(p.Abstract) > utf8.RuneCountInString(ps[best].Abstract) {
			best = i
		}
	}
	m.Abstract, m.Entities = ps[best].Abstract, ps[best].Entities
	for i, p := range ps {
		if i != best {
			if extra := missingSentences(m.Abstract, p.Abstract); extra != "" {
				m.Abstract += " " + extra
				m.Entities = nil // found again by extraction over the whole text
			}
		}
	}
	for _, p := range ps[1:] {
		firstString(&m.ID, p.ID)
		firstString(&m.Title, p.Title)
		firstString(&m.ArXiv, p.ArXiv)
		firstString(&m.DOI, p.DOI)
		firstString(&m.OpenAlex, p.OpenAlex)
		firstString(&m.S2, p.S2)
		firstString(&m.URL, p.URL)
		firstString(&m.Name, p.Name)
		if m.Year == 0 {
			m.Year = p.Year
		}
		m.External = m.External && p.External
		m.Authors = unionAuthors(m.Authors, p.Authors)
		m.Links = unionBy(m.Links, p.Links, func(l Link) string {
			return strings.TrimSuffix(strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(l.URL, "https://"), "http://")), "/")
		})
		m.Refs = unionBy(m.Refs, p.Refs, refKey)
	}
	return m
}

// rankRecords orders the records of one paper best first: the richest
// (most fields filled) wins; ties go by source priority (a record with an
// arXiv id, then a DOI, an OpenAlex id, a Semantic Scholar id), then by
// content ([compareRecords]). Input order never decides.
func rankRecords(ps []Paper) {
	slices.SortStableFunc(ps, func(a, b Paper) int {
		if c := richness(b) - richness(a); c != 0 {
			return c
		}
		if c := priority(b) - priority(a); c != 0 {
			return c
		}
		return compareRecords(&a, &b)
	})
}

// richness counts the fields a record fills.
func richness(p Paper) int {
	n := 0
	for _, s := range []string{p.ID, p.Title, p.Abstract, p.ArXiv, p.DOI, p.OpenAlex, p.S2, p.URL} {
		if s != "" {
			n++
		}
	}
	for _, k := range []int{p.Year, len(p.Authors), len(p.Links), len(p.Refs)} {
		if k != 0 {
			n++
		}
	}
	return n
}

// priority ranks a record's source by the identifiers it carries.
func priority(p Paper) int {
	n := 0
	for i, s := range []string{p.S2, p.OpenAlex, p.DOI, p.ArXiv} {
		if s != "" {
			n |= 1 << i
		}
	}
	return n
}

// compareRecords orders two records by content, field by field: a total
// order on what matters to Merge, whatever the input order.
func compareRecords(a, b *Paper) int {
	for _, f := range [][2]string{{a.ArXiv, b.ArXiv}, {a.DOI, b.DOI}, {a.OpenAlex, b.OpenAlex}, {a.S2, b.S2},
		{a.Title, b.Title}, {a.ID, b.ID}, {a.URL, b.URL}, {a.Name, b.Name}, {a.Abstract, b.Abstract}} {
		if c := strings.Compare(f[0], f[1]); c != 0 {
			return c
		}
	}
	if c := a.Year - b.Year; c != 0 {
		return c
	}
	if c := slices.Compare(a.Authors, b.Authors); c != 0 {
		return c
	}
	if c := len(a.Links) - len(b.Links); c != 0 {
		return c
	}
	for i := range a.Links {
		if c := strings.Compare(a.Links[i].URL+" "+a.Links[i].Source, b.Links[i].URL+" "+b.Links[i].Source); c != 0 {
			return c
		}
	}
	if c := len(a.Refs) - len(b.Refs); c != 0 {
		return c
	}
	for i := range a.Refs {
		if c := strings.Compare(refKey(a.Refs[i])+" "+a.Refs[i].Source, refKey(b.Refs[i])+" "+b.Refs[i].Source); c != 0 {
			return c
		}
	}
	switch {
	case a.External == b.External:
		return 0
	case a.External:
		return 1
	}
	return -1
}

// missingSentences returns the sentences of other (split after ". ", "! "
// and "? ") whose words do not already appear, in order, in text.
func missingSentences(text, other string) string {
	if other == "" || strings.Contains(text, other) {
		return ""
	}
	have := normTitleWords(text)
	var out []string
	rest := other
	for rest != "" {
		i := sentenceEnd(rest)
		sent := strings.TrimSpace(rest[:i])
		rest = rest[i:]
		if n := normTitleWords(sent); n != "" && !strings.Contains(have, n) {
			out = append(out, sent)
		}
	}
	return strings.Join(out, " ")
}

// sentenceEnd returns the index just after the first sentence of s.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			return i + 1
		}
	}
	return len(s)
}

// normTitleWords is the lower-case letters and digits of s, one space
// between words.
func normTitleWords(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else if !unicode.Is(unicode.Mn, r) {
			space = true
		}
	}
	return b.String()
}

func firstString(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// refKey is the identity of a reference.
func refKey(r Ref) string {
	switch {
	case r.ArXiv != "":
		return "arxiv:" + r.ArXiv
	case r.DOI != "":
		return "doi:" + strings.ToLower(r.DOI)
	case r.OpenAlex != "":
		return "openalex:" + r.OpenAlex
	case r.S2 != "":
		return "s2:" + r.S2
	case r.Paper != "":
		return "paper:" + r.Paper + " " + r.Artifact + " " + r.Source + " " + strconv.Itoa(r.Start)
	}
	return "title:" + normTitle(r.Title) + r.Surface
}

func unionBy[T any](a, b []T, key func(T) string) []T {
	seen := make(map[string]bool, len(a)+len(b))
	for _, x := range a {
		seen[key(x)] = true
	}
	for _, x := range b {
		if k := key(x); !seen[k] {
			seen[k] = true
			a = append(a, x)
		}
	}
	return a
}

// unionAuthors adds b's authors missing from a. Two names are one author
// when they share the last name and the first initial ("J. Smith",
// "John Smith"); the longer spelling is kept.
func unionAuthors(a, b []string) []string {
	idx := map[string]int{}
	for i, n := range a {
		idx[authorKey(n)] = i
	}
	for _, n := range b {
		k := authorKey(n)
		if i, ok := idx[k]; ok {
			if len(n) > len(a[i]) {
				a[i] = n
			}
			continue
		}
		idx[k] = len(a)
		a = append(a, n)
	}
	return a
}

func authorKey(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\''
	})
	if len(f) == 0 {
		return ""
	}
	last := f[len(f)-1]
	first, _ := utf8.DecodeRuneInString(f[0])
	if len(f) == 1 {
		return last
	}
	return string(first) + " " + last
}

// MergeKeys is what [Merge] compares a record by, for an engine that
// merges records as Merge does (docs/projection.md, § Merge): a record's
// identifiers as Merge compares them, its normalised title, what ranks it
// among the records of one paper, and what its abstract holds. Computed
// on a record as read, before extraction.
type MergeKeys struct {
	ArXiv    string // arXiv id, also from an arXiv DOI
	DOI      string // DOI in lower case, "" for an arXiv DOI
	OpenAlex string // OpenAlex id in upper case
	S2       string // Semantic Scholar id in lower case
	// Title is the normalised title, "" when too generic to join on.
	Title string
	// Richness counts the filled fields; Priority ranks the identifiers
	// the record carries (arXiv 8, DOI 4, OpenAlex 2, S2 1).
	Richness, Priority int
	// Chars is the abstract's length in characters, Words a digest of its
	// words (lower case, letters and digits): records whose abstracts
	// have equal Words add no sentences to each other.
	Chars int
	Words string
	// Authors holds each author's key: two authors with one key are one.
	Authors []string
}

// MergeKeys returns p's [MergeKeys].
func (p Paper) MergeKeys() MergeKeys {
	k := MergeKeys{Richness: richness(p), Priority: priority(p), Chars: utf8.RuneCountInString(p.Abstract),
		Authors: make([]string, len(p.Authors))}
	k.ArXiv, k.DOI, k.OpenAlex, k.S2, k.Title = mergeIDs(&p)
	if p.Abstract != "" {
		sum := sha256.Sum256([]byte(normTitleWords(p.Abstract)))
		k.Words = hex.EncodeToString(sum[:8])
	}
	for i, a := range p.Authors {
		k.Authors[i] = authorKey(a)
	}
	return k
}
