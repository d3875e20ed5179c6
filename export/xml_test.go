package export

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestXMLSafe(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain", "ImageNet", "ImageNet"},
		{"markup is kept (escaping is separate)", `<a href="x">&</a>`, `<a href="x">&</a>`},
		{"whitespace allowed", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"nul", "a\x00b", "a\ufffdb"},
		{"c0 controls", "\x01\x08\x0b\x0c\x0e\x1f", "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd"},
		{"del and c1 allowed", "\x7f\u0085\u009f", "\x7f\u0085\u009f"},
		{"non-characters", "\ufffe\uffff", "\ufffd\ufffd"},
		{"replacement char kept", "\ufffd", "\ufffd"},
		{"invalid utf-8 byte by byte", "a\xff\xfeb", "a\ufffd\ufffdb"},
		{"truncated sequence", "\xe2\x82", "\ufffd\ufffd"},
		{"encoded surrogate", "\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"emoji and rtl", "🚀 مرحبا \u202e", "🚀 مرحبا \u202e"},
		{"astral plane", "\U0010FFFF\U00010000", "\U0010FFFF\U00010000"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, xmlSafe(c.in))
		})
	}
}

func TestValidUTF8(t *testing.T) {
	assert.Equal(t, "a\x00\ufffd\ufffdb\x0b", validUTF8("a\x00\xff\xfeb\x0b"), "only bytes that are not UTF-8 change")
	assert.Equal(t, "ok", validUTF8("ok"))
}

// TestSinkXML writes hostile text as element content and as an attribute
// value and reads it back with encoding/xml: the result is xmlSafe(text),
// exactly. (encoding/xml does not normalise attribute whitespace; the real
// readers' tests check that the character references survive parsers that
// do.)
func TestSinkXML(t *testing.T) {
	for _, in := range append(hostileTitles, "", "]]>", "&amp;", "'single'") {
		t.Run(in, func(t *testing.T) {
			var b bytes.Buffer
			s := newSink(&b)
			s.WriteString(`<r a="`)
			s.attr(in)
			s.WriteString(`">`)
			s.text(in)
			s.WriteString(`</r>`)
			require.NoError(t, s.close("test"))
			var r struct {
				A    string `xml:"a,attr"`
				Text string `xml:",chardata"`
			}
			require.NoError(t, xml.Unmarshal(b.Bytes(), &r), "output %q", b.String())
			assert.Equal(t, xmlSafe(in), r.A, "attribute")
			assert.Equal(t, xmlSafe(in), r.Text, "text")
			assert.NotContains(t, b.String(), "]]>", "a CDATA end never appears raw")
			attr := b.String()[:bytes.IndexByte(b.Bytes(), '>')]
			assert.NotContains(t, attr, "\t", "tabs in attributes are references")
			assert.NotContains(t, attr, "\n", "newlines in attributes are references")
			assert.NotContains(t, b.String(), "\r", "carriage returns are references everywhere")
		})
	}
}

func TestFormatFloat(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {0.75, "0.75"}, {-3.5, "-3.5"},
		{1e21, "1000000000000000000000"}, {1e-7, "0.0000001"}, {1.0 / 3, "0.3333333333333333"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			assert.Equal(t, c.want, formatFloat(c.in))
		})
	}
}

// validUTF8 returns s with every byte that is not part of valid UTF-8
// replaced by U+FFFD, one for one (as encoding/json does).
func validUTF8(s string) string {
	if safeFor(s, false) {
		return s
	}
	return string(appendSafe(make([]byte, 0, len(s)+8), s, false))
}

// formatFloat writes v in the shortest decimal form that reads back
// exactly, never in exponent notation (Java, Python and Go all parse it),
// and without a sign on zero.
func formatFloat(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
