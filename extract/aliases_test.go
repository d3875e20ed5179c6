package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// match appends to hits every alias that equals the folded text from byte
// i to an end after a character that is no separator, where a word may
// end (the text ends or no ASCII letter follows), shortest first; none if
// s[i:] is empty or starts with a separator. It is walk with one
// start; only the tests ask for one start alone.
func (x *aliasIndex) match(s string, i int, hits []aliasHit) []aliasHit {
	if i >= len(s) {
		return hits
	}
	if c := s[i]; c < utf8.RuneSelf && foldASCII[c] == foldSkip || c >= utf8.RuneSelf && isSep(firstRune(s[i:])) {
		return hits
	}
	low := append(naiveLower(nil, s), make([]byte, lowPad)...)
	for _, h := range x.walk(s, low, []int32{int32(i)}, nil) {
		hits = append(hits, aliasHit{int(h.id), int(h.end)})
	}
	return hits
}

// naiveMatch is what aliasIndex.match specifies: the patterns equal to
// the folded text from i to the end of a rune (as decoding from i reads
// them) that is not a separator, before no ASCII letter, shortest first,
// when the text does not start with a separator.
func naiveMatch(patterns []string, s string, i int) []aliasHit {
	var out []aliasHit
	if r, _ := utf8.DecodeRuneInString(s[i:]); isSep(r) {
		return nil
	}
	for e := i; e < len(s); {
		r, size := utf8.DecodeRuneInString(s[e:])
		e += size
		if isSep(r) || e < len(s) && 'a' <= s[e]|0x20 && s[e]|0x20 <= 'z' {
			continue
		}
		if id := slices.Index(patterns, foldString(s[i:e])); id >= 0 {
			out = append(out, aliasHit{id, e})
		}
	}
	return out
}

// matchPatterns are the aliases of the index tests: shared prefixes, a
// digit after a name, runes of several bytes, an apostrophe.
var matchPatterns = []string{"a", "ab", "abc", "abd", "b", "bert", "roberta", "imagenet", "imagenet1k",
	"gpt4", "gpt4o", "c\u00e9line", "o'neil", "x", "xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xz",
	"qwen", "qwen3", "\xff", "gpt3.5", "a/b", "abcdegin", "abcdeginortxz", "imagenetimagenet", "imagenetimagenetx"}

// matchTexts are the texts of the index tests: the list's spellings with
// separators, capitals and neighbours.
var matchTexts = []string{
	"ab abc abd", "ImageNet-1k", "Image Net 1K", "GPT-4o and GPT 4", "RoBERTa", "Céline",
	"O\u2019Neil", "O'Neil", "xz xh xa", "-ab", "a b c", "\xffab", "abx", "", " ", "Qwen3-8B",
	"Bert, Berta", "GPT-3.5-turbo", "a/b", "xa\u00a0b", "c\u00e9LINE", "\xff\xff", "AAA\x99000000",
	// Runs of eight letters and more, read eight bytes at a time.
	"ABCDEGIN ortxz and abcdeginortxz.", "ImageNet ImageNet ImageNetImageNet-X", "imagenetimagenetx imageneti",
	"abcdeginabcdegin abcdegin", "Abcdegi Abcdeginortxzz",
}

func TestAliasIndexMatch(t *testing.T) {
	idx := newAliasIndex(matchPatterns)
	texts := slices.Clone(matchTexts)
	// Random texts over the patterns' bytes, separators and capitals.
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcdeginortxzABGIX -_'/.4\u00e9\u2019\u00a0"
	runes := []rune(alphabet)
	for range 4000 {
		texts = append(texts, randomText(rng, runes, rng.IntN(24)))
	}
	// The end of a text starts nothing (it once read past it).
	assert.Empty(t, newAliasIndex([]string{"a"}).match("ab", 2, nil))
	for _, s := range texts {
		assert.Empty(t, idx.match(s, len(s), nil), "%q at its end", s)
		for i := range len(s) {
			if !utf8.RuneStart(s[i]) {
				continue
			}
			got := idx.match(s, i, nil)
			assert.Equal(t, naiveMatch(matchPatterns, s, i), got, "%q at %d", s, i)
		}
	}
}

// FuzzAliasIndexMatch checks the index against naiveMatch on any text.
func FuzzAliasIndexMatch(f *testing.F) {
	for _, s := range matchTexts {
		f.Add(s)
	}
	idx := newAliasIndex(matchPatterns)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 64 {
			s = s[:64] // the oracle is quadratic
		}
		for i := range len(s) {
			if utf8.RuneStart(s[i]) {
				assert.Equal(t, naiveMatch(matchPatterns, s, i), idx.match(s, i, nil), "%q at %d", s, i)
			}
		}
	})
}

func TestFoldEqual(t *testing.T) {
	texts := slices.Concat(matchTexts, matchPatterns)
	rng := rand.New(rand.NewPCG(7, 8))
	runes := []rune("abAB -_~\t'\u2019\u00a0\u2010\u00e9\xff")
	for range 2000 {
		s := randomText(rng, runes, rng.IntN(8))
		texts = append(texts, s, s+"\xff")
	}
	for _, text := range texts {
		folded := string(foldAppend(nil, text))
		for _, a := range []string{folded, folded + "a", "a" + folded, strings.TrimSuffix(folded, folded[max(len(folded)-1, 0):]), "", "ab", "a'b", "\u00e9"} {
			assert.Equal(t, folded == a, foldEqual(text, a), "%q against %q", text, a)
		}
	}
}
