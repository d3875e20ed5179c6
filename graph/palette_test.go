package graph

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Machado, Oliveira and Fernandes (2009), "A physiologically-based model
// for simulation of color vision deficiency", severity 1.0: the matrices
// that map linear sRGB to what a dichromat sees.
var dichromacy = []struct {
	name string
	m    [3][3]float64
}{
	{"protanopia", [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
	{"deuteranopia", [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
	{"tritanopia", [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}

// minPaletteDeltaE is the least CIE76 distance two community colours (or
// one and OtherColour) keep for every vision simulated: about five times a
// just-noticeable difference, so that a legend row and its nodes can be
// matched at a glance. Kelly's colours, used before, fall to 8.6 under
// protanopia.
const minPaletteDeltaE = 15

// TestCommunityColoursColourBlindSafe simulates protanopia, deuteranopia
// and tritanopia on the community palette and OtherColour and checks
// every pair stays minPaletteDeltaE apart in CIELAB, and apart from the
// white page.
func TestCommunityColoursColourBlindSafe(t *testing.T) {
	cols := append(CommunityColours[:], OtherColour)
	visions := append([]struct {
		name string
		m    [3][3]float64
	}{{"normal", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}}, dichromacy...)
	for _, v := range visions {
		t.Run(v.name, func(t *testing.T) {
			labs := make([][3]float64, len(cols))
			for i, c := range cols {
				labs[i] = toLab(simulate(parseHex(t, c), v.m))
			}
			white := toLab(simulate([3]float64{1, 1, 1}, v.m))
			for i := range cols {
				assert.GreaterOrEqual(t, dist(labs[i], white), float64(minPaletteDeltaE), "%s on white", cols[i])
				for j := i + 1; j < len(cols); j++ {
					assert.GreaterOrEqual(t, dist(labs[i], labs[j]), float64(minPaletteDeltaE), "%s and %s", cols[i], cols[j])
				}
			}
		})
	}
}

// TestPaletteDistanceCatchesConfusion: the check fails for a classic
// confusion pair (red and green of equal lightness under deuteranopia).
func TestPaletteDistanceCatchesConfusion(t *testing.T) {
	red, green := toLab(simulate(parseHex(t, "#d62728"), dichromacy[1].m)), toLab(simulate(parseHex(t, "#2ca02c"), dichromacy[1].m))
	assert.Less(t, dist(red, green), float64(minPaletteDeltaE))
}

func parseHex(t *testing.T, s string) [3]float64 {
	t.Helper()
	require.Len(t, s, 7, "colour %q", s)
	x, err := strconv.ParseUint(s[1:], 16, 32)
	require.NoError(t, err, "colour %q", s)
	return [3]float64{float64(x>>16&255) / 255, float64(x>>8&255) / 255, float64(x&255) / 255}
}

// simulate applies m to the linear-light values of the sRGB colour c and
// returns the sRGB colour seen, clipped to the gamut.
func simulate(c [3]float64, m [3][3]float64) [3]float64 {
	var l, out [3]float64
	for i, v := range c {
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	for i := range 3 {
		v := m[i][0]*l[0] + m[i][1]*l[1] + m[i][2]*l[2]
		v = math.Max(0, math.Min(1, v))
		if v <= 0.0031308 {
			out[i] = 12.92 * v
		} else {
			out[i] = 1.055*math.Pow(v, 1/2.4) - 0.055
		}
	}
	return out
}

// toLab converts an sRGB colour to CIELAB (D65).
func toLab(c [3]float64) [3]float64 {
	var l [3]float64
	for i, v := range c {
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	x := (0.4124*l[0] + 0.3576*l[1] + 0.1805*l[2]) / 0.95047
	y := 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	z := (0.0193*l[0] + 0.1192*l[1] + 0.9505*l[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func dist(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}
