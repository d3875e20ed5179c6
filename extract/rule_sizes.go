package extract

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// hasSizeSegment reports a parameter-count part: "BLOOM-176B", "Qwen3-8B".
func hasSizeSegment(w string) bool {
	return sizeSegment(w, false) > 0
}

// sizeSegment returns the index of the first part of w after the first
// (parts split at "-") that is a parameter count, with no "/" when noSlash
// is set, or 0. It reads w in place: most words have no such part.
func sizeSegment(w string, noSlash bool) int {
	i := strings.IndexByte(w, '-')
	for k := 1; i >= 0; k++ {
		p := w[i+1:]
		e := strings.IndexByte(p, '-')
		if e >= 0 {
			p = p[:e]
		}
		if isSize(p) && !(noSlash && strings.IndexByte(p, '/') >= 0) {
			return k
		}
		if e < 0 {
			break
		}
		i += 1 + e
	}
	return 0
}

// sizeRule: model names with a parameter count the lists do not know:
// "Foo-13B", "Bar-2-70B-Chat". The family is the part before the size.
// caps are the words with a capital (ruleStarts.caps).
func (x *Extractor) sizeRule(d *doc, caps []int, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if t.flags&fDigit == 0 && (i+1 >= len(d.toks) || d.toks[i+1].flags&fDigit == 0) {
			continue // no size here or in the next word
		}
		w := d.w(i)
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || !strings.ContainsFunc(w, unicode.IsUpper) || x.stoppedAt(d, i) {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].start == t.end+1 && d.s[t.end] == ' ' && isSize(d.w(i+1)) &&
			strings.ToUpper(d.w(i+1)) == d.w(i+1) && !lowerIn(refWords, w) && !d.funcWord(i) &&
			(d.nameyAt(i) || d.titleAt(i) && i > d.sentStart(i)) {
			// "Wan 14B", "Foo 7B": a name and a parameter count.
			name := w + "-" + d.w(i+1)
			c := x.named(d, t.start, d.toks[i+1].end, name, papergraph.KindModel, "pattern:model-size", d.w(i+1))
			c.family = w
			if e, ok := x.lookup(w); ok {
				c.family = e.name
			}
			out = append(out, c)
			continue
		}
		k := sizeSegment(w, true)
		if k == 0 || strings.IndexByte(w, '-') < 2 {
			continue // no size, or no family of two bytes or more before it
		}
		// The family is the parts before the size; the name is w with the
		// size's unit in upper case ("Foo-13b" is "Foo-13B").
		a := 0 // the size's first byte
		for range k {
			a += strings.IndexByte(w[a:], '-') + 1
		}
		b := a + strings.IndexByte(w[a:], '-') // its end
		if b < a {
			b = len(w)
		}
		fam, size, name := w[:a-1], w[a:b], w
		if u := w[b-1]; u < 'A' || u > 'Z' {
			name = w[:b-1] + sizeNorm(w[b-1:b]) + w[b:]
		}
		c := x.named(d, t.start, t.end, name, papergraph.KindModel, "pattern:model-size", size)
		if e, ok := x.lookup(fam); ok {
			fam = e.name
		}
		c.family = fam
		out = append(out, c)
	}
	return out
}

// familyVersionRule: "Zorb-6", "Zorb7.5", "ZorbV3", "Zorb-6 Astra planner": a model
// family the lists name (written without digits) and a version the lists do
// not know name a model of that family (with an edition word after it, see
// [Extractor.modelEditionWord]). caps are the words with a capital
// (ruleStarts.caps).
func (x *Extractor) familyVersionRule(d *doc, caps []int, gzAt *gzIndex, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if t.flags&fDigit == 0 || gzAt.at(i) != nil {
			continue
		}
		w := d.w(i)
		k := strings.IndexAny(w, "0123456789")
		if k < 3 {
			continue
		}
		if w[k-1] == 'v' || w[k-1] == 'V' {
			k-- // "ZorbV3": the version's v
		}
		fam := strings.TrimSuffix(w[:k], "-")
		if !x.families[fam] || !isVersion(w[k:]) || strings.ContainsRune(w[k:], '-') || x.off[foldString(w)] || modifierUse(d.s, t.end) {
			continue
		}
		en, name := t.end, w
		if e, end := x.modelEditionWord(d.s, en); e != "" {
			en, name = end, w+" "+e // "Zorb-6 Astra planner"
		}
		c := x.named(d, t.start, en, name, papergraph.KindModel, "pattern:family-version", fam)
		c.family = cmp.Or(c.family, fam)
		out = append(out, c)
	}
	return out
}

// isSize reports whether seg is a parameter count: 7B, 1.5b, 350M, 8x7B.
func isSize(seg string) bool {
	if len(seg) < 2 {
		return false
	}
	u := seg[len(seg)-1] | 0x20
	if u != 'b' && u != 'm' && u != 't' {
		return false
	}
	num := seg[:len(seg)-1]
	if i := strings.IndexByte(num, 'x'); i > 0 {
		if !allDigits(num[:i]) {
			return false
		}
		num = num[i+1:]
	}
	if i := strings.IndexByte(num, '.'); i > 0 {
		return allDigits(num[:i]) && allDigits(num[i+1:])
	}
	return allDigits(num)
}

func sizeNorm(seg string) string {
	return seg[:len(seg)-1] + strings.ToUpper(seg[len(seg)-1:])
}

// isVersion reports whether seg is a version: 2, 3.1, v2, V1.5, 4o, 2024.
func isVersion(seg string) bool {
	if seg == "" {
		return false
	}
	if seg[0] == 'v' || seg[0] == 'V' {
		seg = seg[1:]
	}
	if seg == "" || !isDigit(seg[0]) {
		return false
	}
	i := 0
	for i < len(seg) && (isDigit(seg[i]) || seg[i] == '.') {
		i++
	}
	rest := seg[i:]
	return len(rest) <= 1 && (rest == "" || rest[0] >= 'a' && rest[0] <= 'z')
}
