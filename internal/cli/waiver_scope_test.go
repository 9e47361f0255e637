package cli

import (
	"encoding/json"
	"testing"
)

// TestNarrowedScanWaivers: the demo's stale waiver (on
// ec2_sg_no_admin_ports_from_internet) is stale in a full scan and "not
// evaluated in this scan" when --check leaves its check out.
func TestNarrowedScanWaivers(t *testing.T) {
	problems := func(args ...string) map[string]string {
		t.Helper()
		code, out, stderr := run(t, append([]string{"scan", "--demo", "--format", "json", "--fail-on", "none"}, args...)...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var doc struct {
			WaiverIssues []struct {
				Waiver  struct{ Check string }
				Problem string
				Reason  string
			} `json:"waiver_issues"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, wi := range doc.WaiverIssues {
			got[wi.Waiver.Check] = wi.Problem + ": " + wi.Reason
		}
		return got
	}
	const sg = "ec2_sg_no_admin_ports_from_internet"
	if got := problems()[sg]; got != "stale: " {
		t.Errorf("full scan: %q, want stale", got)
	}
	want := "unevaluated: not evaluated in this scan: its check " + sg + " was not run (--check or --framework)"
	if got := problems("--check", "iam_root_mfa_enabled")[sg]; got != want {
		t.Errorf("--check narrowed: %q, want %q", got, want)
	}
}
