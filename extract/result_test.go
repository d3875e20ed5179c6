package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// TestResultGivesWhatPaperSets: a record given the Result of its
// extracted copy equals the record extracted, on papers that between them
// set every field Paper sets (so a field Result left out would fail).
func TestResultGivesWhatPaperSets(t *testing.T) {
	var many strings.Builder
	for i := range extract.MaxPerText + 5 {
		fmt.Fprintf(&many, "See https://github.com/u/r%d. ", i)
	}
	records := []papergraph.Paper{
		{ID: "a", Title: "FooNet: Learning to Count", Abstract: "We present FooNet, evaluated on ImageNet and MS COCO " +
			"and existing Chinese benchmarks, following arXiv:2301.00001. Code will be released."},
		{ID: "b", Title: "Many", Abstract: many.String()},
		{ID: "c", Title: "None", Abstract: "Nothing is named here."},
	}
	x := extract.Default()
	var set struct{ name, ents, stopped, refs, leftOut, promises bool }
	for _, rec := range records {
		want := rec
		x.Paper(&want)
		set.name = set.name || want.Name != ""
		set.ents = set.ents || len(want.Entities) > 0
		set.stopped = set.stopped || len(want.Stopped) > 0
		set.refs = set.refs || len(want.Refs) > 0
		set.leftOut = set.leftOut || want.LeftOut > 0
		set.promises = set.promises || want.PromisesCode
		r := extract.ResultOf(&want)
		require.True(t, r.Done())
		got := rec
		r.Give(&got)
		assert.Equal(t, want, got, rec.ID)
	}
	assert.Equal(t, struct{ name, ents, stopped, refs, leftOut, promises bool }{true, true, true, true, true, true}, set,
		"the papers set every field Paper sets")
	var zero extract.Result
	assert.False(t, zero.Done())
}
