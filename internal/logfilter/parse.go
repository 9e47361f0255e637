package logfilter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// SyntaxError is a malformed pattern, with the byte offset of the problem.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("filter pattern: %s at offset %d", e.Msg, e.Offset)
}

type parser struct {
	src   string
	pos   int
	depth int
}

func (p *parser) fail(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *parser) peek(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

func (p *parser) eof() bool { return p.pos >= len(p.src) }

// parseJSONPattern reads "{ expr }" and requires nothing after the brace.
func (p *parser) parseJSONPattern() (node, error) {
	p.skipSpace()
	if !p.peek("{") {
		return nil, p.fail("expected {")
	}
	p.pos++
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if !p.peek("}") {
		if p.eof() {
			return nil, p.fail("missing closing }")
		}
		return nil, p.fail("unexpected %q", p.src[p.pos:p.pos+1])
	}
	p.pos++
	p.skipSpace()
	if !p.eof() {
		return nil, p.fail("unexpected text after closing }")
	}
	return n, nil
}

func (p *parser) parseOr() (node, error) {
	first, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	kids := []node{first}
	for {
		p.skipSpace()
		if !p.peek("||") {
			break
		}
		p.pos += 2
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &orNode{kids: flatten(kids, true)}, nil
}

func (p *parser) parseAnd() (node, error) {
	first, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	kids := []node{first}
	for {
		p.skipSpace()
		if !p.peek("&&") {
			break
		}
		p.pos += 2
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &andNode{kids: flatten(kids, false)}, nil
}

// flatten merges nested lists of the same operator: (a || b) || c is a || b || c.
func flatten(kids []node, or bool) []node {
	var out []node
	for _, k := range kids {
		switch x := k.(type) {
		case *orNode:
			if or {
				out = append(out, x.kids...)
				continue
			}
		case *andNode:
			if !or {
				out = append(out, x.kids...)
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

func (p *parser) parseUnary() (node, error) {
	p.skipSpace()
	if p.eof() {
		return nil, p.fail("expected a condition")
	}
	if p.peek("(") {
		p.depth++
		if p.depth > maxDepth {
			return nil, p.fail("parentheses nested deeper than %d", maxDepth)
		}
		p.pos++
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if !p.peek(")") {
			return nil, p.fail("missing )")
		}
		p.pos++
		p.depth--
		return n, nil
	}
	return p.parseCondition()
}

func (p *parser) parseCondition() (node, error) {
	sel, err := p.parseSelector()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	for _, kw := range []string{"IS NULL", "IS TRUE", "IS FALSE", "NOT EXISTS"} {
		if p.keyword(kw) {
			return &testNode{sel: sel, test: kw}, nil
		}
	}
	var op string
	for _, o := range []string{"!=", "<=", ">=", "=", "<", ">"} {
		if p.peek(o) {
			op = o
			break
		}
	}
	if op == "" {
		return nil, p.fail("expected an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) after %s", sel)
	}
	p.pos += len(op)
	p.skipSpace()
	v, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	if op != "=" && op != "!=" && v.kind != valNumber {
		return nil, p.fail("operator %s needs a number", op)
	}
	return &cmpNode{sel: sel, op: op, val: v}, nil
}

// keyword consumes a space-separated keyword phrase, case-insensitively,
// when it is followed by a delimiter.
func (p *parser) keyword(phrase string) bool {
	save := p.pos
	for i, w := range strings.Fields(phrase) {
		if i > 0 {
			start := p.pos
			p.skipSpace()
			if p.pos == start {
				p.pos = save
				return false
			}
		}
		if len(p.src)-p.pos < len(w) || !strings.EqualFold(p.src[p.pos:p.pos+len(w)], w) {
			p.pos = save
			return false
		}
		p.pos += len(w)
	}
	if !p.eof() && !isDelim(p.src[p.pos]) {
		p.pos = save
		return false
	}
	return true
}

// isDelim ends an unquoted token.
func isDelim(c byte) bool {
	return isSpace(c) || c == ')' || c == '(' || c == '&' || c == '|' || c == '}' || c == '{'
}

func isNameByte(c byte) bool {
	return !isDelim(c) && c != '.' && c != '[' && c != ']' && c != '=' && c != '!' && c != '<' && c != '>' && c != '"' && c != '%'
}

func (p *parser) parseSelector() (selector, error) {
	if !p.peek("$") {
		return nil, p.fail("expected a selector starting with $")
	}
	p.pos++
	var sel selector
	for !p.eof() {
		switch p.src[p.pos] {
		case '.':
			p.pos++
			start := p.pos
			for !p.eof() && isNameByte(p.src[p.pos]) {
				p.pos++
			}
			if p.pos == start {
				return nil, p.fail("empty field name in selector")
			}
			sel = append(sel, step{name: p.src[start:p.pos]})
		case '[':
			p.pos++
			start := p.pos
			for !p.eof() && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
				p.pos++
			}
			if p.pos == start || !p.peek("]") {
				return nil, p.fail("array index must be a number in [ ]")
			}
			i, err := strconv.Atoi(p.src[start:p.pos])
			if err != nil {
				return nil, p.fail("array index %q: %v", p.src[start:p.pos], err)
			}
			p.pos++
			sel = append(sel, step{index: i})
		default:
			if len(sel) == 0 {
				return nil, p.fail("selector $ must name a field ($.name)")
			}
			return sel, nil
		}
	}
	if len(sel) == 0 {
		return nil, p.fail("selector $ must name a field ($.name)")
	}
	return sel, nil
}

func (p *parser) parseValue() (value, error) {
	if p.eof() {
		return value{}, p.fail("expected a value")
	}
	switch p.src[p.pos] {
	case '"':
		s, err := p.quoted('"')
		if err != nil {
			return value{}, err
		}
		return value{kind: valString, text: s}, nil
	case '%':
		start := p.pos
		s, err := p.quoted('%')
		if err != nil {
			return value{}, err
		}
		re, err := regexp.Compile(s)
		if err != nil {
			p.pos = start
			return value{}, p.fail("bad regular expression: %v", err)
		}
		return value{kind: valRegex, text: s, re: re}, nil
	}
	start := p.pos
	for !p.eof() && !isDelim(p.src[p.pos]) && p.src[p.pos] != '"' {
		p.pos++
	}
	tok := p.src[start:p.pos]
	if tok == "" {
		return value{}, p.fail("expected a value")
	}
	if f, err := strconv.ParseFloat(tok, 64); err == nil && looksNumeric(tok) {
		return value{kind: valNumber, text: tok, num: f}, nil
	}
	return value{kind: valString, text: tok}, nil
}

// looksNumeric rejects what ParseFloat accepts but a log filter does not
// treat as a number (Inf, NaN, hex, underscores).
func looksNumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

// quoted reads a value between delimiters q, with backslash escaping q and
// the backslash itself.
func (p *parser) quoted(q byte) (string, error) {
	p.pos++ // opening delimiter
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == q || p.src[p.pos+1] == '\\'):
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		case c == q:
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.fail("unterminated %c", q)
}
