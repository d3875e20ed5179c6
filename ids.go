package papergraph

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// New-style arXiv ids: YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015–), optional version.
	newArXiv = regexp.MustCompile(`^(\d{4})\.(\d{4,5})(?:v\d+)?$`)
	// Old-style ids: archive(.subject)/YYMMNNN, optional version.
	oldArXiv = regexp.MustCompile(`^([a-z-]+(?:\.[A-Z]{2})?)/(\d{7})(?:v\d+)?$`)
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
	if m := newArXiv.FindStringSubmatch(s); m != nil {
		mm := m[1][2:]
		if mm < "01" || mm > "12" {
			return "", false
		}
		return m[1] + "." + m[2], true
	}
	if m := oldArXiv.FindStringSubmatch(s); m != nil {
		return m[1] + "/" + m[2], true
	}
	return "", false
}

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
