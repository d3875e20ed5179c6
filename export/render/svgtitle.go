package render

import "bytes"

// hoverTitles rewrites Graphviz's tooltips as SVG <title> elements, the
// hover text every SVG viewer shows: each <a xlink:title="T" ...> that
// Graphviz wraps around a node's or an edge's shapes becomes
// <a ...><title>T</title>, so the text sits in the innermost element
// that holds the shapes and wins over the group's own <title> (Graphviz's
// node or edge name, kept as a stable handle). T is copied as written
// (Graphviz has escaped it for an attribute, which is also valid
// character data) with any raw ">" escaped, so "]]>" cannot occur.
func hoverTitles(svg []byte) []byte {
	const open, attr = "<a ", ` xlink:title="`
	if !bytes.Contains(svg, []byte(attr)) {
		return svg
	}
	out := make([]byte, 0, len(svg)+len(svg)/16)
	rest := svg
	for {
		i := bytes.Index(rest, []byte(open))
		if i < 0 {
			break
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			break
		}
		tag := rest[i : i+end+1]
		a := bytes.Index(tag, []byte(attr))
		if a < 0 {
			out = append(out, rest[:i+end+1]...)
			rest = rest[i+end+1:]
			continue
		}
		v := a + len(attr)
		q := bytes.IndexByte(tag[v:], '"')
		if q < 0 {
			break
		}
		text := tag[v : v+q]
		out = append(out, rest[:i]...)
		out = append(out, tag[:a]...)
		out = append(out, tag[v+q+1:]...)
		out = append(out, "<title>"...)
		for _, c := range text {
			if c == '>' {
				out = append(out, "&gt;"...)
				continue
			}
			out = append(out, c)
		}
		out = append(out, "</title>"...)
		rest = rest[i+end+1:]
	}
	return append(out, rest...)
}
