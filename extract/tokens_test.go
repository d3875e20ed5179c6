package extract

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// naiveLower is appendLower's specification: ASCII capitals lower-cased,
// every other byte kept.
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

func TestAppendLower(t *testing.T) {
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
	texts = append(texts, "", "A", "Transformer-XL and GPT-4 on ImageNet-1K, ÉCOLE Ωmega")
	for _, s := range texts {
		for _, prefix := range []string{"", "Ab"} {
			assert.Equal(t, naiveLower([]byte(prefix), s), appendLower([]byte(prefix), s), "%q after %q", s, prefix)
		}
	}
}
