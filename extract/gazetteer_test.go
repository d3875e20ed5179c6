package extract

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// TestParseEntityLine checks how a line is cut into its fields, its
// aliases and its flags: empty and blank pieces are dropped, pieces are
// trimmed, a missing field is empty, and a sixth field is refused.
func TestParseEntityLine(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       gazEntry
		stop       []string
		err        string
	}{
		{name: "name only", line: "model\tGPT-4",
			want: gazEntry{kind: papergraph.KindModel, name: "GPT-4", aliases: []string{"GPT-4"}}},
		{name: "aliases trimmed, empty ones dropped", line: "dataset\t MS COCO \t|COCO | |MSCOCO|",
			want: gazEntry{kind: papergraph.KindDataset, name: "MS COCO", aliases: []string{"MS COCO", "COCO", "MSCOCO"}}},
		{name: "flags trimmed, empty ones dropped", line: "model\tLlama\tLLaMA\t cs,, versioned ,family= Llama \thand",
			want: gazEntry{kind: papergraph.KindModel, name: "Llama", aliases: []string{"Llama", "LLaMA"}, cs: true, versioned: true,
				family: "Llama", source: "hand"}},
		{name: "public source", line: "benchmark\tMMLU\t\t\tpwc",
			want: gazEntry{kind: papergraph.KindBenchmark, name: "MMLU", aliases: []string{"MMLU"}, source: "pwc", public: true}},
		{name: "stop line", line: "stop\tLLM\tLLMs|large language model", stop: []string{"LLM", "LLMs", "large language model"}},
		{name: "five fields, the last empty", line: "model\tX\t\t\t",
			want: gazEntry{kind: papergraph.KindModel, name: "X", aliases: []string{"X"}}},
		{name: "six fields", line: "model\tX\t\t\t\t", err: "6 fields"},
		{name: "empty name", line: "model\t \tX", err: "empty name"},
		{name: "stop with flags", line: "stop\tX\t\tcs", err: "stop line with flags"},
		{name: "unknown flag", line: "model\tX\t\tcs,loud", err: `unknown flag "loud"`},
		{name: "empty family", line: "model\tX\t\tfamily=", err: "empty family"},
		{name: "alias without letters", line: "model\tX\t--", err: `alias "--"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, stop, err := parseEntityLine(tc.line)
			if tc.err != "" {
				require.Error(t, err)
				assert.True(t, errors.Is(err, ErrEntityList))
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.stop, stop)
			assert.Equal(t, tc.want, e)
		})
	}
}
