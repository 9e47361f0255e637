package demo

import (
	"bytes"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestEmbeddedIsCurrent fails when the builder changed but demo.json was not
// regenerated (`go generate ./internal/demo`).
func TestEmbeddedIsCurrent(t *testing.T) {
	var buf bytes.Buffer
	if err := state.WriteSnapshot(&buf, builder.Build(), "shoulder demo builder"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), snapshot) {
		t.Fatal("internal/demo/demo.json is stale: run `go generate ./internal/demo`")
	}
}

func TestDemoShape(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	n := len(a.S3.Buckets) + len(a.EC2.Instances) + len(a.EC2.Volumes) + len(a.EC2.Snapshots) + len(a.EC2.SecurityGroups) +
		len(a.EC2.Subnets) + len(a.EC2.VPCs) + len(a.IAM.Users) + len(a.IAM.Roles) + len(a.KMS.Keys) + len(a.RDS.Instances) +
		len(a.WorkSpaces.Workspaces) + len(a.EC2.Images) + len(a.Redshift.Clusters)
	if n < 200 {
		t.Errorf("demo has %d resources, want a few hundred", n)
	}
	if got := len(a.ScannedRegions()); got < 3 {
		t.Errorf("demo scans %d regions, want several", got)
	}
	if a.Gaps.Len() == 0 {
		t.Error("demo should show coverage gaps")
	}
}

// TestEmbeddedOrgIsCurrent fails when the organization's accounts in the
// builder changed but org/ was not regenerated.
func TestEmbeddedOrgIsCurrent(t *testing.T) {
	for _, a := range builder.BuildOrg() {
		var buf bytes.Buffer
		if err := state.WriteSnapshot(&buf, a, "shoulder demo builder"); err != nil {
			t.Fatal(err)
		}
		got, err := orgFS.ReadFile("org/" + a.AccountID + ".json")
		if err != nil || !bytes.Equal(buf.Bytes(), got) {
			t.Fatalf("internal/demo/org/%s.json is stale: run `go generate ./internal/demo`", a.AccountID)
		}
	}
}

// TestDemoOrg: four accounts of one organization, the management account
// holding the tree that names them all, the demo account among them.
func TestDemoOrg(t *testing.T) {
	ids := OrgAccounts()
	if len(ids) != 4 || ids[1] != builder.AccountID || builderAccountID != builder.AccountID {
		t.Fatalf("accounts %v", ids)
	}
	var tree *state.OrgTree
	for _, id := range ids {
		a, err := LoadOrgAccount(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.AccountID != id || a.Organization == nil || a.Organization.ID != builder.OrgID || a.Organization.MasterAccountID != builder.ManagementAccount {
			t.Errorf("account %s: %+v", id, a.Organization)
		}
		if a.Organization.Tree != nil {
			tree = a.Organization.Tree
		}
	}
	for _, id := range ids {
		if tree.Path(id) == "" {
			t.Errorf("the tree lacks account %s", id)
		}
	}
	if _, err := LoadOrgAccount("999999999999"); err == nil {
		t.Error("an account not in the demo organization must be refused")
	}
}
