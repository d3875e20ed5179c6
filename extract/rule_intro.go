package extract

import (
	"strings"

	"github.com/papergraph/papergraph"
)

// introducedAt reports whether the sentence up to token i says the paper
// introduces what follows: "we introduce", "this paper presents", "our".
func (d *doc) introducedAt(i int) bool {
	s0 := d.sentStart(i)
	subject := false
	for k := s0; k < i; k++ {
		w := d.lw(k)
		switch {
		case w == "we" || w == "our" || (w == "paper" || w == "work" || w == "study") && k > s0 && d.lw(k-1) == "this":
			subject = true
		case subject && d.has(k, bIntro) && i-k <= 8:
			// The verb's object: close after it, no clause in between.
			for j := k + 1; j < i; j++ {
				if w := d.lw(j); w == "," || w == ";" || w == "which" || w == "that" || w == "on" || w == "with" || w == "than" || w == "over" {
					return false
				}
			}
			for j := max(s0, i-4); j < i; j++ {
				if lw := d.lw(j); lw == "previous" || lw == "previously" || lw == "prior" || lw == "existing" {
					return false
				}
			}
			return true
		}
	}
	for j := max(s0, i-3); j < i; j++ {
		if w := d.lw(j); w == "our" || w == "novel" || w == "proposed" {
			if j > 0 && (d.lw(j-1) == "previously" || d.lw(j-1) == "previous") {
				return false
			}
			return true
		}
	}
	return false
}

// linkIntroduced reports whether a link at byte b is the paper's own
// (code, data or project page it releases).
func (d *doc) linkIntroduced(b int) bool {
	i := d.tokAt(b)
	if i < 0 {
		return true
	}
	s0 := d.sentStart(i)
	for k := s0; k < len(d.toks) && d.toks[k].sent == d.toks[i].sent; k++ {
		switch d.lw(k) {
		case "code", "codes", "available", "release", "released", "project", "homepage", "website", "demo",
			"our", "we", "implementation", "github", "data", "dataset", "models", "page", "source":
			return true
		}
	}
	return false
}

// nameAfter reads a name starting at token i: a name-like token, or a
// title-case phrase ("Noise of Web"), optionally followed by "(ACR)". It
// returns the name, its span and the next token index.
func (x *Extractor) nameAfter(d *doc, i int, allowSingleTitle bool) (name string, st, en, next int, ok bool) {
	if i >= len(d.toks) || !d.toks[i].word {
		return "", 0, 0, i, false
	}
	st = d.toks[i].start
	j := i
	switch {
	case x.unknownName(d, i) || x.known(d.w(i)):
		name, en, j = d.w(i), d.toks[i].end, i+1
	case d.titleAt(i) && !d.has(i, bFunc):
		k := i
		last := i
		for k < len(d.toks) && k < i+7 && d.toks[k].word && d.sameSent(k, i) {
			w := d.w(k)
			if titleWord(w) || namey(w) {
				last = k
			} else if !(w == "of" || w == "for" || w == "and" || w == "the" || w == "in" || w == "on" || w == "with" || w == "to") {
				break
			}
			k++
		}
		if last == i && !allowSingleTitle {
			return "", 0, 0, i, false
		}
		name, en, j = d.s[st:d.toks[last].end], d.toks[last].end, last+1
	default:
		return "", 0, 0, i, false
	}
	// Optional "(ACR)".
	if j+2 < len(d.toks) && d.w(j) == "(" && d.w(j+2) == ")" && shortFormOK(d.w(j+1)) {
		name, en, j = d.w(j+1), d.toks[j+2].end, j+3
	}
	if x.stopped(name) || lowerIn(functionWords, name) {
		return "", 0, 0, i, false
	}
	return name, st, en, j, true
}

// calledRule: "a dataset called EchoSet", "a Video Captioner, named
// SkyCaptioner-V1", "a realistic dataset called Noise of Web (NoW)".
func (x *Extractor) calledRule(d *doc, verbs []int, out []cand) []cand {
	for _, i := range verbs {
		if !d.has(i, bCalled) {
			continue
		}
		// What is being named: the nearest head noun before.
		var kind papergraph.Kind
		for k := i - 1; k >= 0 && k >= i-8 && d.sameSent(k, i); k-- {
			if kd, ok := d.nk(k); !ok {
				break
			} else if kd != "" {
				if !d.has(k, bModelPl) {
					kind = kd
				}
				break
			}
		}
		if kind == "" {
			continue
		}
		j := i + 1
		if d.lw(j) == "as" {
			j++
		}
		name, st, en, _, ok := x.nameAfter(d, j, true)
		if !ok {
			continue
		}
		c := x.named(d, st, en, name, kind, "pattern:called", d.cueWord(i))
		c.introduced = d.introducedAt(i)
		out = append(out, c)
	}
	return out
}

// introRule: "We introduce MMAR, a new benchmark ...", "we propose Sigma,
// an efficient large language model". The appositive's head noun gives
// the kind; methods and frameworks are not artifacts (but still name the
// paper).
func (x *Extractor) introRule(d *doc, verbs []int, out []cand) []cand {
	for _, i := range verbs {
		if !d.has(i, bIntro) || i == 0 {
			continue
		}
		subj := d.lw(i - 1)
		if !(subj == "we" || subj == "paper" || subj == "work" || (subj == "also" || subj == "further" || subj == "first" || subj == "then") && d.lw(i-2) == "we") {
			continue
		}
		j := i + 1
		for d.has(j, bDet) {
			j++
		}
		name, st, en, next, ok := x.nameAfter(d, j, true)
		if !ok {
			continue
		}
		if w := d.w(next); w != "," && w != "(" && w != ":" {
			continue
		}
		if d.introName == "" {
			d.introName = name
		}
		var kind papergraph.Kind
		for k := next + 1; k < len(d.toks) && k <= next+15 && d.sameSent(k, i); k++ {
			w := d.lw(k)
			if w == "." || w == ";" || d.has(k, bCalled) || w == "which" || w == "that" {
				break
			}
			if (w == "suite" || w == "family" || w == "series" || w == "collection" || w == "set") && d.lw(k+1) == "of" {
				// "an open suite of video foundation models": the kind is
				// what the suite holds.
				for m := k + 2; m < len(d.toks) && m <= k+6; m++ {
					if kd, _ := d.nk(m); kd != "" {
						kind = kd
						break
					}
				}
				break
			}
			kd, ok := d.nk(k)
			if !ok {
				break
			}
			if kd != "" {
				if kd == papergraph.KindModel && d.has(k, bModelPl) {
					continue
				}
				kind = kd
				break
			}
		}
		if kind == "" {
			continue
		}
		c := x.named(d, st, en, name, kind, "pattern:introduced", d.lw(i)+" … "+string(kind))
		c.introduced = true
		out = append(out, c)
	}
	return out
}

// paperName returns the paper's own system name: the title's part before
// a colon when it is a short name ("CLIPSep", "Video DataFlywheel"), else
// the first artifact the abstract introduces, else the first name a "we
// propose X," sentence introduces.
func paperName(title string, ents []papergraph.Entity, intro string) string {
	if i := strings.IndexByte(title, ':'); i > 0 {
		pre := strings.TrimSpace(title[:i])
		words := strings.Fields(pre)
		if len(words) >= 1 && len(words) <= 3 {
			for _, w := range words {
				w = strings.Trim(w, ",;()")
				if namey(w) || len(words) == 1 && titleWord(w) && !lowerIn(functionWords, w) && len(w) > 2 {
					return pre
				}
			}
		}
	}
	for _, e := range ents {
		if e.Introduced && e.Kind != papergraph.KindRepo && e.Kind != papergraph.KindURL {
			return e.Name
		}
	}
	return intro
}
