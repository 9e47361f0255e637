package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestMSKStores: every MSK cluster is a store named by its cluster name
// (not the UUID its ARN ends in); custody follows the broker volumes' key
// (none named: aws/kafka, AWS managed; serverless: keys MSK owns); public
// access makes it public, otherwise exposure is the cluster policy's
// verdict (unknown while not read); AWS Backup copies nothing of it.
func TestMSKStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/events")
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "events", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.MSK.Clusters = []state.MSKCluster{
			{Meta: state.Meta{ARN: arn("kafka", "eu-west-1", "cluster/events/1111-2222"), Region: "eu-west-1"}, Name: "events", Type: "PROVISIONED",
				EncryptionReported: true, InClusterTLS: true, ClientBroker: "TLS", KMSKeyID: cmk, PublicAccess: "DISABLED", IAMAuth: true, PolicyRead: true},
			{Meta: state.Meta{ARN: arn("kafka", "us-east-1", "cluster/legacy/3333-4444"), Region: "us-east-1"}, Name: "legacy", Type: "PROVISIONED",
				EncryptionReported: true, ClientBroker: "PLAINTEXT", PublicAccess: "SERVICE_PROVIDED_EIPS", Unauthenticated: true},
			{Meta: state.Meta{ARN: arn("kafka", "eu-west-1", "cluster/lite/5555-6666"), Region: "eu-west-1"}, Name: "lite", Type: "SERVERLESS"},
			{Meta: state.Meta{ARN: arn("kafka", "eu-west-1", "cluster/shared/7777-8888"), Region: "eu-west-1"}, Name: "shared", Type: "SERVERLESS", PolicyRead: true,
				Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"kafka:CreateVpcConnection","Resource":"*"}]}`},
		}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody string
		exposure           string
	}{
		{arn("kafka", "eu-west-1", "cluster/events/1111-2222"), "events", "customer_managed", Private},
		{arn("kafka", "us-east-1", "cluster/legacy/3333-4444"), "legacy", "aws_managed", Public},
		{arn("kafka", "eu-west-1", "cluster/lite/5555-6666"), "lite", "aws_owned", Unknown},
		{arn("kafka", "eu-west-1", "cluster/shared/7777-8888"), "shared", "aws_owned", Shared},
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

// TestRedshiftServerlessStores: every namespace is a store named by its
// name (its ARN ends in an ID); custody from its key (AWS owned unless a
// customer managed key is named); public when a workgroup on it is
// publicly accessible; its automatic recovery points are a backup.
func TestRedshiftServerlessStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/bi")
	a := account(func(a *state.Account) {
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "bi", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.RedshiftServerless.Namespaces = []state.ServerlessNamespace{
			{Meta: state.Meta{ARN: arn("redshift-serverless", "eu-west-1", "namespace/1a2b"), Region: "eu-west-1"}, Name: "bi-data", KMSKeyID: cmk},
			{Meta: state.Meta{ARN: arn("redshift-serverless", "us-east-1", "namespace/3c4d"), Region: "us-east-1"}, Name: "ads", KMSKeyID: "AWS_OWNED_KMS_KEY"},
		}
		a.RedshiftServerless.Workgroups = []state.ServerlessWorkgroup{
			{Meta: state.Meta{ARN: arn("redshift-serverless", "eu-west-1", "workgroup/5e6f"), Region: "eu-west-1"}, Name: "bi", Namespace: "bi-data"},
			{Meta: state.Meta{ARN: arn("redshift-serverless", "us-east-1", "workgroup/7a8b"), Region: "us-east-1"}, Name: "ads", Namespace: "ads", PubliclyAccessible: true},
		}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody, exposure string
	}{
		{arn("redshift-serverless", "eu-west-1", "namespace/1a2b"), "bi-data", "customer_managed", Private},
		{arn("redshift-serverless", "us-east-1", "namespace/3c4d"), "ads", "aws_owned", Public},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "serverless-namespace" || s.Name != tc.name || s.Encryption.Custody != tc.custody || s.Exposure.Level != tc.exposure {
			t.Errorf("%s: kind %s name %s custody %s exposure %s, want serverless-namespace %s %s %s", tc.arn, s.Kind, s.Name, s.Encryption.Custody,
				s.Exposure.Level, tc.name, tc.custody, tc.exposure)
		}
		if s.Backup.State != Protected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), "recovery points") {
			t.Errorf("%s: backup %+v, want protected by automatic recovery points", tc.arn, s.Backup)
		}
	}
}
