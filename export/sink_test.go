package export

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFloatMemo checks the memo of formatted floats against the
// formatters it stands in front of: values that collide in its slots,
// special values, values too long to keep, and destinations with little
// or much spare capacity.
func TestFloatMemo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e-300,
		0.1, 1.0 / 3, 5e-324, math.MaxFloat64}
	for range 2000 {
		vals = append(vals, math.Round(r.Float64()*1e4)/1e4, r.NormFloat64()*1e6, float64(r.IntN(1000)))
	}
	spare := []int{0, 3, 16, 64}
	for name, format := range map[string]func([]byte, float64) []byte{"xml": appendFloat, "json": appendJSONFloat} {
		m := new(floatMemo)
		for i := range 200_000 {
			v := vals[r.IntN(len(vals))]
			dst := append(make([]byte, 0, 5+spare[i%len(spare)]), "abcde"...)
			got := m.append(dst, v, format)
			want := format([]byte("abcde"), v)
			require.Equal(t, string(want), string(got), "%s %v (bits %x)", name, v, math.Float64bits(v))
		}
	}
}
