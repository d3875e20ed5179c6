package render

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file places right-to-left text and joins Arabic letters: the two
// things a label in Hebrew, Arabic or Persian needs that drawing one glyph
// per character, left to right, gets wrong. It is not a shaping engine
// (see the package doc for what is and is not drawn as a reader expects).

// bidiClass is a character's direction, as far as the ordering below
// needs it (Unicode's bidirectional classes, folded).
type bidiClass uint8

const (
	bidiN   bidiClass = iota // neutral: spaces, punctuation, symbols
	bidiL                    // left-to-right letter
	bidiR                    // right-to-left letter (Hebrew R, Arabic AL)
	bidiEN                   // European digit
	bidiAN                   // Arabic-Indic digit, or a digit after Arabic letters
	bidiNSM                  // combining mark: the class of what it marks
)

func classOf(r rune) bidiClass {
	switch {
	case r >= '0' && r <= '9' || r >= 0x06F0 && r <= 0x06F9:
		return bidiEN
	case r >= 0x0660 && r <= 0x0669:
		return bidiAN
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return bidiNSM
	case rtl(r):
		return bidiR
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
		return bidiL
	}
	return bidiN
}

// rtl reports whether r is a letter of a right-to-left script: Hebrew,
// Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their
// presentation forms, and the right-to-left scripts beyond the BMP.
func rtl(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFE ||
		r >= 0x10800 && r <= 0x10FFF || r >= 0x1E800 && r <= 0x1EFFF
}

// cluster is a character and the combining marks and invisible
// characters after it: the unit that is reordered.
type cluster struct {
	s     string
	class bidiClass
}

// visualOrder returns s as it is drawn left to right: the Unicode
// bidirectional algorithm for one line of a left-to-right paragraph (SVG's
// default direction), without explicit embeddings (direction overrides
// and isolates are drawn as nothing and do not change the order). A
// right-to-left run is reversed, numbers inside it keep their own
// left-to-right order, and brackets inside it are mirrored. Text with no
// right-to-left letter is returned unchanged.
func visualOrder(s string) string {
	if !strings.ContainsFunc(s, rtl) {
		return s
	}
	var cs []cluster
	start := 0 // of the last cluster
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c := classOf(r)
		if len(cs) > 0 && (c == bidiNSM || invisible(r)) {
			cs[len(cs)-1].s = s[start : i+n]
		} else {
			if c == bidiNSM {
				c = bidiN // a mark with nothing to mark
			}
			cs = append(cs, cluster{s[i : i+n], c})
			start = i
		}
		i += n
	}
	// W2: a European digit after Arabic letters is an Arabic one. W4: a
	// separator between two digits of one kind is a digit of that kind.
	// W7: a European digit after left-to-right letters is one of them.
	last := bidiL
	for i := range cs {
		switch c := cs[i].class; c {
		case bidiL, bidiR:
			last = c
		case bidiEN:
			if last == bidiL {
				cs[i].class = bidiL
			}
		}
	}
	for i := 1; i+1 < len(cs); i++ {
		if cs[i].class == bidiN && strings.ContainsAny(cs[i].s, ".,:/") && len(cs[i].s) == 1 &&
			cs[i-1].class == cs[i+1].class && (cs[i-1].class == bidiEN || cs[i-1].class == bidiAN) {
			cs[i].class = cs[i-1].class
		}
	}
	dir := func(c bidiClass) bidiClass {
		if c == bidiL {
			return bidiL
		}
		return bidiR
	}
	bracketPairs(cs, dir)
	// N1, N2: neutrals between two right-to-left sides (digits count as
	// right-to-left here) are right-to-left, other neutrals take the
	// paragraph's direction.
	levels := make([]int, len(cs))
	for i := 0; i < len(cs); {
		if c := cs[i].class; c != bidiN {
			levels[i] = 2 // digits
			if c == bidiL {
				levels[i] = 0
			} else if c == bidiR {
				levels[i] = 1
			}
			i++
			continue
		}
		j := i
		for j < len(cs) && cs[j].class == bidiN {
			j++
		}
		before, after := bidiL, bidiL // the paragraph's start and end
		if i > 0 {
			before = dir(cs[i-1].class)
		}
		if j < len(cs) {
			after = dir(cs[j].class)
		}
		lv := 0
		if before == bidiR && after == bidiR {
			lv = 1
		}
		for k := i; k < j; k++ {
			levels[k] = lv
		}
		i = j
	}
	// L4: mirror brackets drawn right to left. L2: reverse every run at
	// level 2 or more, then every run at level 1 or more.
	for i := range cs {
		if levels[i]%2 == 1 {
			cs[i].s = mirror(cs[i].s)
		}
	}
	for lv := 2; lv >= 1; lv-- {
		for i := 0; i < len(cs); {
			if levels[i] < lv {
				i++
				continue
			}
			j := i
			for j < len(cs) && levels[j] >= lv {
				j++
			}
			slices.Reverse(cs[i:j])
			slices.Reverse(levels[i:j])
			i = j
		}
	}
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.s)
	}
	return b.String()
}

// brackets are the bracket pairs N0 resolves: opening, closing.
const brackets = "()[]{}"

// bracketPairs resolves matched brackets together (rule N0): a pair
// enclosing a left-to-right letter is left-to-right; one enclosing only
// right-to-left letters or digits takes the direction before it (the
// paragraph's at its start); one enclosing neither stays neutral.
func bracketPairs(cs []cluster, dir func(bidiClass) bidiClass) {
	var open []int
	for i, c := range cs {
		k := strings.IndexByte(brackets, c.s[0])
		if c.class != bidiN || k < 0 {
			continue
		}
		if k%2 == 0 {
			open = append(open, i)
			continue
		}
		for j := len(open) - 1; j >= 0; j-- { // the nearest opening of its kind
			o := open[j]
			if cs[o].s[0] != brackets[k-1] {
				continue
			}
			open = open[:j]
			inside := bidiN
			for _, x := range cs[o+1 : i] {
				if x.class == bidiN || x.class == bidiNSM {
					continue
				}
				if inside = dir(x.class); inside == bidiL {
					break
				}
			}
			if inside == bidiR {
				inside = bidiL // the direction before the pair
				for x := o - 1; x >= 0; x-- {
					if c := cs[x].class; c != bidiN && c != bidiNSM {
						inside = dir(c)
						break
					}
				}
			}
			if inside != bidiN {
				cs[o].class, cs[i].class = inside, inside
			}
			break
		}
	}
}

// mirror swaps a bracket of a cluster for its mirror image.
func mirror(s string) string {
	const pairs = "()[]{}<>«»‹›"
	for i, r := range []rune(pairs) {
		if strings.HasPrefix(s, string(r)) {
			m := []rune(pairs)[i^1]
			return string(m) + s[len(string(r)):]
		}
	}
	return s
}

// arabicForms maps an Arabic letter to its presentation forms: isolated,
// final, initial, medial (Unicode's Arabic Presentation Forms-A and -B).
// A letter with only the first two joins to the letter before it, never
// to the one after.
var arabicForms = map[rune][4]rune{
	0x0621: {0xFE80, 0, 0, 0}, 0x0622: {0xFE81, 0xFE82, 0, 0}, 0x0623: {0xFE83, 0xFE84, 0, 0},
	0x0624: {0xFE85, 0xFE86, 0, 0}, 0x0625: {0xFE87, 0xFE88, 0, 0}, 0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C},
	0x0627: {0xFE8D, 0xFE8E, 0, 0}, 0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, 0x0629: {0xFE93, 0xFE94, 0, 0},
	0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98}, 0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C},
	0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0}, 0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 0x062F: {0xFEA9, 0xFEAA, 0, 0}, 0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0}, 0x0632: {0xFEAF, 0xFEB0, 0, 0}, 0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, 0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0}, 0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4},
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8}, 0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8}, 0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC},
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, 0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, 0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC},
	0x0648: {0xFEED, 0xFEEE, 0, 0}, 0x0649: {0xFEEF, 0xFEF0, 0xFBE8, 0xFBE9}, 0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Persian and Urdu letters.
	0x0671: {0xFB50, 0xFB51, 0, 0}, 0x0679: {0xFB66, 0xFB67, 0xFB68, 0xFB69}, 0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59},
	0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}, 0x0688: {0xFB88, 0xFB89, 0, 0}, 0x0691: {0xFB8C, 0xFB8D, 0, 0},
	0x0698: {0xFB8A, 0xFB8B, 0, 0}, 0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, 0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95},
	0x06BA: {0xFB9E, 0xFB9F, 0, 0}, 0x06BE: {0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD}, 0x06C0: {0xFBA4, 0xFBA5, 0, 0},
	0x06C1: {0xFBA6, 0xFBA7, 0xFBA8, 0xFBA9}, 0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF}, 0x06D2: {0xFBAE, 0xFBAF, 0, 0},
}

// lamAlef maps the alef after a lam to their ligature's isolated form
// (the final form follows it).
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

// joinArabic replaces Arabic letters by the presentation form their
// neighbours call for (isolated, final, initial or medial; lam before
// alef by their ligature), as a shaping engine's joining step does, so
// that a font drawing one glyph per character joins them. has tells
// whether the font has a form; a letter keeps its own character when not.
func joinArabic(s string, has func(rune) bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
		return s
	}
	rs := []rune(s)
	// joins reports whether the letter at i can join on its left (to the
	// next letter) or right (to the previous one).
	joinsLeft := func(r rune) bool {
		f, ok := arabicForms[r]
		return ok && f[2] != 0 || r == 0x0640 || r == 0x200D // tatweel and ZWJ join both ways
	}
	joinsRight := func(r rune) bool {
		f, ok := arabicForms[r]
		return ok && f[1] != 0 || r == 0x0640 || r == 0x200D
	}
	transparent := func(r rune) bool { return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) }
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		right := joinsRight(r) && joinsLeft(neighbour(i, -1))
		left := joinsLeft(r) && joinsRight(neighbour(i, 1))
		if r == 0x0644 && i+1 < len(rs) {
			if lig, ok := lamAlef[rs[i+1]]; ok {
				if right {
					lig++
				}
				if has(lig) {
					out = append(out, lig)
					i++
					continue
				}
			}
		}
		form := f[0]
		switch {
		case right && left:
			form = f[3]
		case right:
			form = f[1]
		case left:
			form = f[2]
		}
		if form == 0 || !has(form) {
			form = r
		}
		out = append(out, form)
	}
	return string(out)
}
