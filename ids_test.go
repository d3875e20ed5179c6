package papergraph

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeArXiv(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"2401.00001", "2401.00001", true},
		{"2401.00001v2", "2401.00001", true},
		{"arXiv:2401.00001", "2401.00001", true},
		{"https://arxiv.org/abs/2401.00001v3", "2401.00001", true},
		{"http://arxiv.org/pdf/2401.00001v1.pdf", "2401.00001", true},
		{"10.48550/arXiv.2401.00001", "2401.00001", true},
		{"https://doi.org/10.48550/arXiv.2401.00001", "2401.00001", true},
		{"hep-th/9901001v2", "hep-th/9901001", true},
		{"math.AG/0601001", "math.AG/0601001", true},
		{"0704.0001", "0704.0001", true},
		{"2413.00001", "", false},
		{"1234", "", false},
		{"10.1000/xyz", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := NormalizeArXiv(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNormalizeDOI(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"10.1000/XYZ", "10.1000/xyz", true},
		{"https://doi.org/10.1145/3292500.3330701", "10.1145/3292500.3330701", true},
		{"doi:10.1000/abc.", "10.1000/abc", true},
		{"DOI:10.1000/abc", "10.1000/abc", true},
		{"10.48550/arXiv.2401.00001", "10.48550/arxiv.2401.00001", true},
		{"11.1000/abc", "", false},
		{"10.x/abc", "", false},
		{"10.1000/", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := NormalizeDOI(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestPaperKey(t *testing.T) {
	assert.Equal(t, "paper:2401.00001", Paper{ArXiv: "2401.00001", Title: "X"}.Key())
	assert.Equal(t, "paper:doi:10.1/x", Paper{DOI: "10.1/x", Title: "X"}.Key())
	assert.Equal(t, "paper:golden-noise-for-diffusion-models-a-learning-framework",
		Paper{Title: "Golden Noise for Diffusion Models: A Learning Framework"}.Key())
	assert.Equal(t, "paper:w123", Paper{ID: "W123"}.Key())
	assert.LessOrEqual(t, len(Slug(string(make([]byte, 0))+"a very long title that goes on and on and on and on about nothing in particular at all")), 64)
}
