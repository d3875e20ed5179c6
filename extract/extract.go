package extract

import (
	"cmp"
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
	entries    []gazEntry
	trie       *trie
	patterns   [][]gazCand // by trie pattern id
	byFold     map[string][]int
	stop       map[string]bool
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

// gazCand is one alias of one entry, as a trie pattern.
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
		lowerStart: new([1 << 16 / 64]uint64), patterns: make([][]gazCand, 0, n)}
	for _, s := range stop {
		x.stop[foldString(s)] = true
	}
	pid := make(map[string]int, n)
	pats := make([]string, 0, n)
	for i, e := range entries {
		for _, a := range e.aliases {
			f := foldString(a)
			if _, ok := pid[f]; !ok {
				pid[f] = len(pats)
				pats = append(pats, f)
				x.patterns = append(x.patterns, nil)
			}
			id := pid[f]
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
	x.trie = newTrie(pats)
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
	for i := range ents {
		if name != "" && foldString(ents[i].Name) == foldString(name) && ents[i].Kind != papergraph.KindRepo && ents[i].Kind != papergraph.KindURL {
			ents[i].Introduced = true
		}
	}
	for _, l := range p.Links {
		for _, m := range findLinksIn(l.URL, asciiLower(l.URL), nil) {
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
	p.PromisesCode = promisesCode(p.Abstract, ents)
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

// textWhy runs every rule on s. With why set, it also returns every
// candidate that was not taken, with the reason (see [Extractor.Explain]).
func (x *Extractor) textWhy(s string, why bool) ([]papergraph.Entity, []papergraph.Ref, *doc, []Decision) {
	if s == "" {
		return nil, nil, newDoc(""), nil
	}
	orig := s
	pb := posPool.Get().(*[]int32)
	nt := normalizeInto(s, *pb)
	defer func() {
		if cap(nt.pos) > cap(*pb) && cap(nt.pos) <= windowSize+1 {
			*pb = nt.pos[:0]
		}
		posPool.Put(pb)
	}()
	s = nt.s
	d := newDoc(s)
	links := findLinks(d)
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
	for _, r := range findRefs(d, links) {
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
		cands = x.patternRules(d, gz, cands)
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
		kept = x.documentAliases(d, kept)
		unifyKinds(kept)
	}
	d.kept = kept
	ents := make([]papergraph.Entity, 0, len(kept))
	for _, c := range kept {
		if c.prio < 0 || c.kind == "" {
			continue
		}
		if !strings.HasPrefix(c.rule, "url") && x.stopped(c.name) {
			st, en := nt.orig(c.start, c.end)
			d.stopped = append(d.stopped, papergraph.Entity{Kind: c.kind, Name: c.name, Surface: orig[st:en], Start: st, End: en,
				Rule: c.rule, Cue: c.cue})
			continue
		}
		intro := c.introduced
		if strings.HasPrefix(c.rule, "url") {
			intro = d.linkIntroduced(c.start)
		}
		rule := c.rule
		st, en := nt.orig(c.start, c.end)
		if strings.HasPrefix(rule, "url") && strings.ContainsAny(orig[st:en], " \t\n") {
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
	if x.stop[string(f)] {
		return true
	}
	// Plurals of stop terms: "LLMs", "Variational Autoencoders".
	return len(f) > 3 && f[len(f)-1] == 's' && x.stop[string(f[:len(f)-1])]
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

// mayStart reports whether a list match may start at byte i of s: at a
// word with a capital or digit, or one whose first two folded bytes start
// a lower-case alias.
func (x *Extractor) mayStart(s string, i int, flags uint8) bool {
	if flags&(fUpper|fDigit) != 0 || s[i] >= utf8.RuneSelf {
		return true
	}
	// A lower-case ASCII word: its first two bytes are its folded prefix.
	var c1 byte
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	p := uint16(s[i])<<8 | uint16(c1)
	return x.lowerStart[p/64]&(1<<(p%64)) != 0
}

// gazetteer matches the entity lists against d.
func (x *Extractor) gazetteer(d *doc, out []cand) []cand {
	s := d.s
	try := func(st int) {
		if !leftBoundary(s, st) {
			return
		}
		x.trie.match(s, st, func(id, en int) {
			surface := s[st:en]
			for _, gc := range x.patterns[id] {
				e := &x.entries[gc.entry]
				if !caseOK(gc.ac, surface, e.cs) || d.blockedAcronym(surface, e) {
					continue
				}
				if c, ok := x.extendMatch(d, st, en, gc); ok {
					if c.kind == papergraph.KindModel && modifierUse(s, c.end) {
						continue // "CLIP loss", "SAM features": no mention of the model
					}
					c.cue = gc.alias
					out = append(out, c)
				}
			}
		})
	}
	for _, t := range d.toks {
		if !t.word {
			continue
		}
		if x.mayStart(s, t.start, t.flags) {
			try(t.start)
		}
		if t.flags&fSlash != 0 {
			// "WHAM!/WHAMR!", "GPT-4/GPT-4o": names after a slash.
			for k := t.start; k < t.end; k++ {
				if s[k] == '/' {
					try(k + 1)
				}
			}
		}
	}
	return out
}

// leftBoundary reports whether a name may start at byte i of s: not inside
// a word, and not glued to a preceding word by a hyphen ("Tiny-ImageNet").
func leftBoundary(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if isWordRune(r) {
		return false
	}
	if r == '-' || r == '\u2010' || r == '\u2011' {
		r2, _ := utf8.DecodeLastRuneInString(s[:i-n])
		return !isWordRune(r2)
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '∞' }

// extendMatch checks the right boundary of a list match at s[st:en] and
// extends it over a version or checkpoint suffix ("Llama-2" + "-7B",
// "Qwen" + "3", "ViT" + "-B/16"), returning the candidate; a match that is
// a word inside a longer capitalised name ("Llama-Guided Planner", "Mamba
// Fusion Network") is none.
func (x *Extractor) extendMatch(d *doc, st, en int, gc gazCand) (cand, bool) {
	s := d.s
	e := &x.entries[gc.entry]
	name, family := e.name, e.family
	if gc.edition {
		name, family = gc.alias, cmp.Or(e.family, e.name)
	}
	rule := "gazetteer"
	base := en - st
	// A version glued to a versioned family name.
	if e.versioned {
		i := en
		sep := false
		if i < len(s) && (s[i] == '-' || s[i] == ' ') {
			i++
			sep = true
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) && j > i)) {
			j++
		}
		if j > i && (j == len(s) || !isASCIIAlnum(s[j])) {
			v := s[i:j]
			if sep {
				name = e.name + "-" + v
			} else {
				name = e.name + v
			}
			family = e.name
			en = j
			rule = "gazetteer:version"
		}
	}
	if en < len(s) {
		r, _ := utf8.DecodeRuneInString(s[en:])
		if r == '.' && en+1 < len(s) && isDigit(s[en+1]) && isDigit(s[en-1]) && name != "" && name[len(name)-1] == s[en-1] {
			// "GPT-5" + ".2": a minor version makes another edition, never
			// the listed one's node.
			j := en + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j < len(s) && s[j] >= 'A' && s[j] <= 'Z' && (j+1 == len(s) || !isASCIIAlnum(s[j+1])) {
				j++ // "GLM-4.6V"
			}
			family = cmp.Or(family, e.name)
			if gc.edition {
				family = cmp.Or(e.family, e.name)
			}
			name, en, rule = name+s[en:j], j, "gazetteer:version"
			r, _ = utf8.DecodeRuneInString(s[en:])
			if en == len(s) {
				r = ' '
			}
		}
		if isWordRune(r) {
			return cand{}, false
		}
	}
	if rule == "gazetteer" && !gc.edition {
		if e.versioned && e.kind == papergraph.KindModel {
			// "Fam Word 5.1": a versioned family, a capitalised word and a
			// version name one model of the family.
			if w, v, end := wordVersionAfter(s, en); v != "" {
				name, family, en, rule = e.name+" "+w+" "+v, e.name, end, "gazetteer:edition"
			}
		}
		if v, end := editionAfter(s, en); v != "" && rule == "gazetteer" {
			// "BenchX 2.0,", "BenchX 2025": an edition of a listed name.
			name, family, en, rule = name+" "+v, name, end, "gazetteer:edition"
		} else if e.kind != papergraph.KindModel && rule == "gazetteer" {
			if v, end := x.dataEditionAfter(s, st, en); v != "" {
				// "Game 100k,", "Sim Playground,": an edition of listed data.
				name, family, en, rule = name+" "+v, name, end, "gazetteer:edition"
			}
		}
	}
	if methodCompound(s, en) {
		// "Llama-Guided Planner": the family word inside a longer
		// capitalised method name is no mention.
		return cand{}, false
	}
	if segs, end := suffixSegments(s, en, e.kind == papergraph.KindModel); len(segs) > 0 {
		base := name
		for _, sg := range segs {
			name += sg
		}
		family = base
		en = end
		rule = "gazetteer:variant"
	}
	if e.kind == papergraph.KindModel && isDigit(s[en-1]) {
		if w, end := x.modelEditionWord(s, en); w != "" {
			// "Fam-6 Astra planner", "Fam-5.6 Sol,": a capitalised word
			// after a numbered model that ends the name.
			family = cmp.Or(family, name)
			name, en, rule = name+" "+w, end, "gazetteer:edition"
		}
	}
	if e.kind == papergraph.KindModel && methodNameAfter(s, en) && !strings.ContainsFunc(s[st:en], unicode.IsDigit) {
		return cand{}, false // "Mamba Fusion Network": a family word inside a longer name
	}
	return cand{start: st, end: en, kind: e.kind, name: name, family: family, rule: rule, prio: 1, base: base}, true
}

// variantWords are checkpoint and variant suffixes, by lower case, with
// their canonical spelling.
var variantWords = map[string]string{
	"instruct": "Instruct", "chat": "Chat", "base": "Base", "large": "Large", "small": "Small",
	"medium": "Medium", "tiny": "Tiny", "mini": "mini", "nano": "nano", "xl": "XL", "xxl": "XXL",
	"turbo": "Turbo", "pro": "Pro", "plus": "Plus", "max": "Max", "ultra": "Ultra", "lite": "Lite",
	"flash": "Flash", "hf": "hf", "it": "it", "coder": "Coder", "math": "Math", "vision": "Vision",
	"vl": "VL", "preview": "Preview", "distill": "Distill", "uncased": "uncased", "cased": "cased",
	"huge": "Huge", "giant": "Giant", "sft": "SFT", "rlhf": "RLHF", "dpo": "DPO", "zero": "Zero",
	"omni": "Omni", "audio": "Audio", "next": "NeXT", "hard": "Hard", "verified": "Verified",
	"alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "sigma": "Sigma", "omega": "omega",
	"lambda": "lambda", "theta": "theta", "kappa": "kappa",
}

// suffixSegments reads checkpoint/variant suffixes at s[i:]: "-7B", " 7B",
// "-v2", "-Instruct", "-XL", "/14". model says whether the base is a model
// (only models take a space-separated size).
func suffixSegments(s string, i int, model bool) ([]string, int) {
	var segs []string
	for i < len(s) {
		sep := s[i]
		if sep != '-' && sep != ' ' && sep != '/' {
			break
		}
		j := i + 1
		for j < len(s) && (isASCIIAlnum(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
			j++
		}
		seg := s[i+1 : j]
		if seg == "" || (j < len(s) && s[j] >= utf8.RuneSelf && isWordRune(firstRune(s[j:]))) {
			break
		}
		var norm string
		switch {
		case sep == ' ' && model && lowerIn(tierWords, seg):
			// "Gemini 2.5 Pro", "Claude Sonnet": a tier of the model.
			norm = " " + seg
		case sep == ' ' && model && len(segs) > 0 && lowerIn(tierWords, strings.TrimSpace(segs[len(segs)-1])) && isVersion(seg):
			// "Claude Sonnet 4.5": a tier's version.
			norm = " " + seg
		case sep == ' ':
			if !model || !isSize(seg) {
				return segs, i
			}
			norm = "-" + sizeNorm(seg)
		case sep == '/':
			if !allDigits(seg) || len(segs) == 0 {
				return segs, i
			}
			norm = "/" + seg
		case isSize(seg):
			norm = "-" + sizeNorm(seg)
		case isVersion(seg):
			norm = "-" + seg
		case lowerIn(variantWords, seg) != "":
			norm = "-" + lowerIn(variantWords, seg)
		case lowerIn(compoundWords, seg):
			// "Fam-4o-based", "CLIP-Guided": an adjective, not a variant.
			return segs, i
		case seg[0] >= 'A' && seg[0] <= 'Z':
			// A capitalised part makes another artifact of the family:
			// "ImageNet-Sketch", "YT8M-MusicVideo", "LLaMA-Adapter".
			norm = "-" + seg
		default:
			return segs, i
		}
		segs = append(segs, norm)
		i = j
	}
	return segs, i
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isLowerWord(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// isSize reports whether seg is a parameter count: 7B, 1.5b, 350M, 8x7B.
func isSize(seg string) bool {
	if len(seg) < 2 {
		return false
	}
	u := seg[len(seg)-1] | 0x20
	if u != 'b' && u != 'm' && u != 't' {
		return false
	}
	num := seg[:len(seg)-1]
	if i := strings.IndexByte(num, 'x'); i > 0 {
		if !allDigits(num[:i]) {
			return false
		}
		num = num[i+1:]
	}
	if i := strings.IndexByte(num, '.'); i > 0 {
		return allDigits(num[:i]) && allDigits(num[i+1:])
	}
	return allDigits(num)
}

func sizeNorm(seg string) string {
	return seg[:len(seg)-1] + strings.ToUpper(seg[len(seg)-1:])
}

// isVersion reports whether seg is a version: 2, 3.1, v2, V1.5, 4o, 2024.
func isVersion(seg string) bool {
	if seg == "" {
		return false
	}
	if seg[0] == 'v' || seg[0] == 'V' {
		seg = seg[1:]
	}
	if seg == "" || !isDigit(seg[0]) {
		return false
	}
	i := 0
	for i < len(seg) && (isDigit(seg[i]) || seg[i] == '.') {
		i++
	}
	rest := seg[i:]
	return len(rest) <= 1 && (rest == "" || rest[0] >= 'a' && rest[0] <= 'z')
}

// tierWords are the closed set of tier words that extend a model name
// after a space ("Gemini 2.5 Pro", "Claude 3.5 Sonnet", "Qwen2.5 Max").
var tierWords = set("mini", "nano", "pro", "flash", "lite", "turbo", "plus", "max", "ultra", "omni",
	"instruct", "chat", "base", "sonnet", "opus", "haiku")

// editionAfter reads " 2.0", " 2025" or " v2" at s[i:] when the name
// ends there (punctuation, a conjunction or the end follows), and returns
// the edition and its end.
func editionAfter(s string, i int) (string, int) {
	if i+1 >= len(s) || s[i] != ' ' {
		return "", i
	}
	j := i + 1
	if m := monthAt(s, j); m > 0 && j+m < len(s) && s[j+m] == ' ' {
		// "HMMT February 2025": a month and a year.
		if v, end := editionAfter(s, j+m); len(v) == 4 {
			return s[j:j+m] + " " + v, end
		}
	}
	k := j
	for k < len(s) && (isASCIIAlnum(s[k]) || s[k] == '.' && k+1 < len(s) && isDigit(s[k+1])) {
		k++
	}
	v := s[j:k]
	if !isEdition(v) || !nameEnds(s, k) {
		return "", i
	}
	return v, k
}

// dataEditionAfter reads the edition of a listed dataset or benchmark at
// s[i:] that ends the name: a sample count (" 100k", " 1M") or one
// capitalised word (" Playground") that is no function word, head noun or
// listed name, when the name at s[st:i] does not itself follow a
// capitalised word (a title-case phrase).
func (x *Extractor) dataEditionAfter(s string, st, i int) (string, int) {
	if i+2 >= len(s) || s[i] != ' ' {
		return "", i
	}
	j := i + 1
	k := j
	switch {
	case isDigit(s[j]):
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k == len(s) || s[k] != 'k' && s[k] != 'K' && s[k] != 'M' {
			return "", i
		}
		k++
	case s[j] >= 'A' && s[j] <= 'Z':
		k = capWordAfter(s, i)
		var buf [32]byte
		w := lowered(&buf, s[j:k])
		// wordBits holds every head noun, method noun and function word.
		if k-j < 4 || wordBits[w] != 0 || x.known(s[j:k]) ||
			x.stopped(w) || monthAt(s, j) > 0 || abstractNoun(w) {
			return "", i
		}
		if p := prevWordStart(s, st); p >= 0 && s[p] >= 'A' && s[p] <= 'Z' {
			return "", i // "Scaling ImageNet Training, ...": a title-case phrase
		}
	default:
		return "", i
	}
	if !nameEnds(s, k) {
		return "", i
	}
	return s[j:k], k
}

// modelEditionWord reads " Word" at s[i:] after a numbered model name: a
// capitalised word of letters that is no function, tier, head or listed
// word, followed by the name's end or a model head noun.
func (x *Extractor) modelEditionWord(s string, i int) (string, int) {
	k := capWordAfter(s, i)
	if i+4 >= len(s) || k == i {
		return "", i
	}
	w := s[i+1 : k]
	var buf [32]byte
	lw := lowered(&buf, w)
	if len(w) < 3 || tierWords[lw] || variantWords[lw] != "" || wordBits[lw] != 0 || x.known(w) || x.stopped(w) || monthAt(s, i+1) > 0 {
		return "", i
	}
	if !nameEnds(s, k) {
		if k+1 >= len(s) || s[k] != ' ' {
			return "", i
		}
		m := k + 1
		for m < len(s) && s[m] >= 'a' && s[m] <= 'z' {
			m++
		}
		switch s[k+1 : m] {
		case "model", "planner", "agent", "backbone", "encoder", "judge", "policy", "llm":
		default:
			return "", i
		}
	}
	return w, k
}

// abstractNoun reports a word with an abstract noun's ending ("Parallelism",
// "Distillation", "Scaling"): a concept, not an edition.
func abstractNoun(w string) bool {
	for _, e := range []string{"ism", "tion", "sion", "ity", "ment", "ness", "ing"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// prevWordStart returns the start of the word before the one at s[i] when
// only spaces separate them, or -1.
func prevWordStart(s string, i int) int {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	if j == i || j == 0 || !isASCIIAlnum(s[j-1]) {
		return -1
	}
	for j > 0 && (isASCIIAlnum(s[j-1]) || s[j-1] == '-') {
		j--
	}
	return j
}

// wordVersionAfter reads " Word 5.1" at s[i:]: a capitalised word of
// letters and a version that ends the name.
func wordVersionAfter(s string, i int) (string, string, int) {
	j := capWordAfter(s, i)
	if j == i {
		return "", "", i
	}
	w := s[i+1 : j]
	if len(w) < 3 || lowerIn(functionWords, w) || lowerIn(tierWords, w) {
		return "", "", i
	}
	v, end := editionAfter(s, j)
	if v == "" || !strings.ContainsRune(v, '.') {
		return "", "", i
	}
	return w, v, end
}

// nameEnds reports whether a name may end at s[k]: the text ends, or
// sentence punctuation, a bracket or " and"/" or" follows.
func nameEnds(s string, k int) bool {
	if k == len(s) {
		return true
	}
	switch s[k] {
	case ',', ';', ':', ')', ']':
		return true
	case '.':
		return k+1 == len(s) || s[k+1] == ' ' || s[k+1] == '\n'
	case ' ':
		r := s[k+1:]
		return strings.HasPrefix(r, "and ") || strings.HasPrefix(r, "or ")
	}
	return false
}

// otherEdition reports whether the list alias a names another edition
// than the entry's name: it has a version or year the name lacks ("AIME
// 2025" of "AIME", "Gemini 2.5 Pro" of "Gemini 2.0"; not "GPT-4-o" of
// "GPT-4o", "VQA 2.0" of "VQAv2", nor the date of an API snapshot).
func otherEdition(a, name string) bool {
	if variantAlias(a, name) || subsetAlias(a, name) {
		return true
	}
	have := editionNumbers(name)
	for _, n := range editionNumbers(a) {
		if !slices.Contains(have, n) {
			return true
		}
	}
	return false
}

// subsetAlias reports whether the list alias a is the entry's name, a
// hyphen and a capitalised word: a subset or edition of it ("ARC-Challenge"
// of "ARC"), not another spelling.
func subsetAlias(a, name string) bool {
	if len(a) < len(name)+4 || !strings.EqualFold(a[:len(name)], name) || a[len(name)] != '-' {
		return false
	}
	w := a[len(name)+1:]
	return len(w) >= 3 && titleWord(w) && !strings.ContainsAny(w, "- ")
}

// editionNumbers returns the version numbers and years in s, without
// trailing ".0"s or leading zeros; parameter counts ("7b", "1K") and
// dates ("2024-08-06") are not editions.
func editionNumbers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
			j++
		}
		n := s[i:j]
		date := len(n) == 4 && j+2 < len(s) && s[j] == '-' && isDigit(s[j+1]) && isDigit(s[j+2])
		unit := j < len(s) && strings.IndexByte("bmktx", s[j]|0x20) >= 0 && (j+1 == len(s) || !isASCIIAlnum(s[j+1]) || s[j]|0x20 == 'x')
		if date {
			// Skip the month and day.
			for j < len(s) && (isDigit(s[j]) || s[j] == '-') {
				j++
			}
		} else if !unit {
			for strings.HasSuffix(n, ".0") {
				n = n[:len(n)-2]
			}
			n = strings.TrimLeft(n, "0")
			out = append(out, n)
		}
		i = j
	}
	return out
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"}

// monthAt returns the length of a month's name at s[i:], or 0.
func monthAt(s string, i int) int {
	for _, m := range months {
		if strings.HasPrefix(s[i:], m) {
			return len(m)
		}
	}
	return 0
}

// modifierNouns are nouns a model's name modifies without naming the
// model: "CLIP loss", "SAM features", "SigLIP contrastive loss".
var modifierNouns = set("loss", "losses", "objective", "objectives", "score", "scores",
	"distance", "similarity", "guidance", "regularization", "regularizer", "penalty", "metric", "reward")

// modifierUse reports whether a model's name ending at s[i] modifies a
// noun that is not the model: its next word, or the one after a
// lower-case adjective, is one of modifierNouns.
func modifierUse(s string, i int) bool {
	for n := 0; n < 2; n++ {
		if i >= len(s) || s[i] != ' ' {
			return false
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '-') {
			j++
		}
		w := s[i+1 : j]
		if w == "" {
			return false
		}
		if modifierNouns[w] {
			// "Fam-7B scores 61%": an evaluation verb before a number is
			// the verb, not a noun the name modifies.
			return !(evalCues[w] && j+1 < len(s) && s[j] == ' ' && isDigit(s[j+1]))
		}
		if functionWords[w] {
			return false
		}
		i = j
	}
	return false
}

// variantAlias reports whether the list alias a is a checkpoint of the
// entry name: it ends with a size or variant part the name does not end
// with ("Swin-L" of "Swin Transformer", "BERT-base" of "BERT").
func variantAlias(a, name string) bool {
	k := strings.LastIndexAny(a, "- ")
	if k <= 0 || foldString(a) == foldString(name) {
		return false
	}
	seg := a[k+1:]
	v := len(seg) == 1 && strings.IndexByte("TSBLHG", seg[0]) >= 0 || isSize(seg) || lowerIn(variantWords, seg) != ""
	if !v {
		return false
	}
	n := strings.LastIndexAny(name, "- ")
	return n < 0 || !strings.EqualFold(name[n+1:], seg)
}

// compoundWords end an adjective made from a name: "Fam-4o-based",
// "GPT-style", "CLIP-guided".
var compoundWords = set("based", "style", "like", "guided", "driven", "aware", "inspired", "enhanced", "augmented",
	"powered", "assisted", "conditioned", "free", "only", "specific")

// methodCompound reports whether a name ending at s[i] starts a longer
// capitalised name through a compound word: "-Guided Planner",
// "-Based Retriever".
func methodCompound(s string, i int) bool {
	if i >= len(s) || s[i] != '-' || i+1 >= len(s) || s[i+1] < 'A' || s[i+1] > 'Z' {
		return false
	}
	j := i + 1
	for j < len(s) && isASCIIAlnum(s[j]) {
		j++
	}
	if !lowerIn(compoundWords, s[i+1:j]) {
		return false
	}
	return j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z'
}

// methodNameAfter reports whether a model's name ending at s[i] starts a
// longer capitalised method name: one or two title-case words follow, then
// a capitalised method or model head noun ("Mamba Fusion Network", "BERT
// Span Attention").
func methodNameAfter(s string, i int) bool {
	for n := 0; n < 3; n++ {
		j := capWordAfter(s, i)
		if j == i {
			return false
		}
		if j < len(s) && (isASCIIAlnum(s[j]) || s[j] == '-') {
			return false // "Llama Guard-3", "BERT QA2": not a title-case word
		}
		var buf [32]byte
		w := lowered(&buf, s[i+1:j])
		if len(w) < 3 || functionWords[w] || tierWords[w] || variantWords[w] != "" {
			return false
		}
		if _, ok := nounKind(w); n > 0 && (!ok || modelNouns[w]) {
			return true
		}
		i = j
	}
	return false
}
