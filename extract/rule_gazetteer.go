package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// The gazetteer rule: names of the entity lists found in a text (where a
// list name may start, the look-up of the list names from word starts) and
// each match checked at its right edge and extended over what makes
// another edition of the named artifact: a version or checkpoint suffix,
// a size, a minor version, a data edition after the name.

// gazetteer matches the entity lists against d.
func (x *Extractor) gazetteer(d *doc, out []cand) []cand {
	hits := x.aliases.walk(d.s, d.lowBuf, x.listStarts(d), d.lists.hits[:0])
	for _, h := range hits {
		out = x.listCands(d, int(h.start), aliasHit{int(h.id), int(h.end)}, out)
	}
	d.lists.hits = hits
	return out
}

// listStarts returns the bytes of d.s where a list match may start, in
// order: a word with a capital, a digit or a first rune beyond ASCII, a
// lower-case word whose first two bytes start a lower-case alias (see
// Extractor.lowerStart), and the byte after each slash inside a word
// ("WHAM!/WHAMR!", "GPT-4/GPT-4o"). A start st that may be inside a word
// (see leftBoundary) is written ^st, for walk to ask. It visits every
// token and calls nothing, so that its loop keeps its state in registers.
func (x *Extractor) listStarts(d *doc) []int32 {
	s, toks, lower := d.s, d.toks, x.lowerStart
	// A token starts one match, and one more after each slash in it.
	if need := len(toks) + len(s); cap(d.lists.at) < need {
		d.lists.at = make([]int32, need)
	}
	at := d.lists.at[:cap(d.lists.at)]
	n := 0
	for k := range toks {
		t := &toks[k]
		if !t.word {
			continue
		}
		st, f := t.start, t.flags
		ok := true
		if c := s[st]; f&(fUpper|fDigit) == 0 && c < utf8.RuneSelf {
			// A lower-case ASCII word: its first two bytes are its folded
			// prefix.
			var c1 byte
			if st+1 < len(s) {
				c1 = s[st+1]
			}
			p := uint16(c)<<8 | uint16(c1)
			ok = lower[p/64]&(1<<(p%64)) != 0
		}
		if ok {
			at[n] = int32(st)
			if st > 0 {
				// A match starts at no word inside another: after a space,
				// or most other ASCII bytes, a word does not; after the
				// others walk asks leftBoundary.
				if c := s[st-1]; c >= utf8.RuneSelf || c == '-' || isASCIIAlnum(c) {
					at[n] = ^int32(st)
				}
			}
			n++
		}
		if f&fSlash != 0 {
			for k := st; k < t.end; k++ {
				if s[k] == '/' { // which leftBoundary takes for a word's start
					at[n] = int32(k + 1)
					n++
				}
			}
		}
	}
	return at[:n]
}

// listScratch is the list matcher's scratch: the starts listStarts picks
// and the matches walk finds, which the doc keeps for the next text.
type listScratch struct {
	at   []int32   // the starts of matches
	hits []listHit // the matches
}

// listCands appends the candidates of the list match h that starts at
// byte st of d.s.
func (x *Extractor) listCands(d *doc, st int, h aliasHit, out []cand) []cand {
	s := d.s
	surface := s[st:h.end]
	for _, gc := range x.patterns[h.id] {
		e := &x.entries[gc.entry]
		if !caseOK(gc.ac, surface, e.cs) || d.blockedAcronym(surface, e) {
			continue
		}
		if c, ok := x.extendMatch(d, st, h.end, gc); ok {
			if c.kind == papergraph.KindModel && modifierUse(s, c.end) {
				continue // "CLIP loss", "SAM features": no mention of the model
			}
			c.cue = gc.alias
			out = append(out, c)
		}
	}
	return out
}

// extendMatch checks the right boundary of a list match at s[st:en] and
// extends it over a version or checkpoint suffix ("Llama-2" + "-7B",
// "Qwen" + "3", "ViT" + "-B/16"), returning the candidate; a match that is
// a word inside a longer capitalised name ("Llama-Guided Planner", "Mamba
// Fusion Network") is none.
func (x *Extractor) extendMatch(d *doc, st, en int, gc gazCand) (cand, bool) {
	s := d.s
	e := &x.entries[gc.entry]
	name, family := e.name, e.family
	if gc.edition {
		name, family = gc.alias, cmp.Or(e.family, e.name)
	}
	rule := "gazetteer"
	base := en - st
	// A version glued to a versioned family name.
	if e.versioned {
		i := en
		sep := false
		if i < len(s) && (s[i] == '-' || s[i] == ' ') {
			i++
			sep = true
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) && j > i)) {
			j++
		}
		if j > i && (j == len(s) || !isASCIIAlnum(s[j])) {
			v := s[i:j]
			if sep {
				name = e.name + "-" + v
			} else {
				name = e.name + v
			}
			family = e.name
			en = j
			rule = "gazetteer:version"
		}
	}
	if en < len(s) {
		r, _ := utf8.DecodeRuneInString(s[en:])
		if r == '.' && en+1 < len(s) && isDigit(s[en+1]) && isDigit(s[en-1]) && name != "" && name[len(name)-1] == s[en-1] {
			// "GPT-5" + ".2": a minor version makes another edition, never
			// the listed one's node.
			j := en + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j < len(s) && s[j] >= 'A' && s[j] <= 'Z' && (j+1 == len(s) || !isASCIIAlnum(s[j+1])) {
				j++ // "GLM-4.6V"
			}
			family = cmp.Or(family, e.name)
			if gc.edition {
				family = cmp.Or(e.family, e.name)
			}
			name, en, rule = name+s[en:j], j, "gazetteer:version"
			r, _ = utf8.DecodeRuneInString(s[en:])
			if en == len(s) {
				r = ' '
			}
		}
		if isWordRune(r) {
			return cand{}, false
		}
	}
	if rule == "gazetteer" && !gc.edition {
		if e.versioned && e.kind == papergraph.KindModel {
			// "Fam Word 5.1": a versioned family, a capitalised word and a
			// version name one model of the family.
			if w, v, end := wordVersionAfter(s, en); v != "" {
				name, family, en, rule = e.name+" "+w+" "+v, e.name, end, "gazetteer:edition"
			}
		}
		if v, end := editionAfter(s, en); v != "" && rule == "gazetteer" {
			// "BenchX 2.0,", "BenchX 2025": an edition of a listed name.
			name, family, en, rule = name+" "+v, name, end, "gazetteer:edition"
		} else if e.kind != papergraph.KindModel && rule == "gazetteer" {
			if v, end := x.dataEditionAfter(s, st, en); v != "" {
				// "Game 100k,", "Sim Playground,": an edition of listed data.
				name, family, en, rule = name+" "+v, name, end, "gazetteer:edition"
			}
		}
	}
	if methodCompound(s, en) {
		// "Llama-Guided Planner": the family word inside a longer
		// capitalised method name is no mention.
		return cand{}, false
	}
	var nb [64]byte // the name and its suffixes, made into a string once
	if b, end := appendSuffixSegments(append(nb[:0], name...), s, en, e.kind == papergraph.KindModel); end > en {
		family = name
		name = string(b)
		en = end
		rule = "gazetteer:variant"
	}
	if e.kind == papergraph.KindModel && isDigit(s[en-1]) {
		if w, end := x.modelEditionWord(s, en); w != "" {
			// "Fam-6 Astra planner", "Fam-5.6 Sol,": a capitalised word
			// after a numbered model that ends the name.
			family = cmp.Or(family, name)
			name, en, rule = name+" "+w, end, "gazetteer:edition"
		}
	}
	if e.kind == papergraph.KindModel && methodNameAfter(s, en) && !strings.ContainsFunc(s[st:en], unicode.IsDigit) {
		return cand{}, false // "Mamba Fusion Network": a family word inside a longer name
	}
	return cand{start: st, end: en, kind: e.kind, name: name, family: family, rule: rule, prio: 1, base: base}, true
}

// variantWords are checkpoint and variant suffixes, by lower case, with
// their canonical spelling.
var variantWords = map[string]string{
	"instruct": "Instruct", "chat": "Chat", "base": "Base", "large": "Large", "small": "Small",
	"medium": "Medium", "tiny": "Tiny", "mini": "mini", "nano": "nano", "xl": "XL", "xxl": "XXL",
	"turbo": "Turbo", "pro": "Pro", "plus": "Plus", "max": "Max", "ultra": "Ultra", "lite": "Lite",
	"flash": "Flash", "hf": "hf", "it": "it", "coder": "Coder", "math": "Math", "vision": "Vision",
	"vl": "VL", "preview": "Preview", "distill": "Distill", "uncased": "uncased", "cased": "cased",
	"huge": "Huge", "giant": "Giant", "sft": "SFT", "rlhf": "RLHF", "dpo": "DPO", "zero": "Zero",
	"omni": "Omni", "audio": "Audio", "next": "NeXT", "hard": "Hard", "verified": "Verified",
	"alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "sigma": "Sigma", "omega": "omega",
	"lambda": "lambda", "theta": "theta", "kappa": "kappa",
}

// appendSuffixSegments reads checkpoint/variant suffixes at s[i:]: "-7B",
// " 7B", "-v2", "-Instruct", "-XL", "/14", and appends each, normalised, to
// name; it returns name and the end of the last suffix (i when there is
// none). model says whether the base is a model (only models take a
// space-separated size).
func appendSuffixSegments(name []byte, s string, i int, model bool) ([]byte, int) {
	first, tier := true, false // no suffix yet; the last one is a tier word
	for i < len(s) {
		sep := s[i]
		if sep != '-' && sep != ' ' && sep != '/' {
			break
		}
		j := i + 1
		for j < len(s) && (isASCIIAlnum(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
			j++
		}
		seg := s[i+1 : j]
		if seg == "" || (j < len(s) && s[j] >= utf8.RuneSelf && isWordRune(firstRune(s[j:]))) {
			break
		}
		wasTier := tier
		tier = false
		switch {
		case sep == ' ' && model && lowerIn(tierWords, seg):
			// "Gemini 2.5 Pro", "Claude Sonnet": a tier of the model.
			name = append(append(name, ' '), seg...)
			tier = true
		case sep == ' ' && model && wasTier && isVersion(seg):
			// "Claude Sonnet 4.5": a tier's version.
			name = append(append(name, ' '), seg...)
		case sep == ' ':
			if !model || !isSize(seg) {
				return name, i
			}
			name = appendSizeNorm(append(name, '-'), seg)
		case sep == '/':
			if !allDigits(seg) || first {
				return name, i
			}
			name = append(append(name, '/'), seg...)
		case isSize(seg):
			name = appendSizeNorm(append(name, '-'), seg)
		case isVersion(seg):
			name = append(append(name, '-'), seg...)
		case lowerIn(variantWords, seg) != "":
			name = append(append(name, '-'), lowerIn(variantWords, seg)...)
		case lowerIn(compoundWords, seg):
			// "Fam-4o-based", "CLIP-Guided": an adjective, not a variant.
			return name, i
		case seg[0] >= 'A' && seg[0] <= 'Z':
			// A capitalised part makes another artifact of the family:
			// "ImageNet-Sketch", "YT8M-MusicVideo", "LLaMA-Adapter".
			name = append(append(name, '-'), seg...)
		default:
			return name, i
		}
		first = false
		i = j
	}
	return name, i
}

// appendSizeNorm appends sizeNorm(seg) to b: seg with its last byte (the
// unit) upper-cased.
func appendSizeNorm(b []byte, seg string) []byte {
	n := len(seg) - 1
	b = append(b, seg[:n]...)
	if c := seg[n]; c >= 'a' && c <= 'z' {
		return append(b, c-'a'+'A')
	}
	return append(b, seg[n:]...)
}

// tierWords are the closed set of tier words that extend a model name
// after a space ("Gemini 2.5 Pro", "Claude 3.5 Sonnet", "Qwen2.5 Max").
var tierWords = set("mini", "nano", "pro", "flash", "lite", "turbo", "plus", "max", "ultra", "omni",
	"instruct", "chat", "base", "sonnet", "opus", "haiku")

// editionAfter reads " 2.0", " 2025" or " v2" at s[i:] when the name
// ends there (punctuation, a conjunction or the end follows), and returns
// the edition and its end.
func editionAfter(s string, i int) (string, int) {
	if i+1 >= len(s) || s[i] != ' ' {
		return "", i
	}
	j := i + 1
	if m := monthAt(s, j); m > 0 && j+m < len(s) && s[j+m] == ' ' {
		// "HMMT February 2025": a month and a year.
		if v, end := editionAfter(s, j+m); len(v) == 4 {
			return s[j:j+m] + " " + v, end
		}
	}
	k := j
	for k < len(s) && (isASCIIAlnum(s[k]) || s[k] == '.' && k+1 < len(s) && isDigit(s[k+1])) {
		k++
	}
	v := s[j:k]
	if !isEdition(v) || !nameEnds(s, k) {
		return "", i
	}
	return v, k
}

// dataEditionAfter reads the edition of a listed dataset or benchmark at
// s[i:] that ends the name: a sample count (" 100k", " 1M") or one
// capitalised word (" Playground") that is no function word, head noun or
// listed name, when the name at s[st:i] does not itself follow a
// capitalised word (a title-case phrase).
func (x *Extractor) dataEditionAfter(s string, st, i int) (string, int) {
	if i+2 >= len(s) || s[i] != ' ' {
		return "", i
	}
	j := i + 1
	k := j
	switch {
	case isDigit(s[j]):
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k == len(s) || s[k] != 'k' && s[k] != 'K' && s[k] != 'M' {
			return "", i
		}
		k++
	case s[j] >= 'A' && s[j] <= 'Z':
		k = capWordAfter(s, i)
		var buf [32]byte
		w := lowered(&buf, s[j:k])
		// wordBits holds every head noun, method noun and function word.
		if k-j < 4 || wordBits[w] != 0 || x.known(s[j:k]) ||
			x.stopped(w) || monthAt(s, j) > 0 || abstractNoun(w) {
			return "", i
		}
		if p := prevWordStart(s, st); p >= 0 && s[p] >= 'A' && s[p] <= 'Z' {
			return "", i // "Scaling ImageNet Training, ...": a title-case phrase
		}
	default:
		return "", i
	}
	if !nameEnds(s, k) {
		return "", i
	}
	return s[j:k], k
}

// modelEditionWord reads " Word" at s[i:] after a numbered model name: a
// capitalised word of letters that is no function, tier, head or listed
// word, followed by the name's end or a model head noun.
func (x *Extractor) modelEditionWord(s string, i int) (string, int) {
	k := capWordAfter(s, i)
	if i+4 >= len(s) || k == i {
		return "", i
	}
	w := s[i+1 : k]
	var buf [32]byte
	lw := lowered(&buf, w)
	if len(w) < 3 || tierWords[lw] || variantWords[lw] != "" || wordBits[lw] != 0 || x.known(w) || x.stopped(w) || monthAt(s, i+1) > 0 {
		return "", i
	}
	if !nameEnds(s, k) {
		if k+1 >= len(s) || s[k] != ' ' {
			return "", i
		}
		m := k + 1
		for m < len(s) && s[m] >= 'a' && s[m] <= 'z' {
			m++
		}
		switch s[k+1 : m] {
		case "model", "planner", "agent", "backbone", "encoder", "judge", "policy", "llm":
		default:
			return "", i
		}
	}
	return w, k
}

// abstractNoun reports a word with an abstract noun's ending ("Parallelism",
// "Distillation", "Scaling"): a concept, not an edition.
func abstractNoun(w string) bool {
	for _, e := range []string{"ism", "tion", "sion", "ity", "ment", "ness", "ing"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// prevWordStart returns the start of the word before the one at s[i] when
// only spaces separate them, or -1.
func prevWordStart(s string, i int) int {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	if j == i || j == 0 || !isASCIIAlnum(s[j-1]) {
		return -1
	}
	for j > 0 && (isASCIIAlnum(s[j-1]) || s[j-1] == '-') {
		j--
	}
	return j
}

// wordVersionAfter reads " Word 5.1" at s[i:]: a capitalised word of
// letters and a version that ends the name.
func wordVersionAfter(s string, i int) (string, string, int) {
	j := capWordAfter(s, i)
	if j == i {
		return "", "", i
	}
	w := s[i+1 : j]
	if len(w) < 3 || lowerIn(functionWords, w) || lowerIn(tierWords, w) {
		return "", "", i
	}
	v, end := editionAfter(s, j)
	if v == "" || !strings.ContainsRune(v, '.') {
		return "", "", i
	}
	return w, v, end
}

// nameEnds reports whether a name may end at s[k]: the text ends, or
// sentence punctuation, a bracket or " and"/" or" follows.
func nameEnds(s string, k int) bool {
	if k == len(s) {
		return true
	}
	switch s[k] {
	case ',', ';', ':', ')', ']':
		return true
	case '.':
		return k+1 == len(s) || s[k+1] == ' ' || s[k+1] == '\n'
	case ' ':
		r := s[k+1:]
		return strings.HasPrefix(r, "and ") || strings.HasPrefix(r, "or ")
	}
	return false
}

// otherEdition reports whether the list alias a names another edition
// than the entry's name: it has a version or year the name lacks ("AIME
// 2025" of "AIME", "Gemini 2.5 Pro" of "Gemini 2.0"; not "GPT-4-o" of
// "GPT-4o", "VQA 2.0" of "VQAv2", nor the date of an API snapshot).
func otherEdition(a, name string) bool {
	if variantAlias(a, name) || subsetAlias(a, name) {
		return true
	}
	nums := editionNumbers(a)
	if len(nums) == 0 {
		return false // most aliases: no number, and no need for the name's
	}
	have := editionNumbers(name)
	for _, n := range nums {
		if !slices.Contains(have, n) {
			return true
		}
	}
	return false
}

// subsetAlias reports whether the list alias a is the entry's name, a
// hyphen and a capitalised word: a subset or edition of it ("ARC-Challenge"
// of "ARC"), not another spelling.
func subsetAlias(a, name string) bool {
	if len(a) < len(name)+4 || !strings.EqualFold(a[:len(name)], name) || a[len(name)] != '-' {
		return false
	}
	w := a[len(name)+1:]
	return len(w) >= 3 && titleWord(w) && !strings.ContainsAny(w, "- ")
}

// editionNumbers returns the version numbers and years in s, without
// trailing ".0"s or leading zeros; parameter counts ("7b", "1K") and
// dates ("2024-08-06") are not editions.
func editionNumbers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigit(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
			j++
		}
		n := s[i:j]
		date := len(n) == 4 && j+2 < len(s) && s[j] == '-' && isDigit(s[j+1]) && isDigit(s[j+2])
		unit := j < len(s) && strings.IndexByte("bmktx", s[j]|0x20) >= 0 && (j+1 == len(s) || !isASCIIAlnum(s[j+1]) || s[j]|0x20 == 'x')
		if date {
			// Skip the month and day.
			for j < len(s) && (isDigit(s[j]) || s[j] == '-') {
				j++
			}
		} else if !unit {
			for strings.HasSuffix(n, ".0") {
				n = n[:len(n)-2]
			}
			n = strings.TrimLeft(n, "0")
			out = append(out, n)
		}
		i = j
	}
	return out
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"}

// monthAt returns the length of a month's name at s[i:], or 0.
func monthAt(s string, i int) int {
	if i >= len(s) || s[i] < 'A' || s[i] > 'S' {
		return 0 // most words: no month starts so ("April" to "September")
	}
	for _, m := range months {
		if strings.HasPrefix(s[i:], m) {
			return len(m)
		}
	}
	return 0
}

// modifierNouns are nouns a model's name modifies without naming the
// model: "CLIP loss", "SAM features", "SigLIP contrastive loss".
var modifierNouns = set("loss", "losses", "objective", "objectives", "score", "scores",
	"distance", "similarity", "guidance", "regularization", "regularizer", "penalty", "metric", "reward")

// modifierUse reports whether a model's name ending at s[i] modifies a
// noun that is not the model: its next word, or the one after a
// lower-case adjective, is one of modifierNouns.
func modifierUse(s string, i int) bool {
	for n := 0; n < 2; n++ {
		if i >= len(s) || s[i] != ' ' {
			return false
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '-') {
			j++
		}
		w := s[i+1 : j]
		if w == "" {
			return false
		}
		if modifierNouns[w] {
			// "Fam-7B scores 61%": an evaluation verb before a number is
			// the verb, not a noun the name modifies.
			return !(evalCues[w] && j+1 < len(s) && s[j] == ' ' && isDigit(s[j+1]))
		}
		if functionWords[w] {
			return false
		}
		i = j
	}
	return false
}

// variantAlias reports whether the list alias a is a checkpoint of the
// entry name: it ends with a size or variant part the name does not end
// with ("Swin-L" of "Swin Transformer", "BERT-base" of "BERT").
func variantAlias(a, name string) bool {
	k := strings.LastIndexAny(a, "- ")
	var fa, fn [64]byte
	if k <= 0 || a == name || string(foldAppend(fa[:0], a)) == string(foldAppend(fn[:0], name)) {
		return false
	}
	seg := a[k+1:]
	v := len(seg) == 1 && strings.IndexByte("TSBLHG", seg[0]) >= 0 || isSize(seg) || lowerIn(variantWords, seg) != ""
	if !v {
		return false
	}
	n := strings.LastIndexAny(name, "- ")
	return n < 0 || !strings.EqualFold(name[n+1:], seg)
}

// compoundWords end an adjective made from a name: "Fam-4o-based",
// "GPT-style", "CLIP-guided".
var compoundWords = set("based", "style", "like", "guided", "driven", "aware", "inspired", "enhanced", "augmented",
	"powered", "assisted", "conditioned", "free", "only", "specific")

// methodCompound reports whether a name ending at s[i] starts a longer
// capitalised name through a compound word: "-Guided Planner",
// "-Based Retriever".
func methodCompound(s string, i int) bool {
	if i >= len(s) || s[i] != '-' || i+1 >= len(s) || s[i+1] < 'A' || s[i+1] > 'Z' {
		return false
	}
	j := i + 1
	for j < len(s) && isASCIIAlnum(s[j]) {
		j++
	}
	if !lowerIn(compoundWords, s[i+1:j]) {
		return false
	}
	return j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z'
}

// methodNameAfter reports whether a model's name ending at s[i] starts a
// longer capitalised method name: one or two title-case words follow, then
// a capitalised method or model head noun ("Mamba Fusion Network", "BERT
// Span Attention").
func methodNameAfter(s string, i int) bool {
	for n := 0; n < 3; n++ {
		j := capWordAfter(s, i)
		if j == i {
			return false
		}
		if j < len(s) && (isASCIIAlnum(s[j]) || s[j] == '-') {
			return false // "Llama Guard-3", "BERT QA2": not a title-case word
		}
		var buf [32]byte
		w := lowered(&buf, s[i+1:j])
		if len(w) < 3 || functionWords[w] || tierWords[w] || variantWords[w] != "" {
			return false
		}
		if _, ok := nounKind(w); n > 0 && (!ok || modelNouns[w]) {
			return true
		}
		i = j
	}
	return false
}
