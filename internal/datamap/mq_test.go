package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestMQStores: every Amazon MQ broker is a store named by its broker name
// (not the ID its ARN ends in); custody follows its encryption options
// (the key Amazon MQ owns, aws/mq when no key is named, or the customer
// managed key); publicly accessible makes it public, otherwise private to
// its VPC, and unknown with the gap when DescribeBroker failed; AWS Backup
// copies nothing of it.
func TestMQStores(t *testing.T) {
	cmk := arn("kms", "eu-west-1", "key/orders")
	orders := arn("mq", "eu-west-1", "broker:orders:b-1111")
	legacy := arn("mq", "us-east-1", "broker:legacy:b-2222")
	events := arn("mq", "eu-west-1", "broker:events:b-3333")
	unread := arn("mq", "eu-west-1", "broker:unread:b-4444")
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.KMS.Keys = []state.Key{{Meta: state.Meta{ARN: cmk, Region: "eu-west-1"}, ID: "orders", Manager: "CUSTOMER", Origin: "AWS_KMS"}}
		a.MQ.Brokers = []state.MQBroker{
			{Meta: state.Meta{ARN: orders, Region: "eu-west-1"}, ID: "b-1111", Name: "orders", EngineType: "ACTIVEMQ", Described: true, KMSKeyID: cmk},
			{Meta: state.Meta{ARN: legacy, Region: "us-east-1"}, ID: "b-2222", Name: "legacy", EngineType: "ACTIVEMQ", Described: true, PubliclyAccessible: true},
			{Meta: state.Meta{ARN: events, Region: "eu-west-1"}, ID: "b-3333", Name: "events", EngineType: "RABBITMQ", Described: true, AWSOwnedKey: true},
			{Meta: state.Meta{ARN: unread, Region: "eu-west-1"}, ID: "b-4444", Name: "unread", EngineType: "ACTIVEMQ"},
		}
		a.Gaps.Add(state.Gap{Service: "mq", Region: "eu-west-1", Operation: "DescribeBroker", Resource: unread, Reason: state.ReasonAccessDenied})
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody, exposure string
	}{
		{orders, "orders", "customer_managed", Private},
		{legacy, "legacy", "aws_managed", Public},
		{events, "events", "aws_owned", Private},
		{unread, "unread", "unknown", Unknown},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "broker" || s.Service != "mq" || s.Name != tc.name || s.Encryption.Custody != tc.custody {
			t.Errorf("%s: kind %s service %s name %s custody %s, want broker mq %s %s", tc.arn, s.Kind, s.Service, s.Name, s.Encryption.Custody, tc.name, tc.custody)
		}
		if s.Exposure.Level != tc.exposure {
			t.Errorf("%s: exposure %+v, want %s", tc.arn, s.Exposure, tc.exposure)
		}
		if s.Backup.State != Unprotected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), "does not cover Amazon MQ") {
			t.Errorf("%s: backup %+v, want unprotected (AWS Backup does not cover Amazon MQ)", tc.arn, s.Backup)
		}
		if len(s.Copies) != 0 {
			t.Errorf("%s: copies %+v, want none", tc.arn, s.Copies)
		}
	}
}
