package graph

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/internal/cputime"
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
// Options.MaxDF prune the projection; Options.Exact keeps all of it;
// Options.Backbone then keeps only its disparity-filter backbone.
//
// docs/projection.md states these definitions once more, section by
// section, for the SQL projection in docs/sql, which engines run on the
// mention tables of papergraph extract -format parquet; [Assemble]
// finishes its result.
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
	b.cpu, _ = cputime.Now()
	steps := []struct {
		name string
		f    func() error
	}{
		{"papers", b.paperSlots},
		{"artifacts", b.artifacts},
		{"fold", b.fold},
		{"cites", b.cites},
		{"numbering", b.number},
		{"projection", b.project},
		{"backbone", b.backbone},
		{"edges", b.assemble},
		{"analysis", b.analyse},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("graph: build: %w", err)
		}
		if err := s.f(); err != nil {
			return nil, err
		}
		if b.opt.log.Enabled(ctx, slog.LevelDebug) {
			c, _ := cputime.Now()
			b.opt.log.Debug("graph: build", "phase", s.name, "seconds", time.Since(b.phase).Seconds(),
				"cpu_seconds", (c - b.cpu).Seconds())
			b.cpu = c
		}
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
	cpu   time.Duration // the process's CPU time at phase
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
	// Folded artifacts: how many, and per introducing paper (rank r) in
	// introArt[introStart[r]:introStart[r+1]], in artifact order.
	folded     int
	introStart []int32
	introArt   []int32
	// Per batch paper (by rank): its (artifact, entity index) pairs sorted,
	// in ment[mentStart[r]:mentStart[r+1]].
	mentStart []int32
	ment      []artEnt

	// Works outside the batch that became nodes.
	ext []extWork
	// Per batch paper (by rank): cite targets with evidence, merged per target.
	citeStart []int32
	cite      []citeRec

	// Numbering: global node index (ID order) of each slot, external work and artifact.
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
	freedRows  int // bytes of the projection's rows assemble freed
	// Projection features (global indices) per batch paper, by rank.
	featStart []int32
	feat      []int32
	featDF    []int32  // per global index: document frequency of the feature
	leftOut   []bool   // per global index
	famNames  []string // per family feature (global index - nodes): its Shared name
	pairs     int64
	// backboneCut counts the shares links the backbone filter removed.
	backboneCut int
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
