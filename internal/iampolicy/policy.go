// Package iampolicy parses IAM policy documents (identity policies, resource
// policies such as S3 bucket, KMS key, SNS/SQS and Lambda policies, and role
// trust policies) and answers the questions shoulder's checks ask of them:
// is it public, which other accounts or services can act, does it refuse
// requests sent without TLS, does it grant full administrator access.
//
// The analyses are static: they read the document and never evaluate a real
// request. Where a precise answer would need the request context, they lean
// to the answer that reports more exposure, and say so in their doc comments.
package iampolicy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// Effect is the Effect element of a statement: Allow or Deny.
type Effect string

// The two effects a statement can have.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// The policy language versions IAM accepts.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Policy is a parsed policy document.
type Policy struct {
	// Version is the policy language version, "" when the document has none.
	Version string
	// ID is the optional Id element.
	ID string
	// Statements are the statements in document order. A document whose
	// Statement element is a single object has one statement here.
	Statements []Statement
}

// Statement is one statement of a policy.
type Statement struct {
	Sid    string
	Effect Effect
	// Principal and NotPrincipal are nil when the element is absent, as it is
	// in identity policies. At most one of them is set.
	Principal    *Principal
	NotPrincipal *Principal
	// Exactly one of Action and NotAction is non-nil.
	Action    []string
	NotAction []string
	// At most one of Resource and NotResource is non-nil; both are nil in a
	// role trust policy, which has no Resource element.
	Resource    []string
	NotResource []string
	// Condition holds one entry per (operator, key) pair, sorted by operator
	// and then key so that equal documents compare equal.
	Condition []Condition
}

// Principal is the value of a Principal or NotPrincipal element.
type Principal struct {
	// All is true for the bare string form "*": everyone, including
	// anonymous callers. {"AWS":"*"} keeps "*" in AWS instead; both mean
	// everyone, see Everyone.
	All           bool
	AWS           []string
	Service       []string
	Federated     []string
	CanonicalUser []string
}

// Condition is one condition operator applied to one context key.
type Condition struct {
	// Operator as written, e.g. "StringEquals" or "ForAnyValue:StringLike".
	Operator string
	// Key is the context key as written, e.g. "aws:SourceVpce". Keys are
	// compared case-insensitively, as AWS does.
	Key string
	// Values are the condition values as strings: JSON booleans become
	// "true"/"false" and numbers keep their literal text. Multiple values are
	// ORed (NORed for negated operators).
	Values []string
}

// Everyone reports whether the principal covers every caller: the bare "*"
// or "*" among the AWS values. A nil principal covers no one.
func (p *Principal) Everyone() bool {
	if p == nil {
		return false
	}
	if p.All {
		return true
	}
	for _, v := range p.AWS {
		if v == "*" {
			return true
		}
	}
	return false
}

// AppliesToEveryone reports whether the statement applies to every caller:
// its Principal is everyone, or it uses NotPrincipal with Allow (which grants
// to everyone except the listed principals, anonymous callers included).
// A Deny with NotPrincipal is not "everyone": it exempts the listed
// principals. An Allow with NotPrincipal "*" (or {"AWS":"*"}) exempts
// everyone, so it grants to no one (IAM JSON policy elements: NotPrincipal).
func (s *Statement) AppliesToEveryone() bool {
	if s.Principal.Everyone() {
		return true
	}
	return s.Effect == Allow && s.NotPrincipal != nil && !s.NotPrincipal.Everyone()
}

// CoversAction reports whether the statement's Action (or NotAction) element
// applies to action. Matching is case-insensitive and honours the * and ?
// wildcards; if action itself holds wildcards, every action it matches must
// be covered.
func (s *Statement) CoversAction(action string) bool {
	if s.NotAction != nil {
		for _, p := range s.NotAction {
			if actionsIntersect(p, action) {
				return false
			}
		}
		return true
	}
	for _, p := range s.Action {
		if MatchAction(p, action) {
			return true
		}
	}
	return false
}

// CoversResource reports whether the statement's Resource (or NotResource)
// element applies to resource. ARN matching is case-sensitive, as in AWS. A
// statement without either element (a trust policy) covers any resource: the
// resource is implicitly the one the policy is attached to.
func (s *Statement) CoversResource(resource string) bool {
	switch {
	case s.NotResource != nil:
		for _, p := range s.NotResource {
			if globIntersects(p, resource) {
				return false
			}
		}
		return true
	case s.Resource != nil:
		for _, p := range s.Resource {
			if globCovers(p, resource) {
				return true
			}
		}
		return false
	default:
		return true
	}
}

// Conditions returns the statement's conditions on key, compared
// case-insensitively, in the statement's order.
func (s *Statement) Conditions(key string) []Condition {
	var out []Condition
	for _, c := range s.Condition {
		if strings.EqualFold(c.Key, key) {
			out = append(out, c)
		}
	}
	return out
}

// Parse parses a policy document. It accepts the URL-encoded form that IAM's
// GetAccountAuthorizationDetails and GetPolicyVersion return (a document
// starting with %7B). Errors name the statement (counting from 1) and the
// element that is wrong.
func Parse(doc string) (*Policy, error) {
	doc = strings.TrimSpace(strings.TrimPrefix(doc, "\ufeff"))
	if len(doc) >= 3 && strings.EqualFold(doc[:3], "%7B") {
		// PathUnescape, not QueryUnescape: IAM percent-encodes per RFC 3986,
		// so a literal "+" in the JSON stays "+" (it would arrive as %2B if
		// it were data) and must not become a space.
		dec, err := url.PathUnescape(doc)
		if err != nil {
			return nil, fmt.Errorf("iampolicy: URL-decoding policy document: %w", err)
		}
		doc = strings.TrimSpace(dec)
	}
	if doc == "" {
		return nil, errors.New("iampolicy: empty policy document")
	}
	p := new(Policy)
	if err := p.parseJSON([]byte(doc)); err != nil {
		return nil, err
	}
	return p, nil
}

// UnmarshalJSON decodes a policy from JSON: either the policy object itself
// or a JSON string holding the document (plain or URL-encoded), which is how
// AWS APIs return it. It applies the same validation as Parse. A JSON null
// leaves p unchanged, as encoding/json expects.
func (p *Policy) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("iampolicy: %w", err)
		}
		q, err := Parse(s)
		if err != nil {
			return err
		}
		*p = *q
		return nil
	}
	var q Policy
	if err := q.parseJSON(data); err != nil {
		return err
	}
	*p = q
	return nil
}

// parseJSON fills p from a JSON policy object.
func (p *Policy) parseJSON(data []byte) error {
	if err := rejectDuplicateKeys(data); err != nil {
		return fmt.Errorf("iampolicy: %w", err)
	}
	var top map[string]json.RawMessage
	if err := decodeJSON(data, &top); err != nil {
		return fmt.Errorf("iampolicy: policy is not a JSON object: %w", err)
	}
	if top == nil {
		return errors.New("iampolicy: policy is null")
	}
	elems, err := canonicalKeys(top, []string{"Version", "Id", "Statement"})
	if err != nil {
		return fmt.Errorf("iampolicy: %w", err)
	}
	if raw, ok := elems["Version"]; ok {
		if err := decodeJSON(raw, &p.Version); err != nil {
			return fmt.Errorf("iampolicy: Version is not a string")
		}
		if p.Version != Version2012 && p.Version != Version2008 {
			return fmt.Errorf("iampolicy: Version %q is not %s or %s", p.Version, Version2012, Version2008)
		}
	}
	if raw, ok := elems["Id"]; ok {
		if err := decodeJSON(raw, &p.ID); err != nil {
			return fmt.Errorf("iampolicy: Id is not a string")
		}
	}
	raw, ok := elems["Statement"]
	if !ok {
		return errors.New("iampolicy: policy has no Statement element")
	}
	var stmts []json.RawMessage
	switch firstByte(raw) {
	case '[':
		if err := decodeJSON(raw, &stmts); err != nil {
			return fmt.Errorf("iampolicy: Statement: %w", err)
		}
	case '{':
		stmts = []json.RawMessage{raw}
	default:
		return errors.New("iampolicy: Statement is neither an object nor a list of objects")
	}
	p.Statements = make([]Statement, 0, len(stmts))
	for i, r := range stmts {
		s, err := parseStatement(r)
		if err != nil {
			return fmt.Errorf("iampolicy: statement %d: %w", i+1, err)
		}
		p.Statements = append(p.Statements, s)
	}
	return nil
}

func parseStatement(raw json.RawMessage) (Statement, error) {
	var s Statement
	var obj map[string]json.RawMessage
	if firstByte(raw) != '{' {
		return s, errors.New("is not a JSON object")
	}
	if err := decodeJSON(raw, &obj); err != nil {
		return s, err
	}
	el, err := canonicalKeys(obj, []string{"Sid", "Effect", "Principal", "NotPrincipal",
		"Action", "NotAction", "Resource", "NotResource", "Condition"})
	if err != nil {
		return s, err
	}
	if r, ok := el["Sid"]; ok {
		if err := decodeJSON(r, &s.Sid); err != nil {
			return s, errors.New("Sid is not a string")
		}
	}
	r, ok := el["Effect"]
	if !ok {
		return s, errors.New("has no Effect")
	}
	var eff string
	if err := decodeJSON(r, &eff); err != nil {
		return s, errors.New("Effect is not a string")
	}
	// AWS documents the values as Allow and Deny; we accept any letter case
	// but nothing else (no padding), so a typo cannot flip the meaning.
	switch {
	case strings.EqualFold(eff, "Allow"):
		s.Effect = Allow
	case strings.EqualFold(eff, "Deny"):
		s.Effect = Deny
	default:
		return s, fmt.Errorf("Effect %q is not Allow or Deny", eff)
	}
	if r, ok := el["Principal"]; ok {
		if s.Principal, err = parsePrincipal(r); err != nil {
			return s, fmt.Errorf("Principal: %w", err)
		}
	}
	if r, ok := el["NotPrincipal"]; ok {
		if s.Principal != nil {
			return s, errors.New("has both Principal and NotPrincipal")
		}
		if s.NotPrincipal, err = parsePrincipal(r); err != nil {
			return s, fmt.Errorf("NotPrincipal: %w", err)
		}
	}
	for _, f := range []struct {
		name string
		dst  *[]string
	}{
		{"Action", &s.Action}, {"NotAction", &s.NotAction},
		{"Resource", &s.Resource}, {"NotResource", &s.NotResource},
	} {
		r, ok := el[f.name]
		if !ok {
			continue
		}
		v, err := stringOrList(r)
		if err != nil {
			return s, fmt.Errorf("%s: %w", f.name, err)
		}
		if len(v) == 0 {
			return s, fmt.Errorf("%s is empty", f.name)
		}
		*f.dst = v
	}
	switch {
	case s.Action != nil && s.NotAction != nil:
		return s, errors.New("has both Action and NotAction")
	case s.Action == nil && s.NotAction == nil:
		return s, errors.New("has neither Action nor NotAction")
	case s.Resource != nil && s.NotResource != nil:
		return s, errors.New("has both Resource and NotResource")
	}
	if r, ok := el["Condition"]; ok {
		if s.Condition, err = parseConditions(r); err != nil {
			return s, fmt.Errorf("Condition: %w", err)
		}
	}
	return s, nil
}

func parsePrincipal(raw json.RawMessage) (*Principal, error) {
	switch firstByte(raw) {
	case '"':
		var v string
		if err := decodeJSON(raw, &v); err != nil {
			return nil, err
		}
		if v != "*" {
			return nil, fmt.Errorf("string value %q is not \"*\" (use a map such as {\"AWS\": ...})", v)
		}
		return &Principal{All: true}, nil
	case '{':
	default:
		return nil, errors.New(`is neither "*" nor a map`)
	}
	var obj map[string]json.RawMessage
	if err := decodeJSON(raw, &obj); err != nil {
		return nil, err
	}
	el, err := canonicalKeys(obj, []string{"AWS", "Service", "Federated", "CanonicalUser"})
	if err != nil {
		return nil, err
	}
	if len(el) == 0 {
		return nil, errors.New("is an empty map")
	}
	p := new(Principal)
	for _, f := range []struct {
		name string
		dst  *[]string
	}{
		{"AWS", &p.AWS}, {"Service", &p.Service},
		{"Federated", &p.Federated}, {"CanonicalUser", &p.CanonicalUser},
	} {
		r, ok := el[f.name]
		if !ok {
			continue
		}
		v, err := stringOrList(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if len(v) == 0 {
			return nil, fmt.Errorf("%s is empty", f.name)
		}
		*f.dst = v
	}
	return p, nil
}

func parseConditions(raw json.RawMessage) ([]Condition, error) {
	if firstByte(raw) != '{' {
		return nil, errors.New("is not a map of operator to {key: value}")
	}
	var ops map[string]json.RawMessage
	if err := decodeJSON(raw, &ops); err != nil {
		return nil, err
	}
	var out []Condition
	for op, body := range ops {
		if op == "" {
			return nil, errors.New("empty operator name")
		}
		if firstByte(body) != '{' {
			return nil, fmt.Errorf("%s: is not a map of key to value", op)
		}
		var keys map[string]json.RawMessage
		if err := decodeJSON(body, &keys); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		for k, v := range keys {
			if k == "" {
				return nil, fmt.Errorf("%s: empty condition key", op)
			}
			vals, err := conditionValues(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op, k, err)
			}
			out = append(out, Condition{Operator: op, Key: k, Values: vals})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Operator != out[j].Operator {
			return out[i].Operator < out[j].Operator
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// conditionValues accepts a string, boolean or number, or a list of them.
func conditionValues(raw json.RawMessage) ([]string, error) {
	if firstByte(raw) == '[' {
		var list []json.RawMessage
		if err := decodeJSON(raw, &list); err != nil {
			return nil, err
		}
		out := make([]string, 0, len(list))
		for i, r := range list {
			v, err := scalar(r)
			if err != nil {
				return nil, fmt.Errorf("value %d: %w", i+1, err)
			}
			out = append(out, v)
		}
		return out, nil
	}
	v, err := scalar(raw)
	if err != nil {
		return nil, err
	}
	return []string{v}, nil
}

func scalar(raw json.RawMessage) (string, error) {
	var v any
	if err := decodeJSON(raw, &v); err != nil {
		return "", err
	}
	switch t := v.(type) {
	case string:
		return t, nil
	case bool:
		if t {
			return "true", nil
		}
		return "false", nil
	case json.Number:
		return t.String(), nil
	default:
		return "", fmt.Errorf("%s is not a string, boolean or number", describeJSON(raw))
	}
}

// stringOrList accepts "x" or ["x", "y"].
func stringOrList(raw json.RawMessage) ([]string, error) {
	switch firstByte(raw) {
	case '"':
		var s string
		if err := decodeJSON(raw, &s); err != nil {
			return nil, err
		}
		return []string{s}, nil
	case '[':
		var list []json.RawMessage
		if err := decodeJSON(raw, &list); err != nil {
			return nil, err
		}
		out := make([]string, 0, len(list))
		for i, r := range list {
			if firstByte(r) != '"' {
				return nil, fmt.Errorf("item %d is %s, not a string", i+1, describeJSON(r))
			}
			var s string
			if err := decodeJSON(r, &s); err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("is %s, not a string or a list of strings", describeJSON(raw))
	}
}

// canonicalKeys maps the keys of obj onto the known element names, matching
// case-insensitively. Unknown or repeated elements are errors: IAM rejects
// such documents, and guessing what a misspelt "Conditon" meant could turn a
// restricted grant into an unrestricted one or the reverse.
func canonicalKeys(obj map[string]json.RawMessage, known []string) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(obj))
	// Iterate in sorted order so the error for a document with several
	// problems is always the same one.
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := ""
		for _, n := range known {
			if strings.EqualFold(k, n) {
				name = n
				break
			}
		}
		if name == "" {
			return nil, fmt.Errorf("unknown element %q", k)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("element %s appears twice", name)
		}
		out[name] = obj[k]
	}
	return out, nil
}

// rejectDuplicateKeys returns an error naming the first key that appears
// twice in one JSON object anywhere in the document, e.g. two "Condition"
// elements in a statement or the same operator twice in a Condition.
//
// What the code does: such a document is rejected, so a check reading it
// answers unknown with this error. Why: encoding/json keeps the last value
// and silently drops the first, and the IAM documentation does not say
// which one AWS enforces (IAM's policy grammar defines each element once;
// tooling such as the Terraform AWS provider reports that IAM stores such
// documents and that one value silently wins). Guessing could turn a
// restricted grant into an open one, or the reverse. Elements that differ
// only in letter case ("Effect" and "effect") are rejected by canonicalKeys
// for the same reason.
func rejectDuplicateKeys(data []byte) error {
	// A single pass over the bytes: keys of the open objects are kept in
	// one flat list (sub-slices of data, so no copies unless a key holds an
	// escape), each open object remembering where its keys start. Objects
	// are small, so a linear look-up is cheaper than a map; one with many
	// keys is checked with a map so a hostile document stays linear.
	// Malformed input stops the scan quietly: the decoder reports it.
	type frame struct {
		object bool
		first  int             // index in keys of the object's first key
		set    map[string]bool // the object's keys once it has many
	}
	var stack []frame
	var keys [][]byte
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{':
			stack = append(stack, frame{object: true, first: len(keys)})
			expectKey = true
		case '[':
			stack = append(stack, frame{})
			expectKey = false
		case '}', ']':
			if len(stack) == 0 {
				return nil
			}
			top := stack[len(stack)-1]
			if top.object {
				keys = keys[:top.first]
			}
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case ':':
			expectKey = false
		case '"':
			j, escaped := i+1, false
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					escaped = true
					j++
				}
				j++
			}
			if j >= len(data) {
				return nil
			}
			if expectKey && len(stack) > 0 && stack[len(stack)-1].object {
				key := data[i+1 : j]
				// encoding/json decodes escapes and turns invalid UTF-8
				// into U+FFFD, so "\u0045ffect" is "Effect" and two
				// different invalid bytes can name the same element: compare
				// keys as it will see them.
				if escaped || !utf8.Valid(key) {
					var k string
					if json.Unmarshal(data[i:j+1], &k) != nil {
						return nil
					}
					key = []byte(k)
				}
				top := &stack[len(stack)-1]
				own := keys[top.first:]
				dup := false
				switch {
				case top.set != nil:
					dup = top.set[string(key)]
					top.set[string(key)] = true
				case len(own) >= 32:
					top.set = make(map[string]bool, 2*len(own))
					for _, k := range own {
						top.set[string(k)] = true
					}
					dup = top.set[string(key)]
					top.set[string(key)] = true
				default:
					for _, k := range own {
						if bytes.Equal(k, key) {
							dup = true
							break
						}
					}
				}
				if dup {
					return fmt.Errorf("duplicate JSON key %q in one object: the document is ambiguous (which value AWS enforces is not documented)", key)
				}
				keys = append(keys, key)
			}
			expectKey = false
			i = j
		}
	}
	return nil
}

func decodeJSON(data []byte, v any) error {
	// json.Unmarshal succeeds exactly when the Decoder below would (one
	// value, nothing after it) and then decodes the same value; only a
	// generic value needs UseNumber. It is tried first because it costs a
	// fraction of the Decoder's allocations (no reader, no growing
	// buffer), and policies are parsed for every resource. On failure the
	// Decoder runs, so the error is the one it has always been.
	if _, generic := v.(*any); !generic {
		if err := json.Unmarshal(data, v); err == nil {
			return nil
		}
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func firstByte(raw []byte) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

func describeJSON(raw []byte) string {
	switch firstByte(raw) {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// MarshalJSON encodes the policy in IAM's JSON form. Statement is always a
// list, single values are written as lists and condition values as strings;
// Parse of the output yields a Policy equal to p. It has a value receiver so
// that a Policy held by value in another struct marshals the same way.
func (p Policy) MarshalJSON() ([]byte, error) {
	type stmtJSON struct {
		Sid          string                         `json:"Sid,omitempty"`
		Effect       Effect                         `json:"Effect"`
		Principal    any                            `json:"Principal,omitempty"`
		NotPrincipal any                            `json:"NotPrincipal,omitempty"`
		Action       []string                       `json:"Action,omitempty"`
		NotAction    []string                       `json:"NotAction,omitempty"`
		Resource     []string                       `json:"Resource,omitempty"`
		NotResource  []string                       `json:"NotResource,omitempty"`
		Condition    map[string]map[string][]string `json:"Condition,omitempty"`
	}
	type policyJSON struct {
		Version   string     `json:"Version,omitempty"`
		ID        string     `json:"Id,omitempty"`
		Statement []stmtJSON `json:"Statement"`
	}
	out := policyJSON{Version: p.Version, ID: p.ID, Statement: make([]stmtJSON, 0, len(p.Statements))}
	for _, s := range p.Statements {
		j := stmtJSON{
			Sid: s.Sid, Effect: s.Effect,
			Action: s.Action, NotAction: s.NotAction,
			Resource: s.Resource, NotResource: s.NotResource,
		}
		if s.Principal != nil {
			j.Principal = s.Principal.jsonValue()
		}
		if s.NotPrincipal != nil {
			j.NotPrincipal = s.NotPrincipal.jsonValue()
		}
		if len(s.Condition) > 0 {
			j.Condition = make(map[string]map[string][]string)
			for _, c := range s.Condition {
				if j.Condition[c.Operator] == nil {
					j.Condition[c.Operator] = make(map[string][]string)
				}
				vals := c.Values
				if vals == nil {
					vals = []string{}
				}
				j.Condition[c.Operator][c.Key] = vals
			}
		}
		out.Statement = append(out.Statement, j)
	}
	return json.Marshal(out)
}

func (p *Principal) jsonValue() any {
	if p.All {
		return "*"
	}
	m := make(map[string][]string)
	if p.AWS != nil {
		m["AWS"] = p.AWS
	}
	if p.Service != nil {
		m["Service"] = p.Service
	}
	if p.Federated != nil {
		m["Federated"] = p.Federated
	}
	if p.CanonicalUser != nil {
		m["CanonicalUser"] = p.CanonicalUser
	}
	return m
}
