package extract

import "strings"

// coordinationRule splits coordinated names: "Llama-2/3" (Llama-2,
// Llama-3), "WSJ0-2/3mix" (WSJ0-2mix, WSJ0-3mix), "CIFAR-10/100",
// "GPT-3.5/4". Each part must be a list name or the whole a name.
func (x *Extractor) coordinationRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		t := &d.toks[i]
		if !t.word || t.flags&fSlash == 0 {
			continue
		}
		w := d.w(i)
		if strings.Count(w, "/") != 1 || !namey(w) {
			continue
		}
		parts := splitCoordinated(w)
		if len(parts) != 2 {
			continue
		}
		var cs []cand
		for _, p := range parts {
			e, ok := x.lookup(p)
			if !ok {
				cs = nil
				break
			}
			cs = append(cs, cand{start: t.start, end: t.end, kind: e.kind, name: e.name, family: e.family, rule: "coordination", cue: "/", prio: 1})
		}
		if len(cs) == 0 {
			continue
		}
		for _, c := range cs {
			c.group = -(t.start + 1)
			out = append(out, c)
		}
	}
	return out
}

// splitCoordinated turns "P<n1>S1/<n2>S" into its two names.
func splitCoordinated(w string) []string {
	slash := strings.IndexByte(w, '/')
	left, right := w[:slash], w[slash+1:]
	if right == "" || left == "" {
		return nil
	}
	if !isDigit(right[0]) {
		// "WHAM!/WHAMR!" style: two whole names.
		return []string{left, right}
	}
	// Right: number then suffix.
	k := 0
	for k < len(right) && (isDigit(right[k]) || right[k] == '.') {
		k++
	}
	suffix := right[k:]
	// Left: prefix, number, suffix1.
	e := len(left)
	for e > 0 && !isDigit(left[e-1]) {
		e--
	}
	b := e
	for b > 0 && (isDigit(left[b-1]) || left[b-1] == '.' && b > 1 && isDigit(left[b-2])) {
		b--
	}
	if b == e || b == 0 {
		return nil
	}
	prefix, suffix1 := left[:b], left[e:]
	if suffix1 == "" {
		return []string{prefix + left[b:e] + suffix, prefix + right}
	}
	return []string{left, prefix + right}
}
