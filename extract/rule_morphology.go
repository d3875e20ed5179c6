package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// Name endings that say what an unknown name is: "MossFormer", "TF-GridNet",
// "ChatGLM2" are models; "T2I-CompBench", "HumanEval" benchmarks;
// "EchoSet", "Libri2Mix", "TriviaQA" datasets.
var (
	modelEndings = []string{"net", "former", "gpt", "bert", "llm", "glm", "gan", "vae", "clip", "dit", "vit", "llama", "llava", "coder", "mamba", "diffusion", "t5"}
	benchEndings = []string{"bench", "eval", "arena"}
	dataEndings  = []string{"set", "mix", "qa", "corpus", "db", "caps"}
)

// distinctiveEnding are endings that mark a model even inside a word part
// ("SepReformer", "Conformer").
var distinctiveEnding = set("former", "bert", "gpt", "llm", "llama", "llava", "mamba", "diffusion")

// ending is one of endingGroups' endings, with its group's kind.
type ending struct {
	e           string
	kind        papergraph.Kind
	distinctive bool // in distinctiveEnding
}

// endingsByLast holds endingGroups' endings by their last byte, each list
// in endingGroups' order: a stem can end only in the endings of its own
// last byte (or-ed with 0x20), since a case-folded match of an ASCII
// ending is ASCII and ends in that letter in either case.
var endingsByLast = func() (t [256][]ending) {
	for _, g := range endingGroups {
		for _, e := range g.ends {
			c := e[len(e)-1]
			t[c] = append(t[c], ending{e, g.kind, distinctiveEnding[e]})
		}
	}
	return
}()

var endingGroups = []struct {
	kind papergraph.Kind
	ends []string
}{{papergraph.KindModel, modelEndings}, {papergraph.KindBenchmark, benchEndings}, {papergraph.KindDataset, dataEndings}}

// isVariantWord reports a checkpoint suffix word ("Instruct", "XL").
func isVariantWord(w string) bool {
	if len(w) > 12 {
		return false
	}
	var buf [12]byte
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return variantWords[string(b)] != ""
}

// morphoKind returns the kind a name's ending suggests, or "". The name
// must have a lower-case letter ("KBQA" is a task, "TriviaQA" a dataset)
// and more than the ending itself.
//
// strong is false for endings that also end dataset names ("ImageNet",
// "ShapeNet"): a context that says "dataset" wins over them.
func morphoKind(w string) (kind papergraph.Kind, strong bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return morphoKindOf(w, false)
		}
	}
	return morphoKindOf(w, true) // most names
}

// morphoKindOf is morphoKind reading w byte by byte when ascii is set (w
// must be ASCII then), else rune by rune, with Unicode's lower case,
// digits and case folding.
func morphoKindOf(w string, ascii bool) (kind papergraph.Kind, strong bool) {
	lower := false
	if ascii {
		for i := 0; i < len(w) && !lower; i++ {
			lower = 'a' <= w[i] && w[i] <= 'z'
		}
	} else {
		lower = strings.ContainsFunc(w, unicode.IsLower)
	}
	if !lower {
		return "", false
	}
	// Drop version, size and number tails: "ChatGLM2", "MossFormer-v2",
	// "Zorbformer-2".
	stem := trimNumber(w, ascii)
	for stem != "" && (stem[len(stem)-1] == '-' || stem[len(stem)-1] == '_') {
		stem = stem[:len(stem)-1]
	}
	for {
		k := len(stem) - 1
		for k >= 0 && stem[k] != '-' && stem[k] != '_' {
			k--
		}
		if k <= 0 {
			break
		}
		tail := stem[k+1:]
		if isVersion(tail) || isSize(tail) || allDigits(tail) || isVariantWord(tail) {
			stem = trimNumber(stem[:k], ascii)
			continue
		}
		break
	}
	if stem == "" || len(endingsByLast[stem[len(stem)-1]|0x20]) == 0 {
		return "", false
	}
	if !ascii {
		return endingKind(stem, foldSuffix)
	}
	return endingKind(stem, asciiFoldSuffix)
}

// trimNumber trims digits and dots from the end of w: ASCII digits when
// w is ASCII, else Unicode's.
func trimNumber(w string, ascii bool) string {
	if !ascii {
		return strings.TrimRightFunc(w, func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
	}
	return trimDigitsDots(w)
}

// trimDigitsDots trims ASCII digits and dots from the end of w.
func trimDigitsDots(w string) string {
	for w != "" && (isDigit(w[len(w)-1]) || w[len(w)-1] == '.') {
		w = w[:len(w)-1]
	}
	return w
}

// asciiFoldSuffix reports whether the ASCII s ends in e (lower-case ASCII)
// ignoring case: strings.EqualFold for ASCII.
func asciiFoldSuffix(s, e string) bool {
	s = s[len(s)-len(e):]
	for i := 0; i < len(e); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != e[i] {
			return false
		}
	}
	return true
}

// foldSuffix reports whether s's last len(e) bytes equal e ignoring case.
func foldSuffix(s, e string) bool { return strings.EqualFold(s[len(s)-len(e):], e) }

// endingKind returns the kind of the ending stem ends in, if any (see
// morphoKind); suffix compares an ending.
func endingKind(stem string, suffix func(s, e string) bool) (papergraph.Kind, bool) {
	for _, g := range endingsByLast[stem[len(stem)-1]|0x20] {
		if e := g.e; len(stem) > len(e)+1 && suffix(stem, e) {
			// The ending must start a part of the name: "Mix" in
			// "Libri2Mix", "Net" in "SELDnet", not "set" in "Offset".
			c := stem[len(stem)-len(e)]
			p := stem[len(stem)-len(e)-1]
			if g.distinctive || c >= 'A' && c <= 'Z' || p == '-' || p == '_' || isDigit(p) || p >= 'A' && p <= 'Z' {
				return g.kind, e != "net"
			}
		}
	}
	return "", false
}

// morphologyRule: unknown names whose ending tells their kind
// ("MossFormer", "TF-GridNet", "EchoSet", "T2I-CompBench", "Long-Bench").
// caps are the words with a capital (ruleStarts.caps).
func (x *Extractor) morphologyRule(d *doc, caps []int, gz []cand, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		w := d.w(i)
		hyphenTitle := t.flags&fHyphen != 0 && d.titleAt(i)
		// "Zorbformer": a capitalised word with a distinctive model ending
		// (distinctName), asked only when a name-like word's shape does
		// not decide, and once.
		distinct := false
		if !hyphenTitle && !d.nameyAt(i) {
			if distinct = x.distinctName(d, i); !distinct {
				continue
			}
		}
		k, _ := morphoKind(w)
		if k == "" {
			continue
		}
		if !distinct && !x.unknownName(d, i) && !(hyphenTitle && !x.stoppedAt(d, i)) && !x.distinctName(d, i) {
			continue
		}
		out = x.emitNames(out, d, t.start, t.end, w, k, "pattern:morphology", "name ending")
	}
	return out
}

// distinctName reports a capitalised word with a distinctive model ending
// (distinctiveSuffix) that is not a sentence's first word, a stop term or a
// function word.
func (x *Extractor) distinctName(d *doc, i int) bool {
	return i > d.sentStart(i) && distinctiveSuffix(d.w(i)) && d.titleAt(i) && !x.stoppedAt(d, i) && !d.has(i, bFunc)
}

var distinctiveSuffixes = []string{"former", "mamba", "gpt", "llm"}

// distinctiveSuffix reports a word ending in a model ending no common
// word has, with more before it ("Zorbformer", not "Former"; not "-bert",
// which ends "Hilbert").
func distinctiveSuffix(w string) bool {
	// Most words end in a letter no ending ends in: an ending is ASCII
	// without 'k' and 's', so a word that ends in it ignoring case ends in
	// its last letter, in either case (only the Kelvin sign and the long s
	// fold to ASCII letters).
	if w == "" {
		return false
	}
	switch w[len(w)-1] | 0x20 {
	case 'r', 'a', 't', 'm':
	default:
		return false
	}
	for _, e := range distinctiveSuffixes {
		if len(w) > len(e)+2 && strings.EqualFold(w[len(w)-len(e):], e) {
			return true
		}
	}
	return false
}
