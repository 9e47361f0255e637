// Package logfilter parses CloudWatch Logs filter patterns and evaluates
// them against log events, so that a check can decide what a metric filter
// really matches instead of comparing pattern strings.
//
// Two pattern families are supported:
//
//   - JSON patterns, the form CloudTrail monitoring uses:
//     { ($.eventName = CreateTrail) || ($.errorCode = "*UnauthorizedOperation") && $.x NOT EXISTS }
//     with selectors ($.a.b, $.a[0].b), the operators = != < > <= >=,
//     quoted and unquoted strings with * wildcards, numbers, %regex% values,
//     IS NULL, IS TRUE, IS FALSE, NOT EXISTS, &&, || and parentheses.
//   - term patterns: space-separated terms that must all appear (quoted
//     terms may hold spaces), ?term alternatives of which one must appear,
//     and -term exclusions. The empty pattern matches every event.
//
// Space-delimited patterns ([ip, user, ...]) are reported as unsupported.
//
// Where CloudWatch's documentation is silent, these choices hold and are
// tested: && binds tighter than ||; a comparison (= or !=) on a field the
// event lacks is false (that is what NOT EXISTS is for); string values are
// case-sensitive and * matches any run of characters, including none;
// %regex% matches when the regular expression finds a match in the value.
package logfilter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// ErrUnsupported marks a pattern in a syntax this package does not evaluate.
var ErrUnsupported = errors.New("unsupported filter pattern syntax")

// maxDepth bounds parenthesis nesting so that hostile input cannot exhaust
// the stack; real patterns (at most 1024 characters) nest a few levels.
const maxDepth = 64

// Filter is a parsed filter pattern. The zero value matches nothing; use Parse.
type Filter struct {
	kind  filterKind
	json  node
	terms termPattern
}

type filterKind int

const (
	kindNone filterKind = iota
	kindAll             // the empty pattern
	kindTerms
	kindJSON
)

// Parse reads a filter pattern. Errors name the offset of the problem.
func Parse(pattern string) (*Filter, error) {
	s := strings.TrimSpace(pattern)
	switch {
	case s == "":
		return &Filter{kind: kindAll}, nil
	case s[0] == '{':
		p := &parser{src: s}
		n, err := p.parseJSONPattern()
		if err != nil {
			return nil, err
		}
		return &Filter{kind: kindJSON, json: n}, nil
	case s[0] == '[':
		return nil, fmt.Errorf("%w: space-delimited patterns ([...]) are not evaluated", ErrUnsupported)
	default:
		t, err := parseTerms(s)
		if err != nil {
			return nil, err
		}
		return &Filter{kind: kindTerms, terms: t}, nil
	}
}

// IsJSON reports whether the pattern is a JSON pattern ({ ... }).
func (f *Filter) IsJSON() bool { return f != nil && f.kind == kindJSON }

// Match reports whether the event matches the pattern. A JSON pattern never
// matches an event whose message is not a JSON object.
func (f *Filter) Match(ev *Event) bool {
	if f == nil || ev == nil {
		return false
	}
	switch f.kind {
	case kindAll:
		return true
	case kindTerms:
		return f.terms.match(ev.raw)
	case kindJSON:
		if !ev.isObject {
			return false
		}
		return f.json.eval(ev.doc)
	}
	return false
}

// String renders the pattern in a canonical form: Parse(f.String()) yields a
// filter with the same String and the same matches.
func (f *Filter) String() string {
	if f == nil {
		return ""
	}
	switch f.kind {
	case kindAll:
		return ""
	case kindTerms:
		return f.terms.String()
	case kindJSON:
		var b strings.Builder
		b.WriteString("{ ")
		f.json.write(&b, precOr)
		b.WriteString(" }")
		return b.String()
	}
	return ""
}

// Event is one log event: its raw message and, when the message is JSON, the
// decoded document.
type Event struct {
	raw      string
	doc      any
	isObject bool
}

// NewEvent wraps a log message. Messages that are not a JSON object are kept
// as text and only term patterns can match them.
func NewEvent(message string) *Event {
	ev := &Event{raw: message}
	dec := json.NewDecoder(strings.NewReader(message))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return ev
	}
	if _, err := dec.Token(); err != io.EOF {
		return ev // trailing data: not one JSON document
	}
	if _, ok := doc.(map[string]any); ok {
		ev.doc, ev.isObject = doc, true
	}
	return ev
}

// EventFromMap builds an event from a decoded JSON object (for example a
// representative CloudTrail record written as a Go literal).
func EventFromMap(m map[string]any) (*Event, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encoding event: %w", err)
	}
	return NewEvent(strings.TrimSpace(buf.String())), nil
}

// ---- JSON pattern AST ----

const (
	precOr = iota
	precAnd
	precAtom
)

type node interface {
	eval(doc any) bool
	write(b *strings.Builder, prec int)
}

type orNode struct{ kids []node }
type andNode struct{ kids []node }

func (n *orNode) eval(doc any) bool {
	for _, k := range n.kids {
		if k.eval(doc) {
			return true
		}
	}
	return false
}

func (n *andNode) eval(doc any) bool {
	for _, k := range n.kids {
		if !k.eval(doc) {
			return false
		}
	}
	return true
}

func writeList(b *strings.Builder, kids []node, op string, own, outer int) {
	if outer > own {
		b.WriteString("(")
	}
	for i, k := range kids {
		if i > 0 {
			b.WriteString(" " + op + " ")
		}
		k.write(b, own+1)
	}
	if outer > own {
		b.WriteString(")")
	}
}

func (n *orNode) write(b *strings.Builder, prec int)  { writeList(b, n.kids, "||", precOr, prec) }
func (n *andNode) write(b *strings.Builder, prec int) { writeList(b, n.kids, "&&", precAnd, prec) }

// selector is a path into the event document: field names and array indexes.
type selector []step

type step struct {
	name  string
	index int // used when name == ""
}

func (s selector) String() string {
	var b strings.Builder
	b.WriteString("$")
	for _, st := range s {
		if st.name != "" {
			b.WriteString("." + st.name)
		} else {
			b.WriteString("[" + strconv.Itoa(st.index) + "]")
		}
	}
	return b.String()
}

// lookup follows the selector; ok is false when the field does not exist.
func (s selector) lookup(doc any) (any, bool) {
	cur := doc
	for _, st := range s {
		if st.name != "" {
			m, isMap := cur.(map[string]any)
			if !isMap {
				return nil, false
			}
			v, found := m[st.name]
			if !found {
				return nil, false
			}
			cur = v
			continue
		}
		arr, isArr := cur.([]any)
		if !isArr || st.index < 0 || st.index >= len(arr) {
			return nil, false
		}
		cur = arr[st.index]
	}
	return cur, true
}

type valueKind int

const (
	valString valueKind = iota // may contain * wildcards
	valNumber
	valRegex
)

type value struct {
	kind valueKind
	text string // the string (unescaped), the number's text, or the regex source
	num  float64
	re   *regexp.Regexp
}

func (v value) String() string {
	switch v.kind {
	case valNumber:
		return v.text
	case valRegex:
		return "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`).Replace(v.text) + "%"
	}
	if v.text == "*" {
		return "*"
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v.text); i++ { // bytes, not runes: invalid UTF-8 must survive
		c := v.text[i]
		if c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte('"')
	return b.String()
}

// cmpNode is "selector op value".
type cmpNode struct {
	sel selector
	op  string
	val value
}

func (n *cmpNode) write(b *strings.Builder, _ int) {
	b.WriteString("(" + n.sel.String() + " " + n.op + " " + n.val.String() + ")")
}

func (n *cmpNode) eval(doc any) bool {
	field, ok := n.sel.lookup(doc)
	if !ok {
		return false
	}
	switch n.op {
	case "=":
		return equals(field, n.val)
	case "!=":
		return !equals(field, n.val)
	}
	// Ordering comparisons are numeric only.
	f, isNum := number(field)
	if !isNum || n.val.kind != valNumber {
		return false
	}
	switch n.op {
	case "<":
		return f < n.val.num
	case ">":
		return f > n.val.num
	case "<=":
		return f <= n.val.num
	case ">=":
		return f >= n.val.num
	}
	return false
}

// scalarText is the text a string comparison sees for a scalar field.
func scalarText(field any) (string, bool) {
	switch x := field.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func number(field any) (float64, bool) {
	n, ok := field.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

func equals(field any, v value) bool {
	switch v.kind {
	case valNumber:
		if f, ok := number(field); ok {
			return f == v.num
		}
		s, ok := field.(string)
		return ok && s == v.text
	case valRegex:
		s, ok := scalarText(field)
		return ok && v.re.MatchString(s)
	}
	if v.text == "*" {
		return true // any value of a present field
	}
	s, ok := scalarText(field)
	return ok && glob(v.text, s)
}

// glob matches s against p where * matches any run of characters.
func glob(p, s string) bool {
	if !strings.Contains(p, "*") {
		return p == s
	}
	parts := strings.Split(p, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}

// testNode is "selector IS NULL | IS TRUE | IS FALSE | NOT EXISTS".
type testNode struct {
	sel  selector
	test string // the keyword phrase, canonical upper case
}

func (n *testNode) write(b *strings.Builder, _ int) {
	b.WriteString("(" + n.sel.String() + " " + n.test + ")")
}

func (n *testNode) eval(doc any) bool {
	field, ok := n.sel.lookup(doc)
	switch n.test {
	case "NOT EXISTS":
		return !ok
	case "IS NULL":
		return ok && field == nil
	case "IS TRUE":
		b, isBool := field.(bool)
		return ok && isBool && b
	case "IS FALSE":
		b, isBool := field.(bool)
		return ok && isBool && !b
	}
	return false
}
