package render

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncodePNG: what encodePNG writes decodes (image/png checks every CRC
// and the zlib checksum) to the same pixels, whatever the size, the
// number of strips and GOMAXPROCS; non-opaque images keep their alpha.
func TestEncodePNG(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name   string
		w, h   int
		opaque bool
	}{
		{"one pixel", 1, 1, true},
		{"one row", 300, 1, true},
		{"one column", 1, 300, true},
		{"strip boundary", 50, stripRows, true},
		{"partial last strip", 123, 3*stripRows + 17, true},
		{"large", 1500, 1000, true},
		{"transparent", 40, 130, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
			for i := range img.Pix {
				img.Pix[i] = uint8(r.IntN(256))
				if i%4 == 3 && tc.opaque {
					img.Pix[i] = 0xff
				}
			}
			if !tc.opaque { // premultiplied: no channel above alpha
				for i := 0; i < len(img.Pix); i += 4 {
					a := img.Pix[i+3]
					img.Pix[i], img.Pix[i+1], img.Pix[i+2] = min(img.Pix[i], a), min(img.Pix[i+1], a), min(img.Pix[i+2], a)
				}
			}
			// Runs of one colour, as in a picture, and noise.
			for y := 0; y < tc.h; y += 3 {
				for x := 0; x < tc.w/2; x++ {
					img.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
				}
			}
			for _, procs := range []int{1, 3} {
				old := runtime.GOMAXPROCS(procs)
				var b bytes.Buffer
				err := encodePNG(&b, img)
				runtime.GOMAXPROCS(old)
				require.NoError(t, err)
				got, err := png.Decode(&b)
				require.NoError(t, err)
				require.Equal(t, img.Bounds(), got.Bounds())
				for y := 0; y < tc.h; y++ {
					for x := 0; x < tc.w; x++ {
						wr, wg, wb, wa := img.At(x, y).RGBA()
						gr, gg, gb, ga := got.At(x, y).RGBA()
						if tc.opaque {
							require.Equal(t, [4]uint32{wr, wg, wb, wa}, [4]uint32{gr, gg, gb, ga}, "pixel %d,%d", x, y)
						} else {
							// Through non-premultiplied 8-bit storage: within rounding.
							assert.InDelta(t, wa, ga, 0)
							assert.InDelta(t, wr, gr, 257*2)
						}
					}
				}
			}
		})
	}
}

func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{0, 1, 2, 100, 65520, 65521, 65522, 200000} {
		a := make([]byte, r.IntN(70000))
		b := make([]byte, n)
		for i := range a {
			a[i] = byte(r.IntN(256))
		}
		for i := range b {
			b[i] = 0xff - byte(r.IntN(3)) // large bytes stress the modulo
		}
		want := adler32.Checksum(append(append([]byte(nil), a...), b...))
		assert.Equal(t, want, adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)), "len %d+%d", len(a), n)
	}
}
