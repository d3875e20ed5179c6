package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// naiveMatch is what trie.match specifies: the patterns equal to the
// folded text from i to an end after a character that is not a separator,
// shortest first, when the text does not start with a separator.
func naiveMatch(patterns []string, s string, i int) [][2]int {
	var out [][2]int
	if r, _ := utf8.DecodeRuneInString(s[i:]); isSep(r) {
		return nil
	}
	for e := i + 1; e <= len(s); e++ {
		if e < len(s) && !utf8.RuneStart(s[e]) {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[i:e]); isSep(r) {
			continue
		}
		if id := slices.Index(patterns, foldString(s[i:e])); id >= 0 {
			out = append(out, [2]int{id, e})
		}
	}
	return out
}

func TestTrieMatch(t *testing.T) {
	patterns := []string{"a", "ab", "abc", "abd", "b", "bert", "roberta", "imagenet", "imagenet1k",
		"gpt4", "gpt4o", "c\u00e9line", "o'neil", "x", "xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xz"}
	tr := newTrie(patterns)
	texts := []string{
		"ab abc abd", "ImageNet-1k", "Image Net 1K", "GPT-4o and GPT 4", "RoBERTa", "Céline",
		"O\u2019Neil", "O'Neil", "xz xh xa", "-ab", "a b c", "\xffab", "abx", "", " ",
	}
	// Random texts over the patterns' bytes, separators and capitals.
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcdeginortxzABGIX -_'\u00e9\u2019\u00a0"
	runes := []rune(alphabet)
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		for i := range len(s) {
			if !utf8.RuneStart(s[i]) {
				continue
			}
			var got [][2]int
			tr.match(s, i, func(id, end int) { got = append(got, [2]int{id, end}) })
			assert.Equal(t, naiveMatch(patterns, s, i), got, "%q at %d", s, i)
		}
	}
}
