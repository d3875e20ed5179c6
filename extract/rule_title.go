package extract

import (
	"strings"

	"github.com/papergraph/papergraph"
)

// titleArtifact applies the title rule: a title "X: A Benchmark for …"
// ("X: A Large-Scale Dataset of …", "X: An Open Foundation Model …")
// names the paper's own artifact X, of the kind its head noun gives, when
// the abstract repeats X. It returns ents with X typed by the title (or
// added at its first mention, rule pattern:title), sorted.
func titleArtifact(title, abstract string, ents []papergraph.Entity) []papergraph.Entity {
	name, kind, head := titleName(title)
	if name == "" {
		return ents
	}
	found := false
	for i := range ents {
		e := &ents[i]
		if e.Kind == papergraph.KindRepo || e.Kind == papergraph.KindURL || !strings.EqualFold(e.Name, name) {
			continue
		}
		found = true
		e.Introduced = true
		if kindClass(e.Kind) != kindClass(kind) {
			e.Kind, e.Rule, e.Cue = kind, e.Rule+"+title", "title: "+head
		}
	}
	if found {
		return ents
	}
	st := wordIndex(abstract, name)
	if st < 0 {
		return ents
	}
	ents = append(ents, papergraph.Entity{Kind: kind, Name: name, Surface: abstract[st : st+len(name)], Start: st, End: st + len(name),
		Rule: "pattern:title", Cue: "title: " + head, Introduced: true})
	sortEntities(ents)
	return ents
}

// titleName reads "X: A/An/The <words> <head noun> <preposition> …" and
// returns X, the kind of the head noun and the head noun, or "".
func titleName(title string) (string, papergraph.Kind, string) {
	c := strings.IndexByte(title, ':')
	if c <= 0 {
		return "", "", ""
	}
	name := strings.TrimSpace(title[:c])
	if strings.ContainsAny(name, " \t") || !(namey(name) || titleWord(name) && len(name) > 3) || lowerIn(functionWords, name) {
		return "", "", ""
	}
	words := strings.Fields(title[c+1:])
	if len(words) == 0 {
		return "", "", ""
	}
	if a := strings.ToLower(words[0]); a != "a" && a != "an" && a != "the" {
		return "", "", ""
	}
	head := ""
	for _, w := range words[1:min(len(words), 9)] {
		lw := strings.ToLower(strings.Trim(w, ",;.()"))
		switch lw {
		case "for", "of", "to", "with", "on", "in", "from", "that", "via", "towards", "toward", "and", "across":
			goto done
		}
		head = lw
	}
done:
	kind, ok := nounKind(head)
	if !ok || kind == "" || modelPlural[head] {
		return "", "", ""
	}
	return name, kind, head
}

// wordIndex returns the offset of the first whole-word occurrence of w in
// s, or -1.
func wordIndex(s, w string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return -1
		}
		st, en := i+k, i+k+len(w)
		if leftBoundary(s, st) && (en == len(s) || !isWordRune(firstRune(s[en:]))) {
			return st
		}
		i = st + 1
	}
}
