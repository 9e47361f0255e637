package logfilter

import (
	"regexp"
	"strings"
)

// termPattern is the unstructured form: every required term must appear,
// at least one optional (?term) term must appear when there are any, and no
// excluded (-term) term may appear. Matching is case-sensitive.
type termPattern struct {
	required, optional, excluded []term
}

type term struct {
	text string
	re   *regexp.Regexp // set for %regex% terms
}

func (t term) match(msg string) bool {
	if t.re != nil {
		return t.re.MatchString(msg)
	}
	return strings.Contains(msg, t.text)
}

func (t term) String() string {
	if t.re != nil {
		return value{kind: valRegex, text: t.text}.String()
	}
	return value{kind: valString, text: t.text}.String()
}

func (tp termPattern) match(msg string) bool {
	for _, t := range tp.required {
		if !t.match(msg) {
			return false
		}
	}
	for _, t := range tp.excluded {
		if t.match(msg) {
			return false
		}
	}
	if len(tp.optional) == 0 {
		return true
	}
	for _, t := range tp.optional {
		if t.match(msg) {
			return true
		}
	}
	return false
}

// String writes every term quoted, required first, then ?optional, then -excluded.
func (tp termPattern) String() string {
	var parts []string
	for _, t := range tp.required {
		parts = append(parts, t.String())
	}
	for _, t := range tp.optional {
		parts = append(parts, "?"+t.String())
	}
	for _, t := range tp.excluded {
		parts = append(parts, "-"+t.String())
	}
	return strings.Join(parts, " ")
}

func parseTerms(s string) (termPattern, error) {
	p := &parser{src: s}
	var tp termPattern
	for {
		p.skipSpace()
		if p.eof() {
			break
		}
		dest := &tp.required
		switch p.src[p.pos] {
		case '?':
			dest = &tp.optional
			p.pos++
		case '-':
			dest = &tp.excluded
			p.pos++
		}
		if p.eof() || isSpace(p.src[p.pos]) {
			return termPattern{}, p.fail("empty term")
		}
		var t term
		switch p.src[p.pos] {
		case '"':
			txt, err := p.quoted('"')
			if err != nil {
				return termPattern{}, err
			}
			t.text = txt
		case '%':
			start := p.pos
			txt, err := p.quoted('%')
			if err != nil {
				return termPattern{}, err
			}
			re, err := regexp.Compile(txt)
			if err != nil {
				p.pos = start
				return termPattern{}, p.fail("bad regular expression: %v", err)
			}
			t = term{text: txt, re: re}
		default:
			start := p.pos
			for !p.eof() && !isSpace(p.src[p.pos]) && p.src[p.pos] != '"' {
				p.pos++
			}
			t.text = p.src[start:p.pos]
		}
		if t.text == "" && t.re == nil {
			return termPattern{}, p.fail("empty term")
		}
		*dest = append(*dest, t)
	}
	return tp, nil
}
