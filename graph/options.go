package graph

import (
	"log/slog"
	"math"
	"runtime"
)

// Defaults used by [Build] for zero [Options] fields.
const (
	// DefaultTopK is how many strongest shares links each paper keeps.
	DefaultTopK = 10
	// DefaultMaxDFFraction, DefaultMaxDFMin and DefaultPairBudget make the
	// default document-frequency cap: an artifact named by more than
	// max(DefaultMaxDFMin, DefaultMaxDFFraction × papers) batch papers is
	// left out of the projection, and the cap is lowered further until the
	// artifacts under it pair at most DefaultPairBudget (ordered) papers,
	// the sum over artifacts of df × (df−1): that bounds the work and
	// memory of the projection whatever the batch. Batches of up to 10,000
	// papers usually keep every artifact.
	DefaultMaxDFFraction = 0.01
	DefaultMaxDFMin      = 100
	DefaultPairBudget    = 1 << 26
	// DefaultMinCocite is how many batch papers must cite a work outside
	// the batch for it to become an external paper node.
	DefaultMinCocite = 2
	// DefaultMaxShared is how many shared IDs a shares edge lists at most
	// (the rarest ones); its Weight always counts them all.
	DefaultMaxShared = 8
	// MaxExactPairs bounds Options.Exact: a batch whose artifacts could pair
	// more papers (the sum over artifacts of df × (df−1) / 2) is refused
	// with ErrTooLarge. A shares edge costs about 60 bytes while Build
	// runs, so this is about 16 GB.
	MaxExactPairs = 1 << 28
)

// Options configures [Build]. The zero value is ready to use: the pruned
// projection (top-k and max-df) with the defaults above, external works
// cited by two batch papers, and communities.
type Options struct {
	// TopK keeps, for each paper, its TopK strongest shares links (by
	// weight rounded to 9 decimal places, ties to the smaller ID); an edge is kept when either endpoint
	// keeps it. 0 means DefaultTopK, a negative value keeps every link.
	TopK int
	// MaxDF caps the document frequency of the artifacts (and cited works)
	// the paper–paper projection uses: a value in (0, 1) is a fraction of
	// the batch papers, a value >= 1 a count of papers. Artifacts named by
	// more papers keep their node and mentions edges but link no papers;
	// they are listed in Stats.LeftOut. 0 means the default cap (see
	// DefaultMaxDFFraction and DefaultPairBudget), a negative value no cap.
	MaxDF float64
	// PairBudget lowers the automatic document-frequency cap (MaxDF 0)
	// until the artifacts under it pair at most PairBudget ordered paper
	// pairs (see DefaultPairBudget). 0 means DefaultPairBudget, a negative
	// value no budget (the cap stays max(DefaultMaxDFMin,
	// DefaultMaxDFFraction × papers)).
	PairBudget int64
	// Exact computes the full projection: every pair of papers that name a
	// common artifact or cite a common work gets a shares edge. TopK and
	// MaxDF are ignored. The cost is quadratic in the most common
	// artifact's document frequency; beyond MaxExactPairs pairs Build
	// returns ErrTooLarge.
	Exact bool
	// MinCocite is how many batch papers must cite a work outside the
	// batch for it to become an external paper node (bibliographic
	// coupling). 0 means DefaultMinCocite; a negative value adds no
	// external works.
	MinCocite int
	// MaxShared is how many IDs Edge.Shared lists at most for a shares
	// edge: the rarest shared artifacts, sorted by ID. 0 means
	// DefaultMaxShared, a negative value lists all of them.
	MaxShared int
	// Backbone, when positive, keeps of the shares links left by TopK and
	// MaxDF (or Exact) only the disparity-filter backbone at this
	// significance level (Serrano, Boguñá and Vespignani, PNAS 2009): a
	// paper with k shares links of total weight s finds a link of weight w
	// significant when (1 − w/s)^(k−1) < Backbone, the chance that a link
	// takes so large a share of its strength if the strength were split at
	// random; a link stays when either of its papers finds it
	// significant. A paper with a single link judges none (its one link
	// is judged by the other paper), and a link that is the only one of
	// both its papers stays. Weights are the edges' (rounded to four
	// places). Typical values are 0.01 to 0.1; smaller keeps fewer links.
	// Stats.BackboneCut counts the links cut. 0 (or a value of 1 or more,
	// which would keep everything) applies no filter.
	Backbone float64
	// NoCommunities skips community detection; every Node.Community is
	// then -1.
	NoCommunities bool
	// Split keeps an artifact a paper introduces as a node of its own,
	// beside the paper, joined by a mentions edge (the form Gephi users
	// may prefer). By default such an artifact is folded into its paper:
	// see [Build].
	Split bool
	// NoCentrality skips PageRank and betweenness (Node.PageRank and
	// Node.Betweenness stay 0; CitedBy is still counted).
	NoCentrality bool
	// Resolution is the modularity resolution of community detection:
	// above 1 gives more, smaller communities, below 1 fewer, larger ones.
	// 0 means 1.
	Resolution float64
	// Seed orders community detection's visits of the nodes (0: in ID
	// order; another value: a fixed shuffle of it) and draws the sources
	// of sampled betweenness. The same seed gives the same graph.
	Seed uint64
	// Workers bounds the goroutines of each parallel step; 0 means
	// GOMAXPROCS. The analysis runs four steps side by side, community
	// detection and the nodes' degree and strength (one goroutine each),
	// PageRank and betweenness (up to Workers each), so up to 2*Workers+2
	// goroutines run at once there; with Workers 1 every step runs on one
	// goroutine, one after the other.
	// The result does not depend on it.
	Workers int
	// Logger receives progress at debug level and a summary at info
	// level; nil is silent.
	Logger *slog.Logger
}

// settings are Options resolved for a batch of n papers.
type settings struct {
	topK        int   // 0: no pruning
	maxDF       int   // 0: no cap
	pairBudget  int64 // > 0: lower maxDF to fit this many pairs
	minCocite   int   // 0: no external works
	maxShared   int   // 0: unlimited
	communities bool
	split       bool
	backbone    float64 // 0: none
	centrality  bool
	resolution  float64
	seed        uint64
	workers     int
	log         *slog.Logger
}

func (o Options) resolve(n int) settings {
	s := settings{communities: !o.NoCommunities, split: o.Split, centrality: !o.NoCentrality, resolution: o.Resolution, seed: o.Seed, workers: o.Workers, log: o.Logger}
	if o.Backbone > 0 && o.Backbone < 1 {
		s.backbone = o.Backbone
	}
	if s.resolution <= 0 {
		s.resolution = 1
	}
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	switch {
	case o.MinCocite == 0:
		s.minCocite = DefaultMinCocite
	case o.MinCocite > 0:
		s.minCocite = o.MinCocite
	}
	switch {
	case o.MaxShared == 0:
		s.maxShared = DefaultMaxShared
	case o.MaxShared > 0:
		s.maxShared = o.MaxShared
	}
	if o.Exact {
		return s
	}
	switch {
	case o.TopK == 0:
		s.topK = DefaultTopK
	case o.TopK > 0:
		s.topK = o.TopK
	}
	switch {
	case o.MaxDF == 0:
		s.maxDF = max(DefaultMaxDFMin, int(math.Ceil(DefaultMaxDFFraction*float64(n))))
		s.pairBudget = DefaultPairBudget
		if o.PairBudget != 0 {
			s.pairBudget = max(0, o.PairBudget)
		}
	case o.MaxDF > 0 && o.MaxDF < 1:
		s.maxDF = max(1, int(math.Floor(o.MaxDF*float64(n))))
	case o.MaxDF >= 1:
		s.maxDF = int(min(o.MaxDF, math.MaxInt32))
	}
	return s
}
