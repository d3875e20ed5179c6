package extract

import (
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuiltinLists checks the embedded lists: they parse, each is sorted
// by kind then name, every alias names one artifact across all of them, no
// artifact is a stop term, and every entry says where it comes from.
func TestBuiltinLists(t *testing.T) {
	g, err := builtin()
	require.NoError(t, err)
	require.Greater(t, len(g.entries), 500, "a broad hand-made list")
	for _, k := range []papergraph.Kind{papergraph.KindDataset, papergraph.KindBenchmark, papergraph.KindModel} {
		n := 0
		for _, e := range g.entries {
			if e.kind == k {
				n++
			}
		}
		assert.Greater(t, n, 100, "entries of kind %s", k)
	}
	lists, err := builtinLists()
	require.NoError(t, err)
	require.Len(t, lists, 4, "HELM, models.dev, Papers with Code, hand-made")
	names := []string{"helm-models.tsv", "modelsdev-models.tsv", "pwc-datasets.tsv", "entities.tsv"}
	stop := map[string]bool{}
	for _, s := range g.stop {
		stop[foldString(s)] = true
	}
	owner := map[string]string{}
	for li, l := range lists {
		assert.NotEmpty(t, l.entries, names[li])
		for i := 1; i < len(l.entries); i++ {
			a, b := l.entries[i-1], l.entries[i]
			if a.kind == b.kind {
				assert.LessOrEqual(t, strings.ToLower(a.name), strings.ToLower(b.name), "%s line %d: sorted by name", names[li], b.line)
			} else {
				assert.Less(t, string(a.kind), string(b.kind), "%s line %d: sorted by kind", names[li], b.line)
			}
		}
		for _, e := range l.entries {
			assert.False(t, e.off, "%s line %d: off is for user lists", names[li], e.line)
			assert.NotEmpty(t, e.source, "%s line %d: %q says where it comes from", names[li], e.line, e.name)
			for _, a := range e.aliases {
				f := foldString(a)
				assert.False(t, stop[f], "%s line %d: alias %q is a stop term", names[li], e.line, a)
				if o, ok := owner[f]; ok && o != names[li]+":"+e.name {
					t.Errorf("%s line %d: alias %q of %q also names %s", names[li], e.line, a, e.name, o)
				}
				owner[f] = names[li] + ":" + e.name
			}
		}
	}
}

func TestSplitCoordinated(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Llama-2/3", []string{"Llama-2", "Llama-3"}},
		{"WSJ0-2/3mix", []string{"WSJ0-2mix", "WSJ0-3mix"}},
		{"CIFAR-10/100", []string{"CIFAR-10", "CIFAR-100"}},
		{"GPT-3.5/4", []string{"GPT-3.5", "GPT-4"}},
		{"Qwen2.5-7B/14B", []string{"Qwen2.5-7B", "Qwen2.5-14B"}},
		{"WHAM!/WHAMR!", []string{"WHAM!", "WHAMR!"}},
		{"abc/3", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, splitCoordinated(tc.in))
		})
	}
}

func TestFold(t *testing.T) {
	assert.Equal(t, "mscocoandlongbench's∞bench", foldString("MS-COCO and Long Bench’s ∞Bench"))
	assert.Equal(t, []byte("x:gpt4o"), foldAppend([]byte("x:"), "GPT\u00a04o"), "appends; a no-break space is a separator")
}

func TestVocab(t *testing.T) {
	classes := func(w string) uint32 {
		return vocabClasses(append([]byte(w), make([]byte, lowPad)...), 0, len(w))
	}
	for w, b := range wordBits {
		if len(w) <= 16 {
			assert.Equal(t, b, classes(w), w)
		}
	}
	for _, w := range []string{"zzzunknown", "th", "thee", "the-", "state-of-the-ar"} {
		assert.Zero(t, classes(w), w)
	}
}
