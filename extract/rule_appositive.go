package extract

import (
	"github.com/papergraph/papergraph"
)

// appositiveRule: a name followed by an appositive whose head noun says
// what it is — "OneStreamer-1M, a broad-coverage streaming dataset",
// "PokeLand, an interactive environment", "Zorp Corpus, a corpus of
// sentences" — is an artifact of the head noun's kind (dataset, corpus →
// dataset; benchmark, suite, environment, testbed → benchmark; model →
// model); and so is a name after a singular head noun and a comma ("an
// image dataset, LVD-142M,").
//
// caps are the words with a capital (ruleStarts.caps), heads the head
// nouns (ruleStarts.heads).
func (x *Extractor) appositiveRule(d *doc, caps, heads []int, out []cand) []cand {
	for _, i := range caps {
		t := &d.toks[i]
		if d.w(i+1) != "," && d.w(i+2) != "," {
			continue // the appositive's comma follows the name or its head noun
		}
		st, en, name := t.start, t.end, d.w(i)
		j := i + 1
		switch {
		case (d.titleAt(i) || x.unknownName(d, i)) && namedHead(d.w(i+1)) && !d.has(i, bFunc) && i > d.sentStart(i):
			// "Zorp Corpus, a corpus of ...", "ARC Corpus, a corpus of ...".
			en, name, j = d.toks[i+1].end, d.s[t.start:d.toks[i+1].end], i+2
		case x.unknownName(d, i):
		case d.titleAt(i) && i > d.sentStart(i) && appositivePreps[d.lw(i-1)] && !d.has(i, bFunc) && !x.stoppedAt(d, i):
			// "comparable to Zorbulon, the state-of-the-art model".
		default:
			continue
		}
		if d.w(j) != "," || !d.sameSent(i, j) {
			continue
		}
		a := d.lw(j + 1)
		if a != "a" && a != "an" && a != "the" {
			continue
		}
		kind := d.appositiveKind(j+2, 8)
		if kind == "" {
			continue
		}
		out = append(out, x.named(d, st, en, name, kind, "pattern:appositive", "a … "+string(kind)))
	}
	// "an image dataset, LVD-142M,": the name after a head noun and a comma.
	for _, i := range heads {
		if d.w(i+1) != "," || !d.sameSent(i, i+2) {
			continue
		}
		kind, _ := d.nk(i)
		if kind == "" || d.has(i, bModelPl) || cueNouns[d.lw(i)] != "" {
			continue
		}
		if !x.unknownName(d, i+2) {
			continue
		}
		if w := d.w(i + 3); w != "," && w != "(" && w != "." {
			continue
		}
		t := d.toks[i+2]
		out = append(out, x.named(d, t.start, t.end, d.w(i+2), kind, "pattern:appositive", d.cueWord(i)+", …"))
	}
	return out
}

// appositiveKind reads an appositive from token k ("broad-coverage
// streaming video dataset with", "suite of video models") and returns the
// kind its head noun names, or "" (a method, a framework, no head noun).
func (d *doc) appositiveKind(k, span int) papergraph.Kind {
	for m := k; m < len(d.toks) && m < k+span && d.sameSent(m, k); m++ {
		w := d.lw(m)
		if w == "," || w == ";" || w == "." || w == "(" || w == "that" || w == "which" || w == "for" || w == "with" ||
			w == "to" || w == "in" || w == "on" || w == "and" || w == "where" || w == "whose" {
			return ""
		}
		if (w == "suite" || w == "family" || w == "series" || w == "collection" || w == "set") && d.lw(m+1) == "of" {
			// "a suite of models": the kind of what it holds.
			for n := m + 2; n < len(d.toks) && n <= m+6; n++ {
				if kd, _ := d.nk(n); kd != "" {
					return kd
				}
			}
			if w == "suite" {
				return papergraph.KindBenchmark
			}
			if w == "collection" {
				return papergraph.KindDataset
			}
			return ""
		}
		kd, ok := d.nk(m)
		if !ok {
			return "" // a method, framework, task
		}
		if kd != "" {
			if d.has(m, bModelPl) || m+1 < len(d.toks) && d.toks[m+1].word && d.has(m+1, bMethod|bDataset|bBench|bModel) {
				return "" // "a dataset construction pipeline", "models"
			}
			if clauseVerb(d, m+1) {
				return "" // "X, the debugged model completes": a clause
			}
			if n := d.lw(m + 1); (n == "and" || n == "or") && d.has(m+2, bMethod) {
				return "" // "a benchmark and metric"
			}
			return kd
		}
	}
	return ""
}

// appositivePreps may precede a capitalised name with an appositive.
var appositivePreps = set("to", "with", "on", "than", "over", "against", "from", "using", "upon", "via")
