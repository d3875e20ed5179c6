package main

import (
	"fmt"
	"strings"
)

// handList is the hand-made entity list, kept line by line so that
// rewriting its source column changes nothing else.
type handList struct {
	lines   []string     // every line, comments included
	entries []*handEntry // artifact lines, in file order
	stop    []string     // names and aliases of "stop" lines
}

type handEntry struct {
	line      int // index into lines
	fields    []string
	kind      string
	name      string
	aliases   []string
	versioned bool
}

// source returns the entry's fifth column.
func (e *handEntry) source() string {
	if len(e.fields) > 4 {
		return e.fields[4]
	}
	return ""
}

// handPrefix starts the source of an entry no public list has.
const handPrefix = "hand"

func parseHand(text string) (*handList, error) {
	h := &handList{lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}
	for i, l := range h.lines {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 2 || len(f) > 5 {
			return nil, fmt.Errorf("listgen: entities.tsv line %d: %d fields: %w", i+1, len(f), errFormat)
		}
		var aliases []string
		if len(f) > 2 {
			for _, a := range strings.Split(f[2], "|") {
				if a = strings.TrimSpace(a); a != "" {
					aliases = append(aliases, a)
				}
			}
		}
		if f[0] == "stop" {
			h.stop = append(h.stop, append([]string{f[1]}, aliases...)...)
			continue
		}
		e := &handEntry{line: i, fields: f, kind: f[0], name: strings.TrimSpace(f[1]), aliases: aliases}
		if len(f) > 3 {
			for _, fl := range strings.Split(f[3], ",") {
				e.versioned = e.versioned || strings.TrimSpace(fl) == "versioned"
			}
		}
		h.entries = append(h.entries, e)
	}
	return h, nil
}

// annotate sets each entry's source: the first public record (in the
// order of groups, then of records) that has the entry's name, or else
// one of its aliases, among its own names; otherwise "hand: <reason>",
// keeping a reason already written.
func (h *handList) annotate(groups [][]record) {
	first := map[string]string{}
	for _, g := range groups {
		for _, r := range g {
			for _, s := range append([]string{r.name}, r.aliases...) {
				if f := fold(s); f != "" && first[f] == "" {
					first[f] = r.source
				}
			}
		}
	}
	for _, e := range h.entries {
		src := first[fold(e.name)]
		for _, a := range e.aliases {
			if src == "" {
				src = first[fold(a)]
			}
		}
		if src == "" {
			src = e.source()
			if !strings.HasPrefix(src, handPrefix) {
				src = handPrefix + ": " + defaultReason(e)
			}
		}
		for len(e.fields) < 5 {
			e.fields = append(e.fields, "")
		}
		e.fields[4] = src
		h.lines[e.line] = strings.Join(e.fields, "\t")
	}
}

// defaultReason says why an entry no public list has is in the hand list.
func defaultReason(e *handEntry) string {
	switch {
	case e.kind == "model" && e.versioned:
		return "family name; the model lists name releases"
	case e.kind == "model":
		return "not in HELM or models.dev"
	default:
		return "not in the Papers with Code exports"
	}
}

// String returns the list's text.
func (h *handList) String() string { return strings.Join(h.lines, "\n") + "\n" }
