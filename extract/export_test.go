package extract

import "strings"

// PublicOnlyLists returns the built-in lists with the hand-made list
// reduced to the entries whose source is a public list (the "list-off"
// configuration): pass them with DisableGazetteer.
func PublicOnlyLists() []*Gazetteer {
	lists, err := builtinLists()
	if err != nil {
		panic(err)
	}
	hand := lists[len(lists)-1]
	kept := &Gazetteer{stop: hand.stop}
	for _, e := range hand.entries {
		if e.source != "" && !strings.HasPrefix(e.source, "hand") {
			kept.entries = append(kept.entries, e)
		}
	}
	return append(lists[:len(lists)-1:len(lists)-1], kept)
}

// ListsWithoutPwC returns the built-in lists less the Papers with Code
// dataset list (pass them with DisableGazetteer): for tests whose
// synthetic text draws its names from Papers with Code.
func ListsWithoutPwC() []*Gazetteer {
	lists, err := builtinLists()
	if err != nil {
		panic(err)
	}
	// builtinLists: HELM, models.dev, Papers with Code, hand-made.
	return append(lists[:2:2], lists[3:]...)
}

// LoadEmbedded parses every embedded list from its text and builds an
// Extractor over them: what the first use of [Default] costs.
func LoadEmbedded() (*Extractor, error) {
	var lists []*Gazetteer
	for _, text := range []string{builtinHELM, builtinModelsDev, builtinPwC, builtinEntities} {
		g, err := LoadEntities(strings.NewReader(text))
		if err != nil {
			return nil, err
		}
		lists = append(lists, g)
	}
	return New(Config{DisableGazetteer: true, Entities: lists})
}

// WindowSize is the most text the rules read at once.
const WindowSize = windowSize

// CountTokens returns how many tokens the rules read in s (words and
// punctuation, after normalisation), window by window.
func CountTokens(s string) int {
	n := 0
	for start := 0; start < len(s); {
		end := windowEnd(s, start)
		d := newDoc(normalizeInto(s[start:end], nil).s)
		n += len(d.toks)
		d.release()
		start = end
	}
	return n
}

// ExcerptsSize returns the bytes x holds for the papers it kept.
func ExcerptsSize(x *Excerpts) int {
	n := 0
	for _, s := range x.kept {
		n += len(s)
	}
	return n
}

// DocLowOK reports whether the lower-cased text tokenize leaves for s
// (doc.low, and lowPad zero bytes after it) is naiveLower's: for FuzzText.
func DocLowOK(s string) bool {
	d := newDoc(s)
	defer d.release()
	want := naiveLower(nil, s)
	return d.low == string(want) && string(d.lowBuf) == string(append(want, make([]byte, lowPad)...))
}
