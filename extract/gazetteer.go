package extract

import (
	"bufio"
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// The built-in lists, embedded in the binary. See the README's "Entity list format" for the
// format; TestBuiltinLists checks they parse, are sorted and consistent.
var (
	//go:embed data/entities.tsv
	builtinEntities string
	//go:embed data/stoplist.txt
	builtinStoplist string
	// Public lists converted by internal/listgen (go generate), each under
	// its source's licence (data/NOTICE): applied before the hand-made list.
	//go:embed data/helm-models.tsv
	builtinHELM string
	//go:embed data/modelsdev-models.tsv
	builtinModelsDev string
	//go:embed data/pwc-datasets.tsv
	builtinPwC string
)

// Sentinel errors. Errors from [LoadEntities] wrap ErrEntityList and name
// the line.
var (
	// ErrEntityList marks a malformed line in an entity list.
	ErrEntityList = errors.New("bad entity list")
)

// Gazetteer is a list of known artifacts (datasets, benchmarks, models)
// with their aliases, plus stop terms that are never extracted. Build one
// with [LoadEntities] and pass it in [Config.Entities]. A Gazetteer is
// immutable and safe for concurrent use.
type Gazetteer struct {
	entries []gazEntry
	stop    []string
}

// Len returns the number of artifacts and stop terms in the list.
func (g *Gazetteer) Len() int {
	if g == nil {
		return 0
	}
	return len(g.entries) + len(g.stop)
}

// gazEntry is one artifact line.
type gazEntry struct {
	kind      papergraph.Kind
	name      string
	aliases   []string // includes name first
	cs        bool     // case-sensitive: a surface must equal an alias exactly (separators aside)
	versioned bool     // a version may follow the name ("Qwen" + "3", "GPT" + "-4")
	family    string   // family of this artifact, if any
	off       bool     // disables a built-in entry of the same kind and name
	source    string   // where the entry comes from: a public source id, or "hand: reason"
	public    bool     // source names a public list (pwc:, helm:, models.dev:)
	line      int
}

// artifactKinds are the kinds an entity list may name, and "stop".
var artifactKinds = map[string]papergraph.Kind{
	"dataset": papergraph.KindDataset, "benchmark": papergraph.KindBenchmark, "model": papergraph.KindModel,
}

// LoadEntities reads an entity list. Each line holds tab-separated fields:
//
//	kind	name	aliases	flags	source
//
// kind is dataset, benchmark, model or stop; name is the canonical name;
// aliases (optional) are other spellings separated by "|"; flags (optional)
// are comma-separated: "cs" (match only the exact case of name or an
// alias), "versioned" (a version number may follow: Qwen3, GPT-5), "family=X"
// (the family the artifact belongs to), "off" (remove a built-in entry of
// this kind and name); source (optional) says where the entry comes from
// (a public list's id such as "pwc:mnist", or "hand: <reason>") and does
// not affect matching. A "stop" line lists terms never extracted: its name
// and aliases. Blank lines and lines starting with "#" are ignored. Spaces,
// hyphens and underscores inside names do not matter when matching
// ("MS COCO" matches "MS-COCO" and "MSCOCO").
//
// All malformed lines are reported, each error naming its line and
// wrapping [ErrEntityList].
func LoadEntities(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{}
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		e, stop, err := parseEntityLine(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("extract: entity list line %d: %w", n, err))
			continue
		}
		if stop != nil {
			g.stop = append(g.stop, stop...)
			continue
		}
		e.line = n
		g.entries = append(g.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("extract: read entity list: %w", err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("extract: %d bad entity list lines: %w", len(errs), errors.Join(errs...))
	}
	return g, nil
}

// lineError wraps ErrEntityList with a message.
func lineError(format string, a ...any) error {
	return fmt.Errorf(format+": %w", append(a, ErrEntityList)...)
}

func parseEntityLine(line string) (gazEntry, []string, error) {
	// The fields, cut in place: a line is read once, at start-up, for
	// each of thousands of entries.
	var f [5]string
	if n := strings.Count(line, "\t") + 1; n > len(f) {
		return gazEntry{}, nil, lineError("%d fields, want at most 5 (kind, name, aliases, flags, source)", n)
	}
	for k, rest := 0, line; k < len(f); k++ {
		f[k], rest, _ = strings.Cut(rest, "\t")
	}
	kindS, name := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
	if name == "" {
		return gazEntry{}, nil, lineError("empty name")
	}
	// The name, then the aliases.
	names := make([]string, 1, 2+strings.Count(f[2], "|"))
	names[0] = name
	for rest := f[2]; rest != ""; {
		var a string
		a, rest, _ = strings.Cut(rest, "|")
		if a = strings.TrimSpace(a); a != "" {
			names = append(names, a)
		}
	}
	if kindS == "stop" {
		if strings.TrimSpace(f[3]+f[4]) != "" {
			return gazEntry{}, nil, lineError("stop line with flags %q", f[3])
		}
		return gazEntry{}, names, nil
	}
	kind, ok := artifactKinds[kindS]
	if !ok {
		return gazEntry{}, nil, lineError("unknown kind %q (want dataset, benchmark, model or stop)", kindS)
	}
	e := gazEntry{kind: kind, name: name, aliases: names, source: strings.TrimSpace(f[4])}
	e.public = e.source != "" && !strings.HasPrefix(e.source, "hand")
	for rest := f[3]; rest != ""; {
		var fl string
		fl, rest, _ = strings.Cut(rest, ",")
		fl = strings.TrimSpace(fl)
		switch {
		case fl == "":
		case fl == "cs":
			e.cs = true
		case fl == "versioned":
			e.versioned = true
		case fl == "off":
			e.off = true
		case strings.HasPrefix(fl, "family="):
			e.family = strings.TrimSpace(strings.TrimPrefix(fl, "family="))
			if e.family == "" {
				return gazEntry{}, nil, lineError("empty family")
			}
		default:
			return gazEntry{}, nil, lineError("unknown flag %q", fl)
		}
	}
	for _, a := range e.aliases {
		if foldsEmpty(a) {
			return gazEntry{}, nil, lineError("alias %q has no letters or digits", a)
		}
	}
	return e, nil, nil
}

var (
	builtinOnce sync.Once
	builtinGaz  *Gazetteer
	publicGaz   []*Gazetteer
	builtinErr  error
)

// builtinLists returns the embedded lists in the order they apply: the
// public lists, then the hand-made list (with the stop list).
func builtinLists() ([]*Gazetteer, error) {
	b, err := builtin()
	if err != nil {
		return nil, err
	}
	return append(publicGaz[:len(publicGaz):len(publicGaz)], b), nil
}

// builtin returns the embedded hand-made list and stop list.
func builtin() (*Gazetteer, error) {
	builtinOnce.Do(func() {
		for _, l := range []struct{ name, text string }{
			{"helm-models.tsv", builtinHELM}, {"modelsdev-models.tsv", builtinModelsDev}, {"pwc-datasets.tsv", builtinPwC},
		} {
			g, err := LoadEntities(strings.NewReader(l.text))
			if err != nil {
				builtinErr = fmt.Errorf("%s: %w", l.name, err)
				return
			}
			publicGaz = append(publicGaz, g)
		}
		builtinGaz, builtinErr = LoadEntities(strings.NewReader(builtinEntities))
		if builtinErr != nil {
			return
		}
		for _, l := range strings.Split(builtinStoplist, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				builtinGaz.stop = append(builtinGaz.stop, l)
			}
		}
	})
	return builtinGaz, builtinErr
}

// isSep reports whether r is ignored inside names when matching.
func isSep(r rune) bool {
	switch r {
	case ' ', '-', '_', '\u00a0', '~', '\u2010', '\u2011', '\t', '\n', '\r':
		return true
	}
	return false
}

// foldString folds s for matching: separators removed, ASCII
// lower-cased, a right single quote made an apostrophe. It is the
// matching key of an alias.
func foldString(s string) string { return string(foldAppend(make([]byte, 0, len(s)), s)) }

// foldAppend appends the folded s to b. Map lookups with
// m[string(foldAppend(buf[:0], s))] do not allocate.
func foldAppend(b []byte, s string) []byte {
	// s folds to len(s) bytes or fewer: room for them is made once, and a
	// byte is written at k whatever it folds to but kept only if it is no
	// separator.
	k := len(b)
	b = slices.Grow(b, len(s))[:k+len(s)]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			f := foldASCII[c]
			b[k] = f
			if f != foldSkip {
				k++
			}
			i++
			continue
		}
		f, n := foldRuneAt(s, i)
		k += copy(b[k:], f)
		i += n
	}
	return b[:k]
}

// foldsEmpty reports whether s folds to nothing (foldString(s) == ""):
// every rune of it is a separator. Most strings tell by their first byte.
func foldsEmpty(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if foldASCII[c] != foldSkip {
				return false
			}
			i++
			continue
		}
		f, n := foldRuneAt(s, i)
		if f != "" {
			return false
		}
		i += n
	}
	return true
}

// foldRuneAt returns what the rune at s[i], not ASCII, folds to (nothing
// for a separator; the bytes of an invalid one are kept one by one), and
// its size.
func foldRuneAt(s string, i int) (string, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case isSep(r):
		return "", n
	case r == '\u2019':
		return "'", n
	}
	return s[i : i+n], n
}

// stripSeps removes separators but keeps case.
func stripSeps(s string) string {
	// Most aliases are ASCII without a separator: s itself.
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && foldASCII[s[i]] != foldSkip {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ { // ASCII: a byte at a time
		if c := s[i]; foldASCII[c] != foldSkip {
			b.WriteByte(c)
		}
	}
	for _, r := range s[i:] {
		if r == '\u2019' {
			r = '\''
		}
		if !isSep(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// equalFoldSkipSeps reports whether a and b are equal under Unicode simple
// case folding once their separators are removed and ’ read as ', as
// strings.EqualFold(stripSeps(a), stripSeps(b)) does, without making
// either string.
func equalFoldSkipSeps(a, b string) bool {
	i, j := 0, 0
	for {
		r, n := nextNonSep(a, i)
		q, m := nextNonSep(b, j)
		if n == 0 || m == 0 {
			return n == m
		}
		i, j = i+n, j+m
		if r == q {
			continue
		}
		if q < r {
			r, q = q, r
		}
		if q < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' && q == r+'a'-'A' {
				continue
			}
			return false
		}
		f := unicode.SimpleFold(r)
		for f != r && f < q {
			f = unicode.SimpleFold(f)
		}
		if f != q {
			return false
		}
	}
}

// nextNonSep returns the first rune of s[i:] that is no separator, ’ read
// as ', and the bytes up to its end (0 at the end of s).
func nextNonSep(s string, i int) (rune, int) {
	for k := i; k < len(s); {
		r, n := utf8.DecodeRuneInString(s[k:])
		k += n
		if isSep(r) {
			continue
		}
		if r == '\u2019' {
			r = '\''
		}
		return r, k - i
	}
	return 0, 0
}

// aliasCase is what caseOK needs to know about an alias.
type aliasCase struct {
	stripped   string // the alias without separators, case kept
	digit      bool   // has a digit: any case matches ("cifar-10")
	innerUpper bool   // a capital after the first letter ("CLIP", "NoW")
	allCaps    bool   // two or more letters, all capitals, no digit ("CLIP", "MS COCO")
	firstUpper bool   // starts with a capital ("Mistral")
}

func newAliasCase(alias string) aliasCase {
	a := stripSeps(alias)
	if c, ok := newASCIIAliasCase(a); ok {
		return c
	}
	return newRuneAliasCase(a)
}

// newRuneAliasCase is newAliasCase for an alias a without separators,
// rune by rune.
func newRuneAliasCase(a string) aliasCase {
	r, _ := utf8.DecodeRuneInString(a)
	digit := strings.ContainsFunc(a, unicode.IsDigit)
	letters := 0
	for _, q := range a {
		if unicode.IsLetter(q) {
			letters++
		}
	}
	return aliasCase{stripped: a, digit: digit, innerUpper: upperAfterFirst(a), firstUpper: unicode.IsUpper(r),
		allCaps: !digit && letters >= 2 && !strings.ContainsFunc(a, unicode.IsLower)}
}

// newASCIIAliasCase is newAliasCase for an alias a without separators
// that is ASCII, in one pass over its bytes, where the unicode classes
// are the ASCII ones; ok is false when a is not ASCII.
func newASCIIAliasCase(a string) (c aliasCase, ok bool) {
	var letters int
	var lower, inner bool
	for i := 0; i < len(a); i++ {
		switch b := a[i]; {
		case b >= utf8.RuneSelf:
			return aliasCase{}, false
		case '0' <= b && b <= '9':
			c.digit = true
		case 'a' <= b && b <= 'z':
			letters++
			lower = true
		case 'A' <= b && b <= 'Z':
			letters++
			inner = inner || i > 0
		}
	}
	c.stripped, c.innerUpper = a, inner
	c.firstUpper = a != "" && 'A' <= a[0] && a[0] <= 'Z'
	c.allCaps = !c.digit && letters >= 2 && !lower
	return c, true
}

// caseOK reports whether surface may stand for the alias: exactly (cs), or
// case-insensitively unless the case pattern says it is another word
// ("clip" is not CLIP, "Now" is not NoW, "codex" is not Codex).
func caseOK(a aliasCase, surface string, cs bool) bool {
	if cs {
		// Compare, skipping separators in surface.
		j := 0
		for _, r := range surface {
			if isSep(r) {
				continue
			}
			if r == '\u2019' {
				r = '\''
			}
			q, n := utf8.DecodeRuneInString(a.stripped[j:])
			if j >= len(a.stripped) || q != r {
				return false
			}
			j += n
		}
		return j == len(a.stripped)
	}
	if a.digit {
		return true
	}
	first, inner := true, false
	firstUpper := false
	for _, r := range surface {
		if isSep(r) {
			continue
		}
		if first {
			firstUpper = unicode.IsUpper(r)
			first = false
			continue
		}
		if unicode.IsUpper(r) {
			inner = true
			break
		}
	}
	if a.allCaps {
		// "ORCAS" is not "ORC as": every letter of the surface is a capital.
		return !strings.ContainsFunc(surface, unicode.IsLower)
	}
	if a.innerUpper {
		return inner
	}
	if a.firstUpper {
		return firstUpper
	}
	return true
}

// markedFirstWord reports whether the alias's first word (up to a space)
// has a digit or a capital after its first letter ("text8", "nuScenes",
// "gpt-4o-mini"): the word of the text it starts at has one too, and such
// words are always tried, so the alias need not make a plain lower-case
// word worth trying (see Extractor.listStarts).
func markedFirstWord(alias string) bool {
	w, _, _ := strings.Cut(alias, " ")
	return strings.ContainsFunc(w, unicode.IsDigit) || upperAfterFirst(w)
}

func upperAfterFirst(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// mergeGazetteers combines lists: later entries replace earlier ones of the
// same kind and name; "off" entries remove them. The result is sorted by
// kind then name, so matching does not depend on input order.
func mergeGazetteers(gs []*Gazetteer) ([]gazEntry, []string) {
	type key struct {
		k papergraph.Kind
		n string
	}
	n := 0
	for _, g := range gs {
		if g != nil {
			n += len(g.entries)
		}
	}
	idx := make(map[key]int, n)
	out := make([]gazEntry, 0, n)
	var buf []byte
	var stop []string
	for _, g := range gs {
		if g == nil {
			continue
		}
		stop = append(stop, g.stop...)
		for _, e := range g.entries {
			buf = foldAppend(buf[:0], e.name)
			k := key{e.kind, string(buf)}
			if i, ok := idx[k]; ok {
				out[i] = e
				continue
			}
			idx[k] = len(out)
			out = append(out, e)
		}
	}
	kept := out[:0]
	for _, e := range out {
		if !e.off {
			kept = append(kept, e)
		}
	}
	// (kind, name) is unique here, so an unstable sort is deterministic.
	// The entries' places are sorted, not the entries: an entry is large,
	// and a sort moves what it sorts many times.
	order := make([]int32, len(kept))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &kept[i], &kept[j]
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.name, b.name))
	})
	sorted := make([]gazEntry, len(kept))
	for i, k := range order {
		sorted[i] = kept[k]
	}
	kept = sorted
	sort.Strings(stop)
	return kept, stop
}
