package extract

import (
	"cmp"
	"strings"
	"unicode"

	"github.com/papergraph/papergraph"
)

// suffixRule: "the HyPoradise dataset", "the KILT benchmark", "ImageNet-1K
// and YFCC15M datasets", "WSJ0-2/3mix, Libri2Mix, and WHAM!/WHAMR!
// benchmarks", "a modified SELDnet baseline".
func (x *Extractor) suffixRule(d *doc, heads []int, gz []cand, gzAt *gzIndex, out []cand) []cand {
	for _, i := range heads {
		if i == 0 {
			continue
		}
		kind, _ := d.nk(i)
		lw := d.lw(i)
		if kind == "" || lw == "model" || lw == "models" || lw == "network" || lw == "networks" || lw == "net" ||
			lw == "architecture" || lw == "architectures" || lw == "transformer" || lw == "encoder" || lw == "decoder" || lw == "generator" || lw == "agent" || lw == "chatbot" || lw == "lm" || lw == "llm" || lw == "lms" || lw == "llms" || lw == "mllms" || lw == "vlms" || lw == "captioner" || lw == "vocoder" || lw == "detector" || lw == "detectors" || lw == "encoders" || lw == "generators" {
			continue
		}
		if d.toks[i].flags&fUpper != 0 && d.sameSent(i, i+1) && d.toks[i+1].word && d.titleAt(i+1) {
			// "Mixed Environment Overlays": the noun is inside a longer name.
			continue
		}
		j := i - 1
		first := true
		for j >= 0 && d.sameSent(j, i) {
			tj := d.toks[j]
			if g := gzAt.endAt[j]; g > 0 {
				// A list match: skip over it.
				k := j
				for k > 0 && d.toks[k-1].end == d.toks[k].start {
					k--
				}
				j = k - 1
				if first && kind != papergraph.KindModel {
					out = x.modifierBefore(d, j, gz[g-1], kind, i, out)
				}
			} else if x.unknownName(d, j) {
				if first && domainModifier(d, j, i) {
					break
				}
				en, name := tj.end, d.w(j)
				if first && namedHead(d.w(i)) {
					en, name = d.toks[i].end, d.s[tj.start:d.toks[i].end]
				}
				out = x.emitNames(out, d, tj.start, en, name, kind, "pattern:suffix", d.cueWord(i))
				j--
			} else if first && kind != papergraph.KindModel && d.titleAt(j) && !d.has(j, bFunc) {
				// A title-case name: "Conceptual Captions dataset".
				k := j
				named := namedHead(d.w(i))
				for k-1 >= 0 && d.sameSent(k-1, i) && k > j-3 && d.toks[k-1].word && !d.has(k-1, bFunc) &&
					(d.titleAt(k-1) || x.unknownName(d, k-1) && strings.ToUpper(d.w(k-1)) == d.w(k-1) ||
						named && properPart(d.w(k-1))) {
					// "Conceptual Captions", "IBM DVS Gesture"; before a
					// capitalised head, "AI City Challenge", "QoMEX 2026
					// Grand Challenge".
					k--
				}
				if k == j && (k == d.sentStart(k) || d.has(k, bDataset|bBench|bModel|bModelPl|bMethod)) {
					break // a sentence's first word, or "Benchmark benchmark"
				}
				en := tj.end
				if named {
					en = d.toks[i].end
					if d.lw(i+1) == "of" && d.sameSent(i, i+2) && d.titleAt(i+2) && !d.has(i+2, bFunc) {
						en = d.toks[i+2].end // "International Corpus of English"
					}
				}
				out = append(out, x.named(d, d.toks[k].start, en, d.s[d.toks[k].start:en], kind, "pattern:suffix", d.cueWord(i)))
				j = k - 1
			} else {
				break
			}
			first = false
			// Coordination: ",", "and", "or", ", and".
			if j >= 0 && d.w(j) == "," {
				j--
			}
			if j >= 0 && (d.lw(j) == "and" || d.lw(j) == "or") {
				j--
			} else if j >= 0 && d.w(j+1) != "," {
				break
			}
		}
	}
	return out
}

// namedHead reports a capitalised head noun that is part of the name:
// "Long Range Arena", "DCASE2021 Challenge".
func namedHead(w string) bool {
	switch w {
	case "Arena", "Suite", "Challenge", "Leaderboard", "Testbed", "Bench", "Database", "Corpus":
		return true
	}
	return false
}

// headBeforeRule: "the first comprehensive benchmark AIMicius", "the
// SOTA model TF-GridNet", "the linear attention architecture TransNormer".
func (x *Extractor) headBeforeRule(d *doc, heads []int, out []cand) []cand {
	for _, i := range heads {
		if i+1 >= len(d.toks) {
			continue
		}
		kind, _ := d.nk(i)
		if kind == "" {
			continue
		}
		lw := d.lw(i)
		if d.has(i, bModelPl) || strings.HasSuffix(lw, "s") && !d.has(i, bBench|bDataset) {
			continue
		}
		if pluralHead(lw) {
			continue // "benchmarks X": several artifacts, not the name after it
		}
		if !x.unknownName(d, i+1) || !d.sameSent(i, i+1) {
			continue
		}
		if pw := d.lw(i - 1); pw == "we" || pw == "to" || pw == "they" || pw == "also" || pw == "i" || pw == "and" {
			continue // "we benchmark XGBoost": a verb
		}
		// "dataset X" must not be "dataset X dataset"-style compounds.
		if nk, _ := d.nk(i + 2); nk != "" && d.sameSent(i+1, i+2) {
			continue
		}
		t := d.toks[i+1]
		out = x.emitNames(out, d, t.start, t.end, d.w(i+1), kind, "pattern:head-noun", d.cueWord(i))
	}
	return out
}

// modifierBefore: "the Visual ImageNet benchmark": one capitalised word
// before a listed dataset or benchmark that a data head noun follows makes
// another artifact of that family (token m is the word, c the list match,
// h the head noun), unless the word is part of a title-case phrase.
func (x *Extractor) modifierBefore(d *doc, m int, c cand, kind papergraph.Kind, h int, out []cand) []cand {
	if m < 1 || !d.sameSent(m-1, h) || kindClass(c.kind) != kindClass(kind) || d.toks[m].end+1 != c.start {
		return out
	}
	w := d.w(m)
	if !d.titleAt(m) || len(w) < 3 || d.has(m, bFunc|bDataset|bBench|bModel|bModelPl|bMethod|bEval|bIntro) || x.stoppedAt(d, m) || x.known(w) {
		return out
	}
	if p := d.w(m - 1); p == "" || p[0] >= 'A' && p[0] <= 'Z' || !d.toks[m-1].word && p != "(" && p != "," {
		return out // a title-case phrase, or the sentence's first word
	}
	fam := cmp.Or(c.family, c.name)
	n := x.named(d, d.toks[m].start, c.end, d.s[d.toks[m].start:c.end], c.kind, "pattern:list-modifier", "modifier of "+fam+" … "+d.cueWord(h))
	n.prio = 1 // grows a list match, which it must beat
	n.family = fam
	return append(out, n)
}

// domainModifier reports whether the name-like word at token j, right
// before the head noun at token h, labels a domain rather than naming an
// artifact: an acronym after an indefinite article ("a 12k-trial MEG
// dataset"), or a lone word after a lower-case adjective before a plural
// head ("four heterogeneous ECG datasets", "mobile GUI benchmarks").
func domainModifier(d *doc, j, h int) bool {
	p := j - 1
	if p < 0 || !d.sameSent(p, j) || !d.toks[p].word {
		return false
	}
	if pluralHead(d.lw(h)) {
		return d.toks[p].flags&fUpper == 0 && !d.has(p, bFunc|bDet) && !isSize(d.w(p))
	}
	if strings.ToUpper(d.w(j)) != d.w(j) {
		return false
	}
	for k := p; k >= 0 && k >= p-3 && d.sameSent(k, j) && d.toks[k].word; k-- {
		switch lw := d.lw(k); {
		case lw == "a" || lw == "an":
			return true
		case d.toks[k].flags&fUpper != 0 || d.has(k, bFunc|bDet):
			return false
		}
	}
	return false
}

// properPart reports a word that may stand inside a proper name before a
// capitalised head noun: a year, a short acronym ("AI"), a word led by a
// digit ("4D") or a name-like word.
func properPart(w string) bool {
	if w == "" || isEdition(w) && len(w) == 4 {
		return w != ""
	}
	if isDigit(w[0]) {
		return strings.ContainsFunc(w, unicode.IsUpper)
	}
	return upperStart(w) && namey(w)
}
