package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
)

// TestWindowEnd: a long text is cut at a sentence end, else at a space,
// else between runes; never inside a rune.
func TestWindowEnd(t *testing.T) {
	sentence := strings.Repeat("word ", 2000) + "end. "
	for _, tc := range []struct {
		name string
		s    string
		want func(s string, end int) bool
	}{
		{"sentence", strings.Repeat(sentence, 20), func(s string, end int) bool { return strings.HasSuffix(s[:end], "end. ") }},
		{"space", strings.Repeat("word ", 40000), func(s string, end int) bool { return s[end-1] == ' ' }},
		{"no space", strings.Repeat("é", 100000), func(s string, end int) bool { return utf8.ValidString(s[:end]) }},
		{"short", "We use BERT.", func(s string, end int) bool { return end == len(s) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			end := windowEnd(tc.s, 0)
			assert.LessOrEqual(t, end, windowSize)
			assert.Greater(t, end, 0)
			assert.True(t, tc.want(tc.s, end), "cut at %d: %q", end, tc.s[max(0, end-10):end])
		})
	}
}

// TestEntitySet: the set holds an entity when one with the same
// [papergraph.Entity.Key] is in it, in its array of the first keys and
// in its map past them, for ASCII names in any case, names with other
// letters (the Kelvin sign lower-cases to "k") and names with spaces
// around them.
func TestEntitySet(t *testing.T) {
	names := []string{"ImageNet", "imagenet", "IMAGENET", " ImageNet", "ImageNet\t", "Ünet", "ünet", "\u212aITTI", "kitti",
		"KITTI", "Imagenet2", "image net", "Image Net", "MMLU", "mmlu", "MMLU-Pro", "Åsa", "åsa", "ÅSA", "x", "X", ""}
	for _, kinds := range [][]papergraph.Kind{{papergraph.KindDataset}, {papergraph.KindDataset, papergraph.KindModel}} {
		for _, fill := range []int{0, 20} { // the map past the array
			var s entitySet
			seen := map[string]bool{}
			for k := range fill {
				e := papergraph.Entity{Kind: papergraph.KindRepo, Name: "github.com/o/r" + strings.Repeat("x", k)}
				seen[e.Key()] = true
				assert.True(t, s.add(e))
			}
			for _, kind := range kinds {
				for _, n := range names {
					e := papergraph.Entity{Kind: kind, Name: n}
					assert.Equal(t, !seen[e.Key()], s.add(e), "fill %d: %s %q", fill, kind, n)
					seen[e.Key()] = true
				}
			}
		}
	}
}
