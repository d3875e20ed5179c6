package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// Links are found in two passes at memory speed: strings.Index finds each
// "://" and each bare host we know (github.com/, huggingface.co/, ...); the
// URL is then the rest of its white-space-delimited token, less trailing
// punctuation and unbalanced closing brackets. This is what
// mvdan.cc/xurls does for such tokens (the tests use xurls as an oracle),
// without running its large regular expressions (about 0.6 MB/s) over the
// whole text.

// bareHosts are the host names recognised without a scheme.
var bareHosts = []string{
	"github.com/", "gitlab.com/", "bitbucket.org/", "codeberg.org/",
	"huggingface.co/", "hf.co/", "arxiv.org/", "doi.org/", ".github.io", "www.",
}

// linkMatch is a URL found in text, before classification.
type linkMatch struct {
	start, end int
	bare       bool // no scheme in the text
}

// tokenBreak reports whether r ends a URL token.
func tokenBreak(r rune) bool {
	return unicode.IsSpace(r) || r == '"' || r == '<' || r == '>' || r == '`' || r == '\u201c' || r == '\u201d' || r == '\u00a0'
}

// asciiBreak is tokenBreak of each ASCII byte, which tokenAround reads
// without decoding it.
var asciiBreak = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = tokenBreak(rune(c))
	}
	return t
}()

// tokenAround returns the bounds of the white-space-delimited token
// holding byte i.
func tokenAround(s string, i int) (int, int) {
	a := i
	for a > 0 {
		if c := s[a-1]; c < utf8.RuneSelf {
			if asciiBreak[c] {
				break
			}
			a--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[:a])
		if tokenBreak(r) {
			break
		}
		a -= n
	}
	b := i
	for b < len(s) {
		if c := s[b]; c < utf8.RuneSelf {
			if asciiBreak[c] {
				break
			}
			b++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[b:])
		if tokenBreak(r) {
			break
		}
		b += n
	}
	return a, b
}

func isHostByte(c byte) bool { return isASCIIAlnum(c) || c == '-' || c == '.' }

// hostOK reports whether s starts with a plausible host name: labels of
// letters, digits and hyphens with at least one dot and a letter TLD.
func hostOK(s string) bool {
	e := 0
	for e < len(s) && isHostByte(s[e]) {
		e++
	}
	h := strings.Trim(s[:e], ".")
	dot := strings.LastIndexByte(h, '.')
	if dot <= 0 || dot == len(h)-1 {
		return h == "localhost"
	}
	tld := h[dot+1:]
	for i := 0; i < len(tld); i++ {
		if !((tld[i]|0x20) >= 'a' && (tld[i]|0x20) <= 'z') {
			return false
		}
	}
	return true
}

// slashHosts are the bare hosts whose URLs have a path: they are looked
// for only in tokens with a "/".
var slashHosts = []string{
	"github.com/", "gitlab.com/", "bitbucket.org/", "codeberg.org/",
	"huggingface.co/", "hf.co/", "arxiv.org/", "doi.org/",
}

// findLinks appends to out the URLs in the doc's text, sorted by start,
// without overlaps.
func findLinks(d *doc, out []linkMatch) []linkMatch {
	return findLinksIn(d.s, d.low, d.toks, d.dots, out)
}

// addLink appends the URL s[a:b], trimmed, to out unless nothing is left
// of it.
func addLink(out []linkMatch, s string, a, b int, bare bool) []linkMatch {
	a, b = trimURL(s, a, b)
	if b > a {
		out = append(out, linkMatch{start: a, end: b, bare: bare})
	}
	return out
}

// findLinksIn appends to out the URLs of s (low is s with ASCII letters
// lower-cased); toks, if not nil, are its tokens and dots the indexes of
// its words with a dot inside, the only ones read when looking for
// scheme-less project pages.
func findLinksIn(s, low string, toks []tok, dots []int, out []linkMatch) []linkMatch {
	// Every URL with a scheme or a path has a "/": visit each token with one.
	for i := 0; i < len(low); {
		j := strings.IndexByte(low[i:], '/')
		if j < 0 {
			break
		}
		ta, tb := tokenAround(s, i+j)
		i = max(tb, i+j+1)
		tok := low[ta:tb]
		if k := strings.Index(tok, "://"); k >= 0 {
			if a, ok := schemeURL(s, low, ta+k); ok {
				out = addLink(out, s, a, tb, false)
			}
			continue
		}
		for _, h := range slashHosts {
			if k := strings.Index(tok, h); k >= 0 {
				if a, ok := bareURL(s, ta, ta+k, h); ok {
					out = addLink(out, s, a, tb, true)
				}
				break
			}
		}
	}
	// Project pages and www. hosts may come without a path.
	if toks != nil {
		for _, k := range dots {
			t := &toks[k]
			w := low[t.start:t.end]
			a, ok := 0, false
			if k := strings.Index(w, ".github.io"); k > 0 && !strings.Contains(w, "/") {
				a, ok = bareURL(s, t.start, t.start+k, ".github.io")
			} else if strings.HasPrefix(w, "www.") && !strings.Contains(w, "/") {
				a, ok = bareURL(s, t.start, t.start, "www.")
			}
			if ok {
				out = addLink(out, s, a, t.end, true)
			}
		}
	}
	for _, h := range []string{".github.io", "www."} {
		if toks != nil {
			break
		}
		for i := 0; i < len(low); {
			j := strings.Index(low[i:], h)
			if j < 0 {
				break
			}
			q := i + j
			ta, tb := tokenAround(s, q)
			i = max(tb, q+len(h))
			if !strings.Contains(low[ta:tb], "/") {
				if a, ok := bareURL(s, ta, q, h); ok {
					out = addLink(out, s, a, tb, true)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b linkMatch) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	kept := out[:0]
	last := -1
	for _, m := range out {
		if m.start < last {
			continue
		}
		kept = append(kept, m)
		last = m.end
	}
	return kept
}

// schemeURL returns the start of the URL whose "://" is at p, if it is
// one.
func schemeURL(s, low string, p int) (int, bool) {
	a := p
	for a > 0 && ((s[a-1]|0x20) >= 'a' && (s[a-1]|0x20) <= 'z') {
		a--
	}
	switch {
	case strings.HasSuffix(low[a:p], "https"):
		a = p - 5
	case strings.HasSuffix(low[a:p], "http"):
		a = p - 4
	case strings.HasSuffix(low[a:p], "ftp"):
		a = p - 3
	default:
		return 0, false
	}
	return a, hostOK(s[p+3:])
}

// bareURL returns the start of the scheme-less URL whose known host h is
// at q, in the token starting at ta, if it is one.
func bareURL(s string, ta, q int, h string) (int, bool) {
	a := q
	if h[0] == '.' {
		// owner.github.io: the owner comes before.
		for a > ta && (isASCIIAlnum(s[a-1]) || s[a-1] == '-') {
			a--
		}
		if a == q {
			return 0, false
		}
	} else if a > ta && isHostByte(s[a-1]) {
		if s[a-1] != '.' {
			return 0, false // "mygithub.com/"
		}
		for a > ta && isHostByte(s[a-1]) {
			a--
		}
	}
	if h == "www." && !hostOK(s[q:]) {
		return 0, false
	}
	return a, true
}

// trimURL removes what a URL in prose does not end with: sentence
// punctuation, quotes, LaTeX leftovers ("}", "~") and unbalanced closing
// brackets; and an unbalanced opening bracket before it.
func trimURL(s string, a, b int) (int, int) {
	for b > a {
		c := s[b-1]
		switch {
		case strings.IndexByte(".,;:!?'\"*~}", c) >= 0:
			b--
			continue
		case c == ')' || c == ']':
			open, cls := byte('('), c
			if c == ']' {
				open = '['
			}
			if strings.Count(s[a:b], string(open)) < strings.Count(s[a:b], string(cls)) {
				b--
				continue
			}
		}
		break
	}
	return a, b
}

// asciiLower lower-cases ASCII letters only, so byte offsets are preserved.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// linkInfo is a classified link.
type linkInfo struct {
	kind papergraph.Kind // "" when the link is a reference (ref is set) or unusable
	name string          // normalised URL without scheme
	ref  *papergraph.Ref
}

// githubReserved are first path segments of github.com that are not owners.
var githubReserved = map[string]bool{
	"about": true, "apps": true, "collections": true, "contact": true, "customer-stories": true,
	"enterprise": true, "explore": true, "features": true, "login": true, "marketplace": true,
	"notifications": true, "orgs": true, "pricing": true, "pulls": true, "issues": true,
	"search": true, "settings": true, "site": true, "sponsors": true, "topics": true,
	"trending": true, "join": true, "security": true, "team": true, "readme": true,
}

// huggingfaceReserved are first path segments of huggingface.co that are
// not model owners.
var huggingfaceReserved = map[string]bool{
	"blog": true, "chat": true, "collections": true, "docs": true, "join": true, "learn": true,
	"login": true, "models": true, "organizations": true, "posts": true, "pricing": true,
	"settings": true, "tasks": true, "welcome": true, "search": true, "api": true,
	"enterprise": true, "inference-endpoints": true, "new": true, "course": true,
}

// classifyURL normalises a URL and classifies it. raw may have a scheme.
func classifyURL(raw string) linkInfo {
	u := raw
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	// Split host and path; drop fragment, keep query only for plain pages.
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	host, path := u, ""
	if i := strings.IndexAny(u, "/?"); i >= 0 {
		host, path = u[:i], u[i:]
	}
	host = strings.ToLower(host)
	host = strings.TrimPrefix(host, "www.")
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		if p := host[i+1:]; p == "80" || p == "443" {
			host = host[:i]
		}
	}
	query := ""
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path, query = path[:i], path[i:]
	}
	var segBuf [8]string
	segs := splitPath(path, segBuf[:0])

	switch host {
	case "arxiv.org", "export.arxiv.org":
		if len(segs) >= 2 && (segs[0] == "abs" || segs[0] == "pdf" || segs[0] == "html") {
			id := strings.Join(segs[1:], "/")
			if v, ok := papergraph.NormalizeArXiv(id); ok {
				return linkInfo{ref: &papergraph.Ref{ArXiv: v}}
			}
		}
	case "doi.org", "dx.doi.org":
		if d, ok := papergraph.NormalizeDOI(strings.Join(segs, "/")); ok {
			if v, ok := papergraph.NormalizeArXiv(d); ok {
				return linkInfo{ref: &papergraph.Ref{ArXiv: v}}
			}
			return linkInfo{ref: &papergraph.Ref{DOI: d}}
		}
	case "github.com":
		if len(segs) >= 2 && !githubReserved[strings.ToLower(segs[0])] {
			return repo(host, segs[0], trimGit(segs[1]))
		}
	case "bitbucket.org", "codeberg.org":
		if len(segs) >= 2 {
			return repo(host, segs[0], trimGit(segs[1]))
		}
	case "gitlab.com":
		// Nested groups: everything up to "/-/" (or a legacy /tree/ or /blob/).
		var p []string
		for _, s := range segs {
			if s == "-" || s == "tree" || s == "blob" || s == "issues" || s == "merge_requests" {
				break
			}
			p = append(p, s)
		}
		if len(p) >= 2 {
			p[len(p)-1] = trimGit(p[len(p)-1])
			return linkInfo{kind: papergraph.KindRepo, name: host + "/" + strings.ToLower(strings.Join(p, "/"))}
		}
	case "huggingface.co", "hf.co":
		host = "huggingface.co"
		if len(segs) >= 2 && segs[0] == "papers" {
			if v, ok := papergraph.NormalizeArXiv(segs[1]); ok {
				return linkInfo{ref: &papergraph.Ref{ArXiv: v}}
			}
		}
		if len(segs) >= 1 && (segs[0] == "datasets" || segs[0] == "spaces") {
			// Hugging Face repositories (datasets, spaces, models) are
			// code repositories, the link class, as issue 3 and the gold
			// annotation rule classify them.
			rest := hfRepoPath(segs[1:])
			if len(rest) > 0 {
				return linkInfo{kind: papergraph.KindRepo, name: host + "/" + segs[0] + "/" + strings.ToLower(strings.Join(rest, "/"))}
			}
		}
		if len(segs) >= 2 && !huggingfaceReserved[strings.ToLower(segs[0])] && segs[0] != "datasets" && segs[0] != "spaces" {
			rest := hfRepoPath(segs)
			if len(rest) == 2 {
				return linkInfo{kind: papergraph.KindRepo, name: host + "/" + strings.ToLower(strings.Join(rest, "/"))}
			}
		}
	}
	if host == "" || !strings.Contains(host, ".") {
		return linkInfo{}
	}
	name := host
	if len(segs) > 0 {
		name = host + "/" + strings.Join(segs, "/")
	}
	if query != "" && query != "?" {
		name += query
	}
	return linkInfo{kind: papergraph.KindURL, name: name}
}

// repo returns the repository identity host/owner/name, lower-cased. A
// repository name ends at the first byte no host allows in one
// ("r,other" from a LaTeX brace list is "r").
func repo(host, owner, name string) linkInfo {
	if i := strings.IndexFunc(name, func(r rune) bool {
		return !(r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || r == '-' || r == '_' || r == '.'))
	}); i >= 0 {
		name = name[:i]
	}
	if owner == "" || name == "" {
		return linkInfo{}
	}
	var ob, nb [32]byte
	return linkInfo{kind: papergraph.KindRepo, name: host + "/" + lowered(&ob, owner) + "/" + lowered(&nb, name)}
}

// hfRepoPath keeps owner/name (or a legacy single name) of a Hugging Face
// path, dropping /tree/..., /blob/..., /resolve/..., /viewer/... tails: a
// prefix of segs.
func hfRepoPath(segs []string) []string {
	for k, s := range segs {
		switch s {
		case "tree", "blob", "resolve", "viewer", "discussions", "commits", "raw", "files", "edit":
			return segs[:k]
		}
		if k == 2 {
			return segs[:k]
		}
	}
	return segs
}

// splitPath appends to out the non-empty segments of the path p.
func splitPath(p string, out []string) []string {
	for p != "" {
		s := p
		if i := strings.IndexByte(p, '/'); i >= 0 {
			s, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func trimGit(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, ".git"), ".GIT") }
