package papergraph

import (
	"strings"
	"unicode"
)

// NormalizeArXiv returns the canonical form of an arXiv identifier (no
// version, no "arXiv:" prefix, no abs/pdf URL) and whether s is one.
// It accepts "2401.00001v2", "arXiv:2401.00001", "https://arxiv.org/abs/2401.00001",
// "arxiv.org/pdf/2401.00001v1.pdf", "hep-th/9901001" and "10.48550/arXiv.2401.00001".
func NormalizeArXiv(s string) (string, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(low, p) {
			s, low = s[len(p):], low[len(p):]
		}
	}
	for _, p := range []string{"www.", "export.", "arxiv.org/abs/", "arxiv.org/pdf/", "doi.org/", "dx.doi.org/", "10.48550/arxiv.", "arxiv:"} {
		if strings.HasPrefix(low, p) {
			s, low = s[len(p):], low[len(p):]
		}
	}
	s = strings.TrimSuffix(s, ".pdf")
	s = strings.TrimRight(s, "/")
	if n, ok := newArXivID(s); ok {
		if mm := s[2:4]; mm < "01" || mm > "12" {
			return "", false
		}
		return s[:n], true
	}
	if n, ok := oldArXivID(s); ok {
		return s[:n], true
	}
	return "", false
}

// newArXivID reports whether s is a new-style arXiv id, YYMM.NNNN
// (2007-2014) or YYMM.NNNNN (2015-) with an optional version (v2), and
// how long it is without the version: s matches
// ^(\d{4})\.(\d{4,5})(?:v\d+)?$, and n is the length of its groups
// with the dot.
func newArXivID(s string) (n int, ok bool) {
	if len(s) < 9 || digits(s[:4]) != 4 || s[4] != '.' {
		return 0, false
	}
	d := digits(s[5:])
	if d < 4 || d > 5 {
		return 0, false
	}
	n = 5 + d
	return n, version(s[n:])
}

// oldArXivID reports whether s is an old-style arXiv id,
// archive(.SUBJECT)/YYMMNNN with an optional version (hep-th/9901001v2,
// math.AG/0101001), and how long it is without the version: s matches
// ^([a-z-]+(?:\.[A-Z]{2})?)/(\d{7})(?:v\d+)?$.
func oldArXivID(s string) (n int, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
		i++
	}
	if i == 0 {
		return 0, false
	}
	if i+3 <= len(s) && s[i] == '.' && isUpper(s[i+1]) && isUpper(s[i+2]) {
		i += 3
	}
	if i >= len(s) || s[i] != '/' || digits(s[i+1:]) != 7 {
		return 0, false
	}
	n = i + 8
	return n, version(s[n:])
}

// version reports whether s is empty or an arXiv version: v and digits.
func version(s string) bool {
	return s == "" || len(s) > 1 && s[0] == 'v' && digits(s[1:]) == len(s)-1
}

// digits returns how many ASCII digits s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// NormalizeDOI returns a DOI in canonical form (lower case, no "doi:" or
// resolver prefix) and whether s is one. DOIs of arXiv papers
// (10.48550/arXiv.NNNN) are valid DOIs too; use [NormalizeArXiv] first to
// treat them as arXiv ids.
func NormalizeDOI(s string) (string, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		low = strings.TrimPrefix(low, p)
	}
	for _, p := range []string{"www.", "dx.doi.org/", "doi.org/", "doi:"} {
		low = strings.TrimPrefix(low, p)
	}
	low = strings.TrimSpace(low)
	low = strings.TrimRightFunc(low, func(r rune) bool { return strings.ContainsRune(".,;:)]}'\"", r) || unicode.IsSpace(r) })
	if !strings.HasPrefix(low, "10.") {
		return "", false
	}
	slash := strings.IndexByte(low, '/')
	if slash < 4 || slash == len(low)-1 {
		return "", false
	}
	for _, r := range low[3:slash] {
		if (r < '0' || r > '9') && r != '.' {
			return "", false
		}
	}
	if strings.ContainsFunc(low, unicode.IsSpace) {
		return "", false
	}
	return low, true
}

// Slug returns a readable identifier for a title: lower-case ASCII letters
// and digits joined by '-', at most 64 bytes, cut at a word boundary.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 64 {
		s = s[:64]
		if i := strings.LastIndexByte(s, '-'); i > 32 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}

// Key returns the paper's stable graph identity: "paper:<arXiv id>" when it
// has one, else "paper:doi:<doi>", else "paper:<slug of title>", else
// "paper:<source id>".
func (p Paper) Key() string {
	switch {
	case p.ArXiv != "":
		return "paper:" + p.ArXiv
	case p.DOI != "":
		return "paper:doi:" + p.DOI
	}
	if s := Slug(p.Title); s != "" {
		return "paper:" + s
	}
	if p.OpenAlex != "" {
		return "paper:openalex:" + p.OpenAlex
	}
	if p.S2 != "" {
		return "paper:s2:" + p.S2
	}
	return "paper:" + strings.ToLower(p.ID)
}

// AddID fills p.ArXiv and p.DOI from a candidate identifier (an arXiv id
// or URL, a DOI or doi.org URL), keeping values already set. arXiv DOIs
// (10.48550/arXiv.*) set ArXiv, not DOI. It reports whether s was one.
func (p *Paper) AddID(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if a, ok := NormalizeArXiv(s); ok {
		if p.ArXiv == "" {
			p.ArXiv = a
		}
		return true
	}
	if d, ok := NormalizeDOI(s); ok {
		if a, ok := NormalizeArXiv(d); ok {
			if p.ArXiv == "" {
				p.ArXiv = a
			}
			return true
		}
		if p.DOI == "" {
			p.DOI = d
		}
		return true
	}
	return false
}
