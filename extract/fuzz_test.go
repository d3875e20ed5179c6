package extract_test

import (
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

var fuzzSeeds = []string{
	"Code is available at https://github.com/kakaobrain/noc.",
	"in the presence of web noise github.com/PaulAlbert31/LSA",
	"Project page can be found here (https://wuw2019.github.io/R-AMT/).",
	"we collect a large-scale noise prompt dataset~(NPD) that contains pairs.",
	"Experiments on the Long-Bench and ∞Bench show gains; see arXiv:2401.00001v2 and doi:10.1145/3394486.3403360.",
	"Experiments on Llama-2/3 and Mistral models; WSJ0-2/3mix, Libri2Mix, and WHAM!/WHAMR! benchmarks.",
	"We introduce MMAR, a new benchmark called Noise of Web (NoW), and BLOOM-176B (https://huggingface.co/bigscience/bloom)",
	"((((https://x.io/a_(b)c))))] ~~(~(A) (B) ( ) ) ! WHAM!/ /WHAM! -Llama- -7B 10.1000/ 2401. arXiv: hf.co/",
	`we present \textbf{Zorblax}, $Q^{2}$-Net, \href{https://github.com/o/r}{code} and Foo-8BrightarrowBar-14B at https: //github. com/o/r \cite{k} {`,
	"\xff\xfe invalid utf8 \xc3 GPT-4\x00 CLIP\u2019s Qwen3-8B-Instruct",
}

// FuzzText checks, for any text: the lower-cased text tokenize reads is
// naiveLower's; no panic; entity and reference offsets in range and on
// rune boundaries with Surface == text[Start:End]; entities sorted by
// (Start, End, Kind, Name); the same result twice.
func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	x := extract.Default()
	f.Fuzz(func(t *testing.T, s string) {
		// Rune boundaries as range decodes them (an invalid byte is one rune).
		boundary := map[int]bool{len(s): true}
		for i := range s {
			boundary[i] = true
		}
		if !extract.DocLowOK(s) {
			t.Fatalf("%q: the doc's lower-cased text is not s with its ASCII capitals lower-cased", s)
		}
		ents := x.Text(s)
		for i, e := range ents {
			if e.Start < 0 || e.End > len(s) || e.Start >= e.End {
				t.Fatalf("entity %d %+v: offsets out of range for len %d", i, e, len(s))
			}
			if !boundary[e.Start] || !boundary[e.End] {
				t.Fatalf("entity %+v: offsets not on rune boundaries", e)
			}
			if s[e.Start:e.End] != e.Surface {
				t.Fatalf("entity %+v: surface %q != text %q", e, e.Surface, s[e.Start:e.End])
			}
			if e.Rule == "" || e.Name == "" || e.Kind == "" {
				t.Fatalf("entity %+v: empty rule, name or kind", e)
			}
			if i > 0 {
				p := ents[i-1]
				if p.Start > e.Start || p.Start == e.Start && (p.End > e.End || p.End == e.End && (p.Kind > e.Kind || p.Kind == e.Kind && p.Name > e.Name)) {
					t.Fatalf("entities not sorted: %+v before %+v", p, e)
				}
			}
		}
		for _, r := range x.Refs(s) {
			if r.Start < 0 || r.End > len(s) || r.Start >= r.End || s[r.Start:r.End] != r.Surface {
				t.Fatalf("ref %+v: bad offsets for len %d", r, len(s))
			}
			if (r.ArXiv == "") == (r.DOI == "") {
				t.Fatalf("ref %+v: want exactly one of arxiv, doi", r)
			}
		}
		again := x.Text(s)
		if len(again) != len(ents) {
			t.Fatalf("not deterministic: %d then %d entities", len(ents), len(again))
		}
		for i := range ents {
			if ents[i] != again[i] {
				t.Fatalf("not deterministic: %+v then %+v", ents[i], again[i])
			}
		}
		p := papergraph.Paper{Title: s, Abstract: s, Links: []papergraph.Link{{URL: s, Source: "comments"}}}
		x.Paper(&p)
	})
}
