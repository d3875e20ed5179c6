package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
)

// shapeSeeds are texts whose tokens have every shape the rules ask about.
var shapeSeeds = []string{
	"We introduce MossFormer2, TF-GridNet, EchoSet and T2I-CompBench; the ZORB memory benchmark (ZMB) and LLMs.",
	"Results on ImageNet-1K, Libri2Mix, HumanEval, Zorbformer-v2-Instruct, ChatGLM2-6B, SELDnet and R-Sparse.",
	"Conceptual Captions, Long-Range Arena, ∞Bench, Ωmega-Net, ÉCOLE-Set, KELVIN \u212Aet, the LIKE and ſet.",
	"II IV XL e.g. i.e. GPT-4o Qwen3-1.7B x_t C_4 text8 enwik9 GSM8K-style CLIP-based no-LLM A-MTRL HyPoradise",
	"\xff\xfe GPT-4\x00 CLIP\u2019s Qwen3-8B-Instruct WHAM!/WHAMR! Llama-2/3 Foo_Bench-2.0 Bar-Eval_3 -Net- Mix",
}

// checkShapes checks that the memos of every token of s (doc.shapeOf,
// stoppedAt, funcWord) give what the functions they stand for give.
func checkShapes(t *testing.T, x *Extractor, s string) {
	t.Helper()
	d := newDoc(s)
	defer d.release()
	for i := range d.toks {
		w := d.w(i)
		// Twice: computed, then remembered.
		for range 2 {
			assert.Equal(t, namey(w), d.nameyAt(i), "namey %q", w)
			assert.Equal(t, titleWord(w), d.titleAt(i), "titleWord %q", w)
			assert.Equal(t, x.stopped(w), x.stoppedAt(d, i), "stopped %q", w)
			assert.Equal(t, lowerIn(functionWords, w), d.funcWord(i), "function word %q", w)
		}
	}
	assert.False(t, d.nameyAt(-1) || d.nameyAt(len(d.toks)) || d.titleAt(-1) || d.titleAt(len(d.toks)))
}

func TestShapesMatchFunctions(t *testing.T) {
	x := Default()
	for _, s := range shapeSeeds {
		checkShapes(t, x, s)
	}
	for w := range functionWords {
		checkShapes(t, x, w+" "+strings.ToUpper(w)+" "+strings.ToUpper(w[:1])+w[1:])
	}
}

// shapePieces are the parts of the texts TestShapesRandom builds: letters
// of both cases, digits, every connector, "!" and runes beyond ASCII.
var shapePieces = []string{"A", "B", "R", "a", "b", "z", "x", "Q", "7", "0", "-", "_", ".", "/", "+", "^", "&", "!", "~",
	"é", "É", "\u2010", "\u212A", " ", ", ", "Zorb", "zorb", "ZORB", "LLMs", "II"}

// TestShapesRandom checks the per-token memos against the functions they
// stand for on texts built at random from shapePieces.
func TestShapesRandom(t *testing.T) {
	x := Default()
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		checkShapes(t, x, randomText(rng, shapePieces, 1+rng.IntN(12)))
	}
}

// morphoKindRunes is the reference for morphoKind: the rune-by-rune
// implementation it had before its byte path and rune path became one
// function (morphoKindOf), written with the strings package's trimming and
// searching, so that the tests compare morphoKindOf with code it does not
// share.
func morphoKindRunes(w string) (kind papergraph.Kind, strong bool) {
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
	if stem == "" || len(endingsByLast[stem[len(stem)-1]|0x20]) == 0 {
		return "", false
	}
	return endingKind(stem, foldSuffix)
}

// checkMorphoKind checks morphoKind, and morphoKindOf's rune path, on w
// against morphoKindRunes.
func checkMorphoKind(t *testing.T, w string) {
	t.Helper()
	wk, wstrong := morphoKindRunes(w)
	if k, strong := morphoKind(w); k != wk || strong != wstrong {
		t.Fatalf("morphoKind(%q) = %q, %v; the reference: %q, %v", w, k, strong, wk, wstrong)
	}
	if k, strong := morphoKindOf(w, false); k != wk || strong != wstrong {
		t.Fatalf("morphoKindOf(%q, false) = %q, %v; the reference: %q, %v", w, k, strong, wk, wstrong)
	}
}

// TestMorphoKindASCII checks morphoKind's byte path and its rune path
// against morphoKindRunes on ASCII names made of endings, separators,
// versions, sizes and variant words.
func TestMorphoKindASCII(t *testing.T) {
	parts := []string{"Zorb", "zorb", "ZORB", "a", "Q", "2", "1.5", "v2", "V3", "7B", "8x7b", "Instruct", "XL", "-", "_", ".", "2025"}
	for _, g := range endingGroups {
		for _, e := range g.ends {
			parts = append(parts, e, strings.ToUpper(e), strings.ToUpper(e[:1])+e[1:])
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		checkMorphoKind(t, randomText(rng, parts, 1+rng.IntN(5)))
	}
}

// FuzzShapes checks the per-token memos against the functions they stand
// for, and morphoKind against morphoKindRunes, on any text.
func FuzzShapes(f *testing.F) {
	for _, s := range shapeSeeds {
		f.Add(s)
	}
	x := Default()
	f.Fuzz(func(t *testing.T, s string) {
		checkShapes(t, x, s)
		for _, w := range strings.Fields(s) {
			checkMorphoKind(t, w)
		}
	})
}
