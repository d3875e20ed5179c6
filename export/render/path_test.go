package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// String lists a path's commands and end points, for tests.
func (p *path) String() string {
	var b strings.Builder
	j := 0
	for _, op := range p.ops {
		n := op.points()
		fmt.Fprintf(&b, "%c", "MLQCZ"[op])
		if n > 0 {
			e := p.pts[j+n-1]
			fmt.Fprintf(&b, "%g,%g", math.Round(e.x*1000)/1000, math.Round(e.y*1000)/1000)
		}
		j += n
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func TestParsePath(t *testing.T) {
	tests := []struct{ name, d, want string }{
		{"graphviz edge", "M27,-71.7C27,-63.98 27,-54.71 27,-46.11", "M27,-71.7 C27,-46.11"},
		{"relative and implicit lineto", "m10 10 5 0 0 5z", "M10,10 L15,10 L15,15 Z"},
		{"horizontal and vertical", "M0,0H10V10h-5v-5", "M0,0 L10,0 L10,10 L5,10 L5,5"},
		{"smooth cubic and quadratic", "M0,0C0,10 10,10 10,0S20,-10 20,0Q25,5 30,0T40,0", "M0,0 C10,0 C20,0 Q30,0 Q40,0"},
		{"arc, half a circle", "M0,0A10,10 0 0 1 20,0", "M0,0 C10,-10 C20,0"},
		{"degenerate arc is a line", "M0,0A0,10 0 0 1 20,0", "M0,0 L20,0"},
		{"drawing after close restarts at the subpath's start", "M1,1L5,1Z L5,5", "M1,1 L5,1 Z M1,1 L5,5"},
		{"numbers glued by signs and points", "M1-2L.5.5-1e1,2", "M1,-2 L0.5,0.5 L-10,2"},
		{"out of range number read as 0", "M1e999,5", "M0,5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parsePath(tt.d)
			require.NoError(t, err, "parsePath(%q)", tt.d)
			assert.Equal(t, tt.want, p.String(), "parsePath(%q)", tt.d)
		})
	}
	for _, d := range []string{"L1,1", "M1", "M1,1 X2,2", "M1,1 Z 3,4"} {
		_, err := parsePath(d)
		assert.Error(t, err, "parsePath(%q)", d)
	}
}

// TestRasterizeEdges fills shapes that cross the picture's edges, or lie
// far outside it, and checks the pixels inside.
func TestRasterizeEdges(t *testing.T) {
	const svg = `<svg width="40pt" height="20pt" viewBox="0 0 40 20">` +
		`<polygon fill="#ff0000" points="-1e7,-1e7 10,-1e7 10,1e7 -1e7,1e7"/>` + // the left quarter, from far outside
		`<polygon fill="#0000ff" points="30,5 1e9,5 1e9,15 30,15"/>` + // a band to the right edge
		`<polygon fill="#00ff00" points="100,100 200,100 200,200"/>` + // wholly outside
		`</svg>`
	img, err := Rasterize(strings.NewReader(svg), 1)
	require.NoError(t, err)
	require.Equal(t, image.Pt(40, 20), img.Bounds().Size())
	tests := []struct {
		x, y int
		want color.RGBA
	}{
		{0, 0, color.RGBA{0xff, 0, 0, 0xff}},
		{9, 19, color.RGBA{0xff, 0, 0, 0xff}},
		{10, 10, color.RGBA{}},
		{29, 10, color.RGBA{}},
		{30, 10, color.RGBA{0, 0, 0xff, 0xff}},
		{39, 5, color.RGBA{0, 0, 0xff, 0xff}},
		{39, 4, color.RGBA{}},
		{39, 15, color.RGBA{}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, img.RGBAAt(tt.x, tt.y), "pixel (%d,%d)", tt.x, tt.y)
	}
}

// TestRasterizeHostileGeometry: coordinates, stroke widths and dashes far
// beyond any picture are clamped; drawing them takes no longer than
// drawing the picture.
func TestRasterizeHostileGeometry(t *testing.T) {
	svgs := []string{
		`<svg width="100pt" height="100pt"><path fill="none" stroke="black" stroke-width="1e300" stroke-dasharray="1e-300" d="M-1e300,-1e300C1e300,0 0,1e300 1e300,1e300"/></svg>`,
		`<svg width="100pt" height="100pt"><path fill="none" stroke="black" stroke-dasharray="0.02" d="M-1e9,50L1e9,50M-1e9,60L1e9,60"/></svg>`,
		`<svg width="100pt" height="100pt"><polygon fill="black" stroke="black" points="0,-1e308 1e308,1e308 -1e308,50"/></svg>`,
		`<svg width="100pt" height="100pt"><path fill="black" stroke="red" d="M50,50A1e300,1e-300 45 1 1 -1e300,1e300z"/></svg>`,
		`<svg width="100pt" height="100pt"><text x="-1e300" y="50" font-size="1e300">` + strings.Repeat("W", 10000) + `</text></svg>`,
		`<svg width="100pt" height="100pt"><g transform="scale(1e300) rotate(1e300)"><ellipse cx="1" cy="1" rx="1" ry="1" fill="black"/></g></svg>`,
	}
	for i, svg := range svgs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			start := time.Now()
			img, err := Rasterize(strings.NewReader(svg), 1)
			if err == nil {
				assert.Equal(t, image.Pt(100, 100), img.Bounds().Size())
			}
			assert.Less(t, time.Since(start), 10*time.Second)
		})
	}
}
