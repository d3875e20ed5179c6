package read

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// collapse trims s and replaces every run of white space with one space.
// Invalid UTF-8 is replaced by U+FFFD.
func collapse(s string) string {
	if singleBlanks(s) {
		return strings.TrimSpace(s) // ASCII, so valid UTF-8
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// strings.Join(strings.Fields(s), " "), in one pass and one string.
	out := make([]byte, 0, len(s))
	space := false // a space is due before the next field
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(out) > 0
				continue
			}
			if space {
				out, space = append(out, ' '), false
			}
			out = append(out, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = len(out) > 0
		} else {
			if space {
				out, space = append(out, ' '), false
			}
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return string(out)
}

// singleBlanks reports whether s is ASCII and has no white space but
// single blanks: most titles and abstracts, which collapse leaves as they
// are. It reads eight bytes at a time and looks at single bytes only in a
// word with a control character.
func singleBlanks(s string) bool {
	const (
		ones  = 0x0101010101010101
		high  = 0x8080808080808080
		low7  = 0x7f7f7f7f7f7f7f7f
		blank = ones * ' '
	)
	prev := false // the byte before i is a blank
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// One load: the eight bytes of a slice of eight, whose indexes
		// need no bounds checks (those of s[i+k] were eight a word).
		b := s[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&high != 0 {
			return false // not ASCII
		}
		if (w-ones*0x20)&high != 0 {
			// A control character: \t, \n, \v, \f or \r are white
			// space, the others are not.
			for k := i; k < i+8; k++ {
				if c := s[k]; c < 0x20 && asciiSpace[c] {
					return false
				}
			}
		}
		// The blanks of w: a byte of w^blank is zero exactly there.
		x := w ^ blank
		blanks := ^((x&low7 + low7) | x | low7) // high bit of each blank byte
		if blanks&(blanks>>8) != 0 || prev && blanks&0x80 != 0 {
			return false // two blanks in a row
		}
		prev = blanks>>63 != 0
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, asciiSpace[c] && c != ' ':
			return false
		case c == ' ':
			if prev {
				return false
			}
			prev = true
		default:
			prev = false
		}
	}
	return true
}

// asciiSpace marks the ASCII white space strings.Fields splits at.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// htmlTag matches the markup publishers put in titles and abstracts
// (<i>, <sub>, <scp>, <jats:p>, <mml:math ...>). Only known tag names are
// removed, so text such as "a <b and c> d" in a formula survives in most
// cases.
var htmlTag = regexp.MustCompile(`</?(?i:i|b|u|em|strong|sub|sup|scp|span|p|br|tt|code|small|big|a|div|italic|bold|sc|inline-formula|(?:jats|mml):[a-z-]+)(?:\s[^<>]*)?/?>`)

// cleanMarkup removes known HTML/JATS/MathML tags, decodes character
// references and collapses white space: for fields of web APIs.
func cleanMarkup(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = htmlTag.ReplaceAllString(s, "")
		s = html.UnescapeString(s)
	}
	return collapse(s)
}

// parseYear returns the first plausible year (1800-2199) in s: four
// digits not part of a longer number. It returns 0 if there is none.
func parseYear[T string | []byte](s T) int {
	digit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i+4 <= len(s); i++ {
		if !digit(i) || digit(i-1) {
			continue
		}
		if digit(i+1) && digit(i+2) && digit(i+3) && !digit(i+4) {
			y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
			if y >= 1800 && y < 2200 {
				return y
			}
		}
	}
	return 0
}

// refFor returns a Ref for the strongest of the given ids (arXiv, then
// DOI, then the others) and whether any was usable.
func refFor(arxiv, doi, openalex, s2, title, source string) (papergraph.Ref, bool) {
	r := papergraph.Ref{Title: cleanMarkup(title), Source: source}
	var p papergraph.Paper
	p.AddID(arxiv)
	p.AddID(doi)
	switch {
	case p.ArXiv != "":
		r.ArXiv = p.ArXiv
	case p.DOI != "":
		r.DOI = p.DOI
	case normOpenAlex(openalex) != "":
		r.OpenAlex = normOpenAlex(openalex)
	case strings.TrimSpace(s2) != "":
		r.S2 = strings.TrimSpace(s2)
	default:
		return r, false
	}
	return r, true
}

var openAlexID = regexp.MustCompile(`^[WwAaSsIiCcPpFfTt]\d+$`)

// normOpenAlex returns the short OpenAlex id ("W2741809807") of an id or
// URL, or "".
func normOpenAlex(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://", "http://", "api.openalex.org/works/", "api.openalex.org/", "openalex.org/works/", "openalex.org/"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	if !openAlexID.MatchString(s) {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bareRepo finds scheme-less code-host links, which xurls.Strict misses.
var bareRepo = regexp.MustCompile(`\b(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org)/[\w.-]+(?:/[\w.-]+)*`)

// schemeURL finds http(s) links in free text; trailing punctuation is
// trimmed after matching.
var schemeURL = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'{}\[\]\x60]+`)

// textLinks returns the web links named in a free-text field (arXiv
// comments: "Code: https://github.com/a/b"), in order, without duplicates,
// as Links from source.
func textLinks(text, source string) []papergraph.Link {
	if !strings.Contains(text, "://") && !strings.Contains(text, ".org/") && !strings.Contains(text, ".com/") && !strings.Contains(text, ".co/") {
		return nil // no link: skip the regular expressions
	}
	var links []papergraph.Link
	seen := map[string]bool{}
	add := func(u string) {
		u = trimURL(u)
		if u == "" || seen[strings.ToLower(u)] || !webLink(u) {
			return
		}
		seen[strings.ToLower(u)] = true
		links = append(links, papergraph.Link{URL: u, Source: source})
	}
	covered := make([][2]int, 0, 4)
	for _, m := range schemeURL.FindAllStringIndex(text, -1) {
		m[1] = m[0] + len(trimURL(text[m[0]:m[1]]))
		covered = append(covered, [2]int{m[0], m[1]})
		add(text[m[0]:m[1]])
	}
	for _, m := range bareRepo.FindAllStringIndex(text, -1) {
		inside := false
		for _, c := range covered {
			if m[0] >= c[0] && m[0] < c[1] {
				inside = true
			}
		}
		if !inside {
			add(text[m[0]:m[1]])
		}
	}
	return links
}

// link returns a Link for a structured URL field, or false when the value
// is empty or not a web link (javascript:, mailto:, ...).
func link(u, source string) (papergraph.Link, bool) {
	u = strings.TrimSpace(u)
	if u == "" || !webLink(u) {
		return papergraph.Link{}, false
	}
	return papergraph.Link{URL: u, Source: source}, true
}

// webLink reports whether u is an http(s) URL or a scheme-less host/path.
func webLink(u string) bool {
	if !utf8.ValidString(u) || strings.ContainsFunc(u, unicode.IsSpace) {
		return false
	}
	if i := strings.Index(u, "://"); i >= 0 {
		scheme := strings.ToLower(u[:i])
		if scheme != "http" && scheme != "https" {
			return false
		}
		pu, err := url.Parse(u)
		return err == nil && pu.Host != ""
	}
	if strings.Contains(u, ":") && !strings.Contains(u, "/") {
		return false // mailto:x, javascript:x
	}
	host, _, _ := strings.Cut(u, "/")
	return strings.Contains(host, ".") && !strings.Contains(host, ":")
}

// splitAuthors splits a free-text author list: "A, B and C", "A; B",
// "A and B".
func splitAuthors(s string) []string {
	s = collapse(s)
	if s == "" {
		return nil
	}
	var out []string
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" && !strings.EqualFold(p, "et al.") && !strings.EqualFold(p, "others") {
			if out == nil {
				// At most one name a separator and one more.
				out = make([]string, 0, 1+strings.Count(s, ";")+strings.Count(s, ",")+strings.Count(s, " and "))
			}
			out = append(out, p)
		}
	}
	if strings.Contains(s, ";") {
		for p := range strings.SplitSeq(s, ";") {
			// Zotero and Scopus: "Last, First; Last2, First2".
			if last, given, ok := strings.Cut(p, ","); ok && !strings.Contains(given, ",") {
				p = strings.TrimSpace(given) + " " + strings.TrimSpace(last)
			}
			add(p)
		}
	} else if first, last, ok := strings.Cut(s, ","); ok && !strings.Contains(last, ",") && !strings.Contains(s, " and ") &&
		!strings.Contains(strings.TrimSpace(first), " ") && !strings.Contains(strings.TrimSpace(last), " ") {
		return []string{strings.TrimSpace(last) + " " + strings.TrimSpace(first)} // "Doe, Jane"
	} else {
		s = strings.ReplaceAll(s, ", and ", ", ")
		for p := range strings.SplitSeq(s, ",") {
			for q := range strings.SplitSeq(p, " and ") {
				add(q)
			}
		}
	}
	return out
}

// trimURL drops the punctuation that ends a sentence after a link, and a
// closing parenthesis the link does not open.
func trimURL(u string) string {
	for {
		t := strings.TrimRight(u, ".,;:!?*")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = t[:len(t)-1]
		}
		if t == u {
			return u
		}
		u = t
	}
}
