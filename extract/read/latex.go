package read

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// decodeTeX turns the LaTeX of BibTeX fields and arXiv metadata into
// plain Unicode text: accents ({\"o}, \'e, \c{c}, \v s), special letters
// (\ss, \o, \ae, \l), escapes (\& \% \$ \# \_ \{ \}), dashes (-- ---),
// quotes (“ ”), ties (~), font commands (\emph{x} -> x) and grouping
// braces. With keepMath, $...$ spans are left exactly as written (arXiv
// titles keep their formulas); without it the dollars are dropped and the
// formula's commands decoded where known. Unknown commands are kept.
func decodeTeX(s string, keepMath bool) string {
	if texFree(s, keepMath) {
		return s
	}
	return texDecode(s, keepMath)
}

// texDecode is decodeTeX without its shortcut for texts it leaves as
// they are.
func texDecode(s string, keepMath bool) string {
	var b strings.Builder
	b.Grow(len(s))
	math := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '$':
			if keepMath {
				j := strings.IndexByte(s[i+1:], '$')
				if j < 0 {
					b.WriteString(s[i:])
					return b.String()
				}
				b.WriteString(s[i : i+j+2])
				i += j + 2
				continue
			}
			math = !math
			i++
		case c == '\\':
			i = texCommand(&b, s, i, math)
		case c == '{' || c == '}':
			i++
		case c == '~' && !math:
			b.WriteByte(' ')
			i++
		case c == '-' && !math && strings.HasPrefix(s[i:], "---"):
			b.WriteString("\u2014")
			i += 3
		case c == '-' && !math && strings.HasPrefix(s[i:], "--"):
			b.WriteString("\u2013")
			i += 2
		case c == '`' && strings.HasPrefix(s[i:], "``"):
			b.WriteString("\u201c")
			i += 2
		case c == '\'' && strings.HasPrefix(s[i:], "''"):
			b.WriteString("\u201d")
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// texFree reports whether decodeTeX(s, keepMath) is s: s has no
// command, brace or tie, no dash, quote or dollar decodeTeX turns into
// another character or drops.
func texFree(s string, keepMath bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '{', '}', '~':
			return false
		case '$':
			if !keepMath {
				return false
			}
		case '-', '`', '\'':
			if i+1 < len(s) && s[i+1] == c {
				return false
			}
		}
	}
	return true
}

// accents maps a LaTeX accent command to its combining character.
var accents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', "~": '\u0303', "=": '\u0304',
	"u": '\u0306', ".": '\u0307', "\"": '\u0308', "r": '\u030a', "H": '\u030b',
	"v": '\u030c', "c": '\u0327', "k": '\u0328', "d": '\u0323', "b": '\u0331',
}

// composed holds precomposed forms of common accented letters.
var composed = map[string]string{}

func init() {
	for _, row := range []struct{ acc, pairs string }{
		{"'", "aá eé ií oó uú yý AÁ EÉ IÍ OÓ UÚ YÝ cć Cć nń NŃ sś SŚ zź ZŹ lĺ LĹ rŕ RŔ gǵ"},
		{"`", "aà eè iì oò uù AÀ EÈ IÌ OÒ UÙ"},
		{"^", "aâ eê iî oô uû AÂ EÊ IÎ OÔ UÛ cĉ gĝ hĥ jĵ sŝ wŵ yŷ"},
		{"~", "aã nñ oõ AÃ NÑ OÕ iĩ uũ"},
		{"\"", "aä eë iï oö uü yÿ AÄ EË IÏ OÖ UÜ YŸ"},
		{"=", "aā eē iī oō uū AĀ EĒ IĪ OŌ UŪ"},
		{"u", "aă gğ uŭ AĂ GĞ UŬ"},
		{".", "zż ZŻ eė EĖ cċ gġ IÍ"},
		{"r", "aå AÅ uů UŮ"},
		{"H", "oő uű OŐ UŰ"},
		{"v", "cč sš zž rř eě nň dď tť CČ SŠ ZŽ RŘ EĚ NŇ DĎ TŤ"},
		{"c", "cç sş tţ CÇ SŞ TŢ"},
		{"k", "aą eę AĄ EĘ"},
	} {
		for _, p := range strings.Fields(row.pairs) {
			base, size := utf8.DecodeRuneInString(p)
			composed[row.acc+string(base)] = p[size:]
		}
	}
	composed[".I"] = "İ"
}

// letters are LaTeX commands that stand for a letter or symbol.
var letters = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
	"th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"textendash": "\u2013", "textemdash": "\u2014", "ldots": "\u2026", "dots": "\u2026",
	"textquoteright": "\u2019", "textquoteleft": "\u2018", "textquotedblleft": "\u201c",
	"textquotedblright": "\u201d", "textregistered": "®", "texttrademark": "™",
	"copyright": "©", "textasciitilde": "~", "textbackslash": "\\", "textbar": "|",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textdegree": "°", "textmu": "µ",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ",
	"nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
	"Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"times": "×", "pm": "±", "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "neq": "≠",
	"infty": "∞", "rightarrow": "→", "to": "→", "leftarrow": "←", "approx": "≈", "sim": "∼",
	"cdot": "·", "circ": "∘", "ell": "ℓ",
}

// dropped are formatting commands whose argument is kept as plain text.
var dropped = map[string]bool{
	"emph": true, "textit": true, "textbf": true, "textsc": true, "texttt": true,
	"textrm": true, "textsf": true, "textup": true, "textnormal": true, "textsl": true,
	"mbox": true, "hbox": true, "text": true, "mathrm": true, "mathbf": true, "mathit": true,
	"mathsf": true, "mathtt": true, "mathcal": true, "mathbb": true, "boldsymbol": true,
	"bf": true, "it": true, "em": true, "sc": true, "rm": true, "tt": true, "sf": true,
	"url": true, "nolinkurl": true, "textsuperscript": true, "textsubscript": true,
	"protect": true, "relax": true, "noopsort": true, "operatorname": true,
}

// texCommand decodes the command at s[i] == '\\' into b and returns the
// index after it.
func texCommand(b *strings.Builder, s string, i int, math bool) int {
	if i+1 >= len(s) {
		b.WriteByte('\\')
		return i + 1
	}
	c := s[i+1]
	// Control symbols.
	switch c {
	case '&', '%', '$', '#', '_', '{', '}':
		b.WriteByte(c)
		return i + 2
	case ' ', '\\':
		b.WriteByte(' ')
		return i + 2
	case '-', '/', ',', ';', '!':
		if c == ',' || c == ';' {
			b.WriteByte(' ')
		}
		return i + 2
	}
	// Accent: a punctuation accent or a one-letter accent command.
	name := ""
	j := i + 1
	if strings.IndexByte("'`^~\"=.", c) >= 0 {
		name, j = string(c), i+2
	} else {
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		name = s[i+1 : j]
	}
	if name == "" { // backslash before a non-letter we do not know
		b.WriteByte('\\')
		return i + 1
	}
	if mark, ok := accents[name]; ok && (len(name) == 1) {
		if arg, next, ok := texArg(s, j, isLetter(name[0])); ok {
			b.WriteString(accent(name, arg, mark))
			return next
		}
		if !isLetter(name[0]) { // `"` before a space or symbol: the character itself
			b.WriteString(name)
			return j
		}
	}
	// After a control word, TeX eats the spaces; "\ss{}" ends with {}.
	end := j
	if len(name) > 1 || (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		for end < len(s) && s[end] == ' ' {
			end++
		}
		if strings.HasPrefix(s[end:], "{}") {
			end += 2
		}
	}
	if l, ok := letters[name]; ok {
		b.WriteString(l)
		if end > j && end < len(s) && s[end-1] == ' ' && !math && l != "" && unicode.IsLetter(rune(s[end])) && len(name) > 2 {
			b.WriteByte(' ') // "\ldots and" keeps its space
		}
		return end
	}
	if dropped[name] {
		return end
	}
	b.WriteString(s[i:j]) // unknown: keep it as written
	return j
}

// texArg returns the argument of an accent at s[j:]: "{x}", "{\i}", or a
// single character (after spaces when letterCmd, as in "\c c").
func texArg(s string, j int, letterCmd bool) (string, int, bool) {
	if letterCmd {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k == j && k < len(s) && s[k] != '{' {
			return "", j, false // "\cdots": not an accent
		}
		j = k
	}
	if j >= len(s) {
		return "", j, false
	}
	if s[j] == '{' {
		k := strings.IndexByte(s[j:], '}')
		if k < 0 {
			return "", j, false
		}
		arg := s[j+1 : j+k]
		switch arg {
		case `\i`:
			arg = "i"
		case `\j`:
			arg = "j"
		}
		return arg, j + k + 1, true
	}
	if strings.HasPrefix(s[j:], `\i`) && (j+2 == len(s) || !isLetter(s[j+2])) {
		return "i", j + 2, true
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsLetter(r) {
		return "", j, false
	}
	return string(r), j + size, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// accent applies a LaTeX accent to arg: a precomposed letter when known,
// else arg's first letter followed by the combining mark.
func accent(name, arg string, mark rune) string {
	if c, ok := composed[name+arg]; ok {
		return c
	}
	if arg == "" { // \"{}: an accent on nothing
		return ""
	}
	r, size := utf8.DecodeRuneInString(arg)
	return string(r) + string(mark) + arg[size:]
}
