package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMakeLarge: makeLarge is make, below and above the size from which it
// asks for huge pages.
func TestMakeLarge(t *testing.T) {
	for _, n := range []int{0, 1, 1000, largeMin/8 - 1, largeMin / 8, 3*largeMin/8 + 12345} {
		s := makeLarge[float64](n)
		assert.Len(t, s, n)
		for i, v := range s {
			if v != 0 {
				t.Fatalf("n=%d: s[%d] = %v, want 0", n, i, v)
			}
		}
		for i := range s {
			s[i] = float64(i)
		}
		for i, v := range s {
			if v != float64(i) {
				t.Fatalf("n=%d: s[%d] = %v after writing %d", n, i, v, i)
			}
		}
	}
}
