package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanSeveralFormatsIntoDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(t, "scan", "--demo", "--format", "table,html,sarif,junit,csv,markdown,asff,ocsf,json", "-o", dir+"/")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "== IDENTITY ==") {
		t.Error("the table did not go to standard output")
	}
	for _, name := range []string{"report.html", "report.sarif", "report.junit.xml", "report.csv", "report.md", "report.asff.json", "report.ocsf.json", "report.json"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s: %v (size %d)", name, err, sizeOf(st))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "report.txt")); err == nil {
		t.Error("the table was written to a file as well as standard output")
	}
}

func sizeOf(st os.FileInfo) int64 {
	if st == nil {
		return -1
	}
	return st.Size()
}

func TestScanSingleFormatToFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.sarif")
	code, stdout, stderr := run(t, "scan", "--demo", "--format", "sarif", "-o", p)
	if code != ExitFindings || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Version != "2.1.0" {
		t.Errorf("%s is not SARIF 2.1.0: %v %q", p, err, doc.Version)
	}
	// An existing directory with one format gets report.<ext> inside it.
	dir := t.TempDir()
	if code, _, stderr := run(t, "scan", "--demo", "--format", "md", "-o", dir); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.md")); err != nil {
		t.Error(err)
	}
}

func TestScanOutputErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"--format", "html,pdf", "-o", dir}, `"pdf" is not a format`},
		{"repeated format", []string{"--format", "csv,csv", "-o", dir}, "listed twice"},
		{"several formats to stdout", []string{"--format", "html,sarif"}, "several formats need -o DIR"},
		{"several formats into a file", []string{"--format", "html,sarif", "-o", file}, "need a directory"},
		{"unwritable file", []string{"--format", "html", "-o", filepath.Join(file, "sub", "r.html")}, "cannot write the report"},
		{"unwritable directory", []string{"--format", "html,csv", "-o", filepath.Join(file, "out") + "/"}, "cannot create the output directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, append([]string{"scan", "--demo"}, tc.args...)...)
			if code != ExitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

// writeResult writes the demo scan as a JSON result, after edit changes it.
func writeResult(t *testing.T, name string, edit func(results []map[string]any)) string {
	t.Helper()
	return scanResult(t, name, nil, func(_ map[string]any, rs []map[string]any) []map[string]any {
		if edit != nil {
			edit(rs)
		}
		return rs
	})
}

func TestDiff(t *testing.T) {
	// In the old result the first critical failure and the first medium
	// failure of the demo were passes; everything else is the same.
	var critical, medium string
	fails := 0
	old := writeResult(t, "old.json", func(rs []map[string]any) {
		for _, r := range rs {
			if r["status"] != "fail" {
				continue
			}
			fails++
			key := r["check_id"].(string) + " " + r["resource"].(string)
			switch {
			case r["severity"] == "critical" && critical == "":
				critical = key
				r["status"] = "pass"
			case r["severity"] == "medium" && medium == "":
				medium = key
				r["status"] = "pass"
			}
		}
	})
	if critical == "" || medium == "" {
		t.Fatal("the demo has no critical or no medium failure to diff")
	}
	cur := writeResult(t, "new.json", nil)
	still := fmt.Sprintf("STILL FAILING (%d)", fails-2)
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{old, cur}, ExitFindings, []string{"2 new failures", "NEW FAILURES (2)", strings.Fields(critical)[0], still}},
		{[]string{old, cur, "--fail-on", "critical"}, ExitFindings, nil},
		{[]string{cur, cur}, ExitOK, []string{"0 new failures"}},
		{[]string{cur, old}, ExitOK, []string{"FIXED (2)"}},
		{[]string{old, cur, "--format", "json"}, ExitFindings, []string{`"new_failures": 2`, `"schema_version": 1`}},
		{[]string{old, cur, "--format", "markdown"}, ExitFindings, []string{"### New failures (2)"}},
		{[]string{old, cur, "--fail-on", "none"}, ExitOK, nil},
	}
	for _, tc := range tests {
		code, out, stderr := run(t, append([]string{"diff"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("diff %v: exit %d, want %d (stderr %s)", tc.args[2:], code, tc.code, stderr)
		}
		for _, w := range tc.contains {
			if !strings.Contains(out, w) {
				t.Errorf("diff %v: output lacks %q", tc.args[2:], w)
			}
		}
	}
	// Only the medium failure is new: --fail-on high passes, medium fails.
	mediumOnly := writeResult(t, "old2.json", func(rs []map[string]any) {
		for _, r := range rs {
			if r["check_id"].(string)+" "+r["resource"].(string) == medium {
				r["status"] = "pass"
			}
		}
	})
	if code, _, _ := run(t, "diff", mediumOnly, cur); code != ExitOK {
		t.Errorf("a new medium failure with --fail-on high: exit %d, want 0", code)
	}
	if code, _, _ := run(t, "diff", mediumOnly, cur, "--fail-on", "medium"); code != ExitFindings {
		t.Errorf("a new medium failure with --fail-on medium: exit %d, want 1", code)
	}
}

func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeResult(t, "good.json", nil)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing", []string{good, filepath.Join(dir, "nope.json")}, "nope.json does not exist"},
		{"one file", []string{good}, "needs two files"},
		{"empty", []string{write("empty.json", ""), good}, "empty.json: file is empty"},
		{"invalid", []string{good, write("bad.json", "{\n  \"schema_version\": 1,\n  nope\n}")}, "bad.json:3:3: invalid JSON"},
		{"truncated", []string{good, write("trunc.json", `{"schema_version": 1, "results": [`)}, "trunc.json: file is truncated"},
		{"no schema", []string{write("snap.json", `{"account": {}}`), good}, "snap.json: not a shoulder JSON result"},
		{"newer schema", []string{good, write("new.json", `{"schema_version": 9, "tool": "shoulder", "results": []}`)}, "new.json: schema_version 9 is newer"},
		{"other tool", []string{good, write("other.json", `{"schema_version": 1, "tool": "prowler", "results": []}`)}, `written by "prowler"`},
		{"no results", []string{good, write("nores.json", `{"schema_version": 1, "tool": "shoulder"}`)}, `no "results" list`},
		{"bad status", []string{good, write("st.json", `{"schema_version": 1, "results": [{"check_id": "a", "resource": "r", "status": "great", "severity": "low"}]}`)}, `st.json: results[0] (a): unknown status "great"`},
		{"no check id", []string{good, write("id.json", `{"schema_version": 1, "results": [{"resource": "r", "status": "pass", "severity": "low"}]}`)}, "results[0] has no check_id"},
		{"wrong type", []string{good, write("ty.json", `{"schema_version": 1, "results": {"a": 1}}`)}, "ty.json:1:34: field results: expected a list"},
		{"bad format", []string{good, good, "--format", "xml"}, `"xml" is not table, json or markdown`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, append([]string{"diff"}, tc.args...)...)
			if code != ExitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

func TestScanHTMLCarriesFrameworksAndFrameworkView(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "scan", "--demo", "--framework", "cis-5.0", "--format", "table,html,sarif", "-o", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "cis-5.0") || !strings.Contains(stdout, "controls") {
		t.Errorf("--framework does not print the per-control view on stdout:\n%.400s", stdout)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CIS AWS Foundations Benchmark", "chart-framework", "fsbp-1.0.0"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}
	if strings.Contains(string(page), "written without framework mappings") {
		t.Error("the HTML report says frameworks are not available")
	}
	sarif, err := os.ReadFile(filepath.Join(dir, "report.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sarif), `"controls":["cis-`) {
		t.Error("SARIF rules do not name the controls their checks evidence")
	}
}

// TestASFFRegion: --asff-region names the Security Hub region in every
// finding's ProductArn; an unknown region is refused before the scan.
func TestASFFRegion(t *testing.T) {
	for _, tc := range []struct {
		region, want string
		code         int
	}{
		{region: "ap-southeast-2", want: "arn:aws:securityhub:ap-southeast-2:", code: ExitFindings},
		{region: "mars-1", code: ExitError},
	} {
		code, out, errOut := run(t, "scan", "--demo", "--format", "asff", "--asff-region", tc.region)
		if code != tc.code {
			t.Fatalf("--asff-region %s: exit %d, want %d (%s)", tc.region, code, tc.code, errOut)
		}
		if tc.code == ExitError {
			if !strings.Contains(errOut, "--asff-region") {
				t.Errorf("error does not name the flag: %q", errOut)
			}
			continue
		}
		var findings []struct{ ProductArn string }
		if err := json.Unmarshal([]byte(out), &findings); err != nil || len(findings) == 0 {
			t.Fatalf("asff output: %v (%d findings)", err, len(findings))
		}
		for _, f := range findings {
			if !strings.HasPrefix(f.ProductArn, tc.want) {
				t.Fatalf("ProductArn %s, want prefix %s", f.ProductArn, tc.want)
			}
		}
	}
}
