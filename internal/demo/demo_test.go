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
