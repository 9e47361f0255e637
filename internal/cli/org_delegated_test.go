package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestScanOrgFromDelegatedAdmin: scan --org run with a delegated
// administrator's credentials (not the management account's) reads the
// caller first, then the management account, whose organization-wide
// facts (here GuardDuty's organization configuration: it is GuardDuty's
// administrator) join the caller's before any other member is read; a
// member whose own GuardDuty read is refused passes where that
// configuration auto-enables every member, and stays unknown in the
// region where no source could read it.
func TestScanOrgFromDelegatedAdmin(t *testing.T) {
	const da = "300000000003"
	lat := awsfake.Options{Latency: 3 * time.Millisecond}
	mgmt := orgState(t, orgMgmt)
	mgmt.GuardDuty.Detectors = nil
	mgmt.GuardDuty.OrgConfigs = nil
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		id := "mgmt-" + region
		mgmt.GuardDuty.Detectors = append(mgmt.GuardDuty.Detectors, state.Detector{Meta: state.Meta{ARN: "arn:aws:guardduty:" + region + ":" + orgMgmt + ":detector/" + id, Region: region}, ID: id, Status: "ENABLED"})
	}
	// Auto-enabled for every member in eu-west-1 only; in us-east-1 the
	// management account is refused the configuration.
	mgmt.GuardDuty.OrgConfigs = []state.GuardDutyOrgConfig{{Region: "eu-west-1", DetectorID: "mgmt-eu-west-1", AutoEnable: "ALL"}}
	caller := orgState(t, da)
	caller.GuardDuty.Detectors, caller.GuardDuty.OrgConfigs = nil, nil
	prod := awsfake.OrgMember{Account: orgState(t, orgProd), Name: "prod", Options: lat}
	prod.Options.Faults = []awsfake.Fault{{Service: "guardduty", Action: "ListDetectors", Kind: awsfake.FaultAccessDenied}}
	r, err := awsfake.StartOrg(awsfake.OrgOptions{
		Management:     awsfake.OrgMember{Account: mgmt, Name: "management", Options: lat},
		Members:        []awsfake.OrgMember{{Account: caller, Name: "security", Options: lat}, prod},
		DelegatedAdmin: da,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	t.Setenv("AWS_ACCESS_KEY_ID", awsfake.AccessKey(da))
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv("AWS_REGION", "us-east-1")
	dir := filepath.Join(t.TempDir(), "org")
	code, _, errOut := run(t, "scan", "--org", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1,us-east-1", "--fail-on", "none",
		"--format", "json", "-o", dir, "--account-concurrency", "3")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, id := range []string{orgMgmt, da, orgProd} {
		if _, err := os.Stat(filepath.Join(dir, id, "report.json")); err != nil {
			t.Errorf("account %s: %v", id, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, orgProd, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := report.ReadJSON("report.json", b)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]check.Status{}
	for _, f := range d.Report.Results {
		if f.CheckID == "guardduty_enabled" {
			got[f.Region] = f.Status
			if f.Region == "eu-west-1" && (!strings.Contains(f.Message, "auto-enables every member") || !strings.Contains(f.Message, "read from accounts "+da+", "+orgMgmt)) {
				t.Errorf("eu-west-1: %s", f.Message)
			}
		}
	}
	if got["eu-west-1"] != check.Pass || got["us-east-1"] != check.Unknown {
		t.Errorf("member's guardduty_enabled by region: %v, want pass in eu-west-1 (the management account's configuration, merged), unknown in us-east-1 (read by no source)", got)
	}
	// The management account, a source of facts, read its own
	// organization-wide settings; the member left them to the sources.
	if n := r.Server(orgMgmt).Stats().Calls["guardduty:DescribeOrganizationConfiguration"]; n == 0 {
		t.Error("the management account did not read GuardDuty's organization configuration")
	}
	if n := r.Server(orgProd).Stats().Calls["organizations:ListPolicies"]; n != 0 {
		t.Errorf("the member listed the policies %d times", n)
	}
}
