package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// Build links extracted papers (Entities, Refs and Name filled, duplicates
// merged) into a finished [Graph].
//
// # Nodes
//
// A node per paper, ID [papergraph.Paper.Key]; when different papers of the
// batch have the same key (two titles with one slug), all but the first in
// a content order get a "#2", "#3", ... suffix, so none is lost
// (Stats.Renamed). Label is the paper's Name, else its title shortened to
// at most 40 characters at a word boundary; URL is its arXiv abstract
// page, else its DOI resolver link, else Paper.URL. Papers marked External
// in the input are nodes too, but their entities are ignored.
//
// A node per distinct artifact, ID [papergraph.Entity.Key]. Label and Title
// are the canonical name spelled as most mentions spell it (ties to the
// smallest string), Family likewise; URL is "https://" + name for
// repositories, links and any artifact whose name is a URL (Hugging Face
// datasets and models); Papers is its document frequency.
//
// An artifact exactly one batch paper introduces (Entity.Introduced) is
// folded into that paper's node, unless Options.Split: it gets no node of
// its own, the paper lists it in Introduces and takes its name as Label
// when the paper is known by it (Paper.Name, in any case), and every other
// paper naming it cites the paper instead (evidence "names KEY introduced
// by it (...)"). An artifact whose mention by another paper would not
// make that cites edge (a short name spelled otherwise than its
// introducer spells it) is not folded. Stats.Folded counts them.
//
// # Edges
//
// mentions: paper → artifact, weight 1, one per pair; Evidence lists every
// mention as `rule: "surface" @offset` (plus " in field" for structured
// fields), joined by "; ".
//
// cites: paper → paper, weight 1, one per pair, with every piece of
// evidence joined by "; ":
//   - a Ref whose arXiv id, DOI, OpenAlex or Semantic Scholar id is another
//     batch paper's (`ref arxiv:2401.00001 "arXiv:2401.00001" @12`);
//   - a Ref to a work outside the batch that at least MinCocite batch
//     papers cite: that work becomes an External paper node;
//   - the title or abstract names another paper's system name (Paper.Name) or an
//     artifact it introduces (Entity.Introduced), see below;
//   - the paper names an artifact (same entity key) that exactly one other
//     paper introduces.
//
// Never a paper to itself. Names are matched strictly: at word boundaries
// (not inside a hyphenated compound, not followed by "-" and a digit or
// capital, as in "Llama-2"), with the exact canonical spelling; names of 6
// or more bytes that contain a digit or an inner capital ("DeepSeek-R1")
// also match in other cases. Names shorter than 3 characters, single
// plain words ("Diffusion", "golden") and names claimed by two papers are
// not matched in text.
//
// shares: paper — paper (Source < Target), for papers that name a common
// artifact or cite a common work; Weight is the sum over what they share
// of ln(1 + N/df), N the batch papers, df how many of them name it, so a
// rare shared artifact weighs more than a common one, rounded to four
// decimal places. Shared lists the
// shared IDs (at most MaxShared, the rarest). Options.TopK and
// Options.MaxDF prune the projection; Options.Exact keeps all of it.
//
// # Determinism
//
// The graph depends only on the set of papers: not on their order, on
// GOMAXPROCS or on Options.Workers.
//
// Build returns an error wrapping [ErrBadInput] for an entity with no
// name or an unknown kind.
func Build(papers []papergraph.Paper, opt Options) (*Graph, error) {
	return BuildContext(context.Background(), papers, opt)
}

// BuildContext is [Build] that stops early, returning an error wrapping
// ctx.Err(), when ctx is done.
func BuildContext(ctx context.Context, papers []papergraph.Paper, opt Options) (*Graph, error) {
	b := &builder{in: papers, ctx: ctx}
	t0 := time.Now()
	nBatch := 0
	for i := range papers {
		if !papers[i].External {
			nBatch++
		}
	}
	b.opt = opt.resolve(nBatch)
	b.phase = t0
	steps := []struct {
		name string
		f    func() error
	}{
		{"papers", b.paperSlots},
		{"artifacts", b.artifacts},
		{"fold", b.fold},
		{"cites", b.cites},
		{"layout", b.layout},
		{"projection", b.project},
		{"edges", b.assemble},
		{"communities", b.communities},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("graph: build: %w", err)
		}
		if err := s.f(); err != nil {
			return nil, err
		}
		b.opt.log.Debug("graph: build", "phase", s.name, "seconds", time.Since(b.phase).Seconds())
		b.phase = time.Now()
	}
	st := b.g.stats
	b.opt.log.Info("graph: built", "papers", st.Papers, "external", st.External, "entities", st.Entities,
		"mentions", st.Mentions, "shares", st.Shares, "cites", st.Cites, "left_out", len(st.LeftOut),
		"pairs", st.Pairs, "communities", st.Communities, "seconds", time.Since(t0).Seconds())
	return b.g, nil
}

// builder holds the compact state of one Build. Papers are "slots" (input
// papers sorted by ID), artifacts are interned ints, and every list is a
// flat slice indexed by offsets (CSR).
type builder struct {
	ctx   context.Context
	in    []papergraph.Paper
	opt   settings
	phase time.Time
	g     *Graph

	// Input papers, sorted by final ID.
	slotID  []string
	slotKey []string         // per slot: the paper's key (the ID before any "#2" suffix)
	byKey   map[string]int32 // key to the first batch slot with it, made when a Ref names a paper
	slotIn  []int32          // index into in
	batch   []int32          // slots of batch (non-external) papers, in order
	rank    []int32          // per slot: index in batch, -1 for external input papers
	renamed int

	// Artifacts, interned in discovery order.
	arts   []artifact
	artKey map[string]int32
	// Folded artifacts: how many, and per introducing paper (rank).
	folded int
	intro  map[int32][]int32
	// Per batch paper (by rank): its (artifact, entity index) pairs sorted,
	// in ment[mentStart[r]:mentStart[r+1]].
	mentStart []int32
	ment      []artEnt

	// Works outside the batch that became nodes.
	ext []extWork
	// Per batch paper (by rank): cite targets with evidence, merged per target.
	citeStart []int32
	cite      []citeRec

	// Layout: global node index (ID order) of each slot, external work and artifact.
	slotG, extG, artG []int32
	nodes             int
	// kindOf tells, per global index, what it is and its local index.
	nodeKind []uint8 // nodeSlot, nodeExt, nodeArt
	nodeLoc  []int32

	// Projection result per batch paper (by rank), kept pairs with j > i
	// (ranks), in shareJ[shareStart[r]:shareStart[r+1]].
	shareStart []int32
	shareJ     []int32
	shareW     []float64
	// Projection features (global indices) per batch paper, by rank.
	featStart []int32
	feat      []int32
	featDF    []int32 // per global index: document frequency of the feature
	leftOut   []bool  // per global index
	pairs     int64
}

const (
	nodeSlot uint8 = iota
	nodeExt
	nodeArt
)

type artEnt struct{ art, ent int32 }

type artifact struct {
	key        string
	kind       papergraph.Kind
	names      tally
	families   tally
	df         int32
	lastRank   int32
	introducer int32 // rank of the introducing paper; -1 none; -2 several
	folded     bool  // folded into its introducer's node (see fold)
}

// extWork is a cited work outside the batch.
type extWork struct {
	kind   uint8  // index in refKinds
	ref    string // the identifier
	id     string // node ID
	titles tally
	papers int32
}

// citeRec is a citation of a batch paper; target is a slot when >= 0,
// else external work -target-1.
type citeRec struct {
	target int32
	ev     string
}

// tally counts spellings: the most frequent wins, ties to the smallest.
type tally struct {
	first string
	n     int32
	more  map[string]int32
}

func (t *tally) add(s string) {
	if t.more == nil {
		if t.n == 0 || s == t.first {
			t.first = s
			t.n++
			return
		}
		t.more = map[string]int32{t.first: t.n}
	}
	t.more[s]++
}

func (t *tally) best() string {
	if t.more == nil {
		return t.first
	}
	best, n := "", int32(0)
	for s, c := range t.more {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

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

var validKind = map[papergraph.Kind]bool{}

func init() {
	for _, k := range papergraph.Kinds {
		validKind[k] = true
	}
}

// artifacts interns the entities of batch papers and groups each paper's
// mentions by artifact.
func (b *builder) artifacts() error {
	nb := len(b.batch)
	errs := make([]error, nb)
	total := 0
	for _, s := range b.batch {
		total += len(b.in[b.slotIn[s]].Entities)
	}
	parallel(nb, 1024, b.opt.workers, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			p := &b.in[b.slotIn[b.batch[r]]]
			for i, e := range p.Entities {
				if !validKind[e.Kind] || strings.TrimSpace(e.Name) == "" {
					errs[r] = fmt.Errorf("graph: paper %q: entity %d (%q, %q): %w", b.slotID[b.batch[r]], i, e.Kind, e.Name, ErrBadInput)
					break
				}
			}
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	b.artKey = make(map[string]int32)
	b.mentStart = make([]int32, nb+1)
	b.ment = make([]artEnt, 0, total)
	var buf []byte
	for r, s := range b.batch {
		p := &b.in[b.slotIn[s]]
		start := len(b.ment)
		for i := range p.Entities {
			e := &p.Entities[i]
			// The key is built in a buffer: a string is made only for a
			// new artifact.
			var ok bool
			buf, ok = appendKey(buf[:0], e)
			if !ok {
				buf = append(buf[:0], e.Key()...)
			}
			a, ok := b.artKey[string(buf)]
			if !ok {
				k := string(buf)
				a = int32(len(b.arts))
				b.artKey[k] = a
				b.arts = append(b.arts, artifact{key: k, kind: e.Kind, lastRank: -1, introducer: -1})
			}
			art := &b.arts[a]
			art.names.add(e.Name)
			if e.Family != "" {
				art.families.add(e.Family)
			}
			if art.lastRank != int32(r) {
				art.lastRank = int32(r)
				art.df++
			}
			if e.Introduced {
				switch art.introducer {
				case -1:
					art.introducer = int32(r)
				case int32(r), -2:
				default:
					art.introducer = -2
				}
			}
			b.ment = append(b.ment, artEnt{a, int32(i)})
		}
		row := b.ment[start:]
		slices.SortFunc(row, func(x, y artEnt) int { return cmp.Or(cmp.Compare(x.art, y.art), cmp.Compare(x.ent, y.ent)) })
		b.mentStart[r+1] = int32(len(b.ment))
	}
	return nil
}

// appendKey appends e.Key() for a name of ASCII characters and reports
// whether it could (papergraph.EntityKey: kind, ":", the name trimmed and
// lower-cased).
func appendKey(b []byte, e *papergraph.Entity) ([]byte, bool) {
	name := e.Name
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return b, false
		}
	}
	name = strings.TrimSpace(name)
	b = append(b, e.Kind...)
	b = append(b, ':')
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// parallel runs f over [0, n) in chunks [lo, hi) aligned to multiples of
// chunk, on up to workers goroutines.
func parallel(n, chunk, workers int, f func(lo, hi int)) {
	if n <= chunk || workers <= 1 {
		for lo := 0; lo < n; lo += chunk {
			f(lo, min(lo+chunk, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// shortTitle cuts a title to at most max runes at a word boundary, with an
// ellipsis when cut.
func shortTitle(title string, limit int) string {
	if !tidy(title) {
		title = strings.Join(strings.Fields(title), " ")
	}
	if utf8.RuneCountInString(title) <= limit {
		return title
	}
	cut, n := len(title), 0
	for i := range title {
		if n == limit-1 {
			cut = i
			break
		}
		n++
	}
	s := title[:cut]
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ,.;:-") + "…"
}

// tidy reports whether s is ASCII-spaced already: no leading, trailing or
// repeated spaces and no other white space (then Fields+Join is a no-op).
func tidy(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < ' ' || c >= 0x80:
			return false // control characters; Unicode spaces are left to strings.Fields
		}
	}
	return true
}

// artifactURL is the link of an artifact whose name is a URL without
// scheme: repositories and links, and other artifacts named by a URL
// (Hugging Face datasets and models). Names that are not plainly a host and
// path get no link.
func artifactURL(k papergraph.Kind, name string) string {
	host, _, _ := strings.Cut(name, "/")
	if !isHost(host) || strings.ContainsFunc(name, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune("\"'<>`\\{}|^", r)
	}) {
		return ""
	}
	if k == papergraph.KindRepo || k == papergraph.KindURL || strings.Contains(name, "/") {
		return "https://" + name
	}
	return ""
}

// isHost reports whether s looks like a DNS host name with a letter TLD
// ("github.com", "lab.github.io"), optionally with a port.
func isHost(s string) bool {
	s, _, _ = strings.Cut(s, ":")
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 || len(s)-dot-1 < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '.' || c == '-' || (c >= '0' && c <= '9') || isLetter(c)) {
			return false
		}
	}
	for i := dot + 1; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') }

// paperURL links a paper: arXiv, then DOI, then its own URL when that is
// an http(s) link (never javascript: or other schemes).
func paperURL(p *papergraph.Paper) string {
	switch {
	case p.ArXiv != "":
		return "https://arxiv.org/abs/" + p.ArXiv
	case p.DOI != "":
		return "https://doi.org/" + p.DOI
	}
	u := strings.TrimSpace(p.URL)
	low := strings.ToLower(u)
	if (strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")) &&
		!strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return u
	}
	return ""
}

// evidence describes one mention of an entity.
func evidence(e *papergraph.Entity) string {
	return string(appendEvidence(make([]byte, 0, len(e.Rule)+len(e.Surface)+len(e.Source)+16), e))
}

func appendEvidence(b []byte, e *papergraph.Entity) []byte {
	b = append(b, e.Rule...)
	b = append(b, ": "...)
	b = strconv.AppendQuote(b, e.Surface)
	b = append(b, " @"...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	if e.Source != "" && e.Source != "abstract" {
		b = append(b, " in "...)
		b = append(b, e.Source...)
	}
	return b
}
