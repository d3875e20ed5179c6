package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// Config configures an [Extractor]. The zero value uses the built-in
// entity list, the built-in stop list and every rule.
type Config struct {
	// Entities are extra entity lists (see [LoadEntities]), applied in
	// order over the built-in list: an entry with the kind and name of an
	// earlier one replaces it, and "stop" lines add stop terms.
	Entities []*Gazetteer
	// DisableGazetteer leaves out the built-in entity lists, hand-made and
	// public (the built-in stop list still applies); lists in Entities are
	// still used.
	DisableGazetteer bool
	// DisablePatterns turns off the rules that find names the lists do
	// not know ("the X dataset", "a benchmark called X", acronym
	// definitions, model sizes, ...). Links and references are always found.
	DisablePatterns bool
}

// Extractor finds entities and references in text. Build one with [New];
// an Extractor is immutable and safe for concurrent use by multiple
// goroutines.
type Extractor struct {
	entries  []gazEntry
	aliases  *aliasIndex
	patterns [][]gazCand // by alias id in aliases
	byFold   map[string][]int
	stop     map[string]bool
	// stopKeys marks the stopKey of every stop term: most names are
	// turned away by it without a map look-up.
	stopKeys   *[1 << 16 / 64]uint64
	patternsOn bool
	// lowerStart marks the first two folded bytes of aliases that may
	// match a word without capitals or digits ("wav2vec", "the Pile"):
	// other such words cannot start a match and are not looked up.
	lowerStart *[1 << 16 / 64]uint64 // a bit per prefix: 8 KB stay in cache
	// families are the model families the entries name ("GPT" of GPT-4)
	// that are written without digits.
	families map[string]bool
	off      map[string]bool // folded names of entries a list turned off
}

// gazCand is one alias of one entry, as matched by the alias index.
type gazCand struct {
	entry int
	alias string
	ac    aliasCase
	// edition marks an alias that names another edition than the entry
	// ("AIME 2025" of AIME, "Gemini 2.5 Pro" of Gemini 2.0): a match
	// names the alias, with the entry as its family, never the entry.
	edition bool
}

// New builds an Extractor from cfg.
func New(cfg Config) (*Extractor, error) {
	lists := make([]*Gazetteer, 0, len(cfg.Entities)+4)
	b, err := builtin()
	if err != nil {
		return nil, fmt.Errorf("extract: built-in list: %w", err)
	}
	if cfg.DisableGazetteer {
		lists = append(lists, &Gazetteer{stop: b.stop})
	} else if lists, err = builtinLists(); err != nil {
		return nil, fmt.Errorf("extract: built-in list: %w", err)
	}
	lists = append(lists, cfg.Entities...)
	entries, stop := mergeGazetteers(lists)
	n := 0 // aliases: the maps are sized once (building is part of start-up)
	for _, e := range entries {
		n += len(e.aliases)
	}
	x := &Extractor{entries: entries, byFold: make(map[string][]int, n), stop: map[string]bool{}, patternsOn: !cfg.DisablePatterns,
		lowerStart: new([1 << 16 / 64]uint64), stopKeys: new([1 << 16 / 64]uint64), patterns: make([][]gazCand, 0, n)}
	for _, s := range stop {
		f := foldString(s)
		x.stop[f] = true
		k := stopKey([]byte(f))
		x.stopKeys[k/64] |= 1 << (k % 64)
	}
	pid := make(map[string]int, n)
	pats := make([]string, 0, n)
	var buf []byte
	for i, e := range entries {
		for _, a := range e.aliases {
			// The folded alias is made a string once, when it is new.
			buf = foldAppend(buf[:0], a)
			id, ok := pid[string(buf)]
			if !ok {
				id = len(pats)
				f := string(buf)
				pid[f] = id
				pats = append(pats, f)
				x.patterns = append(x.patterns, nil)
			}
			f := pats[id]
			x.patterns[id] = append(x.patterns[id], gazCand{entry: i, alias: a, ac: newAliasCase(a), edition: otherEdition(a, e.name)})
			if r, _ := utf8.DecodeRuneInString(f); (!unicode.IsUpper(firstRune(a)) || r >= utf8.RuneSelf || isDigit(byte(r))) && !markedFirstWord(a) {
				p := prefix2(f)
				x.lowerStart[p/64] |= 1 << (p % 64)
			}
			if l := x.byFold[f]; len(l) == 0 || l[len(l)-1] != i {
				x.byFold[f] = append(x.byFold[f], i)
			}
		}
	}
	x.families, x.off = map[string]bool{}, map[string]bool{}
	for _, g := range lists {
		if g == nil {
			continue
		}
		for _, e := range g.entries {
			if e.off {
				x.off[foldString(e.name)] = true
			}
		}
	}
	for _, e := range entries {
		if e.kind == papergraph.KindModel && len(e.family) >= 3 && !strings.ContainsAny(e.family, "0123456789 ") {
			x.families[e.family] = true
		}
	}
	x.aliases = newAliasIndex(pats)
	return x, nil
}

var (
	defaultOnce sync.Once
	defaultX    *Extractor
)

// Default returns the Extractor for the zero [Config], built on first use.
// It panics only if the embedded lists are malformed, which the package
// tests rule out.
func Default() *Extractor {
	defaultOnce.Do(func() {
		x, err := New(Config{})
		if err != nil {
			panic(err)
		}
		defaultX = x
	})
	return defaultX
}

// Text returns every mention of an entity in s, sorted by (Start, End,
// Kind, Name), the first [MaxPerText] of them.
// Offsets are byte offsets into s. References (arXiv ids, DOIs) are not
// entities; see [Extractor.Refs].
func (x *Extractor) Text(s string) []papergraph.Entity {
	return x.text(s, false).ents
}

// Refs returns the references to other works named in s: arXiv abs/pdf
// links and identifiers ("arXiv:2401.00001", "2401.00001v2") and DOIs, in
// text order, each with Surface, Start and End set and Source "abstract",
// the first [MaxPerText] distinct ones.
func (x *Extractor) Refs(s string) []papergraph.Ref {
	return x.text(s, false).refs
}

// Paper extracts from p.Abstract and p.Links: it sets p.Entities (the
// first mention in the abstract of each artifact, by [papergraph.Entity.Key], sorted
// by (Start, End, Kind, Name); then one entity per usable link in p.Links,
// with Source set to the link's field), appends to p.Refs
// the references found in the abstract and links that are not already
// there (nor p itself), sets p.Stopped to the first mention of each
// artifact the stop list refused, sets p.Name to the paper's own system name if
// it has one, and p.PromisesCode when the abstract promises code it does
// not link. Of an abstract that names more than [MaxPerText] artifacts
// or references it keeps the first MaxPerText of each and counts the
// mentions past them in p.LeftOut. Calling Paper again gives the same
// result.
func (x *Extractor) Paper(p *papergraph.Paper) {
	w := x.text(p.Abstract, true)
	all, refs := w.ents, w.refs
	ents := all
	if name, _, _ := titleName(p.Title); name != "" {
		// The title's name can give a mention another kind, and so the
		// key of an earlier one.
		all = titleArtifact(p.Title, p.Abstract, all)
		ents = all[:0] // in place: on a huge text the entities are most of what is kept
		var seen entitySet
		for _, e := range all {
			if seen.add(e) {
				ents = append(ents, e)
			}
		}
	}
	name := paperName(p.Title, ents, w.intro)
	if name != "" {
		fname := foldString(name)
		for i := range ents {
			if foldEqual(ents[i].Name, fname) && ents[i].Kind != papergraph.KindRepo && ents[i].Kind != papergraph.KindURL {
				ents[i].Introduced = true
			}
		}
	}
	for _, l := range p.Links {
		for _, m := range findLinksIn(l.URL, asciiLower(l.URL), nil, nil, nil) {
			info := classifyURL(l.URL[m.start:m.end])
			if info.ref != nil {
				r := *info.ref
				r.Source = l.Source
				refs = append(refs, r)
				continue
			}
			if info.kind == "" {
				continue
			}
			ents = append(ents, papergraph.Entity{Kind: info.kind, Name: info.name, Surface: l.URL[m.start:m.end],
				Start: m.start, End: m.end, Rule: "field", Introduced: true, Source: l.Source})
		}
	}
	p.Entities = ents
	p.Stopped = w.stopped
	p.Name = name
	p.LeftOut = w.left
	p.PromisesCode = promisesCode(p.Abstract, ents, &w.verbs)
	var have refSet
	for _, r := range p.Refs {
		have.add(r)
	}
	kept := refs[:0] // in place: on a huge text the references are most of what is kept
	for _, r := range refs {
		if (r.ArXiv != "" && r.ArXiv == p.ArXiv) || (r.DOI != "" && r.DOI == p.DOI) || !have.add(r) {
			continue
		}
		kept = append(kept, r)
	}
	if len(p.Refs) == 0 {
		p.Refs = kept
	} else {
		p.Refs = append(p.Refs, kept...)
	}
}

// Result is what [Extractor.Paper] sets on a paper, and no more, held
// apart from the paper: a caller that extracts a copy of a record (before
// it knows which paper the record will be) can give the result to the
// paper that is that record. The zero Result holds nothing.
type Result struct {
	name         string
	entities     []papergraph.Entity
	stopped      []papergraph.Entity
	refs         []papergraph.Ref
	leftOut      int
	promisesCode bool
	done         bool
}

// ResultOf returns what [Extractor.Paper] set on p (p's fields as they
// are, so call it after Paper).
func ResultOf(p *papergraph.Paper) Result {
	return Result{name: p.Name, entities: p.Entities, stopped: p.Stopped, refs: p.Refs,
		leftOut: p.LeftOut, promisesCode: p.PromisesCode, done: true}
}

// Done reports whether r holds a result: false for the zero Result.
func (r *Result) Done() bool { return r.done }

// Give sets on p what r holds, as [Extractor.Paper] would have set it on
// the record r was taken from; the slices are shared, not copied.
func (r *Result) Give(p *papergraph.Paper) {
	p.Name, p.Entities, p.Stopped, p.Refs = r.name, r.entities, r.stopped, r.refs
	p.LeftOut, p.PromisesCode = r.leftOut, r.promisesCode
}

// textWhy runs every rule on s. With why set, it also returns every
// candidate that was not taken, with the reason (see [Extractor.Explain]).
func (x *Extractor) textWhy(s string, why bool) ([]papergraph.Entity, []papergraph.Ref, *doc, []Decision) {
	if s == "" {
		return nil, nil, newDoc(""), nil
	}
	orig := s
	pb := posPool.Get().(*[]int32)
	nt, d := normalizedDoc(s, *pb)
	defer func() {
		if cap(nt.pos) > cap(*pb) && cap(nt.pos) <= windowSize+1 {
			*pb = nt.pos[:0]
		}
		posPool.Put(pb)
	}()
	s = nt.s
	d.asGiven = nt.pos == nil
	starts := startsPool.Get().(*ruleStarts)
	defer startsPool.Put(starts)
	pickStarts(d, starts)
	var linkBuf [8]linkMatch
	links := findLinks(d, linkBuf[:0])
	cands := d.cands[:0]
	var refs []papergraph.Ref
	for _, m := range links {
		info := classifyURL(s[m.start:m.end])
		if info.ref != nil {
			r := *info.ref
			r.Surface, r.Start, r.End, r.Source = s[m.start:m.end], m.start, m.end, "abstract"
			refs = append(refs, r)
			continue
		}
		if info.kind == "" {
			continue
		}
		rule := "url"
		if m.bare {
			rule = "url:bare"
		}
		cands = append(cands, cand{start: m.start, end: m.end, kind: info.kind, name: info.name, rule: rule, prio: 0})
	}
	cands = bareRepos(d, links, cands)
	for _, r := range findRefs(d, starts, links) {
		r.ref.Surface, r.ref.Start, r.ref.End, r.ref.Source = s[r.start:r.end], r.start, r.end, "abstract"
		refs = append(refs, r.ref)
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Start < refs[j].Start })
	refs = dedupeRefs(refs)

	d.defineAcronyms()
	n0 := len(cands)
	cands = x.gazetteer(d, cands)
	if x.patternsOn {
		// The rules read the list matches (cands[n0:n1]) while appending;
		// a copy keeps them stable if cands grows.
		gz := append(d.gzBuf[:0], cands[n0:]...)
		d.gzBuf = gz
		cands = x.patternRules(d, starts, gz, cands)
	}
	// Links and refs mask everything inside them.
	for _, r := range refs {
		cands = append(cands, cand{start: r.Start, end: r.End, prio: -1})
	}
	d.cands = cands
	var all []cand
	if why {
		all = slices.Clone(cands)
	}
	kept, owner := resolve(cands, d.kept[:0], d.owner)
	d.owner = owner
	if x.patternsOn {
		kept = x.documentAliases(d, starts, kept)
		unifyKinds(kept)
	}
	d.kept = kept
	ents := make([]papergraph.Entity, 0, len(kept))
	for _, c := range kept {
		if c.prio < 0 || c.kind == "" {
			continue
		}
		url := strings.HasPrefix(c.rule, "url")
		if !url && x.stopped(c.name) {
			st, en := nt.orig(c.start, c.end)
			d.stopped = append(d.stopped, papergraph.Entity{Kind: c.kind, Name: c.name, Surface: orig[st:en], Start: st, End: en,
				Rule: c.rule, Cue: c.cue})
			continue
		}
		intro := c.introduced
		if url {
			intro = d.linkIntroduced(c.start)
		}
		rule := c.rule
		st, en := nt.orig(c.start, c.end)
		if url && strings.ContainsAny(orig[st:en], " \t\n") {
			rule += ":repaired" // "https: //x", "github. com/x"
		}
		ents = append(ents, papergraph.Entity{Kind: c.kind, Name: c.name, Surface: orig[st:en], Start: st, End: en,
			Rule: rule, Cue: c.cue, Introduced: intro, Family: c.family})
	}
	if nt.pos != nil {
		for i := range refs {
			r := &refs[i]
			r.Start, r.End = nt.orig(r.Start, r.End)
			r.Surface = orig[r.Start:r.End]
		}
	}
	sortEntities(ents)
	var dec []Decision
	if why {
		dec = x.decisions(nt, orig, all, kept, ents)
	}
	return ents, refs, d, dec
}

func (x *Extractor) stopped(name string) bool {
	var buf [64]byte
	f := foldAppend(buf[:0], name)
	if k := stopKey(f); x.stopKeys[k/64]&(1<<(k%64)) != 0 && x.stop[string(f)] {
		return true
	}
	// Plurals of stop terms: "LLMs", "Variational Autoencoders".
	if len(f) <= 3 || f[len(f)-1] != 's' {
		return false
	}
	f = f[:len(f)-1]
	k := stopKey(f)
	return x.stopKeys[k/64]&(1<<(k%64)) != 0 && x.stop[string(f)]
}

// stopKey is a 16-bit key of a folded term, from its length and its
// first and last bytes.
func stopKey(f []byte) uint16 {
	if len(f) == 0 {
		return 0
	}
	k := uint32(len(f))<<16 | uint32(f[0])<<8 | uint32(f[len(f)-1])
	return uint16(k * 0x9e3779b1 >> 16)
}

// prefix2 returns the first two bytes of a folded string as a key.
func prefix2(f string) uint16 {
	switch len(f) {
	case 0:
		return 0
	case 1:
		return uint16(f[0]) << 8
	}
	return uint16(f[0])<<8 | uint16(f[1])
}
