package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaning rules, applied to every name and alias a public list brings
// (../shared/gazetteer-sources/SOURCES.md, "Cleaning that proved
// necessary"). Each rule has a name that [cleaner.reject] returns, so the
// converter can count what each rule removed.
const (
	ruleShort   = "short"   // fewer than 3 letters/digits, 3 without a digit or an all-caps form, or 4 or fewer that are words and numbers
	ruleWord    = "word"    // a dictionary word or proper noun with no internal capital or digit ("Inspired", "Florence")
	rulePhrase  = "phrase"  // words of the dictionary, each without an inner capital: a task ("Visual Question Answering")
	ruleAcronym = "acronym" // all capitals, no digit, and 4 letters or fewer or a dictionary word: PET, SOC, VOICE
	ruleLower   = "lower"   // all lower case with no digit or hyphen: a task id
	ruleStop    = "stop"    // a stop-list term or its plural ("LLM-S" is "llms")
	ruleGeneric = "generic" // a common method or estimator acronym, a platform or company name
	ruleChars   = "chars"   // a tab, "|" or no letter at all: not a name, or not storable
)

// cleaner holds what the rules consult. The zero value applies the rules
// that need no data (short, lower, chars).
type cleaner struct {
	dict    map[string]bool // English words in lower case, proper nouns capitalised
	stop    map[string]bool // folded stop terms and their plurals
	generic map[string]bool // folded method acronyms, platforms and companies
}

// reject returns the name of the first rule that drops s, or "".
func (c *cleaner) reject(s string) string {
	if strings.ContainsAny(s, "\t|\n\r") || !strings.ContainsFunc(s, unicode.IsLetter) {
		return ruleChars
	}
	n, digit := 0, false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
		digit = digit || unicode.IsDigit(r)
	}
	if n < 3 || (n == 3 && !digit && !allCaps(s)) {
		return ruleShort
	}
	lower := strings.ToLower(s)
	if !digit && !upperAfterFirst(s) && (c.dict[lower] || c.dict[s]) {
		return ruleWord
	}
	if !digit && c.phrase(s) {
		return rulePhrase
	}
	if s == lower && !digit && !strings.Contains(s, "-") {
		return ruleLower
	}
	f := fold(s)
	if c.stop[f] {
		return ruleStop
	}
	if c.generic[f] {
		return ruleGeneric
	}
	if !digit && allCaps(s) && (n <= 4 || c.dict[lower]) {
		return ruleAcronym
	}
	if n <= 4 && c.exactCase(s) {
		return ruleShort // "A3D" is "a 3D", "E2E" is end-to-end
	}
	return ""
}

// phrase reports whether s is two or more words (split at spaces and
// hyphens), each a dictionary word without a capital after its first
// letter: "Visual Question Answering", "Human Activity Recognition". Such a
// name is as often the task as the data set named after it.
func (c *cleaner) phrase(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if upperAfterFirst(w) || !(c.dict[strings.ToLower(w)] || c.dict[w]) {
			return false
		}
	}
	return true
}

// exactCase reports whether s, kept, must match only in its exact case:
// it is a dictionary word with capitals inside ("BiRD"), or it is made of
// two or more parts that are each a dictionary word or a
// number (with an optional unit letter: "3D", "365", "10k"), split at
// spaces, hyphens, case changes and digits ("Structured3D", "3D Hand
// Pose", "Visual Question Answering"). Such a name matches ordinary words
// in any other case ("structured 3D evidence").
func (c *cleaner) exactCase(s string) bool {
	if lower := strings.ToLower(s); upperAfterFirst(s) && c.dict[lower] {
		return true // a word written with capitals inside: "BiRD" is not "BIRD"
	}
	parts := splitParts(s)
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		lp := strings.ToLower(p)
		if !c.dict[lp] && !numberRe(lp) {
			return false
		}
	}
	return true
}

// splitParts splits a name at non-alphanumerics, lower-to-upper case
// changes, letter-digit boundaries and after a number's one unit letter
// ("SemanticKITTI 3DHand" is Semantic, KITTI, 3D, Hand).
func splitParts(s string) []string {
	var parts []string
	rs := []rune(s)
	start := -1
	flush := func(i int) {
		if start >= 0 {
			parts = append(parts, string(rs[start:i]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start >= 0 {
			p := rs[i-1]
			switch {
			case unicode.IsLower(p) && unicode.IsUpper(r):
				flush(i)
			case unicode.IsLetter(p) && unicode.IsDigit(r):
				flush(i)
			case unicode.IsLetter(p) && unicode.IsLetter(r) && i >= 2 && unicode.IsDigit(rs[i-2]):
				flush(i) // after a number's unit letter: "3D|Hand"
			}
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(rs))
	return parts
}

// numberRe reports whether p is digits with at most one letter after them.
func numberRe(p string) bool {
	n := 0
	for n < len(p) && p[n] >= '0' && p[n] <= '9' {
		n++
	}
	return n > 0 && len(p)-n <= 1
}

// addStop adds a stop term and its plural.
func (c *cleaner) addStop(term string) {
	if c.stop == nil {
		c.stop = map[string]bool{}
	}
	f := fold(term)
	c.stop[f] = true
	c.stop[f+"s"] = true
	if strings.HasSuffix(f, "s") || strings.HasSuffix(f, "x") || strings.HasSuffix(f, "h") {
		c.stop[f+"es"] = true
	}
}

// allCaps reports whether every letter of s is upper case.
func allCaps(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// upperAfterFirst reports whether a capital letter follows the first rune
// of s, ignoring separators ("CLIP", "dSprites", "NoW").
func upperAfterFirst(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	return strings.ContainsFunc(s[n:], unicode.IsUpper)
}

// fold is papergraph's matching key (extract.foldString): ASCII lower
// case, without spaces, hyphens, underscores and tildes (and the Unicode
// hyphens and no-break space), with ’ as '. Two strings with one fold are
// one name to the matcher.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '-', '_', '~', '\t', '\n', '\r', '\u00a0', '\u2010', '\u2011':
			continue
		case '\u2019':
			r = '\''
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tidy trims a source string and collapses runs of white space.
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }
