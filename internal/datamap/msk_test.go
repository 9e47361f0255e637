package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestMSKStores: every MSK cluster is a store named by its cluster name
// (not the UUID its ARN ends in); custody follows the broker volumes' key
// (none named: aws/kafka, AWS managed; serverless: keys MSK owns); public
// access makes it public, otherwise exposure is unknown because cluster
// policies are not read; AWS Backup copies nothing of it.
func TestMSKStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/events")
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "events", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.MSK.Clusters = []state.MSKCluster{
			{Meta: state.Meta{ARN: arn("kafka", "eu-west-1", "cluster/events/1111-2222"), Region: "eu-west-1"}, Name: "events", Type: "PROVISIONED",
				EncryptionReported: true, InClusterTLS: true, ClientBroker: "TLS", KMSKeyID: cmk, PublicAccess: "DISABLED", IAMAuth: true},
			{Meta: state.Meta{ARN: arn("kafka", "us-east-1", "cluster/legacy/3333-4444"), Region: "us-east-1"}, Name: "legacy", Type: "PROVISIONED",
				EncryptionReported: true, ClientBroker: "PLAINTEXT", PublicAccess: "SERVICE_PROVIDED_EIPS", Unauthenticated: true},
			{Meta: state.Meta{ARN: arn("kafka", "eu-west-1", "cluster/lite/5555-6666"), Region: "eu-west-1"}, Name: "lite", Type: "SERVERLESS"},
		}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody string
		exposure           string
	}{
		{arn("kafka", "eu-west-1", "cluster/events/1111-2222"), "events", "customer_managed", Unknown},
		{arn("kafka", "us-east-1", "cluster/legacy/3333-4444"), "legacy", "aws_managed", Public},
		{arn("kafka", "eu-west-1", "cluster/lite/5555-6666"), "lite", "aws_owned", Unknown},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "msk-cluster" || s.Service != "kafka" || s.Name != tc.name || s.Encryption.Custody != tc.custody {
			t.Errorf("%s: kind %s service %s name %s custody %s, want msk-cluster kafka %s %s", tc.arn, s.Kind, s.Service, s.Name, s.Encryption.Custody, tc.name, tc.custody)
		}
		if s.Exposure.Level != tc.exposure {
			t.Errorf("%s: exposure %+v, want %s", tc.arn, s.Exposure, tc.exposure)
		}
		if s.Backup.State != Unprotected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), "does not cover MSK") {
			t.Errorf("%s: backup %+v, want unprotected (AWS Backup does not cover MSK)", tc.arn, s.Backup)
		}
		if len(s.Copies) != 0 {
			t.Errorf("%s: copies %+v, want none", tc.arn, s.Copies)
		}
	}
}
