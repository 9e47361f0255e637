package exposure

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneRule keeps this package the only reader of iampolicy's exposure
// answers: no other package calls iampolicy.Exposure, IsPublic or
// ExternalAccounts, and the data map imports neither internal/checks nor
// internal/iampolicy (it asks this package).
func TestOneRule(t *testing.T) {
	const mod = "github.com/shoulder-dev/shoulder/internal/"
	banned := []string{"iampolicy.Exposure(", "iampolicy.IsPublic(", "iampolicy.ExternalAccounts("}
	files, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		dir := filepath.Base(filepath.Dir(f))
		if dir == "exposure" || dir == "iampolicy" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range banned {
			if strings.Contains(string(src), b) {
				t.Errorf("%s calls %s: ask internal/exposure instead", f, strings.TrimSuffix(b, "("))
			}
		}
		if dir != "datamap" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); p == mod+"checks" || p == mod+"iampolicy" {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
