package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanResult writes the demo's JSON result of `scan --demo args...`,
// edited by edit (nil: as written).
func scanResult(t *testing.T, name string, args []string, edit func(doc map[string]any, results []map[string]any) []map[string]any) string {
	t.Helper()
	code, out, stderr := run(t, append([]string{"scan", "--demo", "--format", "json", "--fail-on", "none"}, args...)...)
	if code != ExitOK {
		t.Fatalf("scan %v: exit %d: %s", args, code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		var rs []map[string]any
		for _, r := range doc["results"].([]any) {
			rs = append(rs, r.(map[string]any))
		}
		doc["results"] = edit(doc, rs)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDiffNarrowedOrDegraded: a new scan that is narrower (fewer checks,
// fewer regions, another account) or degraded (failures became unknown)
// never calls the failures it did not evaluate fixed, lists them as "no
// longer evaluated" and does not pass the gate.
func TestDiffNarrowedOrDegraded(t *testing.T) {
	full := scanResult(t, "full.json", nil, nil)
	// One check that the demo passes everywhere keeps the narrowed scan
	// free of failures of its own.
	narrowChecks := scanResult(t, "one-check.json", []string{"--check", "iam_root_mfa_enabled"}, nil)
	var droppedFails int
	narrowRegion := scanResult(t, "no-eu-west-1.json", nil, func(doc map[string]any, rs []map[string]any) []map[string]any {
		var keep []map[string]any
		for _, r := range rs {
			if r["region"] == "eu-west-1" {
				if r["status"] == "fail" {
					droppedFails++
				}
				continue
			}
			keep = append(keep, r)
		}
		var regions []any
		for _, r := range doc["regions_scanned"].([]any) {
			if r != "eu-west-1" {
				regions = append(regions, r)
			}
		}
		doc["regions_scanned"] = regions
		return keep
	})
	if droppedFails == 0 {
		t.Fatal("the demo has no failure in eu-west-1 to hide")
	}
	var degraded int
	degradedScan := scanResult(t, "degraded.json", nil, func(_ map[string]any, rs []map[string]any) []map[string]any {
		for _, r := range rs {
			if r["status"] == "fail" && (r["severity"] == "critical" || r["severity"] == "high") {
				r["status"], r["message"] = "unknown", "AccessDenied: s3:GetBucketPolicy"
				degraded++
			}
		}
		return rs
	})
	otherAccount := scanResult(t, "other.json", nil, func(doc map[string]any, rs []map[string]any) []map[string]any {
		doc["account_id"] = "999999999999"
		for _, r := range rs {
			r["resource"] = strings.ReplaceAll(r["resource"].(string), "210987654321", "999999999999")
		}
		return rs
	})

	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{"narrower --check", []string{full, narrowChecks}, ExitFindings,
			[]string{"NO LONGER EVALUATED (not fixed)", "not evaluated: check", "the new scan is narrower: it did not evaluate", "0 fixed"}, []string{"== FIXED"}},
		{"narrower region", []string{full, narrowRegion}, ExitFindings,
			[]string{"region eu-west-1 was not scanned in the new scan", "1 region (eu-west-1)"}, nil},
		{"degraded", []string{full, degradedScan}, ExitFindings,
			[]string{"not evaluated: unknown in the new scan: AccessDenied", "[fail -> unknown]"}, nil},
		{"degraded json", []string{full, degradedScan, "--format", "json"}, ExitFindings,
			[]string{`"no_longer_evaluated": [`, `"reason": "unknown in the new scan: AccessDenied`}, nil},
		{"degraded markdown", []string{full, degradedScan, "--format", "markdown"}, ExitFindings,
			[]string{"### No longer evaluated (not fixed)", "| 🟡 no longer evaluated (not fixed) |"}, nil},
		// --fail-on still decides which severities hold the gate: the
		// degraded failures are critical and high.
		{"degraded below the gate", []string{full, degradedScan, "--fail-on", "none"}, ExitOK, nil, nil},
		{"same scan", []string{full, full}, ExitOK, []string{"0 no longer evaluated"}, []string{"narrower"}},
		{"other account", []string{full, otherAccount}, ExitError, nil, nil},
		{"other account allowed", []string{full, otherAccount, "--allow-account-change"}, ExitFindings,
			[]string{"different accounts", "not evaluated: the new result is of another account", "0 fixed"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := run(t, append([]string{"diff"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, stderr, head(out, 30))
			}
			for _, want := range tc.contains {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, head(out, 30))
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(out, bad) {
					t.Errorf("output has %q:\n%s", bad, head(out, 30))
				}
			}
		})
	}

	// Different accounts: a clear message naming both.
	_, _, stderr := run(t, "diff", full, otherAccount)
	for _, want := range []string{"of account 210987654321", "of account 999999999999", "--allow-account-change"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	// Every degraded failure is listed, none is fixed.
	_, out, _ := run(t, "diff", full, degradedScan, "--format", "json")
	var d struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Summary["no_longer_evaluated"] != degraded || d.Summary["fixed"] != 0 {
		t.Errorf("summary %v, want %d no longer evaluated and 0 fixed", d.Summary, degraded)
	}
}

func head(s string, lines int) string {
	l := strings.SplitN(s, "\n", lines+1)
	if len(l) > lines {
		l = l[:lines]
	}
	return strings.Join(l, "\n")
}
