package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// has reports whether ents hold an entity of kind and name.
func hasEntity(ents []found, kind papergraph.Kind, name string) bool {
	for _, e := range ents {
		if e.Kind == kind && e.Name == name {
			return true
		}
	}
	return false
}

func TestEvalListRule(t *testing.T) {
	x := extract.Default()
	type want struct {
		kind papergraph.Kind
		name string
	}
	tests := []struct {
		name string
		text string
		want []want // must be found
		not  []string
	}{
		{"anchored by a known benchmark",
			"Across MMLU, ZorBench, and QuuxQA, our method improves accuracy.",
			[]want{{papergraph.KindBenchmark, "ZorBench"}, {papergraph.KindBenchmark, "QuuxQA"}}, nil},
		{"anchored by a known model in parentheses",
			"We train three backbones (Llama-3-8B, Plonk2.5, Mistral-7B) with our loss.",
			[]want{{papergraph.KindModel, "Plonk2.5"}}, nil},
		{"a plural head noun before the list",
			"Experiments on two widely used benchmarks ZQA and FlibEval show gains.",
			[]want{{papergraph.KindBenchmark, "ZQA"}, {papergraph.KindBenchmark, "FlibEval"}}, nil},
		{"a lower-case name with digits in an anchored list",
			"We validate on standard benchmarks, including wordz9 and CIFAR-10.",
			[]want{{papergraph.KindBenchmark, "wordz9"}}, nil},
		{"a capitalised word before a name-like one",
			"Open models such as Llama-3, Zork K2.6, and Mistral are compared.",
			[]want{{papergraph.KindModel, "Zork K2.6"}}, nil},
		{"size ellipsis inherits the family",
			"Gains hold on Plonk3-1.7B, 4B, and 8B, respectively.",
			[]want{{papergraph.KindModel, "Plonk3-4B"}, {papergraph.KindModel, "Plonk3-8B"}}, nil},
		{"scores in parentheses and a dash after the head noun",
			"We set new results on five benchmarks - MMLU (90.1%), ZorbRef (85.6%), and QuuxSet (97.1%).",
			[]want{{papergraph.KindBenchmark, "ZorbRef"}, {papergraph.KindBenchmark, "QuuxSet"}}, nil},
		{"a participle after the head noun",
			"We release the three baseline models tested (BiZorb, DecompQuux and ZGEM).",
			[]want{{papergraph.KindModel, "BiZorb"}, {papergraph.KindModel, "ZGEM"}}, nil},
		{"a star after a short name",
			"Gains across ZBench, Q*, and MMLU hold.",
			[]want{{papergraph.KindBenchmark, "Q*"}}, nil},
		{"a member's model ending anchors the others",
			"The three backbones evaluated per site (ZorbFM, QuuxGPT, PlimPFN) agree.",
			[]want{{papergraph.KindModel, "ZorbFM"}, {papergraph.KindModel, "PlimPFN"}}, nil},
		{"a tool noun before the list keeps a model ending from anchoring it",
			"We study five serving frameworks: ZorbServe, QuuxGPT, and PlimInfer. They differ.",
			nil, []string{"ZorbServe", "PlimInfer"}},
		{"a list without a conjunction is no coordination",
			"On ImageNet, Zorbnet-50 reaches 80% top-1.",
			nil, []string{"Zorbnet-50"}},
		{"a clause after the conjunction is no member",
			"Our method helps on MMLU, and Zorblax2 achieves more.",
			nil, []string{"Zorblax2"}},
		{"a set of values in braces",
			"Each action is one of {STAY, MOVE, and HALT} for the agent on MMLU.",
			nil, []string{"STAY", "MOVE", "HALT"}},
		{"math symbols are no names",
			"The groups $C_4$ and $D_4$ act on ImageNet.",
			nil, []string{"D_4", "D4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := names(x.Text(tc.text))
			for _, w := range tc.want {
				assert.True(t, hasEntity(got, w.kind, w.name), "%q: want %s %q in %v", tc.text, w.kind, w.name, got)
			}
			for _, n := range tc.not {
				for _, g := range got {
					assert.NotEqual(t, n, g.Name, "%q: %q is no artifact", tc.text, n)
				}
			}
		})
	}
}

func TestEditionsAndTiers(t *testing.T) {
	x := extract.Default()
	tests := []struct {
		name, text, surface, want, family string
	}{
		{"a year after a benchmark is an edition", "We report AIME 2025, and more.", "AIME 2025", "AIME 2025", "AIME"},
		{"a version after a benchmark before a comma", "On ALFWorld 2.0, we win.", "ALFWorld 2.0", "ALFWorld 2.0", "ALFWorld"},
		{"a tier word after a version", "We compare with Gemini-2.5 Flash on the task.", "Gemini-2.5 Flash", "Gemini 2.5 Flash", "Gemini 2.5"},
		{"an edition is never another edition's node", "Gemini 2.5 Pro is strong.", "Gemini 2.5 Pro", "Gemini 2.5 Pro", "Gemini"},
		{"a tier and its version", "We use Claude Sonnet 4.5 as judge.", "Claude Sonnet 4.5", "Claude Sonnet 4.5", "Claude"},
		{"a family, a word and a version", "An agent built on Claude Zephyrine 5.1, which is closed.", "Claude Zephyrine 5.1", "Claude Zephyrine 5.1", "Claude"},
		{"a count is no edition", "We train on ImageNet 100 times.", "ImageNet", "ImageNet", ""},
		{"a minor version makes another edition", "Our agent beats GPT-5.5 on most tasks.", "GPT-5.5", "GPT-5.5", "GPT"},
		{"a minor version before a size", "Without it, Llama 3.1 8B scores 0.29 on the task.", "Llama 3.1 8B", "Llama-3.1-8B", "Llama-3.1"},
		{"a sample count after a benchmark is an edition", "We evaluate on Procgen 200k, where it wins.", "Procgen 200k", "Procgen 200k", "Procgen"},
		{"a capitalised word after a benchmark before a comma", "We train in MuJoCo Playground, a simulator.", "MuJoCo Playground", "MuJoCo Playground", "MuJoCo"},
		{"an abstract noun is no edition", "Two levels: MuJoCo Parallelism, which explores more.", "MuJoCo", "MuJoCo", ""},
		{"no edition inside a title-case phrase", "Scaling MuJoCo Playground, we find gains.", "MuJoCo", "MuJoCo", ""},
		{"a capitalised modifier before a listed benchmark and a head noun", "Results on the Visual ImageNet benchmark improve.", "Visual ImageNet", "Visual ImageNet", "ImageNet"},
		{"no modifier inside a title-case phrase", "Towards Visual ImageNet benchmark results, we go.", "ImageNet", "ImageNet", ""},
		{"a hyphenated capitalised subset of a listed benchmark is its own node", "We report ARC-Easy and ARC-Challenge accuracy.", "ARC-Challenge", "ARC-Challenge", "ARC"},
		{"a capitalised word after a numbered model ends the name", "We evaluate GPT-5.6 Quorbel, and others.", "GPT-5.6 Quorbel", "GPT-5.6 Quorbel", "GPT"},
		{"an unknown version of a listed family", "We compare with GPT-9 on the task.", "GPT-9", "GPT-9", "GPT"},
		{"an unknown version, an edition word and a model noun", "We use the same GPT-9 Astra planner for all runs.", "GPT-9 Astra", "GPT-9 Astra", "GPT"},
		{"an unknown v-version of a listed family", "We adopt DINOv9 with adapters as the backbone.", "DINOv9", "DINOv9", "DINO"},
		{"a month and a year", "We evaluate on MMLU, GSM8K, and ZMMT February 2025.", "ZMMT February 2025", "ZMMT February 2025", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := x.Text(tc.text)
			var hit *papergraph.Entity
			for i := range ents {
				if ents[i].Surface == tc.surface {
					hit = &ents[i]
				}
			}
			if assert.NotNil(t, hit, "%q: no entity %q in %v", tc.text, tc.surface, names(ents)) {
				assert.Equal(t, tc.want, hit.Name)
				assert.Equal(t, tc.family, hit.Family)
			}
		})
	}
}
