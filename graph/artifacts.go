package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
)

// tally counts spellings: the most frequent wins, ties to the smallest.
type tally struct {
	first string
	n     int32
	more  map[string]int32
}

func (t *tally) add(s string) {
	if t.more == nil {
		if t.n == 0 || s == t.first {
			t.first = s
			t.n++
			return
		}
		t.more = map[string]int32{t.first: t.n}
	}
	t.more[s]++
}

func (t *tally) best() string {
	if t.more == nil {
		return t.first
	}
	best, n := "", int32(0)
	for s, c := range t.more {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

var validKind = map[papergraph.Kind]bool{}

func init() {
	for _, k := range papergraph.Kinds {
		validKind[k] = true
	}
}

// introHint is the most introduced mentions of one paper that the
// artifacts' size hint counts: extraction finds at most four in a paper
// of make_corpus.py 10000 or of the arXiv month batches, none of them
// twice.
const introHint = 8

// artifacts interns the entities of batch papers and groups each paper's
// mentions by artifact.
func (b *builder) artifacts() error {
	nb := len(b.batch)
	errs := make([]error, nb)
	total := 0
	for _, s := range b.batch {
		total += len(b.in[b.slotIn[s]].Entities)
	}
	// The check also counts the mentions papers introduce (per chunk of
	// 1,024 papers): nearly every one is an artifact of its own, and they
	// are most of the artifacts (29,964 of the 33,759 of make_corpus.py
	// 100000), so the artifacts and their keys are made at that size
	// once, not grown by doubling and rehashing as they are found. A
	// paper counts at most introHint of them, so that a hand-made paper
	// repeating one introduced entity cannot reserve a slot for each
	// repeat.
	introduced := make([]int32, (nb+1023)/1024)
	parallel(nb, 1024, b.opt.workers, func(lo, hi int) {
		n := int32(0)
		for r := lo; r < hi; r++ {
			p := &b.in[b.slotIn[b.batch[r]]]
			k := int32(0)
			for i, e := range p.Entities {
				if !validKind[e.Kind] || strings.TrimSpace(e.Name) == "" {
					errs[r] = fmt.Errorf("graph: paper %q: entity %d (%q, %q): %w", b.slotID[b.batch[r]], i, e.Kind, e.Name, ErrBadInput)
					break
				}
				if e.Introduced {
					k++
				}
			}
			n += min(k, introHint)
		}
		introduced[lo/1024] = n
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	hint := 0
	for _, n := range introduced {
		hint += int(n)
	}
	b.artKey = make(map[string]int32, hint)
	b.arts = make([]artifact, 0, hint)
	b.mentStart = make([]int32, nb+1)
	b.ment = make([]artEnt, 0, total)
	var buf []byte
	for r, s := range b.batch {
		p := &b.in[b.slotIn[s]]
		start := len(b.ment)
		for i := range p.Entities {
			e := &p.Entities[i]
			// The key is built in a buffer: a string is made only for a
			// new artifact.
			var ok bool
			buf, ok = appendKey(buf[:0], e)
			if !ok {
				buf = append(buf[:0], e.Key()...)
			}
			a, ok := b.artKey[string(buf)]
			if !ok {
				k := string(buf)
				a = int32(len(b.arts))
				b.artKey[k] = a
				b.arts = append(b.arts, artifact{key: k, kind: e.Kind, lastRank: -1, introducer: -1})
			}
			art := &b.arts[a]
			art.names.add(e.Name)
			if e.Family != "" {
				art.families.add(e.Family)
			}
			if art.lastRank != int32(r) {
				art.lastRank = int32(r)
				art.df++
			}
			if e.Introduced {
				switch art.introducer {
				case -1:
					art.introducer = int32(r)
				case int32(r), -2:
				default:
					art.introducer = -2
				}
			}
			b.ment = append(b.ment, artEnt{a, int32(i)})
		}
		row := b.ment[start:]
		slices.SortFunc(row, func(x, y artEnt) int { return cmp.Or(cmp.Compare(x.art, y.art), cmp.Compare(x.ent, y.ent)) })
		b.mentStart[r+1] = int32(len(b.ment))
	}
	return nil
}

// appendKey appends e.Key() for a name of ASCII characters and reports
// whether it could (papergraph.EntityKey: kind, ":", the name trimmed and
// lower-cased).
func appendKey(b []byte, e *papergraph.Entity) ([]byte, bool) {
	name := e.Name
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return b, false
		}
	}
	name = strings.TrimSpace(name)
	b = append(b, e.Kind...)
	b = append(b, ':')
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// artifactURL is the link of an artifact whose name is a URL without
// scheme: repositories and links, and other artifacts named by a URL
// (Hugging Face datasets and models). Names that are not plainly a host and
// path get no link.
func artifactURL(k papergraph.Kind, name string) string {
	host, _, _ := strings.Cut(name, "/")
	if !isHost(host) || strings.ContainsFunc(name, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune("\"'<>`\\{}|^", r)
	}) {
		return ""
	}
	if k == papergraph.KindRepo || k == papergraph.KindURL || strings.Contains(name, "/") {
		return "https://" + name
	}
	return ""
}

// isHost reports whether s looks like a DNS host name with a letter TLD
// ("github.com", "lab.github.io"), optionally with a port.
func isHost(s string) bool {
	s, _, _ = strings.Cut(s, ":")
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 || len(s)-dot-1 < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '.' || c == '-' || (c >= '0' && c <= '9') || isLetter(c)) {
			return false
		}
	}
	for i := dot + 1; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') }

// evidence describes one mention of an entity.
func evidence(e *papergraph.Entity) string {
	return string(appendEvidence(make([]byte, 0, len(e.Rule)+len(e.Surface)+len(e.Source)+16), e))
}

func appendEvidence(b []byte, e *papergraph.Entity) []byte {
	b = append(b, e.Rule...)
	b = append(b, ": "...)
	b = appendQuote(b, e.Surface)
	b = append(b, " @"...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	if e.Source != "" && e.Source != "abstract" {
		b = append(b, " in "...)
		b = append(b, e.Source...)
	}
	return b
}

// appendQuote appends s as strconv.AppendQuote does. A surface is nearly
// always printable ASCII without a quote or backslash, which that quotes
// as itself: such a string is copied between quotes without decoding it
// rune by rune.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
