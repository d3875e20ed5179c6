package extract

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
)

// TestSortEntities: sortEntities, which sorts indices and then moves each
// entity once, orders entities as sorting them with slices.SortFunc does,
// equal keys (entities that differ only in Rule) included, for short and
// long lists.
func TestSortEntities(t *testing.T) {
	kinds := []papergraph.Kind{papergraph.KindDataset, papergraph.KindModel}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 12, 13, 31, 32, 33, 100} {
		for round := range 50 {
			e := make([]papergraph.Entity, n)
			for i := range e {
				st := rng.IntN(8)
				e[i] = papergraph.Entity{Start: st, End: st + rng.IntN(3), Kind: kinds[rng.IntN(2)],
					Name: "n" + strconv.Itoa(rng.IntN(3)), Rule: "r" + strconv.Itoa(i)}
			}
			want := slices.Clone(e)
			slices.SortFunc(want, func(a, b papergraph.Entity) int { return compareEntities(&a, &b) })
			sortEntities(e)
			assert.Equal(t, want, e, "%d entities, round %d", n, round)
		}
	}
}
