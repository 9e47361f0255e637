package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFrameworksTable(t *testing.T) {
	code, out, errOut := run(t, "frameworks")
	if code != ExitOK {
		t.Fatalf("exit = %d: %s", code, errOut)
	}
	for _, want := range []string{"FRAMEWORK", "COVERAGE", "cis-3.0", "cis-5.0", "cis-7.0", "fsbp-1.0.0", "%"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestFrameworksJSON(t *testing.T) {
	code, out, _ := run(t, "frameworks", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit = %d", code)
	}
	var cvs []struct {
		Framework string  `json:"framework"`
		Controls  int     `json:"controls"`
		Automated int     `json:"automated"`
		Evidenced int     `json:"evidenced"`
		Percent   float64 `json:"coverage_percent"`
	}
	if err := json.Unmarshal([]byte(out), &cvs); err != nil {
		t.Fatal(err)
	}
	if len(cvs) != 4 {
		t.Fatalf("%d frameworks", len(cvs))
	}
	for _, cv := range cvs {
		if cv.Controls == 0 || cv.Evidenced == 0 || cv.Evidenced > cv.Automated || cv.Percent <= 0 || cv.Percent > 100 {
			t.Errorf("implausible coverage %+v", cv)
		}
	}
}

func TestFrameworksShow(t *testing.T) {
	code, out, _ := run(t, "frameworks", "show", "cis-5.0")
	if code != ExitOK {
		t.Fatalf("exit = %d", code)
	}
	for _, want := range []string{"CIS AWS Foundations Benchmark 5.0.0", "1.4", "check: iam_root_mfa_enabled", "guidance:", "[manual]", "4.3", "cloudwatch_alarm_root_usage"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	code, out, _ = run(t, "frameworks", "show", "fsbp-1.0.0", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"IAM.4"`) || !strings.Contains(out, "iam_root_no_access_keys") {
		t.Errorf("fsbp json: exit %d", code)
	}
	code, _, errOut := run(t, "frameworks", "show", "cis-9.9")
	if code != ExitError || !strings.Contains(errOut, "cis-5.0") {
		t.Errorf("unknown framework: exit %d, %q", code, errOut)
	}
}

func TestScanFrameworkTable(t *testing.T) {
	code, out, _ := run(t, "scan", "--demo", "--framework", "cis-5.0")
	if code != ExitFindings {
		t.Fatalf("exit = %d, want 1", code)
	}
	for _, want := range []string{"(cis-5.0): 63 controls", "FAIL    1.4", "iam_root_mfa_enabled", "MANUAL  1.1", "guidance:", "Controls", "Summary",
		// the demo's reordered security-group filter passes, the incomplete S3 one fails
		"PASS    4.10", "FAIL    4.8"} {
		if !strings.Contains(out, want) {
			t.Errorf("framework table lacks %q", want)
		}
	}
}

func TestScanFrameworkJSON(t *testing.T) {
	code, out, _ := run(t, "scan", "--demo", "--framework", "cis-7.0", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit = %d", code)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Framework     struct {
			Framework string `json:"framework"`
			Controls  []struct {
				ID     string `json:"id"`
				Status string `json:"status"`
				Reason string `json:"reason"`
				Checks []struct {
					CheckID   string         `json:"check_id"`
					Ran       bool           `json:"ran"`
					Status    string         `json:"status"`
					Resources map[string]int `json:"resources"`
				} `json:"checks"`
			} `json:"controls"`
			Summary map[string]int `json:"summary"`
		} `json:"framework"`
		Results []struct {
			CheckID string `json:"check_id"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Framework.Framework != "cis-7.0" || len(doc.Framework.Controls) != 70 || len(doc.Results) == 0 {
		t.Fatalf("doc: schema %d, fw %q, %d controls, %d results", doc.SchemaVersion, doc.Framework.Framework, len(doc.Framework.Controls), len(doc.Results))
	}
	found := false
	for _, c := range doc.Framework.Controls {
		if c.ID == "2.5" {
			found = true
			if c.Status != "fail" || len(c.Checks) != 1 || !c.Checks[0].Ran || c.Checks[0].Resources["fail"] != 1 {
				t.Errorf("2.5 (root MFA) = %+v", c)
			}
		}
		if c.Reason == "" || c.Status == "" {
			t.Errorf("control %s lacks status or reason", c.ID)
		}
	}
	if !found {
		t.Error("control 2.5 missing")
	}
	// Only the framework's checks ran.
	for _, r := range doc.Results {
		if strings.HasPrefix(r.CheckID, "guardduty_") {
			t.Errorf("check %s is not in CIS 7.0 but ran", r.CheckID)
		}
	}
}

func TestScanFrameworkWithFilters(t *testing.T) {
	code, out, errOut := run(t, "scan", "--demo", "--framework", "cis-5.0", "--area", "logging")
	if code == ExitError {
		t.Fatalf("exit = %d: %s", code, errOut)
	}
	if !strings.Contains(out, "none of its checks were part of this scan") {
		t.Error("identity controls should say their checks were not run")
	}
	if code, _, errOut := run(t, "scan", "--demo", "--framework", "nope"); code != ExitError || !strings.Contains(errOut, "--framework") {
		t.Errorf("unknown framework: exit %d, %q", code, errOut)
	}
}

func TestChecksFilters(t *testing.T) {
	code, out, _ := run(t, "checks", "--severity", "critical", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit = %d", code)
	}
	var cs []struct {
		ID       string   `json:"id"`
		Severity string   `json:"severity"`
		Controls []string `json:"controls"`
	}
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatal("no critical checks")
	}
	for _, c := range cs {
		if c.Severity != "critical" {
			t.Errorf("%s has severity %s", c.ID, c.Severity)
		}
	}
	code, out, _ = run(t, "checks", "--framework", "fsbp-1.0.0", "--service", "guardduty")
	if code != ExitOK || !strings.Contains(out, "guardduty_s3_protection_enabled") || strings.Contains(out, "iam_") {
		t.Errorf("framework+service filter: exit %d\n%s", code, out)
	}
	if code, _, _ := run(t, "checks", "--severity", "urgent"); code != ExitError {
		t.Errorf("bad severity: exit %d", code)
	}
	if code, _, _ := run(t, "checks", "--framework", "cis-1.0"); code != ExitError {
		t.Errorf("bad framework: exit %d", code)
	}
}

func TestChecksShow(t *testing.T) {
	code, out, _ := run(t, "checks", "show", "iam_root_mfa_enabled")
	if code != ExitOK {
		t.Fatalf("exit = %d", code)
	}
	for _, want := range []string{"iam_root_mfa_enabled", "severity:  critical", "Remediation", "Console:", "AWS CLI:", "Terraform:", "Evidences", "cis-5.0:1.4", "Ensure MFA is enabled"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	code, out, _ = run(t, "checks", "show", "cloudwatch_alarm_vpc_changes", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"cis-7.0:5.14"`) || !strings.Contains(out, "put-metric-filter") {
		t.Errorf("json show: exit %d", code)
	}
	code, _, errOut := run(t, "checks", "show", "root_mfa")
	if code != ExitError || !strings.Contains(errOut, "did you mean") {
		t.Errorf("unknown: exit %d, %q", code, errOut)
	}
}
