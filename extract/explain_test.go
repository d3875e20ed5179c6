package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
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
