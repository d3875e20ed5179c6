package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// TestRefused: Stats.Refused counts each batch paper once per refused
// artifact (by key, whatever the spelling), skips external papers, names
// each by its most common spelling and lists them by ID.
func TestRefused(t *testing.T) {
	stop := func(kind papergraph.Kind, name string) papergraph.Entity {
		return papergraph.Entity{Kind: kind, Name: name, Surface: name, End: len(name), Rule: "pattern:suffix"}
	}
	ps := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "One", Stopped: []papergraph.Entity{stop(papergraph.KindModel, "CNN"), stop(papergraph.KindModel, "cnn")}},
		{ArXiv: "2401.00002", Title: "Two", Stopped: []papergraph.Entity{stop(papergraph.KindModel, "CNN"), stop(papergraph.KindBenchmark, "German")}},
		{ArXiv: "2401.00003", Title: "Three", Stopped: []papergraph.Entity{stop(papergraph.KindModel, "cnn")}},
		{ArXiv: "2401.00004", Title: "Cited", External: true, Stopped: []papergraph.Entity{stop(papergraph.KindBenchmark, "German")}},
	}
	g, err := Build(ps, Options{})
	require.NoError(t, err)
	assert.Equal(t, []Refused{
		{ID: "benchmark:german", Label: "German", Papers: 1},
		{ID: "model:cnn", Label: "CNN", Papers: 3},
	}, g.Stats().Refused)
	_, ok := g.Node("model:cnn")
	assert.False(t, ok, "a refused artifact is no node")
}
