package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestFSxStores (svc-fsx): every FSx file system is a store named by its
// Name tag; custody follows the key it names (customer managed here),
// a key FSx owns for Lustre scratch, unknown when none is reported; never
// public; backed up by its automatic backups or AWS Backup, unprotected
// when backups are off or it is scratch; a Lustre export to a bucket in
// another region is a copy there.
func TestFSxStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/k1")
	seven, off := 7, 0
	a := account(bucket("lake", "us-east-1", nil), func(a *state.Account) {
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "k1", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.FSx.FileSystems = []state.FSxFileSystem{
			{Meta: state.Meta{ARN: arn("fsx", "eu-west-1", "file-system/fs-win"), Region: "eu-west-1", Tags: map[string]string{"Name": "shares"}},
				ID: "fs-win", Type: state.FSxWindows, DeploymentType: "MULTI_AZ_1", KMSKeyID: cmk, AutomaticBackupRetentionDays: &seven},
			{Meta: state.Meta{ARN: arn("fsx", "eu-west-1", "file-system/fs-zfs"), Region: "eu-west-1"},
				ID: "fs-zfs", Type: state.FSxOpenZFS, DeploymentType: "SINGLE_AZ_1", AutomaticBackupRetentionDays: &off},
			{Meta: state.Meta{ARN: arn("fsx", "eu-west-1", "file-system/fs-scratch"), Region: "eu-west-1"},
				ID: "fs-scratch", Type: state.FSxLustre, DeploymentType: "SCRATCH_2", ExportPath: "s3://lake/out"},
		}
		a.Backup.ProtectedResources = []state.ProtectedResource{{ResourceARN: arn("fsx", "eu-west-1", "file-system/fs-zfs"), ResourceType: "FSx", Region: "eu-west-1"}}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody string
		backup             string
		copies             int
	}{
		{arn("fsx", "eu-west-1", "file-system/fs-win"), "shares", "customer_managed", Protected, 0},
		{arn("fsx", "eu-west-1", "file-system/fs-zfs"), "fs-zfs", "unknown", Protected, 0}, // AWS Backup
		{arn("fsx", "eu-west-1", "file-system/fs-scratch"), "fs-scratch", "aws_owned", Unprotected, 1},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "fsx-file-system" || s.Service != "fsx" || s.Name != tc.name || s.Encryption.Custody != tc.custody || s.Exposure.Level != Private ||
			s.Backup.State != tc.backup || len(s.Copies) != tc.copies {
			t.Errorf("%s: kind %s name %s custody %s exposure %s backup %s copies %d, want fsx-file-system %s %s private %s %d", tc.arn, s.Kind, s.Name,
				s.Encryption.Custody, s.Exposure.Level, s.Backup.State, len(s.Copies), tc.name, tc.custody, tc.backup, tc.copies)
		}
		if !strings.Contains(s.Exposure.Detail, "security groups") {
			t.Errorf("%s: exposure detail %q does not name the security groups", tc.arn, s.Exposure.Detail)
		}
	}
	if c := storeOf(t, m, arn("fsx", "eu-west-1", "file-system/fs-scratch")).Copies; len(c) == 1 && (c[0].Region != "us-east-1" || c[0].Target != "s3://lake/out") {
		t.Errorf("scratch export copy %+v, want us-east-1 s3://lake/out", c[0])
	}
}
