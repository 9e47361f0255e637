package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shoulder-dev/shoulder/internal/check"
)

const goodMeta = `title: T
description: D
rationale: R
area: network
service: ec2
severity: high
remediation:
  console: C
  cli: aws ec2 describe-vpcs
  terraform: |-
    resource "aws_vpc" "x" {}
references: []
`

// TestMetadataFilesMatchChecks: every registered check has a metadata file,
// every file a check, every file decodes strictly, and no Go code sets
// metadata (All would panic otherwise; this names every problem at once).
func TestMetadataFilesMatchChecks(t *testing.T) {
	metas, err := loadMeta(metaFS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := applyMeta(builtin(), metas); err != nil {
		t.Fatal(err)
	}
	if len(metas) != len(builtin()) {
		t.Fatalf("%d metadata files for %d checks", len(metas), len(builtin()))
	}
}

// TestMetadataDecoding: a missing field, an unknown field, a bad area or
// severity, a second document and a non-URL reference are each an error.
func TestMetadataDecoding(t *testing.T) {
	if _, err := parseMeta("good.yaml", []byte(goodMeta)); err != nil {
		t.Fatalf("good file: %v", err)
	}
	cases := []struct{ name, yaml, want string }{
		{"missing title", strings.Replace(goodMeta, "title: T\n", "", 1), "missing or empty: title"},
		{"empty rationale", strings.Replace(goodMeta, "rationale: R", "rationale: ''", 1), "missing or empty: rationale"},
		{"missing terraform", strings.Replace(goodMeta, "  terraform: |-\n    resource \"aws_vpc\" \"x\" {}\n", "", 1), "remediation.terraform"},
		{"missing references", strings.Replace(goodMeta, "references: []\n", "", 1), "missing or empty: references"},
		{"unknown field", goodMeta + "controls: [CIS 1.1]\n", "field controls not found"},
		{"unknown remediation field", strings.Replace(goodMeta, "  console: C\n", "  console: C\n  pulumi: x\n", 1), "field pulumi not found"},
		{"bad area", strings.Replace(goodMeta, "area: network", "area: networking", 1), "unknown area"},
		{"bad severity", strings.Replace(goodMeta, "severity: high", "severity: severe", 1), "unknown severity"},
		{"two documents", goodMeta + "---\ntitle: U\n", "more than one YAML document"},
		{"reference not a URL", strings.Replace(goodMeta, "references: []", "references: [FSBP EC2.1]", 1), "not an https URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseMeta("x.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestMetadataMerge: applyMeta names a check without a file, a file without
// a check, and a check whose Go code still sets metadata; it fills every
// field from the file.
func TestMetadataMerge(t *testing.T) {
	fsys := fstest.MapFS{"meta/a.yaml": {Data: []byte(goodMeta)}, "meta/orphan.yaml": {Data: []byte(goodMeta)}}
	metas, err := loadMeta(fsys)
	if err != nil {
		t.Fatal(err)
	}
	out, err := applyMeta([]check.Check{{ID: "a"}, {ID: "nofile"}, {ID: "orphan", Title: "old", Severity: check.Low}}, metas)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"check nofile: no metadata file meta/nofile.yaml", "meta/orphan.yaml", "check orphan: Go code sets Title, Severity"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	delete(metas, "orphan")
	out, err = applyMeta([]check.Check{{ID: "a"}}, metas)
	if err != nil {
		t.Fatal(err)
	}
	got := out[0]
	if got.Title != "T" || got.Description != "D" || got.Rationale != "R" || got.Area != check.Network || got.Service != "ec2" ||
		got.Severity != check.High || got.Remediation.CLI != "aws ec2 describe-vpcs" || got.Remediation.Terraform != `resource "aws_vpc" "x" {}` || got.References == nil {
		t.Fatalf("merged %+v", got)
	}
	if _, err := loadMeta(fstest.MapFS{"meta/a.yml": {Data: []byte(goodMeta)}}); err == nil {
		t.Error("a file not named <id>.yaml was accepted")
	}
}

// TestNoMetadataInGoLiterals: check.Check literals in the package's Go code
// set only ID, Run and Reads, and no code assigns a metadata field; the text
// lives in meta/<id>.yaml. (Severity Info is the zero value, so the merge
// cannot see it; this test can.)
func TestNoMetadataInGoLiterals(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var bad []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "meta.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				sel, ok := n.Type.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Check" && sel.Sel.Name != "Remediation" {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "check" {
					return true
				}
				if sel.Sel.Name == "Remediation" {
					bad = append(bad, fset.Position(n.Pos()).String()+": check.Remediation literal")
					return true
				}
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name != "ID" && k.Name != "Run" && k.Name != "Reads" {
							bad = append(bad, fset.Position(kv.Pos()).String()+": sets "+k.Name)
						}
					}
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if s, ok := l.(*ast.SelectorExpr); ok {
						switch s.Sel.Name {
						case "Title", "Description", "Rationale", "Area", "Service", "Severity", "Remediation", "References":
							bad = append(bad, fset.Position(n.Pos()).String()+": assigns "+s.Sel.Name)
						}
					}
				}
			}
			return true
		})
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: check text belongs in meta/<id>.yaml (ARCHITECTURE.md, section Adding a check)", b)
	}
}

// TestMonitorRemediationPattern: the reference filter pattern each CIS
// monitoring check is tested with (monitorSpecs) is the one its metadata
// tells the customer to create, in the console text, the CLI line and the
// Terraform snippet.
func TestMonitorRemediationPattern(t *testing.T) {
	by := ByID()
	for _, s := range monitorSpecs() {
		c, ok := by[s.id]
		if !ok {
			t.Errorf("%s: not registered", s.id)
			continue
		}
		quoted := strconv.Quote(s.pattern) // HCL's escaping of these patterns is Go's
		for _, part := range []struct{ name, text, want string }{
			{"console", c.Remediation.Console, "Pattern: " + s.pattern},
			{"cli", c.Remediation.CLI, "--filter-pattern '" + s.pattern + "'"},
			{"terraform", c.Remediation.Terraform, "pattern        = " + quoted},
		} {
			if !strings.Contains(part.text, part.want) {
				t.Errorf("%s: %s remediation does not contain the tested pattern %q", s.id, part.name, part.want)
			}
		}
	}
}
