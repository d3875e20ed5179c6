package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEqualFoldSkipSeps checks the allocation-free comparison against
// what it replaces, strings.EqualFold of the strings without separators,
// on a table of separator, case, Unicode-fold and invalid-UTF-8 cases and
// on every pair of them.
func TestEqualFoldSkipSeps(t *testing.T) {
	cases := []string{
		"", " ", "-", "a", "A", "ab", "a-b", "A B", "a_b", "a\u00a0b", "a\u2010b", "ab ",
		"Vision Transformer", "vision-transformer", "VisionTransformer", "vision transformers",
		"it\u2019s", "it's", "its", "K", "k", "\u212a", "\u00df", "SS", "\u03a3", "\u03c3", "\u03c2",
		"\xff", "\ufffd", "a\xffb", "Ω", "ω", "\u2126", "x~y", "xy", "x\ty\n", "x\r\ny",
	}
	for _, a := range cases {
		for _, b := range cases {
			want := strings.EqualFold(stripSeps(a), stripSeps(b))
			assert.Equal(t, want, equalFoldSkipSeps(a, b), "equalFoldSkipSeps(%q, %q)", a, b)
		}
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { equalFoldSkipSeps("Vision Transformer", "vision-transformer") }))
}

func TestLowerIn(t *testing.T) {
	m := map[string]bool{"the": true, "k": true, "straße": true}
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"The", true}, {"THE", true}, {"the", true}, {"then", false}, {"\u212a", true}, // Kelvin sign
		{"STRAßE", true}, {strings.Repeat("A", 40), false}, {"", false},
	} {
		assert.Equal(t, tc.want, lowerIn(m, tc.w), tc.w)
		var buf [32]byte
		assert.Equal(t, strings.ToLower(tc.w), lowered(&buf, tc.w), tc.w)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { lowerIn(m, "Then") }))
}

// TestNameyASCII checks namey's ASCII path against its rune path.
func TestNameyASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	const alphabet = "aAbZz09-_./+^&!' "
	for range 20000 {
		b := make([]byte, 1+r.IntN(7))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		w := string(b)
		ok, ascii := nameyASCII(w)
		require.True(t, ascii, w)
		assert.Equal(t, nameyRunes(w), ok, w)
	}
}

// TestAliasCaseASCII checks stripSeps against a rune-by-rune
// specification, and newAliasCase's ASCII path against its rune path, on
// every alias of the built-in lists, a table of edge cases and random
// ASCII strings.
func TestAliasCaseASCII(t *testing.T) {
	strip := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r == '\u2019' {
				r = '\''
			}
			if !isSep(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	aliases := []string{"", "-", "a", "A", "CLIP", "NoW", "cifar-10", "MS COCO", "x~Y", "a\u00a0B", "it\u2019s", "\xffAB", "Ab\xff", "GPT-4o mini"}
	lists, err := builtinLists()
	require.NoError(t, err)
	for _, g := range lists {
		for _, e := range g.entries {
			aliases = append(aliases, e.aliases...)
		}
	}
	r := rand.New(rand.NewPCG(7, 11))
	const alphabet = "aAbZz09-_ ~'\t"
	for range 20000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		aliases = append(aliases, string(b))
	}
	ascii := 0
	for _, a := range aliases {
		s := stripSeps(a)
		require.Equal(t, strip(a), s, "stripSeps(%q)", a)
		if c, ok := newASCIIAliasCase(s); ok {
			ascii++
			assert.Equal(t, newRuneAliasCase(s), c, "newAliasCase(%q)", a)
		}
	}
	assert.Greater(t, ascii, len(aliases)/2, "aliases read by the ASCII path")
}

// TestFoldsEmpty checks foldsEmpty against foldAppend on separators
// alone, in ASCII and beyond, and strings with something to keep.
func TestFoldsEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "-", "_~\t\n\r", "\u00a0", "\u2010\u2011", " - \u00a0", "a", " a", "--1",
		"\u2019", " \u2019", "\xff", "-\xff", "é", "\u00a0é", "!", "- .", "Ω"} {
		assert.Equal(t, len(foldAppend(nil, s)) == 0, foldsEmpty(s), "foldsEmpty(%q)", s)
	}
}
