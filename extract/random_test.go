package extract

import (
	"math/rand/v2"
	"strings"
)

// randomText joins n pieces (characters or strings) drawn at random by
// rng: a text to hold a fast path against its reference on.
func randomText[T rune | string](rng *rand.Rand, pieces []T, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(string(pieces[rng.IntN(len(pieces))]))
	}
	return b.String()
}
