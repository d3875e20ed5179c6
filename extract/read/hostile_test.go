package read

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostileInputs feeds inputs built to break readers. Each must end
// with papers, skipped records or one clear error: never a panic, a hang
// or a silent loss. The case names say what each one attacks.
func TestHostileInputs(t *testing.T) {
	mb := strings.Repeat("a", 1<<20)
	tests := []struct {
		name    string
		in      string
		opt     Options
		papers  int
		skipped int
		fatal   error
	}{
		{"megabyte title line without abstract", "Title\n\n" + mb + "\n", Options{}, 1, 0, nil},
		{"megabyte of one character", mb, Options{}, 0, 1, nil},
		{"deeply nested json line", `{"title": "x", "a": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}\n" + `{"title": "ok"}` + "\n", Options{}, 1, 1, nil},
		{"deeply nested json document", "[" + strings.Repeat("[", 100000), Options{}, 0, 0, ErrMalformed},
		{"json array of one huge string", `["` + strings.Repeat("x", 3<<20) + `"]`, Options{MaxRecordBytes: 1 << 20}, 0, 0, ErrTooLarge},
		{"openalex positions far apart", `{"display_name": "T", "abstract_inverted_index": {"a": [0], "b": [2000000000]}}`, Options{}, 1, 0, nil},
		{"openalex negative positions", `{"display_name": "T", "abstract_inverted_index": {"a": [-1, -2]}}`, Options{}, 1, 0, nil},
		{"billion laughs", `<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><feed><entry><title>&b;</title></entry></feed>`, Options{}, 0, 0, ErrEntity},
		{"xml deeply nested", "<feed>" + strings.Repeat("<x>", 100000), Options{}, 0, 0, ErrMalformed},
		{"xml huge entry", "<feed><entry><title>" + strings.Repeat("t", 3<<20) + "</title></entry></feed>", Options{MaxRecordBytes: 1 << 20}, 0, 0, ErrTooLarge},
		{"bibtex megabyte of braces", "@article{k, title = " + strings.Repeat("{", 1<<20), Options{}, 0, 1, nil},
		{"bibtex thousands of unclosed entries", strings.Repeat("@x{\n", 10000), Options{}, 0, 10000, nil},
		{"bibtex unclosed entries on one line", strings.Repeat("@x{", 10000), Options{}, 0, 1, nil},
		{"latex accent soup", "@a{k, title = {" + strings.Repeat(`\"\'\c\v{x}\`, 50000) + "}}", Options{}, 1, 0, nil},
		{"csv megabyte field", "title,abstract\n\"" + mb + "\",x\n", Options{MaxRecordBytes: 1 << 19}, 0, 1, nil},
		{"control characters in title", "{\"title\": \"a\\u0000b\\u001bc\", \"summary\": \"\\u0007\"}", Options{}, 1, 0, nil},
		{"invalid utf-8 in text", "T\xff\xfeitle\n\nAn abstract of a dozen words or more that goes on and on until the end.\n", Options{}, 1, 0, nil},
		{"gzip bomb-like stream", gz(t, strings.Repeat(`{"title": "t"}`+"\n", 50000)), Options{}, 50000, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Open(strings.NewReader(tc.in), "hostile", tc.opt)
			if err != nil {
				require.ErrorIs(t, err, tc.fatal, "%v", err)
				return
			}
			papers, skipped := 0, 0
			for {
				p, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				var re *RecordError
				if errors.As(err, &re) {
					skipped++
					continue
				}
				if err != nil {
					require.ErrorIs(t, err, tc.fatal, "%v", err)
					assert.Contains(t, err.Error(), "read: hostile")
					break
				}
				assert.NotEmpty(t, p.Title)
				papers++
			}
			assert.Equal(t, tc.papers, papers, "papers")
			assert.Equal(t, tc.skipped, skipped, "skipped")
		})
	}
}
