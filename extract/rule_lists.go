package extract

import "github.com/papergraph/papergraph"

// listRule: coordinated names after a trigger — "diffusion models,
// including SDXL, DreamShaper-xl-v2-turbo, and Hunyuan-DiT"; "two
// benchmarks, T2I-CompBench and GenEval"; "Experiments on Llama-2/3 and
// Mistral models"; "outperforms X and Y".
func (x *Extractor) listRule(d *doc, starts []int, gz []cand, gzAt *gzIndex, out []cand) []cand {
	type item struct {
		tok  int
		end  int // token after the item
		gz   []int
		name string
		weak bool // a capitalised word, kept only if a head noun follows
	}
	var buf [8]item
	items := buf[:0]
	// The starts are the words of the classes every trigger below is of
	// (bList, bMisc, bDataset, bBench, bModelPl, bComp: see pickStarts).
	for _, i := range starts {
		lw := d.lw(i)
		var kind papergraph.Kind // kind of unknown items
		explicit := false        // the kind comes from a head noun
		allowUnknown := true
		start := i + 1
		switch {
		case d.has(i, bList) || lw == "such" && d.lw(i+1) == "as":
			if lw == "such" {
				start = i + 2
			}
			if lw == "like" && i > 0 && (d.lw(i-1) == "would" || d.lw(i-1) == "looks") {
				continue
			}
			kind, explicit, allowUnknown = d.headBefore(i)
		case (lw == "benchmarks" || lw == "datasets" || lw == "models" || lw == "llms") && (d.w(i+1) == ":" || d.w(i+1) == ","):
			kind, _ = d.nk(i)
			explicit = true
			start = i + 2
		case (lw == "on" || lw == "across") && d.evalContext(i) && !notEvalOn[d.lw(i-1)]:
			kind = papergraph.KindDataset
		case (lw == "evaluate" || lw == "benchmark" || lw == "compare" || lw == "test") && (d.lw(i-1) == "we" || d.lw(i-1) == "to" || d.lw(i-1) == "and"):
			// "We benchmark XGBoost, CatBoost and TabPFN": what is evaluated
			// is usually a model.
			kind = papergraph.KindModel
		case d.has(i, bComp) || (lw == "compared" || lw == "comparable" || lw == "relative") && (d.lw(i+1) == "to" || d.lw(i+1) == "with"):
			if lw == "compared" || lw == "comparable" || lw == "relative" {
				start = i + 2
			}
			kind = papergraph.KindModel
		default:
			continue
		}
		if d.w(start) == "," {
			start++
		}
		for d.has(start, bDet) {
			start++
		}
		items = items[:0]
		j := start
		for j < len(d.toks) && d.sameSent(j, i) {
			if g := gzAt.at(j); g != nil {
				e := gz[g[0]].end
				k := j
				for k < len(d.toks) && d.toks[k].start < e {
					k++
				}
				items = append(items, item{tok: j, end: k, gz: g})
				j = k
			} else if x.unknownName(d, j) {
				items = append(items, item{tok: j, end: j + 1, name: d.w(j)})
				j++
			} else if d.titleAt(j) && !d.has(j, bFunc) && len(d.w(j)) > 2 && !x.stoppedAt(d, j) {
				// Capitalised words: "Mistral", "Memory Networks".
				k := j + 1
				for k < len(d.toks) && k < j+4 && d.toks[k].word && d.titleAt(k) && d.sameSent(k, j) {
					k++
				}
				name := d.s[d.toks[j].start:d.toks[k-1].end]
				if !x.stopped(name) {
					items = append(items, item{tok: j, end: k, name: name, weak: true})
				}
				j = k
			} else {
				break
			}
			if w := d.w(j); w == "'" || w == "\u2019" || w == "&" {
				// "CLIP's representation": a possessive, not a list item.
				items = items[:len(items)-1]
				break
			}
			if d.w(j) == "," {
				j++
			}
			// "A & B" is one name, not a list.
			if lw2 := d.lw(j); lw2 == "and" || lw2 == "or" {
				j++
			} else if d.w(j-1) != "," {
				break
			}
		}
		if len(items) == 0 {
			continue
		}
		// A head noun after the list decides.
		after := items[len(items)-1].end
		headAfter := false
		// After "evaluate on", capitalised names are datasets when the list
		// ends the clause ("Experiments on Wine show", "on Adience.").
		weakOK := lw == "on" || lw == "across"
		if weakOK && after < len(d.toks) && d.sameSent(after, i) {
			switch d.lw(after) {
			case ",", ".", ";", ")", "show", "shows", "showed", "confirm", "confirms", "demonstrate", "demonstrates",
				"and", "with", "where", "using", "in", "for", "to", "while", "that", "which", "as", "indicate", "reveal":
			default:
				weakOK = false
			}
		}
		if after < len(d.toks) && d.sameSent(after, i) {
			if k, ok := d.lnk(after); !ok {
				allowUnknown = false
			} else if k != "" {
				kind, explicit, headAfter = k, true, true
			}
		}
		cue := d.cueWord(i)
		if lw == "such" {
			cue = "such as"
		}
		if headAfter {
			cue += " … " + d.cueWord(after)
		}
		for _, it := range items {
			if it.gz != nil {
				if !explicit {
					continue
				}
				for _, g := range it.gz {
					c := gz[g]
					if kindClass(c.kind) != kindClass(kind) && kind != "" {
						c.kind = kind
						c.rule += "+context"
						c.cue = d.cueWord(i)
						c.prio = 0
						out = append(out, c)
					}
				}
				continue
			}
			if !allowUnknown || it.weak && !headAfter && !weakOK {
				continue
			}
			k := kind
			if !explicit {
				if mk, strong := morphoKind(it.name); mk != "" && (strong || k == papergraph.KindModel) {
					k = mk
				} else if hasSizeSegment(it.name) {
					k = papergraph.KindModel
				}
			}
			if k == "" {
				continue
			}
			t := d.toks[it.tok]
			n := len(out)
			out = x.emitNames(out, d, t.start, d.toks[it.end-1].end, it.name, k, "pattern:list", cue)
			for c := range out[n:] {
				out[n+c].introduced = false
			}
		}
	}
	return out
}

// headBefore finds the head noun before a list trigger at token i
// ("diffusion models, including"): the kind for unknown items, whether a
// noun said so, and whether unknown items are allowed at all.
func (d *doc) headBefore(i int) (papergraph.Kind, bool, bool) {
	for k := i - 1; k >= 0 && k >= i-8 && d.sameSent(k, i); k-- {
		w := d.lw(k)
		if w == "," || w == "(" {
			continue
		}
		kd, ok := d.lnk(k)
		if !ok {
			return "", false, false
		}
		if kd != "" {
			return kd, true, true
		}
	}
	return "", false, false
}
