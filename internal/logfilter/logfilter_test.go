package logfilter

import (
	"errors"
	"strings"
	"testing"
)

const consoleLoginNoMFA = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::111122223333:user/ann","accountId":"111122223333","userName":"ann"},"eventTime":"2026-11-01T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No","MFAUsed":"No"},"eventType":"AwsConsoleSignIn","latencyMs":42,"tags":["a","b"],"readOnly":false}`

func ev(t *testing.T, s string) *Event {
	t.Helper()
	e := NewEvent(s)
	if !e.isObject {
		t.Fatalf("test event is not a JSON object: %s", s)
	}
	return e
}

func TestMatchJSON(t *testing.T) {
	e := ev(t, consoleLoginNoMFA)
	cases := []struct {
		pattern string
		want    bool
	}{
		{`{ $.eventName = ConsoleLogin }`, true},
		{`{ $.eventName = "ConsoleLogin" }`, true},
		{`{$.eventName="ConsoleLogin"}`, true},
		{`{ $.eventName = "consolelogin" }`, false}, // case-sensitive
		{`{ $.eventName = Console* }`, true},
		{`{ $.eventName = *Login }`, true},
		{`{ $.eventName = C*L*n }`, true},
		{`{ $.eventName = *nope* }`, false},
		{`{ $.eventName = * }`, true},
		{`{ $.missing = * }`, false},
		{`{ $.eventName != "ConsoleLogin" }`, false},
		{`{ $.eventName != "CreateTrail" }`, true},
		{`{ $.missing != "x" }`, false}, // a comparison on an absent field is false
		{`{ $.missing NOT EXISTS }`, true},
		{`{ $.eventName NOT EXISTS }`, false},
		{`{ $.requestParameters IS NULL }`, true},
		{`{ $.eventName IS NULL }`, false},
		{`{ $.readOnly IS FALSE }`, true},
		{`{ $.readOnly IS TRUE }`, false},
		{`{ $.readOnly is false }`, true}, // keywords are case-insensitive
		{`{ $.additionalEventData.MFAUsed != "Yes" }`, true},
		{`{ $.userIdentity.type = IAMUser && $.userIdentity.userName = ann }`, true},
		{`{ $.tags[1] = b }`, true},
		{`{ $.tags[2] = b }`, false},
		{`{ $.tags[0] NOT EXISTS }`, false},
		{`{ $.latencyMs > 40 }`, true},
		{`{ $.latencyMs >= 42 && $.latencyMs <= 42 }`, true},
		{`{ $.latencyMs < 42 }`, false},
		{`{ $.latencyMs = 42 }`, true},
		{`{ $.latencyMs = 42.0 }`, true},
		{`{ $.latencyMs != 42 }`, false},
		{`{ $.eventName > 1 }`, false}, // ordering is numeric only
		{`{ $.sourceIPAddress = 198.51.* }`, true},
		{`{ $.sourceIPAddress != 10.* }`, true},
		{`{ $.eventName = %^Console% }`, true},
		{`{ $.eventName = %Log[io]n$% }`, true},
		{`{ $.eventName = %^Login% }`, false},
		// precedence: && binds tighter than ||
		{`{ $.eventName = X || $.eventName = ConsoleLogin && $.eventType = AwsConsoleSignIn }`, true},
		{`{ $.eventName = ConsoleLogin || $.eventName = X && $.eventType = nope }`, true},
		{`{ ($.eventName = ConsoleLogin || $.eventName = X) && $.eventType = nope }`, false},
		{`{ ((($.eventName = ConsoleLogin))) }`, true},
		{`{ $.userIdentity = * }`, true},
		{`{ $.userIdentity = "x" }`, false}, // an object is not a string
		{`{ $.userIdentity != "x" }`, true},
	}
	for _, c := range cases {
		f, err := Parse(c.pattern)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.pattern, err)
			continue
		}
		if got := f.Match(e); got != c.want {
			t.Errorf("%s on ConsoleLogin = %v, want %v (canonical %s)", c.pattern, got, c.want, f)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, p := range []string{
		`{`, `{ }`, `{ $.a = }`, `{ $.a }`, `{ a = b }`, `{ $ = b }`, `{ $. = b }`,
		`{ $.a = b`, `{ $.a = b } x`, `{ ($.a = b }`, `{ $.a = b) }`, `{ $.a = "b }`,
		`{ $.a = b && }`, `{ || $.a = b }`, `{ $.a > x }`, `{ $.a[x] = 1 }`, `{ $.a[1 = 1 }`,
		`{ $.a = %[% }`, `{ $.a = b c }`, `"unterminated`, `?`, `- x`, `%(%`, `""`,
		`{ $.a = b & $.c = d }`,
		"{ " + strings.Repeat("(", 100) + "$.a = b" + strings.Repeat(")", 100) + " }",
	} {
		f, err := Parse(p)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want an error", p, f)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error %v is not a *SyntaxError", p, err)
		}
	}
	if _, err := Parse(`[ip, user, ...]`); !errors.Is(err, ErrUnsupported) {
		t.Errorf("space-delimited pattern: err = %v, want ErrUnsupported", err)
	}
}

func TestTerms(t *testing.T) {
	msg := NewEvent(`2026-11-01 ERROR [main] Failed authentication for user bob`)
	cases := []struct {
		pattern string
		want    bool
	}{
		{``, true},
		{`   `, true},
		{`ERROR`, true},
		{`error`, false},
		{`ERROR main`, true},
		{`ERROR WARN`, false},
		{`"Failed authentication"`, true},
		{`"authentication Failed"`, false},
		{`?WARN ?ERROR`, true},
		{`?WARN ?FATAL`, false},
		{`ERROR -bob`, false},
		{`ERROR -alice`, true},
		{`%user [a-z]+$%`, true},
		{`%^WARN%`, false},
	}
	for _, c := range cases {
		f, err := Parse(c.pattern)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.pattern, err)
			continue
		}
		if got := f.Match(msg); got != c.want {
			t.Errorf("%q = %v, want %v", c.pattern, got, c.want)
		}
		if f.IsJSON() {
			t.Errorf("%q reported as JSON", c.pattern)
		}
	}
	// Term patterns also match the raw text of JSON events.
	f, _ := Parse(`"ConsoleLogin" "\"MFAUsed\":\"No\""`)
	if !f.Match(NewEvent(consoleLoginNoMFA)) {
		t.Error("term pattern did not match the JSON event's text")
	}
}

func TestJSONPatternNeedsJSONEvent(t *testing.T) {
	f, err := Parse(`{ $.a = * }`)
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{`not json`, `[{"a":1}]`, `{"a":1} trailing`, `"a"`, ``} {
		if f.Match(NewEvent(msg)) {
			t.Errorf("JSON pattern matched non-object message %q", msg)
		}
	}
	if !f.Match(NewEvent(`{"a":1}`)) {
		t.Error("JSON pattern did not match an object")
	}
	var nilF *Filter
	if nilF.Match(NewEvent(`{"a":1}`)) || f.Match(nil) {
		t.Error("nil filter or event matched")
	}
}

func TestCanonicalRoundTrip(t *testing.T) {
	for _, p := range []string{
		`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) }`,
		`{ $.a = "q\"uote" && $.b = "back\\slash" || $.c NOT EXISTS }`,
		`{ $.a = %\d+\%x% }`,
		`{ $.n = -1.5e3 && $.s = "5" && $.w = * }`,
		`{ (($.a = 1 || $.b = 2) && ($.c = 3 || $.d = 4)) }`,
		`ERROR ?"two words" -x %re\d%`,
	} {
		f, err := Parse(p)
		if err != nil {
			t.Fatalf("Parse(%q): %v", p, err)
		}
		g, err := Parse(f.String())
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", f.String(), p, err)
		}
		if g.String() != f.String() {
			t.Errorf("canonical form not stable: %q -> %q", f.String(), g.String())
		}
	}
	f, _ := Parse(`{ $.a = 1 || ($.b = 2 || $.c = 3) }`)
	if got, want := f.String(), `{ ($.a = 1) || ($.b = 2) || ($.c = 3) }`; got != want {
		t.Errorf("nested ors not flattened: %s, want %s", got, want)
	}
	f, _ = Parse(`{ ($.a = 1 || $.b = 2) && $.c = 3 }`)
	if got, want := f.String(), `{ (($.a = 1) || ($.b = 2)) && ($.c = 3) }`; got != want {
		t.Errorf("grouping lost: %s, want %s", got, want)
	}
}

func TestEventFromMap(t *testing.T) {
	e, err := EventFromMap(map[string]any{"eventName": "A<B", "n": 3})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Parse(`{ $.eventName = "A<B" && $.n = 3 }`)
	if !f.Match(e) {
		t.Errorf("event from map did not match: %s", e.raw)
	}
	if _, err := EventFromMap(map[string]any{"bad": make(chan int)}); err == nil {
		t.Error("unencodable map accepted")
	}
}

func TestGlob(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"", "", true}, {"a", "a", true}, {"a", "b", false}, {"*", "", true}, {"a*", "a", true},
		{"*a", "ba", true}, {"a*a", "a", false}, {"a*a", "aa", true}, {"**", "x", true},
		{"a*b*c", "aXbYc", true}, {"a*b*c", "acb", false}, {"*ab*", "xxabyy", true},
	}
	for _, c := range cases {
		if got := glob(c.p, c.s); got != c.want {
			t.Errorf("glob(%q,%q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{ ($.eventName = CreateTrail) || ($.errorCode = "*UnauthorizedOperation") && $.x NOT EXISTS }`,
		`{ $.a[0].b >= 1.5 || $.c IS NULL }`, `ERROR ?WARN -x`, `{ $.a = %re% }`, ``, `[a, b]`,
		`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
	} {
		f.Add(s, consoleLoginNoMFA)
	}
	f.Fuzz(func(t *testing.T, pattern, message string) {
		flt, err := Parse(pattern)
		e := NewEvent(message)
		if err != nil {
			return
		}
		got := flt.Match(e)
		canon := flt.String()
		again, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", canon, pattern, err)
		}
		if again.String() != canon {
			t.Fatalf("canonical form unstable: %q -> %q", canon, again.String())
		}
		if again.Match(e) != got {
			t.Fatalf("canonical form %q matches %q differently from %q", canon, message, pattern)
		}
	})
}
