package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
)

// run executes the CLI in-process and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		IsTTY: func(io.Writer) bool { return false }, Getenv: withDataDir(t, func(string) string { return "" })}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestScanDemoTable(t *testing.T) {
	code, out, _ := run(t, "scan", "--demo")
	if code != ExitFindings {
		t.Fatalf("exit = %d, want 1 (the demo has high findings)", code)
	}
	for _, want := range []string{"== IDENTITY ==", "== NETWORK ==", "iam_root_mfa_enabled", "Summary", "unknown"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes on a non-TTY")
	}
}

func TestScanDemoJSON(t *testing.T) {
	code, out, _ := run(t, "scan", "--demo", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit = %d", code)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Results       []struct {
			CheckID  string `json:"check_id"`
			Status   string `json:"status"`
			Resource string `json:"resource"`
			Region   string `json:"region"`
			Severity string `json:"severity"`
			Area     string `json:"area"`
		} `json:"results"`
		Summary struct {
			Total int `json:"total"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.SchemaVersion != 1 || len(doc.Results) == 0 || doc.Summary.Total != len(doc.Results) {
		t.Fatalf("schema %d, %d results, total %d", doc.SchemaVersion, len(doc.Results), doc.Summary.Total)
	}
	regional := 0
	for _, r := range doc.Results {
		if r.CheckID == "" || r.Status == "" || r.Resource == "" || r.Severity == "" || r.Area == "" {
			t.Fatalf("incomplete result %+v", r)
		}
		if r.Region != "" {
			regional++
		}
	}
	if regional == 0 {
		t.Error("no result carries a region")
	}
}

func TestFailOn(t *testing.T) {
	tests := []struct {
		failOn string
		want   int
	}{
		{"critical", ExitFindings}, // root MFA is critical in the demo
		{"none", ExitOK},
		{"bogus", ExitError},
	}
	for _, tc := range tests {
		if code, _, _ := run(t, "scan", "--demo", "--fail-on", tc.failOn); code != tc.want {
			t.Errorf("--fail-on %s: exit %d, want %d", tc.failOn, code, tc.want)
		}
	}
	// Only low-severity checks selected, fail-on high: nothing at or above it.
	if code, _, _ := run(t, "scan", "--demo", "--check", "ec2_ebs_default_encryption", "--fail-on", "high"); code != ExitOK {
		t.Errorf("medium-only scan with --fail-on high: exit %d, want 0", code)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
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
		{"missing snapshot", []string{"scan", "--snapshot", filepath.Join(dir, "nope.json")}, "does not exist"},
		{"invalid json", []string{"scan", "--snapshot", write("bad.json", "{nope")}, "invalid JSON"},
		{"newer schema", []string{"scan", "--snapshot", write("new.json", `{"schema_version": 7, "account": {}}`)}, "schema_version 7 is newer"},
		{"wrong types", []string{"scan", "--snapshot", write("types.json", `{"schema_version": 1, "account": {"account_id": "1", "regions": "eu-west-1"}}`)}, "field account.regions"},
		{"truncated", []string{"scan", "--snapshot", write("trunc.json", `{"schema_version": 1, "account": {"account_id": "1", "regions": [`)}, "truncated"},
		{"both sources", []string{"scan", "--demo", "--snapshot", "x.json"}, "exclusive"},
		{"unknown flag", []string{"scan", "--demo", "--frobnicate"}, "unknown flag: --frobnicate"},
		{"bad format", []string{"scan", "--demo", "--format", "yaml"}, `"yaml" is not`},
		{"bad area", []string{"scan", "--demo", "--area", "plumbing"}, "unknown area"},
		{"bad check", []string{"scan", "--demo", "--check", "nope_nope"}, `unknown check "nope_nope"`},
		{"bad color", []string{"scan", "--demo", "--color", "sometimes"}, "--color"},
		{"extra args", []string{"scan", "--demo", "extra"}, "unknown command"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != ExitError {
				t.Errorf("exit = %d, want 2", code)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.want)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "shoulder ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, cmd := range [][]string{{"--help"}, {"scan", "--help"}, {"checks", "--help"}} {
		code, out, _ := run(t, cmd...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, output %q", cmd, code, out)
		}
	}
}

func TestSnapshotScanMatchesDemo(t *testing.T) {
	// The demo written to a file and scanned as a snapshot gives the same results.
	p := filepath.Join(t.TempDir(), "demo.json")
	if err := os.WriteFile(p, demo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	results := func(args ...string) string {
		code, out, _ := run(t, append(args, "--format", "json")...)
		if code != ExitFindings {
			t.Fatalf("%v: exit %d", args, code)
		}
		var doc struct {
			Results json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return string(doc.Results)
	}
	pol := filepath.Join(t.TempDir(), "shoulder.yaml")
	if err := os.WriteFile(pol, demo.Policy(), 0o644); err != nil {
		t.Fatal(err)
	}
	if a, b := results("scan", "--demo"), results("scan", "--snapshot", p, "--config", pol); a != b {
		t.Error("scanning the demo as a snapshot gives different results")
	}
}
