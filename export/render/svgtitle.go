package render

import (
	"bytes"
	"regexp"
)

// groupTooltipRE finds, in Graphviz's SVG, a node's or an edge's group
// up to the end of the opening tag of the link element around its shapes,
// when that link has a tooltip: 1 is the group's start and its <title>
// tag, 2 the title's text (the node or edge name), 3 the rest up to "<a",
// 4 the link's attributes before xlink:title, 5 the tooltip, 6 the
// attributes after it and the tag's end.
var groupTooltipRE = regexp.MustCompile(`(<g id="[^"]*" class="(?:node|edge)">\n<title>)([^<]*)(</title>\n<g id="[^"]*"><a)([^>]*?) xlink:title="([^"]*)"([^>]*>)`)

// hoverTitles makes Graphviz's tooltips the SVG <title> elements: the
// <title> that is the first child of each node's and edge's group, which
// SVG viewers show on hover and screen readers read as the group's name,
// holds the tooltip (a node's title or name, an edge's relation and ends)
// instead of Graphviz's node or edge name, and the link keeps no
// xlink:title. The name stays in the comment Graphviz writes before each
// group. The tooltip is copied as Graphviz escaped it for an attribute,
// which is also valid character data, with any raw ">" escaped so that
// "]]>" cannot occur; groups without a tooltip (the legend's) are left as
// they are.
func hoverTitles(svg []byte) []byte {
	// One scan: the submatch indices give both the match and its groups.
	matches := groupTooltipRE.FindAllSubmatchIndex(svg, -1)
	if matches == nil {
		return svg
	}
	out := make([]byte, 0, len(svg))
	last := 0
	for _, m := range matches {
		group := func(i int) []byte { return svg[m[2*i]:m[2*i+1]] }
		out = append(out, svg[last:m[0]]...)
		out = append(out, group(1)...)
		out = append(out, bytes.ReplaceAll(group(5), []byte(">"), []byte("&gt;"))...)
		out = append(out, group(3)...)
		out = append(out, group(4)...)
		out = append(out, group(6)...)
		last = m[1]
	}
	return append(out, svg[last:]...)
}
