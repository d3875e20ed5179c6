package extract

import (
	"strings"
	"unicode"

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

// endingLast marks the last letters of the endings, to reject most names
// at once.
var endingLast = func() (t [256]bool) {
	for _, g := range endingGroups {
		for _, e := range g.ends {
			t[e[len(e)-1]] = true
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
	if !strings.ContainsFunc(w, unicode.IsLower) {
		return "", false
	}
	// Drop version, size and number tails: "ChatGLM2", "MossFormer-v2".
	stem := strings.TrimRightFunc(w, func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
	stem = strings.TrimRight(stem, "-_") // "Zorbformer-2"
	for {
		k := strings.LastIndexAny(stem, "-_")
		if k <= 0 {
			break
		}
		tail := stem[k+1:]
		if isVersion(tail) || isSize(tail) || allDigits(tail) || isVariantWord(tail) {
			stem = strings.TrimRightFunc(stem[:k], func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
			continue
		}
		break
	}
	if stem == "" || !endingLast[stem[len(stem)-1]|0x20] {
		return "", false
	}
	for _, g := range endingGroups {
		for _, e := range g.ends {
			if len(stem) > len(e)+1 && strings.EqualFold(stem[len(stem)-len(e):], e) {
				// The ending must start a part of the name: "Mix" in
				// "Libri2Mix", "Net" in "SELDnet", not "set" in "Offset".
				c := stem[len(stem)-len(e)]
				p := stem[len(stem)-len(e)-1]
				if distinctiveEnding[e] || c >= 'A' && c <= 'Z' || p == '-' || p == '_' || isDigit(p) || p >= 'A' && p <= 'Z' {
					return g.kind, e != "net"
				}
			}
		}
	}
	return "", false
}

// morphologyRule: unknown names whose ending tells their kind
// ("MossFormer", "TF-GridNet", "EchoSet", "T2I-CompBench", "Long-Bench").
func (x *Extractor) morphologyRule(d *doc, gz []cand, out []cand) []cand {
	for _, i := range d.trig {
		t := d.toks[i]
		if !t.word || t.flags&fUpper == 0 {
			continue
		}
		w := d.w(i)
		hyphenTitle := t.flags&fHyphen != 0 && titleWord(w)
		// "Zorbformer": a capitalised word with a distinctive model ending.
		distinct := i > d.sentStart(i) && distinctiveSuffix(w) && titleWord(w) && !x.stopped(w) && !d.has(i, bFunc)
		if !hyphenTitle && !namey(w) && !distinct {
			continue
		}
		k, _ := morphoKind(w)
		if k == "" {
			continue
		}
		if !x.unknownName(d, i) && !(hyphenTitle && !x.stopped(w)) && !distinct {
			continue
		}
		out = append(out, x.emitNames(d, t.start, t.end, w, k, "pattern:morphology", "name ending")...)
	}
	return out
}

var distinctiveSuffixes = []string{"former", "mamba", "gpt", "llm"}

// distinctiveSuffix reports a word ending in a model ending no common
// word has, with more before it ("Zorbformer", not "Former"; not "-bert",
// which ends "Hilbert").
func distinctiveSuffix(w string) bool {
	for _, e := range distinctiveSuffixes {
		if len(w) > len(e)+2 && strings.EqualFold(w[len(w)-len(e):], e) {
			return true
		}
	}
	return false
}
