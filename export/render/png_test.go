package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export"
)

// onWhite composites img over white, as a viewer shows it.
func onWhite(img image.Image) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Over)
	return out
}

// pixelDiff compares two images of the same size pixel by pixel (largest
// channel difference, 0–255) and returns the mean difference and the
// fraction of pixels that differ by more than 64.
func pixelDiff(t testing.TB, a, b image.Image) (mean, bad float64) {
	t.Helper()
	require.Equal(t, a.Bounds().Size(), b.Bounds().Size(), "image sizes")
	wa, wb := onWhite(a), onWhite(b)
	var sum float64
	var n, over int
	for y := 0; y < wa.Rect.Dy(); y++ {
		for x := 0; x < wa.Rect.Dx(); x++ {
			pa, pb := wa.RGBAAt(x, y), wb.RGBAAt(x, y)
			d := max(absDiff(pa.R, pb.R), absDiff(pa.G, pb.G), absDiff(pa.B, pb.B))
			sum += float64(d)
			if d > 64 {
				over++
			}
			n++
		}
	}
	return sum / float64(n), float64(over) / float64(n)
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// rsvg rasterises svg with librsvg's rsvg-convert at w×h pixels.
func rsvg(t testing.TB, svg []byte, w, h int) image.Image {
	t.Helper()
	tool := need(t, "rsvg-convert")
	cmd := exec.Command(tool, "-f", "png", "-w", fmt.Sprint(w), "-h", fmt.Sprint(h))
	cmd.Stdin = bytes.NewReader(svg)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	require.NoError(t, cmd.Run(), "rsvg-convert: %s", stderr.String())
	img, err := png.Decode(&out)
	require.NoError(t, err)
	return img
}

// TestPNGMatchesSVG proves the PNG route: the sample's PNG is compared
// pixel by pixel with librsvg's rendering of the very same SVG, an
// independent rasteriser.
func TestPNGMatchesSVG(t *testing.T) {
	tests := []struct {
		papers int
		scale  float64
	}{
		{61, 1}, // the sample's size
		{15, 2}, // smaller, at the default scale
	}
	for _, tt := range tests {
		g := sampleGraph(t, tt.papers, tt.papers*5/2)
		lay, svg := layoutSVG(t, g, export.Options{}, Options{})
		scale := tt.scale
		t.Run(fmt.Sprintf("%d papers at scale %g", tt.papers, scale), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, PNG(context.Background(), &buf, g, export.Options{Layout: lay}, Options{Scale: scale}))
			ours, err := png.Decode(&buf)
			require.NoError(t, err)
			doc := parseSVG(t, svg)
			assert.InDelta(t, doc.width*scale, float64(ours.Bounds().Dx()), 1, "PNG width follows the SVG")
			ref := rsvg(t, svg, ours.Bounds().Dx(), ours.Bounds().Dy())
			mean, bad := pixelDiff(t, ref, ours)
			t.Logf("mean channel difference %.2f/255, %.3f%% pixels differ by more than 64", mean, 100*bad)
			assert.Less(t, mean, 2.0)
			assert.Less(t, bad, 0.01)
			if t.Failed() || os.Getenv("RENDER_KEEP") != "" {
				_ = os.WriteFile(fmt.Sprintf("%s/ours-%g.png", t.TempDir(), scale), buf.Bytes(), 0o644)
			}
		})
	}
}

// TestRasterizeKeepsUnfilledShapesEmpty checks the #106 failure directly:
// shapes with fill="none" (open node outlines, edge curves) keep their
// inside empty, filled ones are filled, strokes are drawn.
func TestRasterizeKeepsUnfilledShapesEmpty(t *testing.T) {
	const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg width="300pt" height="100pt" viewBox="0 0 300 100" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g class="graph" transform="scale(1 1) rotate(0) translate(0 100)">
<polygon fill="none" stroke="black" stroke-width="2" points="10,-10 90,-10 90,-90 10,-90 10,-10"/>
<ellipse fill="none" stroke="black" stroke-width="2" cx="150" cy="-50" rx="40" ry="40"/>
<path fill="none" stroke="black" stroke-width="2" d="M210,-10C210,-90 290,-90 290,-10"/>
<polygon fill="#0072b2" stroke="#004f7c" points="20,-40 30,-40 30,-60 20,-60 20,-40"/>
<text text-anchor="middle" x="150" y="-46" font-family="DejaVu Sans" font-size="14.00" fill="#000000">Hi</text>
</g>
</svg>`
	img, err := Rasterize(strings.NewReader(svg), 1)
	require.NoError(t, err)
	require.Equal(t, image.Pt(300, 100), img.Bounds().Size())
	tests := []struct {
		name  string
		x, y  int
		empty bool
	}{
		{"inside open box", 70, 50, true},
		{"inside open ellipse, off the text", 150, 25, true},
		{"under an open curve", 250, 60, true},
		{"box outline", 10, 50, false},
		{"ellipse outline", 110, 50, false},
		{"curve stroke", 210, 80, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := img.RGBAAt(tt.x, tt.y).A
			if tt.empty {
				assert.Equal(t, uint8(0), a, "pixel (%d,%d) painted", tt.x, tt.y)
			} else {
				assert.Greater(t, a, uint8(128), "pixel (%d,%d) not painted", tt.x, tt.y)
			}
		})
	}
	assert.Equal(t, color.RGBA{0x00, 0x72, 0xb2, 0xff}, img.RGBAAt(25, 50), "filled box")
	// The text is drawn: some dark pixels around its position.
	dark := 0
	for y := 40; y < 56; y++ {
		for x := 140; x < 162; x++ {
			if img.RGBAAt(x, y).A > 200 {
				dark++
			}
		}
	}
	assert.Greater(t, dark, 10, "text not drawn")
}

func TestRasterizeRejects(t *testing.T) {
	tests := []struct{ name, svg string }{
		{"not xml", "<svg"},
		{"no svg", `<html></html>`},
		{"huge", `<svg width="10000000pt" height="10pt"></svg>`},
		{"bad transform", `<svg width="10pt" height="10pt"><g transform="skew(1)"></g></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Rasterize(strings.NewReader(tt.svg), 1)
			assert.ErrorIs(t, err, ErrSVG)
		})
	}
}

// FuzzRasterize feeds arbitrary documents to the rasteriser: it returns an
// image or an error, never panics, and keeps images within MaxPixels.
func FuzzRasterize(f *testing.F) {
	f.Add([]byte(`<svg width="20pt" height="10pt" viewBox="0 0 20 10"><g transform="translate(0 10)"><polygon fill="none" stroke="black" points="1,-1 9,-1 9,-9"/><text x="5" y="-2" font-size="4">Hi</text></g></svg>`))
	f.Add([]byte(`<svg width="10pt" height="10pt"><path d="M0,0C1,1 2,2 3,3z" stroke-dasharray="1,2"/><ellipse cx="1" cy="1" rx="-1" ry="0"/></svg>`))
	f.Add([]byte(`<svg width="10pt" height="10pt"><path stroke="red" d="m1,1h2v2l-1,1q1,1 2,0t1,1s1,1 2,0c0,1 1,1 1,0a2,1 30 1 0 2,2z"/><text x="5" y="5" font-size="3">מודל (عربي) 2.5 日本</text></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := Rasterize(bytes.NewReader(data), 0.5)
		if err != nil {
			return
		}
		assert.LessOrEqual(t, img.Bounds().Dx()*img.Bounds().Dy(), MaxPixels+2*(img.Bounds().Dx()+img.Bounds().Dy()))
	})
}

// TestPNGTextMatchesSVG draws text in several scripts, centred as
// Graphviz centres labels, and compares each line with librsvg's
// rendering: Greek after Latin (a rasteriser once drew a centred
// "PixArt-α" as "αixArt-"), combining marks, CJK (drawn with a system
// font when one is installed, see FallbackFonts), an emoji, and Hebrew
// and Arabic (right to left, Arabic letters joined) alone and inside
// Latin.
func TestPNGTextMatchesSVG(t *testing.T) {
	lines := []string{
		"PixArt-α",
		"Ελληνικά: ά ᾳ x̃ café",
		"日本語のモデル 中文标题 한국어",
		"Rocket 🚀 launch",
		"עברית العربية",
		"Model مدل بزرگ v2 (ViT)",
	}
	fs, err := fonts()
	require.NoError(t, err)
	for _, line := range lines {
		t.Run(line, func(t *testing.T) {
			if r := []rune(line)[0]; r >= 0x2E80 && fs.fontFor(r) == fs.list[0] {
				if os.Getenv("CI") == "true" {
					t.Fatalf("no CJK font (see FallbackFonts; Debian: fonts-noto-cjk) under CI=true")
				}
				t.Skip("no CJK font installed (Debian: fonts-noto-cjk)")
			}
			var svg bytes.Buffer
			fmt.Fprintf(&svg, `<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="60pt" viewBox="0 0 400 60">`+
				`<g><polygon fill="white" stroke="none" points="0,0 400,0 400,60 0,60"/>`+
				`<text text-anchor="middle" x="200" y="40" font-family="DejaVu Sans,sans-serif" font-size="28">%s</text></g></svg>`,
				strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(line))
			ours, err := Rasterize(bytes.NewReader(svg.Bytes()), 2)
			require.NoError(t, err)
			ref := rsvg(t, svg.Bytes(), ours.Bounds().Dx(), ours.Bounds().Dy())
			mean, bad := pixelDiff(t, ref, ours)
			prof := inkProfileDiff(ref, ours, 16)
			t.Logf("%q: mean channel difference %.2f/255, %.3f%% pixels differ by more than 64, ink profile %.3f", line, mean, 100*bad, prof)
			if !strings.ContainsRune(line, '🚀') {
				// The same fonts in both (DejaVu Sans, Noto Sans CJK):
				// pixel for pixel.
				assert.Less(t, bad, 0.01)
			}
			// The emoji too: the ink lies in the same columns, in about the
			// same amounts (no colour emoji font: each draws its own box).
			assert.Less(t, prof, 0.3, "ink per column differs from librsvg's")
			if t.Failed() || os.Getenv("RENDER_KEEP") != "" {
				var b bytes.Buffer
				_ = png.Encode(&b, ours)
				_ = os.WriteFile(filepath.Join(os.TempDir(), "text-ours.png"), b.Bytes(), 0o644)
			}
		})
	}
}

// inkProfileDiff compares how much ink (darkness) two images of one size
// have per band of bin columns: the sum of the absolute differences over
// the total ink of a, 0 when equal. Glyphs drawn at the wrong place (a
// letter moved to the other end of a word) give a large value; a slightly
// different font a small one.
func inkProfileDiff(a, b image.Image, bin int) float64 {
	wa, wb := onWhite(a), onWhite(b)
	w := wa.Rect.Dx()
	pa, pb := make([]float64, w/bin+1), make([]float64, w/bin+1)
	total := 0.0
	for y := 0; y < wa.Rect.Dy(); y++ {
		for x := 0; x < w; x++ {
			ia := 255 - float64(wa.RGBAAt(x, y).G)
			ib := 255 - float64(wb.RGBAAt(x, y).G)
			pa[x/bin] += ia
			pb[x/bin] += ib
			total += ia
		}
	}
	diff := 0.0
	for i := range pa {
		diff += math.Abs(pa[i] - pb[i])
	}
	return diff / math.Max(total, 1)
}

// TestPNGTitleMatchesSVG draws a picture whose title and caption mix
// Greek, CJK and an emoji, and compares the PNG with librsvg's rendering
// of the same SVG, as TestPNGMatchesSVG does.
func TestPNGTitleMatchesSVG(t *testing.T) {
	fs, err := fonts()
	require.NoError(t, err)
	if fs.fontFor('日') == fs.list[0] {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no CJK font (see FallbackFonts; Debian: fonts-noto-cjk) under CI=true")
		}
		t.Skip("no CJK font installed (Debian: fonts-noto-cjk)")
	}
	g := sampleGraph(t, 15, 30)
	pic, err := NewPicture(g, PictureOptions{Title: "PixArt-α と 日本語のモデル 🚀 Ελληνικά"})
	require.NoError(t, err)
	opt := Options{}
	lay, svg := layoutSVG(t, pic.Graph, export.Options{Style: pic.Style}, opt)
	require.Contains(t, string(svg), "日本語のモデル")
	var buf bytes.Buffer
	require.NoError(t, PNG(context.Background(), &buf, pic.Graph, export.Options{Layout: lay, Style: pic.Style}, opt))
	ours, err := png.Decode(&buf)
	require.NoError(t, err)
	ref := rsvg(t, svg, ours.Bounds().Dx(), ours.Bounds().Dy())
	mean, bad := pixelDiff(t, ref, ours)
	t.Logf("mean channel difference %.2f/255, %.3f%% pixels differ by more than 64", mean, 100*bad)
	assert.Less(t, mean, 2.0)
	assert.Less(t, bad, 0.01)
}
