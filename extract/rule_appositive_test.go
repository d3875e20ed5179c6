package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

func TestAppositiveRule(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name string
		text string
		kind papergraph.Kind // "" when nothing may be found
		ent  string
	}{
		{"a size suffix is a dataset size when the appositive says dataset",
			"Combining both yields Zorbstream-1M, a broad-coverage streaming video dataset with captions.",
			papergraph.KindDataset, "Zorbstream-1M"},
		{"an environment is a benchmark",
			"We answer with controlled interventions in PLONKWORLD, an interactive environment whose objects hide mass.",
			papergraph.KindBenchmark, "PLONKWORLD"},
		{"a named corpus",
			"We also release the Quux Corpus, a corpus of 14M science sentences.",
			papergraph.KindDataset, "Quux Corpus"},
		{"a name after a head noun and a comma",
			"We build a curated image dataset, ZVD-77M, instead of uncurated data.",
			papergraph.KindDataset, "ZVD-77M"},
		{"a model",
			"Features come from ZorbPrime, a pretrained echo foundation model shared across tasks.",
			papergraph.KindModel, "ZorbPrime"},
		{"a method is no artifact",
			"We propose ZorbAlign, a training method for alignment.",
			"", "ZorbAlign"},
		{"a clause is no appositive",
			"On a subset of ZorbMark, the debugged model completes most tasks.",
			"", "ZorbMark"},
		{"a set of measures is no dataset",
			"Second, ZorbMetrics, a set of quantitative measures, is proposed.",
			"", "ZorbMetrics"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := names(x.Text(tc.text))
			if tc.kind == "" {
				for _, g := range got {
					assert.NotEqual(t, tc.ent, g.Name, "%q: %v", tc.text, got)
				}
				return
			}
			assert.True(t, hasEntity(got, tc.kind, tc.ent), "%q: want %s %q in %v", tc.text, tc.kind, tc.ent, got)
		})
	}
}
