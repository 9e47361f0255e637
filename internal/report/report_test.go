package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
)

// demoReport evaluates every check over the demo account under its policy
// and gathers the views scan --demo gives the renderers (frameworks, duty
// matrix, data map).
func demoReport(t testing.TB) (*engine.Report, report.Options) {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	// The demo's own policy; its allowed jurisdiction names regions.
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	all := checks.All()
	r := engine.Run(all, a, pol)
	o, err := reportview.Options("test", all, a, r, pol)
	if err != nil {
		t.Fatal(err)
	}
	return r, o
}

func render(t testing.TB, f report.Format, r *engine.Report, o report.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b, r, o); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b.Bytes()
}

func format(t testing.TB, name string) report.Format {
	t.Helper()
	fs, err := report.ParseFormats(name)
	if err != nil {
		t.Fatal(err)
	}
	return fs[0]
}

// compileSchema loads a vendored JSON schema.
func compileSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("testdata", "schemas", file)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	doc, err := jsonschema.UnmarshalJSON(fh)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///schemas/" + file
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return s
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return v
}

// TestSchemas validates SARIF, ASFF and OCSF output of the demo account
// against the vendored schemas, and checks each schema refuses a broken
// document (so a schema that accepts everything cannot pass the test).
func TestSchemas(t *testing.T) {
	r, o := demoReport(t)
	tests := []struct {
		format, schema string
		// breakIt removes or corrupts something the schema requires.
		breakIt func(v any)
	}{
		{"sarif", "sarif-2.1.0-rtm.5.json", func(v any) {
			res := v.(map[string]any)["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
			res["level"] = "fatal"
		}},
		{"asff", "asff.schema.json", func(v any) {
			delete(v.([]any)[0].(map[string]any), "ProductArn")
		}},
		{"ocsf", "ocsf-1.1.0-compliance-finding.schema.json", func(v any) {
			v.([]any)[0].(map[string]any)["class_uid"] = json.Number("2001")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			s := compileSchema(t, tc.schema)
			out := render(t, format(t, tc.format), r, o)
			if err := s.Validate(decodeAny(t, out)); err != nil {
				t.Fatalf("%s output does not validate against %s:\n%v", tc.format, tc.schema, err)
			}
			broken := decodeAny(t, out)
			tc.breakIt(broken)
			if err := s.Validate(broken); err == nil {
				t.Errorf("%s accepts a broken document", tc.schema)
			}
		})
	}
}

func TestJUnitValidatesAgainstXSD(t *testing.T) {
	r, o := demoReport(t)
	s := loadXSD(t, "testdata/schemas/junit-10.xsd")
	out := render(t, format(t, "junit"), r, o)
	if err := s.validate(out, "testsuites"); err != nil {
		t.Fatalf("JUnit output does not validate against junit-10.xsd: %v", err)
	}
}
