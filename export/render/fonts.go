package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
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
	f, err := loadFace(dejaVuSans)
	if err != nil {
		return nil, fmt.Errorf("render: load font: %w", err)
	}
	return &fontSet{list: []*face{f}}, nil
})

// face is a parsed font. Its methods are safe for concurrent use: each
// call takes a buffer of its own.
type face struct {
	f    *sfnt.Font
	upem fixed.Int26_6 // sizes asked of sfnt: one em, so results are in font units ×64
	pool sync.Pool     // of *sfnt.Buffer
}

// loadFace parses a TrueType or OpenType font, or the first font of a
// collection.
func loadFace(b []byte) (*face, error) {
	var f *sfnt.Font
	var err error
	if bytes.HasPrefix(b, []byte("ttcf")) {
		var c *sfnt.Collection
		if c, err = sfnt.ParseCollection(b); err == nil {
			f, err = c.Font(0)
		}
	} else {
		f, err = sfnt.Parse(b)
	}
	if err != nil {
		return nil, err
	}
	fc := &face{f: f, upem: fixed.I(int(f.UnitsPerEm()))}
	fc.pool.New = func() any { return new(sfnt.Buffer) }
	return fc, nil
}

// glyph returns r's glyph index, 0 when the font lacks it.
func (fc *face) glyph(r rune) sfnt.GlyphIndex {
	b := fc.pool.Get().(*sfnt.Buffer)
	defer fc.pool.Put(b)
	g, err := fc.f.GlyphIndex(b, r)
	if err != nil {
		return 0
	}
	return g
}

// advance returns g's advance and the kerning between prev and g (prev
// < 0: none), in ems.
func (fc *face) advance(b *sfnt.Buffer, prev int, g sfnt.GlyphIndex) (adv, kern float64) {
	a, err := fc.f.GlyphAdvance(b, g, fc.upem, font.HintingNone)
	if err == nil {
		adv = float64(a) / float64(fc.upem)
	}
	if prev >= 0 {
		if k, err := fc.f.Kern(b, sfnt.GlyphIndex(prev), g, fc.upem, font.HintingNone); err == nil {
			kern = float64(k) / float64(fc.upem)
		}
	}
	return adv, kern
}

// outline returns g's outline in ems, y down.
func (fc *face) outline(b *sfnt.Buffer, g sfnt.GlyphIndex) *path {
	segs, err := fc.f.LoadGlyph(b, g, fc.upem, nil)
	p := &path{}
	if err != nil {
		return p
	}
	u := float64(fc.upem)
	v := func(p fixed.Point26_6) vec { return vec{float64(p.X) / u, float64(p.Y) / u} }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if len(p.ops) > 0 {
				p.close()
			}
			p.moveTo(v(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			p.lineTo(v(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			p.quadTo(v(s.Args[0]), v(s.Args[1]))
		case sfnt.SegmentOpCubeTo:
			p.cubeTo(v(s.Args[0]), v(s.Args[1]), v(s.Args[2]))
		}
	}
	if len(p.ops) > 0 {
		p.close()
	}
	return p
}

// fontSet finds, per character, a font that has it.
type fontSet struct {
	list     []*face // list[0] is DejaVu Sans
	once     sync.Once
	fallback []*face
}

// loadFallback reads the fallback fonts that exist, once.
func (fs *fontSet) loadFallback() []*face {
	fs.once.Do(func() {
		paths := filepath.SplitList(os.Getenv("PAPERGRAPH_FONTS"))
		for _, p := range append(paths, FallbackFonts...) {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			f, err := loadFace(b)
			if err != nil {
				continue
			}
			fs.fallback = append(fs.fallback, f)
		}
	})
	return fs.fallback
}

// fontFor returns the font to draw r with.
func (fs *fontSet) fontFor(r rune) *face {
	if r < 0x80 || fs.list[0].glyph(r) != 0 {
		return fs.list[0]
	}
	for _, f := range fs.loadFallback() {
		if f.glyph(r) != 0 {
			return f
		}
	}
	return fs.list[0]
}

// textRun is a piece of a text line drawn with one font.
type textRun struct {
	font *face
	s    string
}

// runs splits s into runs of one font each. A combining mark stays in
// the run of the character it modifies, and a space or punctuation mark
// in the run of a fallback font that has it.
func (fs *fontSet) runs(s string) []textRun {
	var out []textRun
	start := 0
	var cur *face
	for i, r := range s {
		if cur != nil && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || invisible(r)) {
			continue
		}
		if cur != nil && cur != fs.list[0] && unicode.Is(unicode.Common, r) && cur.glyph(r) != 0 {
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

// invisible reports whether r is drawn as nothing: control and format
// characters (joiners, direction marks and overrides, the soft hyphen),
// variation selectors and the other default-ignorable code points, as
// text layout engines treat them.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// placed is a glyph of a text line at its pen position, in ems.
type placed struct {
	font *face
	g    sfnt.GlyphIndex
	x    float64
}

// layout places s's glyphs left to right from 0, each run in its font
// with that font's pair kerning (GPOS or kern table), and returns them
// and the line's width, in ems.
func (fs *fontSet) layout(s string) ([]placed, float64) {
	s = visualOrder(joinArabic(s, func(r rune) bool { return fs.list[0].glyph(r) != 0 }))
	var out []placed
	x := 0.0
	for _, run := range fs.runs(s) {
		b := run.font.pool.Get().(*sfnt.Buffer)
		prev := -1
		for _, r := range run.s {
			if invisible(r) {
				continue
			}
			g := run.font.glyph(r)
			adv, kern := run.font.advance(b, prev, g)
			x += kern
			out = append(out, placed{run.font, g, x})
			x += adv
			prev = int(g)
		}
		run.font.pool.Put(b)
	}
	return out, x
}

// glyphKey names a glyph's outline in a per-picture cache.
type glyphKey struct {
	font *face
	g    sfnt.GlyphIndex
}

// maxTextSegments bounds the outline collected before it is drawn: a
// longer text is drawn in pieces.
const maxTextSegments = 1 << 16

// drawText draws an SVG text element: its glyphs left to right from a
// start point the anchor gives, filled in its colour. Glyphs wholly
// outside the picture are skipped, so a hostile text costs at most the
// picture's area.
func (pt *painter) drawText(fs *fontSet, cache map[glyphKey]*path, ctm matrix, t *svgText) {
	s := t.s.String()
	if strings.TrimSpace(s) == "" || !(t.style.fontSize > 0) || t.style.fill.A == 0 {
		return
	}
	glyphs, width := fs.layout(s)
	size := t.style.fontSize
	x := t.x
	switch t.style.anchor {
	case "middle":
		x -= width * size / 2
	case "end":
		x -= width * size
	}
	m := ctm.translate(x, t.y).scale(size, size)
	bounds := pt.sc.img.Bounds()
	em := size * ctm.lineScale() // the em in pixels: a glyph lies within about 2 ems of its pen
	pt.sc.Clear()
	pt.sc.SetColor(t.style.fill)
	b := new(sfnt.Buffer)
	for _, g := range glyphs {
		o := m.apply(vec{g.x, 0})
		if o.x < float64(bounds.Min.X)-2*em || o.x > float64(bounds.Max.X)+2*em ||
			o.y < float64(bounds.Min.Y)-2*em || o.y > float64(bounds.Max.Y)+2*em {
			continue
		}
		k := glyphKey{g.font, g.g}
		p, ok := cache[k]
		if !ok {
			p = g.font.outline(b, g.g)
			cache[k] = p
		}
		p.addTo(pt.filler, m.translate(g.x, 0), true)
		if len(pt.sc.segs) > maxTextSegments {
			pt.sc.Draw()
		}
	}
	pt.sc.Draw()
}
