package render

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"runtime"
	"sync"
)

// stripRows is how many image rows one goroutine filters and compresses.
const stripRows = 64

// encodePNG writes img as a PNG. An opaque image (a picture on its white
// background) is encoded as 8-bit RGB with the Up filter, its strips of
// rows deflated in parallel and joined into one zlib stream (each strip
// ends on a byte boundary with a sync flush, as pigz does; the checksum is
// combined from the strips'), written as one IDAT chunk per strip; it
// decodes to the same pixels. Only the compressed strips are held. Other images go through image/png. image/png chooses a
// filter per row and deflates on one goroutine: for the 12-megapixel
// sample picture that was half of a build's time.
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width == 0 || height == 0 || !opaque(img) {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	strips := (height + stripRows - 1) / stripRows
	packed := make([][]byte, strips)
	sums := make([]uint32, strips)
	sizes := make([]int, strips)
	errs := make([]error, strips)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				raw := filterUp(img, k*stripRows, min(height, (k+1)*stripRows))
				sums[k], sizes[k] = adler32.Checksum(raw), len(raw)
				var out bytes.Buffer
				fw, _ := flate.NewWriter(&out, flate.BestSpeed) // the level is valid
				_, err := fw.Write(raw)
				if err == nil {
					if k == strips-1 {
						err = fw.Close() // the final block
					} else {
						err = fw.Flush() // ends on a byte boundary
					}
				}
				packed[k], errs[k] = out.Bytes(), err
			}
		}()
	}
	for k := range strips {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	sum := sums[0]
	for k := 1; k < strips; k++ {
		sum = adler32Combine(sum, sums[k], sizes[k])
	}

	// The zlib stream (header, the strips, the checksum) goes out as one
	// IDAT chunk per strip: a decoder joins consecutive IDAT chunks.
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, RGB; compression, filter and interlace 0
	out := []byte("\x89PNG\r\n\x1a\n")
	out = appendChunk(out, "IHDR", ihdr[:])
	for k, p := range packed {
		if k == 0 {
			p = append([]byte{0x78, 0x01}, p...) // zlib: deflate, 32 KiB window, fastest
		}
		if k == strips-1 {
			p = binary.BigEndian.AppendUint32(p, sum)
		}
		out = appendChunk(out, "IDAT", p)
		if _, err := w.Write(out); err != nil {
			return err
		}
		out, packed[k] = out[:0], nil
	}
	out = appendChunk(out, "IEND", nil)
	_, err := w.Write(out)
	return err
}

// adler32Combine returns the Adler-32 of the concatenation of two byte
// strings from their checksums and the second's length (zlib's
// adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint64(len2 % base)
	s1 := uint64(a1 & 0xffff)
	s2 := rem * s1 % base
	s1 += uint64(a2&0xffff) + base - 1
	s2 += uint64(a1>>16) + uint64(a2>>16) + base - rem
	if s1 >= base {
		s1 -= base
	}
	if s1 >= base {
		s1 -= base
	}
	if s2 >= base<<1 {
		s2 -= base << 1
	}
	if s2 >= base {
		s2 -= base
	}
	return uint32(s1 | s2<<16)
}

// opaque reports whether every pixel of img has full alpha.
func opaque(img *image.RGBA) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0xff {
				return false
			}
		}
	}
	return true
}

// filterUp returns rows y0 to y1 of an opaque img as PNG scanlines of RGB
// bytes with the Up filter (each byte minus the one above it; the first
// row of the image has nothing above).
func filterUp(img *image.RGBA, y0, y1 int) []byte {
	b := img.Bounds()
	width := b.Dx()
	out := make([]byte, 0, (y1-y0)*(1+3*width))
	for y := y0; y < y1; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		out = append(out, 2) // Up
		if y == 0 {
			for x := 0; x < width; x++ {
				out = append(out, row[4*x], row[4*x+1], row[4*x+2])
			}
			continue
		}
		up := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y-1):]
		for x := 0; x < width; x++ {
			out = append(out, row[4*x]-up[4*x], row[4*x+1]-up[4*x+1], row[4*x+2]-up[4*x+2])
		}
	}
	return out
}

// appendChunk appends a PNG chunk: length, type, data and CRC.
func appendChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
