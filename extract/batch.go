package extract

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// NameRefs is the batch pass of extraction: it finds, in every paper's
// title and abstract, the names of the other papers of the batch, and
// records each as a [papergraph.Ref] whose Paper is the named paper's key.
// Run it once the papers are merged and extracted ([Extractor.Paper] sets
// the names it matches), before their abstracts are dropped; the graph
// then needs no text.
//
// A paper's names are its system name ([papergraph.Paper].Name) and the
// datasets, benchmarks and models it introduces (Entity.Introduced; Ref
// Artifact is then the artifact's key). Only distinctive names are
// matched: with a digit ("Llama-3") or a word mixing cases with a capital
// after its first letter ("ViT-X", "DeepSeek", "ProPose"); not plain
// words ("Diffusion", "Agentic AI") nor all-capital acronyms ("SAM",
// "SIMPLE"). Names shorter than 3 characters or longer than [MaxNameLen]
// bytes (the longest of two months of arXiv papers has 33) and names that
// two papers claim are not matched either. A name matches as written, at
// word boundaries (not inside a hyphenated compound, not followed by "-"
// and a digit or capital, as in "Llama-2", nor by "." and a word
// character); only a name of 6 or more bytes with a digit ("DeepSeek-R1")
// also matches in other cases, so a name that is a word in lower case
// ("ProPose") never matches that word. An artifact name the paper's own
// entity already covers at that offset is not recorded again: the graph
// links papers by shared entities itself.
//
// External papers neither name nor are named. Refs a previous NameRefs
// added are replaced, so calling it again gives the same result. The
// refs appended to each paper come in text order, title first. The work
// runs on GOMAXPROCS goroutines; the result does not depend on their
// number.
//
// A run that need not keep its abstracts can drop each one right after
// its paper is extracted: [Excerpts] keeps what NameRefs reads of them.
func NameRefs(papers []papergraph.Paper) { nameRefs(papers, nil) }

// MaxNameLen is the length in bytes of the longest name [NameRefs]
// matches. The bound lets [Excerpts] keep only the text around the words
// a name can contain, instead of whole abstracts.
const MaxNameLen = 64

// nameRefs is NameRefs reading the abstracts that x kept ([Excerpts.Keep])
// from x, and the others from the papers.
func nameRefs(papers []papergraph.Paper, x *Excerpts) {
	for i := range papers {
		p := &papers[i]
		p.Refs = slices.DeleteFunc(p.Refs, func(r papergraph.Ref) bool { return r.Paper != "" })
		if len(p.Refs) == 0 {
			p.Refs = nil
		}
	}
	dict, bloom := nameDict(papers)
	if len(dict) == 0 {
		return
	}
	// The named papers' keys, made once before the parallel work.
	keys := make([]string, len(papers))
	for _, ds := range dict {
		for _, d := range ds {
			if keys[d.owner] == "" {
				keys[d.owner] = papers[d.owner].Key()
			}
		}
	}
	hits := make([][]papergraph.Ref, len(papers))
	const chunk = 1024
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(papers); lo += chunk {
		hi := min(lo+chunk, len(papers))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var pieces []piece
			for r := lo; r < hi; r++ {
				if !papers[r].External {
					pieces = x.pieces(pieces[:0], r, papers[r].Abstract)
					hits[r] = namesIn(papers, int32(r), pieces, dict, bloom, keys)
				}
			}
		}()
	}
	wg.Wait()
	for r, hs := range hits {
		papers[r].Refs = append(papers[r].Refs, hs...)
	}
}

// A nameEntry is a name matched in text: a paper's system name or the
// name of an artifact it introduces.
type nameEntry struct {
	name  string
	fold  bool  // also match in other cases
	owner int32 // index of the paper
	key   string
}

// nameBloom is a Bloom filter of the names' first words: it keeps most
// words of the text out of the map.
type nameBloom struct {
	bits []uint64
	mask uint64
}

func (b *nameBloom) add(h uint64)      { b.bits[(h>>6)&b.mask] |= 1 << (h & 63) }
func (b *nameBloom) has(h uint64) bool { return b.bits[(h>>6)&b.mask]&(1<<(h&63)) != 0 }

// nameDict gathers the names of the batch papers, drops those two papers
// claim and indexes the rest by the hash of their first word.
func nameDict(papers []papergraph.Paper) (map[uint64][]nameEntry, *nameBloom) {
	byLower := map[string][]nameEntry{}
	for r := range papers {
		p := &papers[r]
		if p.External {
			continue
		}
		add := func(name, key string) {
			if !matchable(name) {
				return
			}
			low := strings.ToLower(name)
			ds := byLower[low]
			if len(ds) > 0 && ds[len(ds)-1].owner != ds[0].owner {
				return // claimed by two papers already: dropped below
			}
			// Papers come in order, so this paper's entries are last.
			for i := len(ds) - 1; i >= 0 && ds[i].owner == int32(r); i-- {
				if ds[i].name == name {
					return
				}
			}
			byLower[low] = append(ds, nameEntry{name: name, fold: foldable(name), owner: int32(r), key: key})
		}
		if p.Name != "" {
			add(p.Name, "")
		}
		for _, e := range p.Entities {
			if e.Introduced && (e.Kind == papergraph.KindDataset || e.Kind == papergraph.KindBenchmark || e.Kind == papergraph.KindModel) {
				add(e.Name, e.Key())
			}
		}
	}
	// 16 bits per name keep the filter sparse at a million names.
	bits := 1 << 20
	for bits < 16*len(byLower) {
		bits <<= 1
	}
	bloom := &nameBloom{bits: make([]uint64, bits/64), mask: uint64(bits/64 - 1)}
	dict := map[uint64][]nameEntry{}
	lows := make([]string, 0, len(byLower))
	for low := range byLower {
		lows = append(lows, low)
	}
	slices.Sort(lows)
	for _, low := range lows {
		ds := byLower[low]
		if slices.ContainsFunc(ds, func(d nameEntry) bool { return d.owner != ds[0].owner }) {
			continue
		}
		for _, d := range ds {
			h := foldHash(d.name[:wordEnd(d.name, 0)])
			dict[h] = append(dict[h], d)
			bloom.add(h)
		}
	}
	return dict, bloom
}

// namesIn returns the refs for the names of other papers in paper r's
// title and abstract, the latter given as its pieces; keys holds the key
// of every paper that owns a name.
func namesIn(papers []papergraph.Paper, r int32, abstract []piece, dict map[uint64][]nameEntry, bloom *nameBloom, keys []string) []papergraph.Ref {
	p := &papers[r]
	out := namesInPiece(nil, p, r, "title", piece{text: p.Title, first: true, last: true}, dict, bloom, keys)
	for _, pc := range abstract {
		out = namesInPiece(out, p, r, "abstract", pc, dict, bloom, keys)
	}
	return out
}

// A piece is a stretch of a text: the bytes at offset at. first and last
// say whether it starts and ends the text; a name is matched in a piece
// only where every byte the match reads lies in it (two before the name
// and two after it, unless the text begins or ends there), so that it
// matches there exactly when it matches in the whole text.
type piece struct {
	text        string
	at          int
	first, last bool
	kept        bool // the text is an excerpt's: refs copy what they cut from it
}

// namesInPiece appends to out the refs for the names of other papers in
// a piece of paper p's (index r) field.
func namesInPiece(out []papergraph.Ref, p *papergraph.Paper, r int32, field string, pc piece, dict map[uint64][]nameEntry, bloom *nameBloom, keys []string) []papergraph.Ref {
	text := pc.text
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := wordEnd(text, i)
		h := foldHash(text[i:j])
		if (pc.first || i >= 2) && bloom.has(h) && nameBoundary(text, i) {
			for _, d := range dict[h] {
				if d.owner == r || !pc.last && i+len(d.name)+2 > len(text) || !matchAt(text, i, d) ||
					(field == "abstract" && entityAt(p, pc.at+i, d.key)) {
					continue
				}
				end := i + len(d.name)
				surface := text[i:end]
				if pc.kept {
					surface = strings.Clone(surface) // so that the excerpt can go
				}
				out = append(out, papergraph.Ref{Paper: keys[d.owner], Artifact: d.key,
					Surface: surface, Start: pc.at + i, End: pc.at + end, Source: field})
			}
		}
		i = j
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func wordEnd(s string, i int) int {
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	return i
}

// foldHash is FNV-1a of s with ASCII letters lower-cased.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// nameBoundary: a name may not start inside a hyphenated compound.
func nameBoundary(s string, i int) bool {
	return i == 0 || !(s[i-1] == '-' && i >= 2 && isWordByte(s[i-2]))
}

// matchAt reports whether d's name occurs at s[i:], ending at a boundary:
// not followed by a word character, nor by "-" and a digit or capital
// (Llama-2 is not Llama), nor by "." and a word character.
func matchAt(s string, i int, d nameEntry) bool {
	e := i + len(d.name)
	if e > len(s) {
		return false
	}
	if d.fold {
		if !strings.EqualFold(s[i:e], d.name) {
			return false
		}
	} else if s[i:e] != d.name {
		return false
	}
	if e == len(s) {
		return true
	}
	c := s[e]
	if isWordByte(c) {
		return false
	}
	if (c == '-' || c == '.') && e+1 < len(s) {
		n := s[e+1]
		if c == '.' && isWordByte(n) {
			return false
		}
		if c == '-' && ((n >= '0' && n <= '9') || (n >= 'A' && n <= 'Z')) {
			return false
		}
	}
	return true
}

// matchable reports whether a name is distinctive enough to match in
// text: at least 3 characters and at most [MaxNameLen] bytes, starting
// with a word character, and with a digit ("Llama-3", "P2P") or a word
// that mixes cases with a capital after its first letter ("ViT",
// "DeepSeek", "LLaMA", "ProPose"). Plain words
// ("Sora", "Agentic AI") and all-capital acronyms ("SAM", "SIMPLE") are
// not: on a month of arXiv papers nearly every abstract that spelled one
// meant another method, a common term or another field's acronym
// ("CLAP-based audio", "FAIR principles"), not the batch paper.
func matchable(name string) bool {
	if len(name) > MaxNameLen || utf8.RuneCountInString(name) < 3 || !isWordByte(name[0]) || strings.TrimSpace(name) != name {
		return false
	}
	if strings.ContainsAny(name, "0123456789") {
		return true
	}
	for i := 0; i < len(name); {
		if !isWordByte(name[i]) {
			i++
			continue
		}
		j := wordEnd(name, i)
		if mixedCase(name[i:j]) {
			return true
		}
		i = j
	}
	return false
}

// mixedCase reports whether a word has a lower-case letter and a capital
// after its first character.
func mixedCase(w string) bool {
	lower, inner := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		lower = lower || c >= 'a' && c <= 'z'
		inner = inner || i > 0 && c >= 'A' && c <= 'Z'
	}
	return lower && inner
}

// foldable reports whether a name may also match in other cases: 6 bytes
// or more with a digit ("DeepSeek-R1" as "deepseek-r1"). Lower-cased, such
// a name is still no word of the language; a name without a digit may be
// one ("ProPose" is "propose", "SIMPLE" is "simple") and matches only as
// written.
func foldable(name string) bool {
	return len(name) >= 6 && strings.ContainsAny(name, "0123456789")
}

// entityAt reports whether p has an entity of the artifact key at offset
// i of its abstract.
func entityAt(p *papergraph.Paper, i int, key string) bool {
	if key == "" {
		return false
	}
	for k := range p.Entities {
		e := &p.Entities[k]
		if e.Start == i && (e.Source == "" || e.Source == "abstract") && e.Key() == key {
			return true
		}
	}
	return false
}

// NameAnchor returns what an engine needs to match name as [NameRefs]
// does without scanning every word of every text: whether the name is
// matchable at all (ok), whether it also matches in other cases (fold),
// and its anchor, the first word that makes it distinctive (with a digit
// or, for a name matched only as written, a word mixing cases), as
// ASCII-lower-cased key and its byte and character offsets in the name.
// Every occurrence of the name in a text covers an occurrence of its
// anchor that [NameWords] lists.
func NameAnchor(name string) (key string, start, cstart int, fold, ok bool) {
	if !matchable(name) {
		return "", 0, 0, false, false
	}
	fold = foldable(name)
	for i := 0; i < len(name); {
		if !isWordByte(name[i]) {
			i++
			continue
		}
		j := wordEnd(name, i)
		if w := name[i:j]; strings.ContainsAny(w, "0123456789") || !fold && mixedCase(w) {
			return asciiLower(w), i, utf8.RuneCountInString(name[:i]), fold, true
		}
		i = j
	}
	return "", 0, 0, false, false // not reached: a matchable name has such a word
}

// NameWords calls fn for every word of text that may anchor a name
// ([NameAnchor]): a word with a digit or mixing cases, with its byte and
// character offsets and its ASCII-lower-cased key, in text order.
func NameWords(text string, fn func(start, cstart int, key string)) {
	c := 0 // characters before i
	last := 0
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := wordEnd(text, i)
		if w := text[i:j]; anchorWord(w) {
			c += utf8.RuneCountInString(text[last:i])
			last = i
			fn(i, c, asciiLower(w))
		}
		i = j
	}
}
