package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompareSelfIsEmpty(t *testing.T) {
	papers := synthetic(500, 5)
	a := build(t, papers, Options{})
	b := build(t, shuffled(papers, 3), Options{})
	d, err := Compare(a, b)
	require.NoError(t, err)
	assert.True(t, d.Empty(), "%+v", d)
	assert.Equal(t, a.NumEdges(), d.EdgesKept)
	require.Len(t, d.Graph.Nodes(), len(a.Nodes()))
	for _, n := range d.Graph.Nodes() {
		assert.Equal(t, Kept, n.Status, n.ID)
	}
	for _, e := range d.Graph.Edges() {
		assert.Equal(t, Kept, e.Status)
	}
}

// TestCompareTwoPapersAdded: the new batch is the old one plus two papers,
// one naming a new dataset and one naming a dataset old papers name.
func TestCompareTwoPapersAdded(t *testing.T) {
	old := twoClusters()
	new := append(twoClusters(),
		pp("2402.00001", ds("fresh"), ds("a")),
		pp("2402.00002", ds("fresh"), ds("c")),
	)
	d, err := Compare(build(t, old, Options{}), build(t, new, Options{}))
	require.NoError(t, err)
	assert.Equal(t, []string{"paper:2402.00001", "paper:2402.00002"}, d.PapersAdded)
	assert.Empty(t, d.PapersGone)
	// fresh is new (0 → 2), a and c gain one paper each.
	assert.Equal(t, []ArtifactChange{
		{"dataset:fresh", "fresh", 0, 2},
		{"dataset:a", "a", 4, 5},
		{"dataset:c", "c", 4, 5},
	}, d.Artifacts)
	assert.Empty(t, d.EdgesLost)
	for _, e := range d.EdgesGained {
		assert.True(t, e.Source == "paper:2402.00001" || e.Source == "paper:2402.00002" ||
			e.Target == "paper:2402.00001" || e.Target == "paper:2402.00002", "%v", e)
	}
	st := map[string]Status{}
	for _, n := range d.Graph.Nodes() {
		st[n.ID] = n.Status
	}
	assert.Equal(t, Added, st["paper:2402.00001"])
	assert.Equal(t, Added, st["dataset:fresh"])
	assert.Equal(t, Kept, st["paper:2401.00001"])
	assert.Len(t, st, len(build(t, new, Options{}).Nodes()))
	// The union graph counts its own nodes: report.md of a diff reads them.
	assert.Equal(t, len(new), d.Graph.Stats().Papers)
	assert.Equal(t, len(d.EdgesGained)+d.EdgesKept, d.Graph.Stats().Mentions+d.Graph.Stats().Shares+d.Graph.Stats().Cites)

	// And back: the same two papers gone, their edges lost.
	back, err := Compare(build(t, new, Options{}), build(t, old, Options{}))
	require.NoError(t, err)
	assert.Equal(t, d.PapersAdded, back.PapersGone)
	assert.Len(t, back.EdgesLost, len(d.EdgesGained))
	for _, n := range back.Graph.Nodes() {
		if n.ID == "paper:2402.00001" {
			assert.Equal(t, Removed, n.Status)
			assert.Equal(t, -1, n.Community)
		}
	}
}

// TestCompareMergeSplit: two clusters joined by many new papers naming
// both become one community: a merge; read backwards, a split.
func TestCompareMergeSplit(t *testing.T) {
	old := twoClusters()
	joined := twoClusters()
	for i := range 7 {
		joined[i].Entities = append(joined[i].Entities, ds("a"), ds("b"), ds("c"), ds("d"))
	}
	a, b := build(t, old, Options{}), build(t, joined, Options{})
	require.Equal(t, 2, a.Stats().Communities)
	require.Equal(t, 1, b.Stats().Communities)
	d, err := Compare(a, b)
	require.NoError(t, err)
	require.Len(t, d.Merged, 1)
	assert.Equal(t, []int{0, 1}, d.Merged[0].Old)
	assert.Equal(t, []int{0}, d.Merged[0].New)
	assert.Empty(t, d.Split)
	back, err := Compare(b, a)
	require.NoError(t, err)
	require.Len(t, back.Split, 1)
	assert.Equal(t, []int{0}, back.Split[0].Old)
	assert.Equal(t, []int{0, 1}, back.Split[0].New)
	assert.Empty(t, back.Merged)
}

func TestCompareZeroGraph(t *testing.T) {
	_, err := Compare(&Graph{}, &Graph{})
	assert.Error(t, err)
}
