package extract

import (
	"strings"

	"github.com/papergraph/papergraph"
)

// refMatch is a reference found in text with its span.
type refMatch struct {
	ref        papergraph.Ref
	start, end int
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIAlnum(c byte) bool {
	return isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// findRefs returns the bare arXiv identifiers ("arXiv:2401.00001",
// "2401.00001v2", "arXiv:hep-th/9901001") and DOIs ("10.1145/3394486",
// "doi:10.1000/xyz") in s that lie outside the spans in skip (the URLs).
//
// The candidates come from the tokens of doc that st picked: dots inside
// words with digits, words starting "10.", and "arXiv" words followed by
// ":".
func findRefs(dc *doc, st *ruleStarts, skip []linkMatch) []refMatch {
	s, low := dc.s, dc.low
	var dotBuf, doiBuf [8]int
	dots, dois := dotBuf[:0], doiBuf[:0]
	for _, ti := range st.dotDigits {
		t := &dc.toks[ti]
		for k := t.start; k < t.end; k++ {
			if s[k] == '.' {
				dots = append(dots, k)
			}
		}
		if strings.HasPrefix(s[t.start:t.end], "10.") {
			dois = append(dois, t.start)
		}
	}
	var out []refMatch
	inSkip := func(a, b int) bool {
		for _, m := range skip {
			if a < m.end && m.start < b {
				return true
			}
		}
		return false
	}
	// New-style arXiv ids: NNNN.NNNN(N)(vN), anchored on the dot.
	for _, d := range dots {
		if d < 4 || !allDigits(s[d-4:d]) {
			continue
		}
		a := d - 4
		if a > 0 && (isASCIIAlnum(s[a-1]) || s[a-1] == '.' || s[a-1] == '/' || s[a-1] == '-') {
			continue
		}
		b := d + 1
		for b < len(s) && isDigit(s[b]) && b-d-1 < 6 {
			b++
		}
		if n := b - d - 1; n < 4 || n > 5 {
			continue
		}
		if b < len(s) && s[b] == 'v' && b+1 < len(s) && isDigit(s[b+1]) {
			b++
			for b < len(s) && isDigit(s[b]) {
				b++
			}
		}
		if b < len(s) && (isASCIIAlnum(s[b]) || s[b] == '.' && b+1 < len(s) && isDigit(s[b+1])) {
			continue
		}
		if yy := s[a : a+2]; yy < "07" {
			continue
		}
		id, ok := papergraph.NormalizeArXiv(s[a:b])
		if !ok {
			continue
		}
		// Include an "arXiv:" or "arXiv " prefix in the surface.
		if p := strings.LastIndex(low[max(0, a-7):a], "arxiv"); p >= 0 {
			pa := max(0, a-7) + p
			if gap := strings.TrimSpace(s[pa+5 : a]); gap == "" || gap == ":" {
				a = pa
			}
		}
		if inSkip(a, b) {
			continue
		}
		out = append(out, refMatch{ref: papergraph.Ref{ArXiv: id}, start: a, end: b})
	}
	// Old-style ids need the "arXiv:" prefix.
	for _, ti := range st.arxiv {
		a := dc.toks[ti].start
		i := a + 6
		b := i
		for b < len(s) && (isASCIIAlnum(s[b]) || s[b] == '-' || s[b] == '.' || s[b] == '/') {
			b++
		}
		if !strings.Contains(s[i:b], "/") {
			continue
		}
		for b > i && (s[b-1] == '.' || s[b-1] == '/') {
			b--
		}
		id, ok := papergraph.NormalizeArXiv(s[i:b])
		if !ok || inSkip(a, b) {
			continue
		}
		out = append(out, refMatch{ref: papergraph.Ref{ArXiv: id}, start: a, end: b})
	}
	// DOIs: "10." registrant "/" suffix up to white space.
	for _, a := range dois {
		if a > 0 && (isASCIIAlnum(s[a-1]) || s[a-1] == '.') {
			continue
		}
		k := a + 3
		for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
			k++
		}
		if k-a-3 < 4 || k >= len(s) || s[k] != '/' {
			continue
		}
		b := k + 1
		for b < len(s) && s[b] > ' ' && s[b] != '"' && s[b] != '<' && s[b] != '>' {
			b++
		}
		_, b = trimURL(s, a, b)
		if b <= k+1 {
			continue
		}
		if p := strings.LastIndex(low[max(0, a-4):a], "doi:"); p >= 0 {
			a = max(0, a-4) + p
		}
		if inSkip(a, b) {
			continue
		}
		doi, ok := papergraph.NormalizeDOI(s[a:b])
		if !ok {
			continue
		}
		r := papergraph.Ref{DOI: doi}
		if id, ok := papergraph.NormalizeArXiv(doi); ok {
			r = papergraph.Ref{ArXiv: id}
		}
		out = append(out, refMatch{ref: r, start: a, end: b})
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
