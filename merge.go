package papergraph

import (
	"slices"
	"strconv"
	"strings"
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
// different arXiv ids. The merged paper keeps the richest fields: the
// longest abstract (and the entities found in it), the first non-empty
// title, source ids, year and URL, the union of authors (spelling
// variants of one name are kept once), links (by URL) and refs (by their
// id). Pos is the first record's; External holds only if every record is
// external. The result does not depend on map order: the same input
// gives the same output. Merge does not modify papers, and returns papers
// itself when nothing merges; it is safe for concurrent use.
//
// Merge before extraction: entities index the abstract they were found
// in, so a merged paper keeps only the entities of the record whose
// abstract it kept.
func Merge(papers []Paper) ([]Paper, MergeStats) {
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
	// Identity of each group, at its root.
	arxiv := make([]string, len(papers))
	doi := make([]string, len(papers))
	for i, p := range papers {
		arxiv[i] = canonArXiv(p)
		doi[i] = canonDOI(p)
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

	byArXiv := map[string]int{}
	byDOI := map[string]int{}
	byTitle := map[string]int{}
	// Keys are claimed by the first paper that has them; matching against
	// a claimed key joins the groups when their identities agree.
	for i, p := range papers {
		if a := canonArXiv(p); a != "" {
			if j, ok := byArXiv[a]; ok {
				if union(j, i) {
					st.ByArXiv++
				}
			} else {
				byArXiv[a] = i
			}
		}
	}
	for i, p := range papers {
		d := canonDOI(p)
		if d == "" {
			continue
		}
		j, ok := byDOI[d]
		if !ok {
			byDOI[d] = i
			continue
		}
		if !conflict(arxiv[find(i)], arxiv[find(j)]) && union(j, i) {
			st.ByDOI++
		}
	}
	bySource := map[string]int{}
	for i, p := range papers {
		for _, k := range []string{"openalex:" + strings.ToUpper(p.OpenAlex), "s2:" + strings.ToLower(p.S2)} {
			if strings.HasSuffix(k, ":") {
				continue
			}
			j, ok := bySource[k]
			if !ok {
				bySource[k] = i
				continue
			}
			if !conflict(arxiv[find(i)], arxiv[find(j)]) && !conflict(doi[find(i)], doi[find(j)]) && union(j, i) {
				st.BySourceID++
			}
		}
	}
	for i, p := range papers {
		t := normTitle(p.Title)
		if t == "" {
			continue
		}
		j, ok := byTitle[t]
		if !ok {
			byTitle[t] = i
			continue
		}
		ri, rj := find(i), find(j)
		if !conflict(arxiv[ri], arxiv[rj]) && !conflict(doi[ri], doi[rj]) && union(j, i) {
			st.ByTitle++
		}
	}

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
	var b strings.Builder
	n, words := 0, 0
	space := true
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space {
				words++
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
			}
			space = false
			b.WriteRune(r)
			n++
		} else if !unicode.Is(unicode.Mn, r) {
			space = true
		}
	}
	if n < 12 || words < 3 {
		return ""
	}
	return b.String()
}

// fold merges the records of one paper, given in input order.
func fold(ps []Paper) Paper {
	m := ps[0]
	if len(ps) == 1 {
		return m
	}
	m.Links = append([]Link(nil), m.Links...)
	m.Refs = append([]Ref(nil), m.Refs...)
	m.Authors = append([]string(nil), m.Authors...)
	for _, p := range ps[1:] {
		if utf8.RuneCountInString(p.Abstract) > utf8.RuneCountInString(m.Abstract) {
			m.Abstract, m.Entities = p.Abstract, p.Entities
		}
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
