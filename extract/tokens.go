package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a token of the text: a word (letters and digits joined by
// in-word connectors such as "-", ".", "/", "^") or one punctuation rune.
type tok struct {
	start, end int
	word       bool
	sent       int // sentence number
}

// acronymDef is a definition "long form (SF)" found in the text.
type acronymDef struct {
	short            string
	longStart        int // byte offsets of the long form
	longEnd          int
	end              int // end of ")"
	head             string
	lower            bool // the long form is lower case (a task or method)
	plural           bool
	firstTok, parTok int
}

// doc is one text prepared for the rules.
type doc struct {
	s       string
	fold    folded
	toks    []tok
	acr     map[string]acronymDef
	acrList []acronymDef
	// introName is the first name a "we propose X, ..." sentence introduces,
	// whatever its kind (a method, a model), for the paper's name.
	introName string
}

func newDoc(s string) *doc {
	d := &doc{s: s, fold: fold(s)}
	d.tokenize()
	return d
}

// connectors join word parts inside a token.
func isConnector(r rune) bool {
	switch r {
	case '-', '_', '.', '/', '+', '^', '&', '\u2010', '\u2011':
		return true
	}
	return false
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "vs": true, "al": true, "cf": true, "approx": true,
	"fig": true, "eq": true, "resp": true, "w.r.t": true, "et": true, "no": true, "sec": true,
}

func (d *doc) tokenize() {
	s := d.s
	sent := 0
	breakNext := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '~' || r == '\u00a0' {
			i += n
			continue
		}
		if breakNext {
			sent++
			breakNext = false
		}
		if isWordRune(r) {
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if r2 == '!' && bangName(s, j) {
					j++
					continue
				}
				if isConnector(r2) && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			d.toks = append(d.toks, tok{start: i, end: j, word: true, sent: sent})
			i = j
			continue
		}
		d.toks = append(d.toks, tok{start: i, end: i + n, sent: sent})
		if (r == '.' || r == '?' || r == '!') && (i+n == len(s) || s[i+n] == ' ' || s[i+n] == '\n') {
			prev := ""
			if k := len(d.toks) - 2; k >= 0 && d.toks[k].word && d.toks[k].end == i {
				prev = strings.ToLower(s[d.toks[k].start:d.toks[k].end])
			}
			if !abbreviations[prev] {
				breakNext = true
			}
		}
		i += n
	}
}

// w returns the text of token i ("" out of range).
func (d *doc) w(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.s[d.toks[i].start:d.toks[i].end]
}

// lw returns the lower-cased text of token i.
func (d *doc) lw(i int) string { return strings.ToLower(d.w(i)) }

// tokAt returns the index of the token starting at byte b, or -1.
func (d *doc) tokAt(b int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= b })
	if i < len(d.toks) && d.toks[i].start == b {
		return i
	}
	return -1
}

// tokEndingAt returns the index of the token ending at byte b, or -1.
func (d *doc) tokEndingAt(b int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].end >= b })
	if i < len(d.toks) && d.toks[i].end == b {
		return i
	}
	return -1
}

func (d *doc) sameSent(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(d.toks) && j < len(d.toks) && d.toks[i].sent == d.toks[j].sent
}

// sentStart returns the index of the first token of token i's sentence.
func (d *doc) sentStart(i int) int {
	for i > 0 && d.toks[i-1].sent == d.toks[i].sent {
		i--
	}
	return i
}

// defineAcronyms finds "long form (SF)" definitions with the
// Schwartz–Hearst algorithm (A Simple Algorithm for Identifying
// Abbreviation Definitions in Biomedical Text, 2003).
func (d *doc) defineAcronyms() {
	d.acr = map[string]acronymDef{}
	for i, t := range d.toks {
		if t.word || d.s[t.start] != '(' {
			continue
		}
		// Short form: up to 3 tokens before ")".
		k := i + 1
		for k < len(d.toks) && k <= i+4 && d.w(k) != ")" {
			if d.w(k) == "(" || d.w(k) == "," || d.w(k) == ";" {
				k = len(d.toks)
				break
			}
			k++
		}
		if k >= len(d.toks) || k == i+1 || d.w(k) != ")" {
			continue
		}
		short := d.s[d.toks[i+1].start:d.toks[k-1].end]
		if !shortFormOK(short) {
			continue
		}
		// Candidate long form: words before "(" in the sentence.
		nw := min(len(short)+5, 2*len(short))
		first := i
		for words := 0; first > 0 && words < nw && d.sameSent(first-1, i); first-- {
			pw := d.w(first - 1)
			if pw == "(" || pw == ")" || pw == ";" || pw == ":" || pw == "," || pw == "." {
				break
			}
			if d.toks[first-1].word {
				words++
			}
		}
		if first == i {
			continue
		}
		lfStart := d.toks[first].start
		lfEnd := d.toks[i-1].end
		lf := d.s[lfStart:lfEnd]
		st, ok := schwartzHearst(short, lf)
		if !ok {
			continue
		}
		lf = strings.TrimLeft(lf[st:], " ,;:")
		lfStart = lfEnd - len(lf)
		if lf == "" || strings.EqualFold(stripSeps(lf), stripSeps(short)) {
			continue
		}
		def := acronymDef{short: short, longStart: lfStart, longEnd: lfEnd, end: d.toks[k].end, parTok: i}
		def.firstTok = d.tokAt(lfStart)
		words := strings.FieldsFunc(lf, func(r rune) bool { return r == ' ' || r == '-' || r == '~' })
		if len(words) > 0 {
			def.head = strings.ToLower(words[len(words)-1])
		}
		def.lower = true
		for wi, wd := range words {
			if wi == 0 {
				continue
			}
			if strings.ContainsFunc(wd, unicode.IsUpper) {
				def.lower = false
			}
		}
		def.plural = strings.HasSuffix(short, "s") && !strings.HasSuffix(strings.ToLower(short), "ss") && strings.HasSuffix(def.head, "s")
		if _, dup := d.acr[short]; !dup {
			d.acr[short] = def
		}
		d.acrList = append(d.acrList, def)
	}
}

// shortFormOK accepts "NPD", "NoW", "TAU-SRIR DB", "PC^2", not "Web" or "e.g.".
func shortFormOK(s string) bool {
	if len(s) < 2 || len(s) > 20 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && r != '∞' {
		return false
	}
	up := 0
	for _, c := range s {
		if unicode.IsUpper(c) {
			up++
		}
	}
	return up >= 2 || (up == 1 && strings.ContainsFunc(s, unicode.IsDigit))
}

// schwartzHearst matches the short form's letters and digits, right to
// left, against the long form; the first must start a word. It returns the
// byte offset in lf where the long form starts.
func schwartzHearst(sf, lf string) (int, bool) {
	s := strings.ToLower(sf)
	l := strings.ToLower(lf)
	si, li := len(s)-1, len(l)-1
	for si >= 0 {
		c := s[si]
		if !isASCIIAlnum(c) {
			si--
			continue
		}
		for li >= 0 && (l[li] != c || (si == firstAlnum(s) && li > 0 && isASCIIAlnum(l[li-1]))) {
			li--
		}
		if li < 0 {
			return 0, false
		}
		li--
		si--
	}
	st := li + 1
	// Back to the start of the word.
	for st > 0 && l[st-1] != ' ' {
		st--
	}
	return st, true
}

func firstAlnum(s string) int {
	for i := 0; i < len(s); i++ {
		if isASCIIAlnum(s[i]) {
			return i
		}
	}
	return -1
}

// bangName reports whether the "!" at s[j] ends a name ("WHAM!"): it
// follows a capital letter and precedes a separator, not a sentence.
func bangName(s string, j int) bool {
	if j == 0 || s[j-1] < 'A' || s[j-1] > 'Z' {
		return false
	}
	if j+1 == len(s) {
		return false
	}
	switch s[j+1] {
	case '/', ',', ')', ';':
		return true
	case ' ':
		// "WHAM! and" but not "WOW! We": a lower-case word follows.
		return j+2 < len(s) && s[j+2] >= 'a' && s[j+2] <= 'z'
	}
	return false
}

// namey reports whether a token looks like a name rather than a word:
// capitals inside a word part ("HyPoradise", "KILT", "SELDnet"), letters
// with digits ("YFCC15M", "GPT-4"), or a one-letter prefix ("R-Sparse").
// Title-case words ("Real-World") are not names.
func namey(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) && r != '∞' {
		return false
	}
	if r == '∞' {
		return true
	}
	hasDigit := strings.ContainsFunc(w, unicode.IsDigit)
	hasUpper := strings.ContainsFunc(w, unicode.IsUpper)
	if !hasUpper {
		return false
	}
	if hasDigit {
		return true
	}
	segStart := true
	for i, c := range w {
		if isConnector(c) {
			segStart = true
			continue
		}
		if !segStart && unicode.IsUpper(c) {
			return true
		}
		if segStart && i == 0 && len(w) > 2 && w[1] == '-' && unicode.IsUpper(c) && unicode.IsUpper(rune(w[2])) {
			return true // R-Sparse, A-MTRL
		}
		segStart = false
	}
	return false
}

// pluralAcronym reports "LLMs", "SRIRs", "GM-VAEs": a class, not a name.
func pluralAcronym(w string) bool {
	n := len(w)
	return n >= 3 && w[n-1] == 's' && w[n-2] >= 'A' && w[n-2] <= 'Z'
}

// romanNumeral reports "II", "IV", ...
func romanNumeral(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if !strings.ContainsRune("IVXLC", c) {
			return false
		}
	}
	return true
}

// titleWord reports a capitalised word: "Conceptual", "Long-Range".
func titleWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	return !strings.ContainsFunc(w, unicode.IsDigit) && !namey(w)
}
