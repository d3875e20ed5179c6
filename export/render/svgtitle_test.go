package render

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHoverTitles(t *testing.T) {
	node := func(name, link string) string {
		return "<g id=\"node1\" class=\"node\">\n<title>" + name + "</title>\n<g id=\"a_node1\"><a" + link + ">\n"
	}
	for _, tc := range []struct{ name, in, want string }{
		{"no group", `<svg></svg>`, `<svg></svg>`},
		{"node",
			"<svg>" + node("p1", ` xlink:href="https://x.org/" xlink:title="Paper &amp; one"`) + "</svg>",
			"<svg>" + node("Paper &amp; one", ` xlink:href="https://x.org/"`) + "</svg>"},
		{"raw > escaped, attributes after the title kept",
			node("e", ` xlink:title="a -> b" target="_top"`),
			node("a -&gt; b", ` target="_top"`)},
		{"two groups, text between kept",
			node("a", ` xlink:title="A"`) + "<!-- b -->\n" + node("b", ` xlink:title="B"`) + "tail",
			node("A", ``) + "<!-- b -->\n" + node("B", ``) + "tail"},
		{"legend without tooltip left alone",
			node("legend", ` xlink:href="#"`),
			node("legend", ` xlink:href="#"`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(hoverTitles([]byte(tc.in))))
		})
	}
}
