package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

func TestCueRules(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name string
		text string
		kind papergraph.Kind // "" when nothing may be found
		ent  string
	}{
		{"a name, a modifier and a head noun",
			"On the public ZORB memory benchmark and on held-out data, we win.",
			papergraph.KindBenchmark, "ZORB"},
		{"a model with a modifier",
			"It exposes detail from the ZGGT foundation model before pooling.",
			papergraph.KindModel, "ZGGT"},
		{"a lower-case word is no name for the modifier rule",
			"It integrates an on-GPU acoustic encoder for synthesis.",
			"", "on-GPU"},
		{"a capitalised word before an architecture class",
			"We compare a from-scratch trained Zonal CNN baseline against frozen encoders.",
			papergraph.KindModel, "Zonal CNN"},
		{"a name in a model's role",
			"Using Zorbix as the backbone, we obtain gains.",
			papergraph.KindModel, "Zorbix"},
		{"a name-like word in a model's role with an adjective",
			"We distill with Plimbo-2 as a frozen teacher on all tasks.",
			papergraph.KindModel, "Plimbo-2"},
		{"a name in a benchmark's role",
			"These results establish ZorbQA as a controlled testbed for retrieval.",
			papergraph.KindBenchmark, "ZorbQA"},
		{"a title-case phrase before the role is no name",
			"We use Deep Zorbix as the backbone.",
			"", "Zorbix"},
		{"a name after an adjective before a singular head",
			"We evaluate on the full ZorbMD-138K corpus for safety.",
			papergraph.KindDataset, "ZorbMD-138K"},
		{"coordinated names before a plural head",
			"Experiments on the ZKG and QuuxSet datasets show gains.",
			papergraph.KindDataset, "ZKG"},
		{"a year and an acronym inside a name before a capitalised head",
			"We describe our entry to the ZQoE 2026 Grand Challenge on video quality.",
			papergraph.KindBenchmark, "ZQoE 2026 Grand Challenge"},
		{"a short acronym inside a name before a capitalised head",
			"Evaluation on the AI Zorb Challenge shows gains.",
			papergraph.KindBenchmark, "AI Zorb Challenge"},
		{"of and a capitalised word after a capitalised head",
			"It pretrains models on the International Corpus of Zorbish and more.",
			papergraph.KindDataset, "International Corpus of Zorbish"},
		{"a name made an adjective before a plural model noun",
			"We compare with QuuxNet-style models on the task.",
			papergraph.KindModel, "QuuxNet"},
		{"an adjective only a released model takes",
			"It outperforms the fine-tuned Zorbix planner on all maps.",
			papergraph.KindModel, "Zorbix"},
		{"a capitalised word with a distinctive model ending",
			"We build upon Zorbformer and its variants.",
			papergraph.KindModel, "Zorbformer"},
		{"a common word ending like a model is no name",
			"States live in an exponentially large Hilbert space.",
			"", "Hilbert"},
		{"a capitalised name with an appositive after a preposition",
			"Performance is comparable to Zorbulon, the state-of-the-art model.",
			papergraph.KindModel, "Zorbulon"},
		{"the family word inside a longer method name",
			"Our Llama-Guided Planner method is fast.",
			"", "LLaMA-Guided"},
		{"subsets of a benchmark",
			"Our suite includes two subsets, ZorbHard and ZorbEasy, for testing.",
			papergraph.KindDataset, "ZorbHard"},
		{"a head noun inside a longer capitalised name",
			"We present the Contour-Zorb Mixed Environment Overlays (CZMEO), a method.",
			"", "Contour-Zorb Mixed"},
		{"a sentence's first On and a comma",
			"On ZH20T, an input-target factorial reproduces both mechanisms.",
			papergraph.KindDataset, "ZH20T"},
		{"the plural of a listed model is no dataset",
			"Across ResNets, the effect holds.",
			"", "ResNets"},
		{"a count and tasks",
			"On 1,600 ZorbAI tasks, our planner solves 1,598.",
			papergraph.KindBenchmark, "ZorbAI"},
		{"a possessive before a known benchmark",
			"LoopCD lifts Zugginn's HumanEval pass@1 from 22% to 31%.",
			papergraph.KindModel, "Zugginn"},
		{"a lower-case API id with a known family",
			"It is competitive with the closed gemini-embedding-7, edging ahead of it.",
			papergraph.KindModel, "gemini-embedding-7"},
		{"an API id needs a digit",
			"We use gpt-based judges.",
			"", "gpt-based"},
		{"coordinated names before a plural head noun",
			"We attack SNN models for the ZMNIST, ZHD, and IBM ZVS Gesture datasets.",
			papergraph.KindDataset, "IBM ZVS Gesture"},
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
