package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/internal/worst"
)

func TestExplain(t *testing.T) {
	x := extract.Default()
	texts := []string{
		"We introduce Zorblax, a benchmark for sorting. We evaluate Quuxformer-7B on Zorblax and ImageNet.",
		`Code: \href{https://github.com/o/r}{here}; see arXiv:2401.00001 and the Plimset dataset.`,
	}
	for _, text := range texts {
		dec := x.Explain(text)
		var taken []papergraph.Entity
		for _, d := range dec {
			assert.Equal(t, text[d.Start:d.End], d.Surface, "%+v", d)
			if d.Taken {
				assert.Empty(t, d.Why, "%+v", d)
				taken = append(taken, d.Entity)
			} else {
				assert.NotEmpty(t, d.Why, "%+v", d)
			}
		}
		assert.Equal(t, x.Text(text), taken, "taken decisions are Text's entities: %q", text)
	}
}

func TestCues(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name, text, entity, rule, cue string
	}{
		{"introduced", "We introduce Zorblax, a benchmark for sorting.", "Zorblax", "pattern:introduced", "introduce … benchmark"},
		{"head noun after", "Results on the Plimset dataset are strong.", "Plimset", "pattern:suffix", "dataset"},
		{"list alias", "We fine-tune on ImageNet.", "ImageNet", "gazetteer", "ImageNet"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got *papergraph.Entity
			for _, e := range x.Text(tc.text) {
				if e.Name == tc.entity {
					got = &e
					break
				}
			}
			require.NotNil(t, got, "%q: no %s", tc.text, tc.entity)
			assert.Equal(t, tc.rule, got.Rule)
			assert.Equal(t, tc.cue, got.Cue)
		})
	}
}

// TestExplainLongText: a text many windows long is explained a window at
// a time, as Text reads it: the taken decisions are Text's entities, with
// offsets into the whole text; ExplainFirst lists the first max of
// Explain's decisions and counts the rest, and on a huge text needs a
// window's memory and max decisions, not the text's.
func TestExplainLongText(t *testing.T) {
	x := extract.Default()
	s := worst.Dense(100 << 10)
	dec := x.Explain(s)
	var taken []papergraph.Entity
	for i, d := range dec {
		require.Equal(t, s[d.Start:d.End], d.Surface, "decision %d", i)
		if i > 0 {
			require.LessOrEqual(t, dec[i-1].Start, d.Start, "decision %d out of order", i)
		}
		if d.Taken {
			taken = append(taken, d.Entity)
		}
	}
	assert.Greater(t, dec[len(dec)-1].Start, 3*extract.WindowSize, "decisions of the last window")
	assert.Equal(t, x.Text(s), taken, "taken decisions are Text's entities")

	for _, max := range []int{0, 1, len(dec) / 3, len(dec), len(dec) + 1, -1} {
		first, more := x.ExplainFirst(s, max)
		want := len(dec)
		if max >= 0 {
			want = min(max, len(dec))
		}
		assert.Len(t, first, want, "max %d", max)
		assert.Equal(t, len(dec)-want, more, "max %d: decisions counted, not listed", max)
		if len(first) > 0 {
			assert.Equal(t, dec[:want], first, "max %d", max)
		}
	}

	if testing.Short() || raceEnabled {
		return
	}
	const n = 4 << 20
	for _, shape := range worst.ShapeNames() {
		big := worst.Shapes[shape](n)
		var more int
		grew := peakHeap(func() { _, more = x.ExplainFirst(big, extract.MaxPerText) })
		t.Logf("%s: peak heap %.2f bytes per byte of a 4 MiB text, %d decisions past the first %d", shape, grew/n, more, extract.MaxPerText)
		assert.Less(t, grew/n, 10.0, "%s: explaining's memory per byte of text", shape)
	}
}
