package datamap

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestDirectoryBucketStores (svc-s3dir): every S3 directory bucket is a
// store named by its bucket name, with the zone its data lives in; custody
// by the general purpose bucket's key rule; exposure from its policy;
// never protected by AWS Backup, even under a plan that selects
// everything.
func TestDirectoryBucketStores(t *testing.T) {
	a := account(func(a *state.Account) {
		a.S3Express.Buckets = []state.DirectoryBucket{
			{Meta: state.Meta{ARN: arn("s3express", "eu-west-1", "bucket/ticks--euw1-az1--x-s3"), Region: "eu-west-1"}, Name: "ticks--euw1-az1--x-s3",
				Encryption: &state.BucketEncryption{Algorithm: "AES256"},
				Policy:     `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3express:CreateSession","Resource":"*"}]}`},
			{Meta: state.Meta{ARN: arn("s3express", "us-east-1", "bucket/ml--use1-az4--x-s3"), Region: "us-east-1"}, Name: "ml--use1-az4--x-s3"},
		}
		a.Backup.Plans = []state.BackupPlan{{Meta: state.Meta{ARN: arn("backup", "eu-west-1", "backup-plan:all"), Region: "eu-west-1"}, Name: "all",
			Rules:      []state.BackupRule{{Name: "daily", TargetVault: "main", CopyActions: []state.CopyAction{{DestinationVaultARN: arn("backup", "us-west-2", "backup-vault:dr")}}}},
			Selections: []state.BackupSelection{{Name: "everything", Resources: []string{"*"}}}}}
	})
	m := Build(a, pol(nil))
	ticks := storeOf(t, m, arn("s3express", "eu-west-1", "bucket/ticks--euw1-az1--x-s3"))
	if ticks.Kind != "directory-bucket" || ticks.Service != "s3express" || ticks.Name != "ticks--euw1-az1--x-s3" || ticks.Zone != "euw1-az1" ||
		ticks.Encryption.Custody != "aws_owned" || ticks.Exposure.Level != Shared || ticks.Backup.State != Unprotected || len(ticks.Copies) != 0 {
		t.Errorf("ticks = %+v", ticks)
	}
	ml := storeOf(t, m, arn("s3express", "us-east-1", "bucket/ml--use1-az4--x-s3"))
	if ml.Zone != "use1-az4" || ml.Encryption.Custody != "unknown" || ml.Encryption.Reason == "" || ml.Exposure.Level != Private {
		t.Errorf("ml = %+v", ml)
	}
}
