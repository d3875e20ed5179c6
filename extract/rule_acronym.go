package extract

import (
	"strings"

	"github.com/papergraph/papergraph"
)

// acronymRule: "Long Range Arena (LRA)", "noise prompt dataset~(NPD)",
// "TAU Spatial Room Impulse Response Database (TAU-SRIR DB)".
func (x *Extractor) acronymRule(d *doc, out []cand) []cand {
	for _, def := range d.acrList {
		kind, _ := nounKind(def.head)
		if strings.HasSuffix(def.short, " DB") || strings.HasSuffix(def.short, "-DB") {
			kind = papergraph.KindDataset
		}
		if kind == "" || def.plural || x.stopped(def.short) {
			continue
		}
		if kind == papergraph.KindModel && (def.lower && !namey(def.short) || modelPlural[def.head]) {
			continue
		}
		name := def.short
		c := x.named(d, def.longStart, def.end, name, kind, "pattern:acronym", def.head)
		if e, ok := x.lookup(d.s[def.longStart:def.longEnd]); ok {
			c.name, c.kind, c.family = e.name, e.kind, e.family
		}
		if ti := d.tokAt(def.longStart); ti >= 0 {
			c.introduced = d.introducedAt(ti)
		}
		out = append(out, c)
	}
	return out
}
