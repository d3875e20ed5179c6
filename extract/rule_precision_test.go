package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

func TestPrecisionRules(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name string
		text string
		not  []string
	}{
		{"A & B is one name, not a list", "It reaches only 51.7% on Sensing & Acting, and 60% overall on MMLU.", []string{"Sensing", "Acting"}},
		{"a lower-case task phrase is no name", "Established text-to-ZQL benchmarks evaluate query generation alone.", []string{"text-to-ZQL"}},
		{"a word glued to an acronym is no name", "Most multi-LLM systems and frozen-LLM baselines fail.", []string{"multi-LLM", "frozen-LLM"}},
		{"a model name as a modifier", "Training combines a CLIP contrastive loss with a miner.", []string{"CLIP"}},
		{"a model name before loss", "We add a CLIP loss to the objective.", []string{"CLIP"}},
		{"a family word inside a longer capitalised method name", "We propose the Mamba Fusion Network for sensor fusion.", []string{"Mamba"}},
		{"a family word before a compound method name", "Our Llama-Guided Planner is fast.", []string{"Llama", "LLaMA"}},
		{"a shorter edition inside a minor version", "We compare with GLM-4.6 on the task.", []string{"GLM-4"}},
		{"a domain acronym after an adjective before a plural head", "It transfers across four heterogeneous ZKG datasets without retraining.", []string{"ZKG"}},
		{"a domain acronym after an indefinite article", "On MegZorb, a 12k-trial imagined-digit ZEG dataset, we win.", []string{"ZEG"}},
		{"an operating system", "We evaluate agents on Kali Linux and Ubuntu machines.", []string{"Kali Linux", "Ubuntu"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := names(x.Text(tc.text))
			for _, n := range tc.not {
				for _, g := range got {
					assert.NotEqual(t, n, g.Name, "%q: %q is no artifact here (%v)", tc.text, n, got)
				}
			}
		})
	}
}

func TestTitleRule(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name, title, abstract string
		kind                  papergraph.Kind // "" when X is no entity
		ent                   string
	}{
		{"a benchmark named by the title", "ZorbCatalyst: A Benchmark for Retrieving Papers",
			"We study retrieval. ZorbCatalyst holds 300 queries written by experts.", papergraph.KindBenchmark, "ZorbCatalyst"},
		{"the title's kind wins over a guess", "Plimset: A Large-Scale Dataset of Scenes",
			"Models such as ResNet-50, Plimset and more are compared with ours.", papergraph.KindDataset, "Plimset"},
		{"a name the abstract does not repeat", "Zorblax: A Benchmark for Sorting",
			"We study sorting with a new benchmark of 300 lists.", "", "Zorblax"},
		{"a title without a head noun", "Zorblax: Pushing the Limits of Sorting",
			"Zorblax sorts lists fast.", "", "Zorblax"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := papergraph.Paper{Title: tc.title, Abstract: tc.abstract}
			x.Paper(&p)
			got := names(p.Entities)
			if tc.kind == "" {
				for _, g := range got {
					assert.NotEqual(t, tc.ent, g.Name, "%v", got)
				}
				return
			}
			assert.True(t, hasEntity(got, tc.kind, tc.ent), "want %s %q in %v", tc.kind, tc.ent, got)
			for _, e := range p.Entities {
				if e.Name == tc.ent {
					assert.True(t, e.Introduced)
					assert.Equal(t, tc.abstract[e.Start:e.End], e.Surface)
				}
			}
		})
	}
}
