package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

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
