package extract

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

func TestMatchable(t *testing.T) {
	tests := []struct {
		name            string
		matchable, fold bool
	}{
		{"DeepSeek-R1", true, true},
		{"Sora", false, false},
		{"sora", false, false},
		{"GPT4", true, false},
		{"Qwen2.5", true, true},
		{"Llama-3", true, true},
		{"ab", false, false},
		{"-X1", false, false},
		{"LLaMA", true, false},
		{"AlphaFold", true, false},
		{"ViT-X", true, false},
		{"Zorp7", true, false}, // a digit, but under 6 bytes: as written only
		{"Zorp-7B", true, true},
		// Inner capitals make a name distinctive as written, but never in
		// another case: lower-cased it may be a word.
		{"ProPose", true, false},
		{"ReQuest", true, false},
		{"SAMPLe", true, false},
		{"Zorp LLMs", true, false},
		// All-capital acronyms name many things.
		{"SAM", false, false},
		{"SIMPLE", false, false},
		{"ZORP", false, false},
		// Plain words, however many, are common terms.
		{"Golden Noise", false, false},
		{"Agentic AI", false, false},
		{"Evidence-Grounded", false, false},
		{"Latent Diffusion", false, false},
		{"Zorp LLM", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.matchable, matchable(tt.name), "matchable(%q)", tt.name)
			assert.Equal(t, tt.fold, tt.matchable && foldable(tt.name), "foldable(%q)", tt.name)
		})
	}
}

// TestNameRefsWordNames: a distinctive name that is a word in another case
// is matched only as written ("ProPose" is cited, "propose" is a verb).
func TestNameRefsWordNames(t *testing.T) {
	tests := []struct {
		name, owner, text string
		want              []string // surfaces matched
	}{
		{"inner capital, lower case", "ProPose", "We propose a method.", nil},
		{"inner capital, sentence start", "ProPose", "Propose a method.", nil},
		{"inner capital, all caps", "ProPose", "We use PROPOSE.", nil},
		{"inner capital as written", "ProPose", "Unlike ProPose, we propose.", []string{"ProPose"}},
		{"all caps, lower case", "SIMPLE", "A simple and Simple idea.", nil},
		{"all caps as written", "ZORP", "We extend ZORP to video.", nil},
		{"mixed case, all caps", "ZoRP", "We extend ZORP and ZoRP.", []string{"ZoRP"}},
		{"mixed case, word", "ReQuest", "Each request, and each Request.", nil},
		{"digit, other case", "Zorp-7B", "We tune zorp-7b and ZORP-7B.", []string{"zorp-7b", "ZORP-7B"}},
		{"plain words", "Agentic AI", "Agentic AI is everywhere; agentic AI too.", nil},
		{"title-case phrase", "Golden Noise", "as in Golden Noise, we", nil},
		{"short digit name, other case", "Zo7", "see zo7 and Zo7", []string{"Zo7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			papers := []papergraph.Paper{
				{ArXiv: "2401.00001", Title: "A study", Abstract: tt.text},
				{ArXiv: "2401.00002", Title: tt.owner + ": a method", Name: tt.owner},
			}
			NameRefs(papers)
			var got []string
			for _, r := range papers[0].Refs {
				require.Equal(t, "paper:2401.00002", r.Paper)
				require.Equal(t, r.Surface, tt.text[r.Start:r.End])
				got = append(got, r.Surface)
			}
			assert.Equal(t, tt.want, got, "%q named in %q", tt.owner, tt.text)
		})
	}
}

func TestNameRefs(t *testing.T) {
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "Distilling DeepSeek-R1 with FooBench", Abstract: "Unlike deepseek-r1 and DeepSeek-R1, on FooBench-2.",
			Refs: []papergraph.Ref{{ArXiv: "2301.00001"}, {Paper: "paper:stale", Surface: "x"}}},
		{ArXiv: "2401.00002", Title: "DeepSeek-R1: reasoning", Name: "DeepSeek-R1"},
		{ArXiv: "2401.00003", Title: "C", Entities: []papergraph.Entity{{Kind: papergraph.KindBenchmark, Name: "FooBench-2", Introduced: true}}},
		{ArXiv: "2401.00004", Title: "External mentions DeepSeek-R1", External: true},
		{ArXiv: "2401.00005", Title: "Ext", Name: "ExtNet-1", External: true},
	}
	papers[1].Abstract = "DeepSeek-R1 beats ExtNet-1."
	NameRefs(papers)
	want := []papergraph.Ref{
		{ArXiv: "2301.00001"},
		{Paper: "paper:2401.00002", Surface: "DeepSeek-R1", Start: 11, End: 22, Source: "title"},
		{Paper: "paper:2401.00002", Surface: "deepseek-r1", Start: 7, End: 18, Source: "abstract"},
		{Paper: "paper:2401.00002", Surface: "DeepSeek-R1", Start: 23, End: 34, Source: "abstract"},
		{Paper: "paper:2401.00003", Artifact: "benchmark:foobench-2", Surface: "FooBench-2", Start: 39, End: 49, Source: "abstract"},
	}
	assert.Equal(t, want, papers[0].Refs)
	assert.Empty(t, papers[1].Refs, "its own name is no reference; external papers are never named")
	assert.Empty(t, papers[3].Refs, "external papers name nothing")
	for _, r := range papers[0].Refs {
		if r.Source == "abstract" && r.Paper != "" {
			assert.Equal(t, r.Surface, papers[0].Abstract[r.Start:r.End])
		}
	}

	again := append([]papergraph.Paper(nil), papers...)
	again[0].Refs = append([]papergraph.Ref(nil), papers[0].Refs...)
	NameRefs(again)
	assert.Equal(t, want, again[0].Refs, "a second pass gives the same refs")
}

func TestNameRefsClaimedTwice(t *testing.T) {
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "A", Abstract: "We compare with XNet-1."},
		{ArXiv: "2401.00002", Title: "XNet-1", Name: "XNet-1"},
		{ArXiv: "2401.00003", Title: "XNet-1 too", Name: "XNet-1"},
	}
	NameRefs(papers)
	for _, p := range papers {
		assert.Empty(t, p.Refs, p.Title)
	}
}

// TestNameRefsLargeBatch: a batch over several chunks gives every paper
// its refs, whatever goroutine handled it.
func TestNameRefsLargeBatch(t *testing.T) {
	const n = 3000
	papers := make([]papergraph.Paper, n)
	for i := range papers {
		papers[i] = papergraph.Paper{ArXiv: fmt.Sprintf("2401.%05d", i), Title: fmt.Sprintf("P%d", i), Name: fmt.Sprintf("Net-%d", i),
			Abstract: fmt.Sprintf("We extend Net-%d.", (i+1)%n)}
	}
	NameRefs(papers)
	for i, p := range papers {
		require.Len(t, p.Refs, 1, p.Title)
		assert.Equal(t, fmt.Sprintf("paper:2401.%05d", (i+1)%n), p.Refs[0].Paper)
	}
}

// TestNameAnchor: every name NameRefs matches is found through its
// anchor: NameWords lists, at the match's start plus the anchor's offset,
// a word with the anchor's key. That is what lets an engine match names
// by a join on the words table instead of scanning every word.
func TestNameAnchor(t *testing.T) {
	tests := []struct {
		name   string
		ok     bool
		fold   bool
		key    string
		anchor int
	}{
		{"DeepSeek-R1", true, true, "r1", 9},
		{"Stable Diffusion 3", true, true, "3", 17},
		{"Zorp LLMs", true, false, "llms", 5},
		{"ProPose", true, false, "propose", 0},
		{"Café ViT", true, false, "vit", 6},
		{"Sora", false, false, "", 0},
	}
	for _, tt := range tests {
		key, start, cstart, fold, ok := NameAnchor(tt.name)
		assert.Equal(t, tt.ok, ok, tt.name)
		assert.Equal(t, tt.fold, fold, tt.name)
		assert.Equal(t, tt.key, key, tt.name)
		assert.Equal(t, tt.anchor, start, tt.name)
		if ok {
			assert.Equal(t, len([]rune(tt.name[:start])), cstart, tt.name)
		}
	}

	texts := []string{
		"Unlike deepseek-r1 and DeepSeek-R1, on FooBench-2 we beat Stable Diffusion 3 and stable diffusion 3.",
		"Über Zorp LLMs, Café ViT and ProPose-like ProPose; XNet-1.5 vs XNet-1 (Llama-2, Llama) ViT-X.",
	}
	names := []string{"DeepSeek-R1", "FooBench-2", "Stable Diffusion 3", "Zorp LLMs", "Café ViT", "ProPose", "XNet-1", "Llama", "ViT-X"}
	papers := []papergraph.Paper{{ArXiv: "2401.00000", Title: texts[0], Abstract: texts[1]}}
	for i, n := range names {
		papers = append(papers, papergraph.Paper{ArXiv: fmt.Sprintf("2401.%05d", i+1), Title: n, Name: n})
	}
	NameRefs(papers)
	require.Len(t, papers[0].Refs, 11, "deepseek-r1, DeepSeek-R1, FooBench-2, Stable Diffusion 3 twice, Zorp LLMs, Café ViT, ProPose twice, XNet-1, ViT-X")
	words := map[string]string{}
	for _, f := range []struct{ source, text string }{{"title", texts[0]}, {"abstract", texts[1]}} {
		NameWords(f.text, func(start, cstart int, key string) {
			assert.Equal(t, len([]rune(f.text[:start])), cstart, "character offset of %q", key)
			words[fmt.Sprint(f.source, start)] = key
		})
	}
	for _, r := range papers[0].Refs {
		var owner string
		for _, p := range papers[1:] {
			if p.Key() == r.Paper {
				owner = p.Name
			}
		}
		key, a, _, _, ok := NameAnchor(owner)
		require.True(t, ok, owner)
		assert.Equal(t, key, words[fmt.Sprint(r.Source, r.Start+a)], "%q at %s %d found through its anchor", owner, r.Source, r.Start)
	}
}
