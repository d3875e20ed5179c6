package graph

import (
	"context"
	"log/slog"
	"runtime"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// onMessage is a slog handler that calls f at each record with message msg.
type onMessage struct {
	msg string
	f   func()
}

func (h onMessage) Enabled(context.Context, slog.Level) bool { return true }
func (h onMessage) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.f()
	}
	return nil
}
func (h onMessage) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h onMessage) WithGroup(string) slog.Handler      { return h }

// releasedPapers returns two papers that share an artifact, and a weak
// pointer to the block of their entities.
func releasedPapers() ([]papergraph.Paper, weak.Pointer[papergraph.Entity]) {
	ents := make([]papergraph.Entity, 2)
	for i := range ents {
		ents[i] = papergraph.Entity{Kind: papergraph.KindDataset, Name: "ImageNet", Surface: "ImageNet", Start: 12, End: 20, Rule: "gazetteer"}
	}
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "One", Entities: ents[:1:1]},
		{ArXiv: "2401.00002", Title: "Two", Entities: ents[1:]},
	}
	return papers, weak.Make(&ents[0])
}

// TestAnalysisWithoutPapers: a build whose caller holds its papers no
// more drops them (here: their entities) before the analysis, the phase
// where the heap of a large build is largest, so the collector can reuse
// their memory there; the graph is the same.
func TestAnalysisWithoutPapers(t *testing.T) {
	papers, ents := releasedPapers()
	want, err := Build(papers, Options{})
	require.NoError(t, err)
	papers = nil

	in, ents := releasedPapers()
	released := false
	log := slog.New(onMessage{msg: "graph: analysis", f: func() {
		runtime.GC()
		released = ents.Value() == nil
	}})
	got, err := BuildContext(context.Background(), in, Options{Logger: log})
	require.NoError(t, err)
	assert.True(t, released, "the papers' entities were still reachable at the analysis")
	assert.Equal(t, want.Nodes(), got.Nodes())
	assert.Equal(t, want.Edges(), got.Edges())
}
