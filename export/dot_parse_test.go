package export

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A strict reader for the DOT subset DOT writes, used by the tests as an
// oracle independent of the writer's code: it tokenises as Graphviz's
// scanner does (in a quoted string only \" is unescaped; other backslash
// pairs are kept) and fails on anything it does not expect.

type dotStmt struct {
	id    string
	attrs map[string]string
}

type dotEdgeStmt struct {
	from, to string
	attrs    map[string]string
}

type dotFile struct {
	name  string
	nodes []dotStmt
	edges []dotEdgeStmt
}

type dotTok struct {
	kind byte // 'i' identifier or quoted string, else the punctuation byte ('-' for ->)
	text string
}

func lexDOT(src []byte) ([]dotTok, error) {
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("invalid UTF-8")
	}
	s := string(src)
	var toks []dotTok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case strings.ContainsRune("{}[]=,;", rune(c)):
			toks = append(toks, dotTok{c, string(c)})
			i++
		case strings.HasPrefix(s[i:], "->"):
			toks = append(toks, dotTok{'-', "->"})
			i += 2
		case c == '"':
			var b strings.Builder
			i++
			closed := false
			for i < len(s) {
				if s[i] == '\\' && i+1 < len(s) {
					if s[i+1] == '"' {
						b.WriteByte('"')
					} else if s[i+1] == '\n' {
						return nil, fmt.Errorf("line continuation in string at %d", i)
					} else {
						b.WriteString(s[i : i+2])
					}
					i += 2
					continue
				}
				if s[i] == '"' {
					closed = true
					i++
					break
				}
				if s[i] == '\n' || s[i] < 0x20 {
					return nil, fmt.Errorf("control character in string at %d", i)
				}
				b.WriteByte(s[i])
				i++
			}
			if !closed {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, dotTok{'i', b.String()})
		case c == '_' || c == '.' || c == '-' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || s[j] == '-' && !strings.HasPrefix(s[j:], "->") ||
				(s[j] >= '0' && s[j] <= '9') || (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z')) {
				j++
			}
			toks = append(toks, dotTok{'i', s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q at %d", c, i)
		}
	}
	return toks, nil
}

type dotParser struct {
	toks []dotTok
	pos  int
	f    *dotFile
}

func parseDOTFile(src []byte) (*dotFile, error) {
	toks, err := lexDOT(src)
	if err != nil {
		return nil, err
	}
	p := &dotParser{toks: toks, f: &dotFile{}}
	if !p.word("digraph") {
		return nil, fmt.Errorf("want digraph")
	}
	name, ok := p.ident()
	if !ok {
		return nil, fmt.Errorf("want graph name")
	}
	p.f.name = name
	if err := p.block(); err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("trailing tokens after the graph: %v", p.toks[p.pos:])
	}
	return p.f, nil
}

func (p *dotParser) peek() dotTok {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return dotTok{}
}

func (p *dotParser) punct(c byte) bool {
	if p.peek().kind == c {
		p.pos++
		return true
	}
	return false
}

func (p *dotParser) word(w string) bool {
	if t := p.peek(); t.kind == 'i' && t.text == w {
		p.pos++
		return true
	}
	return false
}

func (p *dotParser) ident() (string, bool) {
	if t := p.peek(); t.kind == 'i' {
		p.pos++
		return t.text, true
	}
	return "", false
}

func (p *dotParser) block() error {
	if !p.punct('{') {
		return fmt.Errorf("want { at token %d", p.pos)
	}
	for !p.punct('}') {
		if p.pos >= len(p.toks) {
			return fmt.Errorf("unterminated block")
		}
		if err := p.stmt(); err != nil {
			return err
		}
	}
	return nil
}

func (p *dotParser) stmt() error {
	switch {
	case p.word("graph"), p.word("node"), p.word("edge"):
		if _, err := p.attrs(); err != nil {
			return err
		}
	case p.word("subgraph"):
		p.ident() // optional name
		if err := p.block(); err != nil {
			return err
		}
		return nil
	default:
		id, ok := p.ident()
		if !ok {
			return fmt.Errorf("want statement at token %d: %v", p.pos, p.peek())
		}
		switch {
		case p.punct('='):
			if _, ok := p.ident(); !ok {
				return fmt.Errorf("want value after %s=", id)
			}
		case p.punct('-'):
			to, ok := p.ident()
			if !ok {
				return fmt.Errorf("want edge target after %q", id)
			}
			a, err := p.attrs()
			if err != nil {
				return err
			}
			p.f.edges = append(p.f.edges, dotEdgeStmt{id, to, a})
		default:
			a, err := p.attrs()
			if err != nil {
				return err
			}
			p.f.nodes = append(p.f.nodes, dotStmt{id, a})
		}
	}
	if !p.punct(';') {
		return fmt.Errorf("want ; at token %d: %v", p.pos, p.peek())
	}
	return nil
}

func (p *dotParser) attrs() (map[string]string, error) {
	a := map[string]string{}
	if !p.punct('[') {
		return nil, fmt.Errorf("want [ at token %d", p.pos)
	}
	for !p.punct(']') {
		k, ok := p.ident()
		if !ok || !p.punct('=') {
			return nil, fmt.Errorf("want key= at token %d", p.pos)
		}
		v, ok := p.ident()
		if !ok {
			return nil, fmt.Errorf("want value for %s", k)
		}
		if _, dup := a[k]; dup {
			return nil, fmt.Errorf("attribute %s repeated", k)
		}
		a[k] = v
		if !p.punct(',') && p.peek().kind != ']' {
			return nil, fmt.Errorf("want , or ] at token %d", p.pos)
		}
	}
	return a, nil
}
