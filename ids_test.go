package papergraph

import (
	"math/rand/v2"
	"regexp"
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
		{"2401.123456", "", false},
		{"2401.123v1", "", false},
		{"2401.1234v", "", false},
		{"2401.1234v12", "2401.1234", true},
		{"math.ag/0601001", "", false},
		{"math.AG/06010012", "", false},
		{"-/0601001v3", "-/0601001", true},
		{"hep-th/9901001/", "hep-th/9901001", true},
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

// The regular expressions newArXivID and oldArXivID stand for, in the
// words of the arXiv's identifier scheme: the reference they are held to.
var (
	newArXivRE = regexp.MustCompile(`^(\d{4})\.(\d{4,5})(?:v\d+)?$`)
	oldArXivRE = regexp.MustCompile(`^([a-z-]+(?:\.[A-Z]{2})?)/(\d{7})(?:v\d+)?$`)
)

// checkArXivID compares newArXivID and oldArXivID with the regular
// expressions on s: whether it matches and the groups it keeps.
func checkArXivID(t *testing.T, s string) {
	t.Helper()
	n, ok := newArXivID(s)
	m := newArXivRE.FindStringSubmatch(s)
	if assert.Equal(t, m != nil, ok, "newArXivID(%q)", s) && ok {
		assert.Equal(t, m[1]+"."+m[2], s[:n], "newArXivID(%q)", s)
	}
	n, ok = oldArXivID(s)
	m = oldArXivRE.FindStringSubmatch(s)
	if assert.Equal(t, m != nil, ok, "oldArXivID(%q)", s) && ok {
		assert.Equal(t, m[1]+"/"+m[2], s[:n], "oldArXivID(%q)", s)
	}
}

// TestArXivIDMatchesRegexp runs checkArXivID on ids, ids cut and grown,
// and random strings over the ids' alphabet.
func TestArXivIDMatchesRegexp(t *testing.T) {
	ids := []string{"2401.00001", "2401.0001v2", "0704.0001v10", "hep-th/9901001", "math.AG/0601001v1", "a/1234567", "cs.LG/0101001"}
	for _, id := range ids {
		for i := 0; i <= len(id); i++ {
			checkArXivID(t, id[:i])
			checkArXivID(t, id[i:])
			checkArXivID(t, id[:i]+"0"+id[i:])
			checkArXivID(t, id[:i]+"v"+id[i:])
		}
	}
	const alphabet = "0123456789012345678901234.v/-aBhmtAG."
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		b := make([]byte, rng.IntN(20))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		checkArXivID(t, string(b))
	}
}

func FuzzArXivID(f *testing.F) {
	for _, s := range []string{"2401.00001v2", "math.AG/0601001v1", "hep-th/9901001"} {
		f.Add(s)
	}
	f.Fuzz(checkArXivID)
}
