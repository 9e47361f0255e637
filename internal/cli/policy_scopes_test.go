package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// orgSnapshot writes the demo account as account id of an organization
// whose OU tree (when tree is set) places it; it returns the path.
func orgSnapshot(t *testing.T, dir, id string, tree *state.OrgTree) string {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.AccountID = id
	a.Organization.Tree = tree
	path := filepath.Join(dir, id+".json")
	if err := state.SaveSnapshot(path, a, "test"); err != nil {
		t.Fatal(err)
	}
	return path
}

// scopedVerdict scans a snapshot with one check and returns the verdict
// ("status severity") on resource, the report's policy line and stderr.
func scopedVerdict(t *testing.T, snap, config, checkID, resource string) (verdict, pol, stderr string) {
	t.Helper()
	code, out, stderr := run(t, "scan", "--snapshot", snap, "--config", config, "--check", checkID, "--format", "json", "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("scan %s: exit %d: %s", snap, code, stderr)
	}
	var doc struct {
		Policy  string `json:"policy"`
		Results []struct {
			Status, Severity, Resource string
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Results {
		if r.Resource == resource {
			verdict = r.Status + " " + r.Severity
		}
	}
	return verdict, doc.Policy, stderr
}

// TestScopedPolicyPerAccount: an EU OU scope of one policy file changes a
// residency verdict for the account in that OU and not for its sibling in
// another OU of the same organization.
func TestScopedPolicyPerAccount(t *testing.T) {
	const euAccount, globalAccount = builder.AccountID, "555566667777"
	tree := &state.OrgTree{
		Roots: []state.OrgRoot{{ID: "r-ab12", Name: "Root"}},
		Units: []state.OrgUnit{{ID: "ou-ab12-workload", Name: "Workloads", ParentID: "r-ab12"},
			{ID: "ou-ab12-eueueueu", Name: "EU", ParentID: "ou-ab12-workload"},
			{ID: "ou-ab12-globalxx", Name: "Global", ParentID: "ou-ab12-workload"}},
		Accounts: []state.OrgAccount{{ID: euAccount, Status: "ACTIVE", ParentID: "ou-ab12-eueueueu"},
			{ID: globalAccount, Status: "ACTIVE", ParentID: "ou-ab12-globalxx"}},
	}
	dir := t.TempDir()
	config := writeFile(t, dir, "shoulder.yaml", "allowed_regions: [eu-central-1, eu-west-1, us-east-1]\n"+
		"scopes:\n"+
		"  - name: eu-data\n"+
		"    ous: [ou-ab12-eueueueu]\n"+
		"    allowed_jurisdictions: [EU]\n")
	const check, bucket = "s3_bucket_in_allowed_region", "arn:aws:s3:::alpenglow-marketing-assets" // in us-east-1
	tests := []struct {
		account, verdict, policy string
	}{
		{euAccount, "fail high", config + " with scopes eu-data (line 3, ou-ab12-eueueueu)"},
		{globalAccount, "pass high", config + " (no scope covers account " + globalAccount + ")"},
	}
	for _, tc := range tests {
		t.Run(tc.account, func(t *testing.T) {
			verdict, pol, _ := scopedVerdict(t, orgSnapshot(t, dir, tc.account, tree), config, check, bucket)
			if verdict != tc.verdict {
				t.Errorf("%s on %s: %q, want %q", check, bucket, verdict, tc.verdict)
			}
			if pol != tc.policy {
				t.Errorf("policy line %q\nwant %q", pol, tc.policy)
			}
		})
	}

	t.Run("no tree: OU scopes not applied, said twice", func(t *testing.T) {
		verdict, pol, stderr := scopedVerdict(t, orgSnapshot(t, t.TempDir(), euAccount, nil), config, check, bucket)
		if verdict != "pass high" || !strings.Contains(pol, "OU scopes not applied") || !strings.Contains(stderr, "OU scopes are not applied") {
			t.Errorf("verdict %q, policy %q, stderr %q", verdict, pol, stderr)
		}
	})
	t.Run("an OU the tree does not hold is exit 2 with the line", func(t *testing.T) {
		bad := writeFile(t, dir, "bad.yaml", "scopes:\n  - ous:\n      - ou-ab12-nosuchou\n    allowed_jurisdictions: [EU]\n")
		snap := orgSnapshot(t, dir, euAccount, tree)
		for _, cmd := range []string{"scan", "matrix", "datamap"} { // every command that evaluates an account
			code, _, stderr := run(t, cmd, "--snapshot", snap, "--config", bad)
			if code != ExitError || !strings.Contains(stderr, "bad.yaml:3: scopes[0].ous: ou-ab12-nosuchou is not an organizational unit") {
				t.Errorf("%s: exit %d, stderr %q", cmd, code, stderr)
			}
		}
	})
}
