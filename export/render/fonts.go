package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"github.com/tdewolff/canvas"
)

// FallbackFonts are the system fonts the PNG draws characters with that
// the embedded DejaVu Sans lacks (CJK ideographs, kana, hangul, ...), in
// order: the first that exists and has the glyph is used. Paths in the
// PAPERGRAPH_FONTS environment variable (separated as in PATH) come
// first; a .ttc collection is read at index 0. The Debian package
// fonts-noto-cjk provides the first. A character no font has is drawn
// as DejaVu Sans's missing-glyph box, as wide as a letter, so labels keep
// their length. Fonts load on first use: a picture without such
// characters reads none.
var FallbackFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/Hiragino Sans GB.ttc",
	`C:\Windows\Fonts\msyh.ttc`,
}

// fonts is the embedded font followed by the fallback fonts found.
var fonts = sync.OnceValues(func() (*fontSet, error) {
	f, err := canvas.LoadFont(dejaVuSans, 0, canvas.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("render: load font: %w", err)
	}
	return &fontSet{list: []*canvas.Font{f}}, nil
})

// fontSet finds, per character, a font that has it.
type fontSet struct {
	list     []*canvas.Font // list[0] is DejaVu Sans
	once     sync.Once
	fallback []*canvas.Font
}

// loadFallback reads the fallback fonts that exist, once.
func (fs *fontSet) loadFallback() []*canvas.Font {
	fs.once.Do(func() {
		paths := filepath.SplitList(os.Getenv("PAPERGRAPH_FONTS"))
		for _, p := range append(paths, FallbackFonts...) {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			f, err := canvas.LoadFont(b, 0, canvas.FontRegular)
			if err != nil {
				continue
			}
			fs.fallback = append(fs.fallback, f)
		}
	})
	return fs.fallback
}

// fontFor returns the font to draw r with.
func (fs *fontSet) fontFor(r rune) *canvas.Font {
	if r < 0x80 || fs.list[0].GlyphIndex(r) != 0 {
		return fs.list[0]
	}
	for _, f := range fs.loadFallback() {
		if f.GlyphIndex(r) != 0 {
			return f
		}
	}
	return fs.list[0]
}

// textRun is a piece of a text line drawn with one font.
type textRun struct {
	font *canvas.Font
	s    string
}

// runs splits s into runs of one font each. A combining mark stays in
// the run of the character it modifies, and a space or punctuation mark
// in the run of a fallback font that has it.
func (fs *fontSet) runs(s string) []textRun {
	var out []textRun
	start := 0
	var cur *canvas.Font
	for i, r := range s {
		if cur != nil && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200D || unicode.Is(unicode.Variation_Selector, r)) {
			continue
		}
		if cur != nil && cur != fs.list[0] && unicode.Is(unicode.Common, r) && cur.GlyphIndex(r) != 0 {
			continue // spaces and punctuation between CJK stay in its font, as text layout engines do
		}
		f := fs.fontFor(r)
		if f != cur {
			if cur != nil {
				out = append(out, textRun{cur, s[start:i]})
			}
			cur, start = f, i
		}
	}
	if cur != nil {
		out = append(out, textRun{cur, s[start:]})
	}
	return out
}

// drawText draws an SVG text element: its runs left to right from a start
// point the anchor gives. tdewolff/canvas centres or right-aligns a line
// of several scripts wrongly (it drew "PixArt-α" centred as "αixArt-"),
// so each run is drawn left-aligned at a position measured here.
func drawText(cx *canvas.Context, fs *fontSet, t *svgText) {
	s := t.s.String()
	if strings.TrimSpace(s) == "" || t.style.fontSize <= 0 || t.style.fill.A == 0 {
		return
	}
	// The canvas is in points, and Face takes its size in points of a
	// millimetre canvas.
	size := t.style.fontSize * 72 / 25.4
	runs := fs.runs(s)
	faces := make([]*canvas.FontFace, len(runs))
	widths := make([]float64, len(runs))
	total := 0.0
	for i, r := range runs {
		faces[i] = r.font.Face(size, t.style.fill)
		widths[i] = faces[i].TextWidth(r.s)
		total += widths[i]
	}
	x := t.x
	switch t.style.anchor {
	case "middle":
		x -= total / 2
	case "end":
		x -= total
	}
	for i, r := range runs {
		cx.DrawText(x, t.y, canvas.NewTextLine(faces[i], r.s, canvas.Left))
		x += widths[i]
	}
}
