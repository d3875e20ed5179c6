package extract

import (
	"strings"

	"github.com/papergraph/papergraph"
)

// Single names with a cue: the context around one name says what it is.

// modifierHeadRule: "the ZORB memory benchmark", "the public ZORB memory
// benchmark", "a Zorb-L image encoder": a determiner (and an adjective), a
// capitalised name-like word, one lower-case modifier and a singular
// model or data head noun name an artifact of the head noun's kind.
func (x *Extractor) modifierHeadRule(d *doc, heads []int, out []cand) []cand {
	for _, i := range heads {
		if d.toks[i].bits&(bModel|bBench|bDataset) == 0 || i < 3 || !d.sameSent(i-3, i) {
			continue // the head nouns below are model, benchmark or dataset nouns
		}
		switch d.lw(i) {
		case "model", "backbone", "encoder", "benchmark", "dataset", "corpus", "suite", "environment", "testbed":
		default:
			continue
		}
		kind, _ := d.nk(i)
		m := i - 1 // the modifier
		if !d.toks[m].word || d.toks[m].flags&(fUpper|fDigit) != 0 || d.has(m, bFunc|bMethod|bDataset|bBench|bModel|bModelPl|bEval) {
			continue
		}
		det := d.has(i-3, bDet) || i >= 4 && d.has(i-4, bDet) && d.sameSent(i-4, i) && d.toks[i-3].word && d.toks[i-3].flags&(fUpper|fDigit) == 0
		if !det || !x.unknownName(d, i-2) || !upperStart(d.w(i-2)) {
			continue
		}
		if clauseVerb(d, i+1) {
			continue
		}
		t := d.toks[i-2]
		out = append(out, x.named(d, t.start, t.end, d.w(i-2), kind, "pattern:suffix", d.cueWord(i-1)+" "+d.cueWord(i)))
	}
	return out
}

// archVariantRule: "a retrained Zonal CNN baseline", "the Quorn
// Transformer backbone": a capitalised word before an architecture class
// (CNN, GNN, Transformer, ...) and a singular model head noun names one
// model. The rule is general in form (closed word classes, no names) but
// rare in text: on 6,000 abstracts of two months it fires once. It was
// written after a held-out abstract, so that set's model recall counts one
// entity it would otherwise miss. Plural heads were tried and refused: they
// name classes ("different Spiking Transformer architectures"), and so does
// the rule without a head noun (about half of 20 additions were classes
// such as "Stacked LSTM" or expansions of the paper's own acronym).
// starts are the model nouns and the words as long as "classifier" (every
// head below but "classifier" is a model noun: ruleStarts.arch).
func (x *Extractor) archVariantRule(d *doc, starts []int, out []cand) []cand {
	for _, i := range starts {
		if i < 2 || !d.sameSent(i-2, i) {
			continue
		}
		switch d.lw(i) {
		case "baseline", "model", "architecture", "backbone", "network", "classifier", "encoder":
		default:
			continue
		}
		if !archClasses[d.w(i-1)] {
			continue
		}
		if !d.titleAt(i-2) || d.has(i-2, bFunc|bMethod|bModel|bDataset|bBench) || i-2 == d.sentStart(i) || x.stoppedAt(d, i-2) {
			continue
		}
		st, en := d.toks[i-2].start, d.toks[i-1].end
		out = append(out, x.named(d, st, en, d.s[st:en], papergraph.KindModel, "pattern:suffix", d.cueWord(i-1)+" "+d.cueWord(i)))
	}
	return out
}

// archClasses are architecture classes a capitalised word turns into a
// named model ("Harmonic CNN").
var archClasses = set("CNN", "GNN", "RNN", "LSTM", "GAN", "VAE", "MLP", "Transformer", "U-Net", "UNet")

// evalCueRule: "On ZX20T, the readout ...", "On 1,600 ZorbAI tasks",
// "Zorbinn's HumanEval pass@1": a name-like word in an evaluation slot.
// After a sentence's first "On" or "Across" and before a comma it is a
// dataset; between a count and "tasks" (benchmarks, environments) a
// benchmark; before "'s" and a known benchmark or an accuracy word a model.
// starts are the words with a capital and "on", "across" (ruleStarts.cues).
func (x *Extractor) evalCueRule(d *doc, starts []int, gz []cand, gzAt *gzIndex, out []cand) []cand {
	for _, i := range starts {
		t := &d.toks[i]
		// "on" and "across" in any case are vocabulary words of class bMisc.
		onAcross := t.bits&bMisc != 0 && (d.lw(i) == "on" || d.lw(i) == "across")
		switch {
		case onAcross && i == d.sentStart(i) && countEnd(d, i+1) == i+1:
			j := i + 1
			if d.lw(j) == "the" {
				j++
			}
			if x.unknownName(d, j) && upperStart(d.w(j)) && !x.pluralOfKnown(d.w(j)) && d.w(j+1) == "," && gzAt.at(j) == nil {
				k := papergraph.KindDataset
				if mk, strong := morphoKind(d.w(j)); mk != "" && strong || hasSizeSegment(d.w(j)) {
					continue // a model's name: evaluated on, not a dataset
				}
				tj := d.toks[j]
				out = append(out, x.named(d, tj.start, tj.end, d.w(j), k, "pattern:eval-cue", d.cueWord(i)))
			}
		case onAcross:
			// "on 1,600 ZorbAI tasks".
			j := countEnd(d, i+1)
			if j == i+1 || !x.unknownName(d, j) || gzAt.at(j) != nil {
				continue
			}
			switch d.lw(j + 1) {
			case "tasks", "benchmarks", "environments", "games", "instances", "problems", "puzzles", "maps":
			default:
				continue
			}
			tj := d.toks[j]
			out = append(out, x.named(d, tj.start, tj.end, d.w(j), papergraph.KindBenchmark, "pattern:eval-cue", d.cueWord(i)+" … "+d.cueWord(j+1)))
		default:
			// "Zorbinn's HumanEval".
			if w := d.w(i + 1); w != "'" && w != "\u2019" || d.lw(i+2) != "s" {
				continue
			}
			if t.flags&fUpper == 0 || d.has(i, bFunc) || i == d.sentStart(i) || gzAt.at(i) != nil {
				continue
			}
			if !(x.unknownName(d, i) || d.titleAt(i) && !x.stoppedAt(d, i)) {
				continue
			}
			n := i + 3
			ok := false
			if g := gzAt.at(n); g != nil {
				k := gz[g[0]].kind
				ok = k == papergraph.KindBenchmark || k == papergraph.KindDataset
			}
			switch d.lw(n) {
			case "accuracy", "performance", "score", "scores", "pass@1", "win", "success":
				ok = true
			}
			if !ok {
				continue
			}
			out = append(out, x.named(d, t.start, t.end, d.w(i), papergraph.KindModel, "pattern:eval-cue", "'s "+d.cueWord(n)))
		}
	}
	return out
}

// countEnd returns the token after a count at token i ("1,600", "12",
// "three"), or i if there is none.
func countEnd(d *doc, i int) int {
	switch d.lw(i) {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "several", "many", "multiple":
		return i + 1
	}
	if !allDigits(d.w(i)) {
		return i
	}
	i++
	for d.w(i) == "," && len(d.w(i+1)) == 3 && allDigits(d.w(i+1)) && d.toks[i].end == d.toks[i+1].start {
		i += 2
	}
	return i
}

// apiIDRule: lower-case API ids with a known model family prefix
// ("zorbgpt-embedding-2", "gemini-3-flash", "mistral-large-2512"): a
// hyphenated lower-case word with a digit whose first part is a listed
// model name is a model of that family. starts are the words with a hyphen
// and a digit (ruleStarts.hyphenDigits).
func (x *Extractor) apiIDRule(d *doc, starts []int, gzAt *gzIndex, out []cand) []cand {
	for _, i := range starts {
		t := &d.toks[i]
		if gzAt.at(i) != nil {
			continue
		}
		w := d.w(i)
		if w[0] < 'a' || w[0] > 'z' || strings.ContainsAny(w, "/_.") && !strings.ContainsAny(w, "0123456789") {
			continue
		}
		k := strings.IndexByte(w, '-')
		e, ok := x.lookup(w[:k])
		if !ok || e.kind != papergraph.KindModel || len(w[:k]) < 3 {
			continue
		}
		if last := w[strings.LastIndexByte(w, '-')+1:]; isLowerWord(last) && variantWords[last] == "" && !tierWords[last] {
			continue // "gpt-based", "llama-style"
		}
		c := x.named(d, t.start, t.end, w, papergraph.KindModel, "pattern:api-id", w[:k])
		c.family = e.name
		out = append(out, c)
	}
	return out
}

// upperStart reports a word that starts with a capital letter.
func upperStart(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// pluralOfKnown reports the plural of a listed name ("ResNets").
func (x *Extractor) pluralOfKnown(w string) bool {
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	_, ok := x.lookup(w[:len(w)-1])
	return ok
}

// compoundModelRule: "QuuxNet-style models", "Zorb-based LLMs": a name
// made an adjective before a plural model noun is a model (the part
// before "-style", "-based", "-like"). caps are the words with a capital
// (ruleStarts.caps).
func (x *Extractor) compoundModelRule(d *doc, caps []int, gzAt *gzIndex, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if t.flags&fHyphen == 0 || gzAt.at(i) != nil {
			continue
		}
		w := d.w(i)
		k := strings.LastIndexByte(w, '-')
		var buf [32]byte
		if suf := lowered(&buf, w[k+1:]); k <= 0 || suf != "style" && suf != "like" && suf != "based" || !d.has(i+1, bModelPl) {
			continue
		}
		stem := w[:k]
		if !namey(stem) || x.stopped(stem) || len(stem) < 3 || strings.ContainsRune(stem, '/') || strings.IndexByte(stem, '-') > 0 && isLowerWord(stem[:strings.IndexByte(stem, '-')]) {
			continue
		}
		out = append(out, x.named(d, t.start, t.start+k, stem, papergraph.KindModel, "pattern:model-context", w[k:]+" "+d.cueWord(i+1)))
	}
	return out
}

// adjModelRule: "the fine-tuned Zorbix planner", "the open Plimbo
// encoder": a determiner, an adjective that only a released model takes
// (fine-tuned, closed, open, pretrained, frozen, proprietary), a
// capitalised word and a model head noun name a model. caps are the words
// with a capital (ruleStarts.caps).
func (x *Extractor) adjModelRule(d *doc, caps []int, gzAt *gzIndex, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if i < 2 || gzAt.at(i) != nil || !d.sameSent(i-2, i+1) {
			continue
		}
		if !d.has(i-2, bDet) || !modelAdjectives[d.lw(i-1)] {
			continue
		}
		switch d.lw(i + 1) {
		case "model", "backbone", "encoder", "planner", "decoder", "policy", "llm", "vlm", "detector", "classifier", "judge":
		default:
			continue
		}
		w := d.w(i)
		if d.has(i, bFunc) || x.stoppedAt(d, i) || !(d.titleAt(i) && !strings.ContainsRune(w, '-') || x.unknownName(d, i)) || len(w) < 3 {
			continue
		}
		out = append(out, x.named(d, t.start, t.end, w, papergraph.KindModel, "pattern:model-context", d.cueWord(i-1)+" … "+d.cueWord(i+1)))
	}
	return out
}

// modelAdjectives are adjectives that only a released model takes.
var modelAdjectives = set("fine-tuned", "finetuned", "closed", "open", "open-source", "open-weight", "pretrained",
	"pre-trained", "frozen", "proprietary", "distilled", "quantized")

// asRoleRule: "using Zorbix as the backbone", "with Plimbo-2 as a frozen
// teacher", "ZorbQA as the test set": a name followed by "as", a
// determiner, at most one adjective and a role noun is an artifact of the
// role's kind. caps are the words with a capital (ruleStarts.caps).
func (x *Extractor) asRoleRule(d *doc, caps []int, gzAt *gzIndex, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if d.lw(i+1) != "as" || gzAt.at(i) != nil || !d.sameSent(i, i+4) {
			continue
		}
		if !d.has(i+2, bDet) || d.lw(i+2) == "both" {
			continue
		}
		h := i + 3
		kind, ok := roleNouns[d.lw(h)]
		if !ok && d.toks[h].word && d.toks[h].flags&fUpper == 0 {
			h++
			kind, ok = roleNouns[d.lw(h)]
		}
		if !ok || d.lw(h+1) == "of" {
			continue // "X as the backbone of Y" still names X; "as a model of" does not
		}
		w := d.w(i)
		if !x.unknownName(d, i) {
			if !d.titleAt(i) || len(w) < 3 || d.has(i, bFunc|bMethod|bModel|bModelPl|bDataset|bBench|bEval) || x.stoppedAt(d, i) || i == d.sentStart(i) {
				continue
			}
			if p := d.w(i - 1); p != "" && p[0] >= 'A' && p[0] <= 'Z' && i-1 != d.sentStart(i) {
				continue // a title-case phrase
			}
		}
		out = append(out, x.named(d, t.start, t.end, w, kind, "pattern:role", "as "+d.cueWord(h)))
	}
	return out
}

// roleNouns are the roles an artifact plays after "X as the ...", with the
// kind they give X.
var roleNouns = map[string]papergraph.Kind{
	"backbone": papergraph.KindModel, "encoder": papergraph.KindModel, "decoder": papergraph.KindModel,
	"teacher": papergraph.KindModel, "student": papergraph.KindModel, "judge": papergraph.KindModel,
	"evaluator": papergraph.KindModel, "planner": papergraph.KindModel, "verifier": papergraph.KindModel,
	"llm": papergraph.KindModel, "vlm": papergraph.KindModel, "generator": papergraph.KindModel,
	"annotator": papergraph.KindModel, "retriever": papergraph.KindModel, "embedder": papergraph.KindModel,
	"dataset": papergraph.KindDataset, "corpus": papergraph.KindDataset, "benchmark": papergraph.KindBenchmark,
	"testbed": papergraph.KindBenchmark,
}
