package iampolicy

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInvariants asserts properties that must hold for every parsed policy.
func checkInvariants(t *testing.T, p *Policy) {
	t.Helper()

	// Marshal and Parse are inverses on parsed policies, and Marshal is
	// deterministic.
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	q, err := Parse(string(b))
	if err != nil {
		t.Fatalf("Parse(Marshal(p)) failed: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("Parse(Marshal(p)) differs:\n p=%#v\n q=%#v\n json=%s", p, q, b)
	}
	if b2, _ := q.MarshalJSON(); !bytes.Equal(b, b2) {
		t.Fatalf("Marshal not stable:\n%s\n%s", b, b2)
	}

	e := Exposure(p, testOpts)
	if e.Public != IsPublic(p, testOpts) {
		t.Fatalf("IsPublic disagrees with Exposure")
	}
	anyPublic := false
	for _, g := range e.Grants {
		if g.Public != (len(g.Restrictions) == 0 && !g.Denied) {
			t.Fatalf("grant %d: Public=%v with %d restrictions, denied=%v", g.Statement, g.Public, len(g.Restrictions), g.Denied)
		}
		s := p.Statements[g.Statement]
		if s.Effect != Allow || !s.AppliesToEveryone() {
			t.Fatalf("grant %d is not an Allow to everyone", g.Statement)
		}
		for _, r := range g.Restrictions {
			if r.Statement < 0 || r.Statement >= len(p.Statements) {
				t.Fatalf("restriction statement %d out of range", r.Statement)
			}
		}
		anyPublic = anyPublic || g.Public
	}
	if anyPublic != e.Public {
		t.Fatalf("Public=%v but grants say %v", e.Public, anyPublic)
	}

	allows := 0
	for _, s := range p.Statements {
		if s.Effect == Allow {
			allows++
		}
	}
	ext := ExternalAccounts(p, testOpts)
	if allows == 0 {
		// Without an Allow nothing is granted to anyone.
		if e.Public || len(e.Grants) > 0 || len(ext) > 0 || IsAdmin(p) ||
			AllowsActions(p, "s3:GetObject", "kms:Decrypt", "*") || AllowsOnAllResources(p, "kms:Decrypt") ||
			AllowsServiceWildcard(p, "kms") || Grants(p, MatchEveryone(), "s3:GetObject") {
			t.Fatalf("policy without Allow grants something: public=%v ext=%v", e.Public, ext)
		}
	}
	if e.Public {
		found := false
		for _, a := range ext {
			if a.Kind == KindAccount && a.Account == "*" {
				found = true
			}
		}
		if !found {
			t.Fatalf("public policy but ExternalAccounts has no \"*\" entry: %+v", ext)
		}
	}
	for _, a := range ext {
		if a.Kind == KindAccount && a.Account == testOpts.OwnAccount {
			t.Fatalf("own account reported as external")
		}
		if a.Statement < 0 || a.Statement >= len(p.Statements) || p.Statements[a.Statement].Effect != Allow {
			t.Fatalf("access from statement %d that is not an Allow", a.Statement)
		}
	}

	// Deny statements only take access away: without them the policy is at
	// least as public and grants at least as much.
	noDeny := &Policy{Version: p.Version, ID: p.ID}
	for _, s := range p.Statements {
		if s.Effect == Allow {
			noDeny.Statements = append(noDeny.Statements, s)
		}
	}
	if e.Public && !IsPublic(noDeny, testOpts) {
		t.Fatalf("removing Deny statements made the policy private")
	}
	for _, a := range []string{"s3:GetObject", "kms:Decrypt", "iam:PassRole"} {
		if AllowsActions(p, a) && !AllowsActions(noDeny, a) {
			t.Fatalf("removing Deny statements took %s away", a)
		}
		if AllowsOnAllResources(p, a) && !AllowsActions(p, a) {
			t.Fatalf("%s allowed on all resources but not at all", a)
		}
	}
	if IsAdmin(p) && !IsAdmin(noDeny) {
		t.Fatalf("IsAdmin depends on Deny statements")
	}
	// The FSBP IAM.1 shape, an unconditional Allow "*" on "*", is always admin.
	for _, s := range noDeny.Statements {
		if len(s.Condition) == 0 && s.CoversAction("*") && s.CoversResource("*") && s.Resource != nil && !IsAdmin(p) {
			t.Fatalf("unconditional Allow * on * is not admin")
		}
	}

	// A Deny covering every action covers every service.
	if DeniesInsecureTransport(p, "") && !DeniesInsecureTransport(p, "s3") {
		t.Fatalf("TLS deny for all actions does not cover s3")
	}
	_ = MinTLSVersion(p)
}

// seedDocs are the documents of the table tests and of
// testdata/shapes.json plus a few odd shapes.
func seedDocs() []string {
	var out []string
	if data, err := os.ReadFile("testdata/shapes.json"); err == nil {
		var f struct {
			Shapes []shape `json:"shapes"`
		}
		if json.Unmarshal(data, &f) == nil {
			for _, s := range f.Shapes {
				raw := bytes.TrimSpace(s.Doc)
				var doc string
				if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &doc) == nil {
					out = append(out, doc)
				} else {
					out = append(out, string(raw))
				}
			}
		}
	}
	for _, c := range policyCases {
		out = append(out, c.doc)
	}
	for _, c := range malformedCases {
		out = append(out, c.doc)
	}
	out = append(out,
		`{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"NotAction":"iam:*","NotResource":"*","Condition":{"Bool":{"aws:SecureTransport":["false","true"]}}}}`,
		`{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"?*?","Resource":"*?"}]}`,
		`%7B%22Statement%22%3A%5B%5D%7D`,
		"\ufeff{\"Statement\":[]}",
	)
	return out
}

// FuzzParse feeds arbitrary documents to Parse. It must never panic, and
// every document it accepts must satisfy checkInvariants.
func FuzzParse(f *testing.F) {
	for _, d := range seedDocs() {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		// The byte scanner that rejects repeated keys agrees with a
		// reference built on encoding/json's tokenizer on every valid
		// JSON text.
		if json.Valid([]byte(doc)) {
			if got, want := rejectDuplicateKeys([]byte(doc)) != nil, tokenDuplicateKeys([]byte(doc)); got != want {
				t.Fatalf("duplicate keys: scanner %v, reference %v", got, want)
			}
		}
		p, err := Parse(doc)
		if err != nil {
			if p != nil {
				t.Fatalf("Parse returned a policy and an error")
			}
			if err.Error() == "" {
				t.Fatalf("empty error message")
			}
			return
		}
		checkInvariants(t, p)
		// The URL-encoded form IAM returns parses to the same policy.
		if strings.HasPrefix(doc, "{") {
			q, err := Parse(url.PathEscape(doc))
			if err != nil || !reflect.DeepEqual(p, q) {
				t.Fatalf("URL-encoded form differs: err=%v", err)
			}
		}
	})
}

// tokenDuplicateKeys is the reference for rejectDuplicateKeys: whether some
// object of a valid JSON text repeats a key, found with json.Decoder.Token.
func tokenDuplicateKeys(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object  bool
		keys    map[string]bool
		wantKey bool
	}
	var stack []frame
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		top := len(stack) - 1
		valueDone := func() {
			if top >= 0 && stack[top].object {
				stack[top].wantKey = true
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, keys: map[string]bool{}, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:top]
				if top > 0 && stack[top-1].object {
					stack[top-1].wantKey = true
				}
			}
		case string:
			if top >= 0 && stack[top].object && stack[top].wantKey {
				if stack[top].keys[t] {
					return true
				}
				stack[top].keys[t] = true
				stack[top].wantKey = false
				continue
			}
			valueDone()
		default:
			valueDone()
		}
	}
}

// FuzzAnalyse builds a policy from fuzzed fragments placed into realistic
// statement templates, so that the analyses (rather than the JSON parser)
// see unusual actions, principals, condition operators, keys and values.
func FuzzAnalyse(f *testing.F) {
	f.Add("Allow", "*", "s3:GetObject", "*", "StringEquals", "aws:SourceVpce", "vpce-1234", "Deny", "s3:*")
	f.Add("Allow", "222233334444", "kms:*", "*", "StringEquals", "kms:CallerAccount", "111122223333", "Deny", "kms:Decrypt")
	f.Add("Allow", "*", "*", "*", "IpAddress", "aws:SourceIp", "0.0.0.0/0", "Deny", "*")
	f.Add("Deny", "*", "s3:*", "arn:aws:s3:::b/*", "Bool", "aws:SecureTransport", "false", "Allow", "s3:Get*")
	f.Add("Allow", "arn:aws-cn:iam::222233334444:role/x", "sts:AssumeRole", "*", "StringNotEqualsIfExists", "aws:PrincipalOrgID", "o-x", "Deny", "sts:*")
	f.Add("allow", "*", "s3:Get?bject", "*", "ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-a/*", "deny", "*")
	f.Add("Allow", "*", "lambda:*", "*", "ArnLike", "aws:SourceArn", "arn:aws:s3:::*", "Deny", "lambda:Invoke*")
	f.Fuzz(func(t *testing.T, effect, principal, action, resource, operator, key, value, effect2, action2 string) {
		q := func(s string) string { // JSON string literal
			var b strings.Builder
			b.WriteByte('"')
			for _, r := range s {
				switch {
				case r == '"' || r == '\\':
					b.WriteByte('\\')
					b.WriteRune(r)
				case r < 0x20:
					b.WriteString(`\u00`)
					b.WriteByte("0123456789abcdef"[r>>4])
					b.WriteByte("0123456789abcdef"[r&15])
				default:
					b.WriteRune(r)
				}
			}
			b.WriteByte('"')
			return b.String()
		}
		prin := `{"AWS":` + q(principal) + `}`
		if principal == "*" {
			prin = `"*"`
		}
		doc := `{"Version":"2012-10-17","Statement":[` +
			`{"Effect":` + q(effect) + `,"Principal":` + prin + `,"Action":` + q(action) + `,"Resource":` + q(resource) +
			`,"Condition":{` + q(operator) + `:{` + q(key) + `:` + q(value) + `}}},` +
			`{"Effect":` + q(effect2) + `,"Principal":"*","Action":[` + q(action2) + `],"Resource":"*"` +
			`,"Condition":{"StringNotEquals":{` + q(key) + `:[` + q(value) + `]}}},` +
			`{"Effect":` + q(effect2) + `,"NotPrincipal":` + prin + `,"NotAction":` + q(action) + `}` +
			`]}`
		p, err := Parse(doc)
		if err != nil {
			return // e.g. an Effect that is neither Allow nor Deny
		}
		checkInvariants(t, p)
		for _, m := range []PrincipalMatcher{nil, MatchEveryone(), MatchAccount(principal), MatchService(principal)} {
			_ = Grants(p, m, action2)
		}
		// A statement always covers its own actions.
		s := p.Statements[0]
		if !s.CoversAction(action) {
			t.Fatalf("statement does not cover its own action %q", action)
		}
		if !s.CoversResource(resource) {
			t.Fatalf("statement does not cover its own resource %q", resource)
		}
	})
}

// FuzzMatch checks the wildcard algebra: a pattern covers itself, covering
// is consistent with matching concrete names, and covering implies
// intersecting.
func FuzzMatch(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject", "x")
	f.Add("*", "*:*", "")
	f.Add("?*", "*?", "ab")
	f.Add("kms:*crypt*", "kms:Re?ncrypt*", "E")
	f.Fuzz(func(t *testing.T, p, q, fill string) {
		if len(p) > 200 || len(q) > 200 || len(fill) > 20 {
			return
		}
		// Names are compared as UTF-8 text (policy JSON is UTF-8). Splicing
		// invalid byte sequences together can form new characters, so the
		// instance checks below only make sense for valid text.
		if !utf8.ValidString(p) || !utf8.ValidString(q) || !utf8.ValidString(fill) {
			return
		}
		if !MatchAction(p, p) || !globCovers(p, p) {
			t.Fatalf("%q does not cover itself", p)
		}
		// inst is one concrete name that q matches.
		inst := strings.NewReplacer("*", fill, "?", "x").Replace(q)
		if strings.ContainsAny(fill, "*?") {
			return
		}
		if !globCovers(q, inst) {
			t.Fatalf("%q does not match its instance %q", q, inst)
		}
		if globCovers(p, q) && !globCovers(p, inst) {
			t.Fatalf("%q covers %q but not its instance %q", p, q, inst)
		}
		if globCovers(p, q) && !globIntersects(p, q) {
			t.Fatalf("%q covers %q but they do not intersect", p, q)
		}
		if globCovers(p, inst) != globIntersects(p, inst) {
			t.Fatalf("cover and intersect disagree on concrete %q vs %q", p, inst)
		}
		if globIntersects(p, q) != globIntersects(q, p) {
			t.Fatalf("intersection not symmetric for %q, %q", p, q)
		}
	})
}
