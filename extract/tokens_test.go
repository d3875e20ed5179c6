package extract

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
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
