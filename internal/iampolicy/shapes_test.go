package iampolicy

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// shape is one entry of testdata/shapes.json: a policy document, the
// question asked of it, the expected answer, and the AWS documentation the
// answer follows (title and URL).
type shape struct {
	Name     string `json:"name"`
	Source   string `json:"source"`
	Question string `json:"question"`
	// Who and Action are the arguments of the "grants" question; Space and
	// Actions those of "on_all_of".
	Who     string          `json:"who"`
	Action  string          `json:"action"`
	Space   string          `json:"space"`
	Actions []string        `json:"actions"`
	Want    json.RawMessage `json:"want"`
	// Doc is the document: a JSON object given as is (so repeated keys
	// reach Parse untouched), or a JSON string holding the document text.
	Doc json.RawMessage `json:"doc"`
}

func loadShapes(t *testing.T) []shape {
	t.Helper()
	data, err := os.ReadFile("testdata/shapes.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Comment string  `json:"comment"`
		Shapes  []shape `json:"shapes"`
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		t.Fatalf("testdata/shapes.json: %v", err)
	}
	return f.Shapes
}

func (s shape) document(t *testing.T) string {
	t.Helper()
	raw := bytes.TrimSpace(s.Doc)
	if len(raw) > 0 && raw[0] == '"' {
		var doc string
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	return string(raw)
}

func (s shape) matcher(t *testing.T) PrincipalMatcher {
	t.Helper()
	kind, arg, _ := strings.Cut(s.Who, ":")
	switch kind {
	case "any":
		return nil
	case "everyone":
		return MatchEveryone()
	case "account":
		return MatchAccount(arg)
	case "service":
		return MatchService(arg)
	}
	t.Fatalf("unknown who %q", s.Who)
	return nil
}

// TestShapes runs every shape of testdata/shapes.json. Together with the
// exposure package's shapes it is the differential set issue #10 asks for:
// each entry states what AWS's documentation says the answer is.
func TestShapes(t *testing.T) {
	shapes := loadShapes(t)
	if len(shapes) < 150 {
		t.Errorf("only %d shapes, want at least 150", len(shapes))
	}
	seen := map[string]bool{}
	for _, s := range shapes {
		t.Run(s.Name, func(t *testing.T) {
			if seen[s.Name] {
				t.Fatalf("duplicate shape name")
			}
			seen[s.Name] = true
			if !strings.Contains(s.Source, " - https://docs.aws.amazon.com/") {
				t.Errorf("source %q does not name an AWS documentation page (title - URL)", s.Source)
			}
			doc := s.document(t)
			p, err := Parse(doc)
			if s.Question == "parse_error" {
				var want string
				mustUnmarshal(t, s.Want, &want)
				switch {
				case want == "" && err != nil:
					t.Fatalf("Parse: %v", err)
				case want != "" && err == nil:
					t.Fatalf("Parse succeeded, want an error containing %q", want)
				case want != "" && !strings.Contains(err.Error(), want):
					t.Fatalf("error %q does not contain %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got any
			switch s.Question {
			case "admin":
				got = IsAdmin(p)
			case "public":
				got = IsPublic(p, testOpts)
			case "grants":
				got = Grants(p, s.matcher(t), s.Action)
			case "on_all_of":
				got = AllowsOnAllOf(p, s.Space, s.Actions...)
			case "external":
				ext := summarise(ExternalAccounts(p, testOpts))
				if ext == nil {
					ext = []string{}
				}
				got = ext
			default:
				t.Fatalf("unknown question %q", s.Question)
			}
			want := reflect.New(reflect.TypeOf(got))
			mustUnmarshal(t, s.Want, want.Interface())
			if !reflect.DeepEqual(got, want.Elem().Interface()) {
				t.Errorf("%s = %v, want %s (%s)", s.Question, got, s.Want, s.Source)
			}
			checkInvariants(t, p)
		})
	}
}

func mustUnmarshal(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("want %s: %v", raw, err)
	}
}
