package extract_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// found is the part of an entity a rule test checks.
type found struct {
	Kind    papergraph.Kind
	Name    string
	Surface string
}

func names(ents []papergraph.Entity) []found {
	out := []found{}
	for _, e := range ents {
		out = append(out, found{e.Kind, e.Name, e.Surface})
	}
	return out
}

// paperEntities runs Paper on an abstract (one mention per artifact).
func paperEntities(x *extract.Extractor, abstract string) []papergraph.Entity {
	p := papergraph.Paper{Title: "A paper", Abstract: abstract}
	x.Paper(&p)
	return p.Entities
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"scheme repo", "Code is available at https://github.com/kakaobrain/noc.",
			[]found{{papergraph.KindRepo, "github.com/kakaobrain/noc", "https://github.com/kakaobrain/noc"}}},
		{"bare repo at end", "in the presence of web noise github.com/PaulAlbert31/LSA",
			[]found{{papergraph.KindRepo, "github.com/paulalbert31/lsa", "github.com/PaulAlbert31/LSA"}}},
		{"url in parentheses before period", "Project page can be found here (https://wuw2019.github.io/R-AMT/).",
			[]found{{papergraph.KindURL, "wuw2019.github.io/R-AMT", "https://wuw2019.github.io/R-AMT/"}}},
		{"www and git suffix", "See http://www.github.com/Org/Repo.git for code.",
			[]found{{papergraph.KindRepo, "github.com/org/repo", "http://www.github.com/Org/Repo.git"}}},
		{"tree path dropped", "Code: https://github.com/foo/bar/tree/main/src;",
			[]found{{papergraph.KindRepo, "github.com/foo/bar", "https://github.com/foo/bar/tree/main/src"}}},
		{"blob path dropped", "see https://github.com/foo/bar/blob/main/README.md)",
			[]found{{papergraph.KindRepo, "github.com/foo/bar", "https://github.com/foo/bar/blob/main/README.md"}}},
		{"balanced parentheses kept", "at https://en.wikipedia.org/wiki/Transformer_(deep_learning) today",
			[]found{{papergraph.KindURL, "en.wikipedia.org/wiki/Transformer_(deep_learning)", "https://en.wikipedia.org/wiki/Transformer_(deep_learning)"}}},
		{"gitlab nested groups", "Code: https://gitlab.com/group/sub/project/-/tree/main",
			[]found{{papergraph.KindRepo, "gitlab.com/group/sub/project", "https://gitlab.com/group/sub/project/-/tree/main"}}},
		{"bitbucket", "at https://bitbucket.org/Team/Tool/src/master/",
			[]found{{papergraph.KindRepo, "bitbucket.org/team/tool", "https://bitbucket.org/Team/Tool/src/master/"}}},
		{"codeberg bare", "mirror codeberg.org/someone/thing.",
			[]found{{papergraph.KindRepo, "codeberg.org/someone/thing", "codeberg.org/someone/thing"}}},
		{"hf model", "Weights: https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/tree/main",
			[]found{{papergraph.KindRepo, "huggingface.co/qwen/qwen2.5-7b-instruct", "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/tree/main"}}},
		{"hf dataset", "Data: https://huggingface.co/datasets/openai/gsm8k.",
			[]found{{papergraph.KindRepo, "huggingface.co/datasets/openai/gsm8k", "https://huggingface.co/datasets/openai/gsm8k"}}},
		{"hf space is a repo", "Demo: hf.co/spaces/owner/demo",
			[]found{{papergraph.KindRepo, "huggingface.co/spaces/owner/demo", "hf.co/spaces/owner/demo"}}},
		{"project page", "Project page: https://sage-diffusion.github.io/",
			[]found{{papergraph.KindURL, "sage-diffusion.github.io", "https://sage-diffusion.github.io/"}}},
		{"github profile is a url", "by https://github.com/someone.",
			[]found{{papergraph.KindURL, "github.com/someone", "https://github.com/someone"}}},
		{"latex brace", `\url{https://github.com/a/b}`,
			[]found{{papergraph.KindRepo, "github.com/a/b", "https://github.com/a/b"}}},
		{"no link", "We use the github of the authors.", []found{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, names(extract.Default().Text(tc.text)), tc.text)
		})
	}
}

func TestRefs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []papergraph.Ref
	}{
		{"arxiv prefix", "as shown in arXiv:2401.00001.",
			[]papergraph.Ref{{ArXiv: "2401.00001", Surface: "arXiv:2401.00001", Start: 12, End: 28, Source: "abstract"}}},
		{"bare id with version", "see 2312.12345v2 for details",
			[]papergraph.Ref{{ArXiv: "2312.12345", Surface: "2312.12345v2", Start: 4, End: 16, Source: "abstract"}}},
		{"abs link", "(https://arxiv.org/abs/2106.09685v3)",
			[]papergraph.Ref{{ArXiv: "2106.09685", Surface: "https://arxiv.org/abs/2106.09685v3", Start: 1, End: 35, Source: "abstract"}}},
		{"pdf link", "https://arxiv.org/pdf/1706.03762.pdf",
			[]papergraph.Ref{{ArXiv: "1706.03762", Surface: "https://arxiv.org/pdf/1706.03762.pdf", Start: 0, End: 36, Source: "abstract"}}},
		{"old style", "arXiv:hep-th/9901001v1 is old",
			[]papergraph.Ref{{ArXiv: "hep-th/9901001", Surface: "arXiv:hep-th/9901001v1", Start: 0, End: 22, Source: "abstract"}}},
		{"doi", "published as doi:10.1145/3394486.3403360.",
			[]papergraph.Ref{{DOI: "10.1145/3394486.3403360", Surface: "doi:10.1145/3394486.3403360", Start: 13, End: 40, Source: "abstract"}}},
		{"doi link", "https://doi.org/10.1109/CVPR.2016.90",
			[]papergraph.Ref{{DOI: "10.1109/cvpr.2016.90", Surface: "https://doi.org/10.1109/CVPR.2016.90", Start: 0, End: 36, Source: "abstract"}}},
		{"arxiv doi is arxiv", "10.48550/arXiv.2401.00001",
			[]papergraph.Ref{{ArXiv: "2401.00001", Surface: "10.48550/arXiv.2401.00001", Start: 0, End: 25, Source: "abstract"}}},
		{"numbers are not ids", "accuracy rose from 1234.5678 to 92.1% in 2023.", nil},
		{"bad month", "value 2413.12345 here", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, extract.Default().Refs(tc.text), tc.text)
		})
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"gazetteer", "We evaluate on CIFAR-10 with GPT-4.",
			[]found{{papergraph.KindDataset, "CIFAR-10", "CIFAR-10"}, {papergraph.KindModel, "GPT-4", "GPT-4"}}},
		{"alias to canonical", "results on MSCOCO and Long-Bench",
			[]found{{papergraph.KindDataset, "MS COCO", "MSCOCO"}, {papergraph.KindBenchmark, "LongBench", "Long-Bench"}}},
		{"case keeps words out: clip", "We clip the gradients of the tigers now.", []found{}},
		{"case keeps words out: Clip", "Clip the gradients. Glue and Math are words.", []found{}},
		{"acronyms matched in caps", "We compare CLIP on KILT and MATH.",
			[]found{{papergraph.KindModel, "CLIP", "CLIP"}, {papergraph.KindBenchmark, "KILT", "KILT"}, {papergraph.KindBenchmark, "MATH", "MATH"}}},
		{"coordination llama", "Experiments on Llama-2/3 and Mistral models show it.",
			[]found{{papergraph.KindModel, "Llama-2", "Llama-2/3"}, {papergraph.KindModel, "Llama-3", "Llama-2/3"}, {papergraph.KindModel, "Mistral", "Mistral"}}},
		{"coordination mixtures", "in WSJ0-2/3mix, Libri2Mix, and WHAM!/WHAMR! benchmarks.",
			[]found{{papergraph.KindDataset, "WSJ0-2mix", "WSJ0-2/3mix"}, {papergraph.KindDataset, "WSJ0-3mix", "WSJ0-2/3mix"},
				{papergraph.KindDataset, "Libri2Mix", "Libri2Mix"}, {papergraph.KindDataset, "WHAM!", "WHAM!/WHAMR!"}, {papergraph.KindDataset, "WHAMR!", "WHAM!/WHAMR!"}}},
		{"checkpoint keeps family", "We fine-tune Llama-2-7B.",
			[]found{{papergraph.KindModel, "Llama-2-7B", "Llama-2-7B"}}},
		{"infinity bench", "Experiments on ∞Bench show gains.",
			[]found{{papergraph.KindBenchmark, "InfiniteBench", "∞Bench"}}},
		{"latex acronym dataset", "we collect a large-scale noise prompt dataset~(NPD) that contains pairs.",
			[]found{{papergraph.KindDataset, "NPD", "noise prompt dataset~(NPD)"}}},
		{"acronym definition", "on benchmarks such as the Foo Bar Arena (FBA) suite",
			[]found{{papergraph.KindBenchmark, "FBA", "Foo Bar Arena (FBA)"}}},
		{"dataset suffix", "with the HyPoradise dataset to learn",
			[]found{{papergraph.KindDataset, "HyPoradise", "HyPoradise"}}},
		{"benchmark suffix with list", "on the ZetaQA and OmegaSet benchmarks",
			[]found{{papergraph.KindBenchmark, "ZetaQA", "ZetaQA"}, {papergraph.KindBenchmark, "OmegaSet", "OmegaSet"}}},
		{"called", "we introduce a dataset called EchoSet. This dataset",
			[]found{{papergraph.KindDataset, "EchoSet", "EchoSet"}}},
		{"called with acronym", "we develop a realistic dataset called Noise of Web (NoW), which",
			[]found{{papergraph.KindDataset, "NoW", "Noise of Web (NoW)"}}},
		{"introduced appositive", "We introduce MMAR, a new benchmark designed to evaluate reasoning.",
			[]found{{papergraph.KindBenchmark, "MMAR", "MMAR"}}},
		{"head noun before", "we introduce the first comprehensive benchmark AIMicius, where it wins",
			[]found{{papergraph.KindBenchmark, "AIMicius", "AIMicius"}}},
		{"model size", "from a large-scale language model (BLOOM-176B) given outputs",
			[]found{{papergraph.KindModel, "BLOOM-176B", "BLOOM-176B"}}},
		{"unknown model size", "distilled into Zorblax-13B and Zorblax-70B-Chat.",
			[]found{{papergraph.KindModel, "Zorblax-13B", "Zorblax-13B"}, {papergraph.KindModel, "Zorblax-70B-Chat", "Zorblax-70B-Chat"}}},
		{"versioned family", "We evaluate Qwen3-8B and Stable Diffusion 3.",
			[]found{{papergraph.KindModel, "Qwen3-8B", "Qwen3-8B"}, {papergraph.KindModel, "Stable Diffusion 3", "Stable Diffusion 3"}}},
		{"list after models including", "various diffusion models, including SDXL, DreamShaper-xl-v2-turbo, and Hunyuan-DiT.",
			[]found{{papergraph.KindModel, "SDXL", "SDXL"}, {papergraph.KindModel, "DreamShaper-XL-v2-Turbo", "DreamShaper-xl-v2-turbo"}, {papergraph.KindModel, "Hunyuan-DiT", "Hunyuan-DiT"}}},
		{"list after evaluation on", "Experiments on FrobQA, BlipSet and ZonkBench confirm it.",
			[]found{{papergraph.KindDataset, "FrobQA", "FrobQA"}, {papergraph.KindDataset, "BlipSet", "BlipSet"}, {papergraph.KindBenchmark, "ZonkBench", "ZonkBench"}}},
		{"comparison", "Our model surpasses MossFormer and TF-GridNet.",
			[]found{{papergraph.KindModel, "MossFormer", "MossFormer"}, {papergraph.KindModel, "TF-GridNet", "TF-GridNet"}}},
		{"context retypes a list name", "popular datasets like Conceptual Captions, MSCOCO, or CLIP all involve",
			[]found{{papergraph.KindDataset, "Conceptual Captions", "Conceptual Captions"}, {papergraph.KindDataset, "MS COCO", "MSCOCO"}, {papergraph.KindDataset, "CLIP", "CLIP"}}},
		{"acronym defined as another thing", "grouped-query attention (GQA) and sharpness-aware minimization (SAM) help.", []found{}},
		{"task acronym is not a dataset", "noisy correspondence learning (NCL). We build a new NCL benchmark.", []found{}},
		{"generic terms", "A Transformer LLM with ReLU on a GPU beats the VAE and the diffusion model.", []found{}},
		{"metrics and hardware", "We report FID and SI-SNRi on 8 A100 GPUs in BF16.", []found{}},
		{"verb benchmark", "We benchmark XGBoost against others.", []found{{papergraph.KindModel, "XGBoost", "XGBoost"}}},
		{"one kind per name", "We introduce ZorbBench, a new benchmark. We evaluate ZorbBench and GPT-4.",
			[]found{{papergraph.KindBenchmark, "ZorbBench", "ZorbBench"}, {papergraph.KindModel, "GPT-4", "GPT-4"}}},
		{"adjective compound", "a Zorp8K-style dataset of puzzles", []found{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, names(paperEntities(extract.Default(), tc.text)), tc.text)
		})
	}
}

// TestCaseTraps checks that short names that are also words match only
// where they cannot be the word: TIGER is not "tigers", NoW is not "now".
func TestCaseTraps(t *testing.T) {
	g, err := extract.LoadEntities(strings.NewReader("model\tTIGER\ndataset\tNoW\tNoise of Web\n"))
	require.NoError(t, err)
	x, err := extract.New(extract.Config{Entities: []*extract.Gazetteer{g}})
	require.NoError(t, err)
	tests := []struct {
		text string
		want []found
	}{
		{"Now the tigers and Tiger now know.", []found{}},
		{"TIGER beats it on NoW, the Noise of Web data.", []found{
			{papergraph.KindModel, "TIGER", "TIGER"}, {papergraph.KindDataset, "NoW", "NoW"}, {papergraph.KindDataset, "NoW", "Noise of Web"}}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			assert.Equal(t, tc.want, names(x.Text(tc.text)))
		})
	}
}

func TestEntityFields(t *testing.T) {
	text := "We introduce MMAR, a new benchmark. We fine-tune Llama-2-7B on ImageNet. Code: https://github.com/a/b."
	ents := extract.Default().Text(text)
	require.NotEmpty(t, ents)
	byName := map[string]papergraph.Entity{}
	for _, e := range ents {
		assert.NotEmpty(t, e.Rule, "rule of %q", e.Name)
		assert.Equal(t, e.Surface, text[e.Start:e.End])
		byName[e.Name] = e
	}
	assert.True(t, byName["MMAR"].Introduced, "MMAR introduced")
	assert.False(t, byName["ImageNet"].Introduced, "ImageNet not introduced")
	assert.Equal(t, "Llama-2", byName["Llama-2-7B"].Family)
	assert.Equal(t, "gazetteer", byName["ImageNet"].Rule)
	assert.True(t, byName["github.com/a/b"].Introduced, "code link introduced")
}

func TestPaper(t *testing.T) {
	p := papergraph.Paper{
		Title:    "CLIPSep: Learning Text-queried Sound Separation",
		Abstract: "We use CLIP and CLIP again, see arXiv:2401.00001 and 2401.00002 (the paper itself). Code: https://github.com/a/b",
		ArXiv:    "2401.00002",
		Links:    []papergraph.Link{{URL: "https://github.com/A/B", Source: "githubRepo"}, {URL: "https://arxiv.org/abs/2305.00003", Source: "comments"}},
		Refs:     []papergraph.Ref{{ArXiv: "2401.00001", Source: "referenced_works"}},
	}
	extract.Default().Paper(&p)
	assert.Equal(t, "CLIPSep", p.Name)
	var got []string
	for _, e := range p.Entities {
		got = append(got, fmt.Sprintf("%s:%s@%d:%s", e.Kind, e.Name, e.Start, e.Source))
	}
	code := strings.Index(p.Abstract, "https://github.com/a/b")
	assert.Equal(t, []string{"model:CLIP@7:", fmt.Sprintf("repo:github.com/a/b@%d:", code), "repo:github.com/a/b@0:githubRepo"}, got)
	require.Len(t, p.Refs, 2, "refs: kept one, self dropped, comment link added")
	assert.Equal(t, "referenced_works", p.Refs[0].Source)
	assert.Equal(t, papergraph.Ref{ArXiv: "2305.00003", Source: "comments"}, p.Refs[1])

	again := p
	again.Refs = append([]papergraph.Ref(nil), p.Refs...)
	extract.Default().Paper(&again)
	assert.Equal(t, p.Entities, again.Entities, "idempotent entities")
	assert.Equal(t, p.Refs, again.Refs, "idempotent refs")
}

func TestPaperName(t *testing.T) {
	tests := []struct{ title, abstract, want string }{
		{"TIGER: Time-frequency Interleaved Gain Extraction", "", "TIGER"},
		{"Video DataFlywheel: Resolving the Impossible Data Trinity", "", "Video DataFlywheel"},
		{"Sigma: Differential Rescaling of Query, Key and Value", "", "Sigma"},
		{"MLLM Is a Strong Reranker: Advancing Multimodal RAG", "In this work, we propose RagLLaVA, a novel framework.", "RagLLaVA"},
		{"Scaling TransNormer to 175 Billion Parameters", "We present TransNormerLLM, the first linear attention-based Large Language Model (LLM) that wins.", "TransNormerLLM"},
		{"Never Train from Scratch: Fair Comparison", "We show things about S4.", ""},
		// A kind noun is no name, though a public list once held "DATASET".
		{"Probing Surface Forms of Safety Prompts", "We measure things. We release the dataset, code, and labels.", ""},
		{"Probing Surface Forms of Safety Prompts", "We measure things. We release the benchmark, code, and labels.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			p := papergraph.Paper{Title: tc.title, Abstract: tc.abstract}
			extract.Default().Paper(&p)
			assert.Equal(t, tc.want, p.Name)
		})
	}
}

// TestTitleNUL: a title's words are split at blanks only, so one may end in
// NUL (a JSON "\u0000"); "Dataset\x00" is no kind noun, and the title names
// no artifact (its name stays the paper's), as the noun sets always answered.
func TestTitleNUL(t *testing.T) {
	p := papergraph.Paper{Title: "Zorbix: A Dataset\x00 for Parsing", Abstract: "We release Zorbix to the community."}
	extract.Default().Paper(&p)
	assert.Empty(t, p.Entities)
	assert.Equal(t, "Zorbix", p.Name)
}

func TestLoadEntities(t *testing.T) {
	g, err := extract.LoadEntities(strings.NewReader("# mine\n\ndataset\tZorpSet\tZorp-Set|ZS\tcs\nstop\tCIFAR-10\nmodel\tGPT-4\t\toff\n"))
	require.NoError(t, err)
	assert.Equal(t, 3, g.Len())
	x, err := extract.New(extract.Config{Entities: []*extract.Gazetteer{g}})
	require.NoError(t, err)
	got := names(x.Text("We use Zorp-Set, ZS, zs, CIFAR-10 and GPT-4o but not GPT-4 here."))
	assert.Equal(t, []found{
		{papergraph.KindDataset, "ZorpSet", "Zorp-Set"},
		{papergraph.KindDataset, "ZorpSet", "ZS"},
		{papergraph.KindModel, "GPT-4o", "GPT-4o"},
	}, got)

	t.Run("disable built-in list", func(t *testing.T) {
		x, err := extract.New(extract.Config{DisableGazetteer: true, Entities: []*extract.Gazetteer{g}})
		require.NoError(t, err)
		assert.Equal(t, []found{{papergraph.KindDataset, "ZorpSet", "ZorpSet"}}, names(x.Text("On ZorpSet and CIFAR-10 only.")))
	})
	t.Run("disable patterns", func(t *testing.T) {
		x, err := extract.New(extract.Config{DisablePatterns: true})
		require.NoError(t, err)
		assert.Equal(t, []found{}, names(x.Text("We introduce MMAR, a new benchmark called ZorpSet.")))
	})
}

func TestLoadEntitiesErrors(t *testing.T) {
	_, err := extract.LoadEntities(strings.NewReader("dataset\tOK\nfoo\tBar\nmodel\t\nmodel\tX\t\tweird\nmodel\ta\tb\tc\td\te\nmodel\t---\n"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, extract.ErrEntityList))
	msg := err.Error()
	for _, want := range []string{"5 bad entity list lines", "line 2: unknown kind", "line 3: empty name", "line 4: unknown flag", "line 5: 6 fields", "line 6: alias"} {
		assert.Contains(t, msg, want)
	}
}

func TestConcurrentUse(t *testing.T) {
	x := extract.Default()
	text := "We evaluate Llama-2-7B on MMLU and GSM8K; code at github.com/a/b."
	want := x.Text(text)
	done := make(chan []papergraph.Entity)
	for range 8 {
		go func() { done <- x.Text(text) }()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}
