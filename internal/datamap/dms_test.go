package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestDMSStores (exposure-gaps): every DMS replication instance is a store
// named by its identifier; custody follows its storage key (none named:
// aws/dms, AWS managed); a publicly accessible one is public, the others
// private; it holds data in flight, so it is a copy rather than something
// to back up, and AWS Backup copies nothing of it. Endpoints are not
// stores.
func TestDMSStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/migrate")
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "migrate", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.DMS.ReplicationInstances = []state.DMSReplicationInstance{
			{Meta: state.Meta{ARN: arn("dms", "eu-west-1", "rep:AAAA"), Region: "eu-west-1"}, ID: "orders-migration", KMSKeyID: cmk, MultiAZ: true},
			{Meta: state.Meta{ARN: arn("dms", "us-east-1", "rep:BBBB"), Region: "us-east-1"}, ID: "crm-copy", PubliclyAccessible: true},
		}
		a.DMS.Endpoints = []state.DMSEndpoint{{Meta: state.Meta{ARN: arn("dms", "eu-west-1", "endpoint:CCCC"), Region: "eu-west-1"}, ID: "src", Type: "SOURCE", Engine: "mysql"}}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody, exposure, backup string
	}{
		{arn("dms", "eu-west-1", "rep:AAAA"), "orders-migration", "customer_managed", Private, "Multi-AZ"},
		{arn("dms", "us-east-1", "rep:BBBB"), "crm-copy", "aws_managed", Public, "data in flight"},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "replication-instance" || s.Service != "dms" || s.Name != tc.name || s.Encryption.Custody != tc.custody {
			t.Errorf("%s: kind %s service %s name %s custody %s, want replication-instance dms %s %s", tc.arn, s.Kind, s.Service, s.Name, s.Encryption.Custody, tc.name, tc.custody)
		}
		if s.Exposure.Level != tc.exposure {
			t.Errorf("%s: exposure %+v, want %s", tc.arn, s.Exposure, tc.exposure)
		}
		if s.Backup.State != IsBackup || !strings.Contains(strings.Join(s.Backup.Detail, "; "), tc.backup) {
			t.Errorf("%s: backup %+v, want is_backup with %q", tc.arn, s.Backup, tc.backup)
		}
		if len(s.Copies) != 0 {
			t.Errorf("%s: copies %+v, want none (AWS Backup does not cover DMS)", tc.arn, s.Copies)
		}
	}
	for _, s := range m.Stores {
		if s.ARN == arn("dms", "eu-west-1", "endpoint:CCCC") {
			t.Errorf("a DMS endpoint is listed as a store: %+v", s)
		}
	}
}
