package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
)

// naiveLower is the specification of a doc's lower-cased text (doc.low):
// ASCII capitals lower-cased, every other byte kept.
func naiveLower(b []byte, s string) []byte {
	for i := range len(s) {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// TestDocLow checks the lower-cased text tokenize leaves in a doc: s with
// its ASCII capitals lower-cased, and lowPad zero bytes after it.
func TestDocLow(t *testing.T) {
	var texts []string
	// Every byte value at every position of an eight-byte word and in the tail.
	for c := range 256 {
		for pos := range 11 {
			b := []byte("xYz@[`{Az0é")
			b[pos] = byte(c)
			texts = append(texts, string(b))
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		texts = append(texts, string(b))
	}
	texts = append(texts, "", "A", "Transformer-XL and GPT-4 on ImageNet-1K, ÉCOLE Ωmega", "A!B/C-D e.G F\u00a0G\u2010H",
		"\xffA\xc3B\xe2\x80C WHAM! X")
	for _, s := range texts {
		d := newDoc(s)
		assert.Equal(t, string(naiveLower(nil, s)), d.low, "%q", s)
		assert.Equal(t, append(naiveLower(nil, s), make([]byte, lowPad)...), d.lowBuf, "%q", s)
		d.release()
	}
}

// TestNounKind checks nounKind against the classes of the word's lower
// case in the vocabulary map (wordBits, made from the noun sets) on every
// vocabulary word in three cases, with a letter more or less, and on words
// beyond ASCII that lower-case into one (the Kelvin sign is a K).
func TestNounKind(t *testing.T) {
	words := []string{"", "a", "\u212Aernel", "networ\u212A", "DATASET\u00e9", "representations-of-", strings.Repeat("dataset", 3)}
	for w := range wordBits {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+"s", w[:len(w)-1], w+"x",
			// The table pads with NUL and stores no length: a NUL at the
			// end or inside must not key as the word.
			w+"\x00", w+"\x00\x00", w[:len(w)-1]+"\x00"+w[len(w)-1:], "\x00"+w)
	}
	for _, w := range words {
		wk, wok := nounKindMaps(w)
		k, ok := nounKind(w)
		assert.Equal(t, wk, k, "%q", w)
		assert.Equal(t, wok, ok, "%q", w)
	}
}

// nounKindMaps is nounKind as it was before the vocabulary table answered
// for ASCII words: the lower-cased word looked up in the noun sets.
func nounKindMaps(w string) (papergraph.Kind, bool) { return nounSetsKind(strings.ToLower(w)) }

// TestTokensFillText tokenizes texts that are a token at every byte,
// each a byte longer than the previous doc's text, so that newDoc's room
// for len(s) tokens is all taken: tokenize appends without growing.
func TestTokensFillText(t *testing.T) {
	var b strings.Builder
	for n := range 300 {
		s := b.String()
		d := newDoc(s)
		assert.Len(t, d.toks, n, "tokens of %q", s)
		d.release()
		b.WriteByte("(a.,;)b!?"[n%9])
	}
}
