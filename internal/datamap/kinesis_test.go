package datamap

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestKinesisStores: every data stream is a store; custody follows its
// server-side encryption (alias/aws/kinesis is AWS managed), a summary
// that was not read leaves custody unknown, exposure is the stream
// policy's verdict (unknown when the policy was not read), retention is
// never a backup, and an AWS Backup plan that selects everything copies
// nothing of a stream.
func TestKinesisStores(t *testing.T) {
	a := account(func(a *state.Account) {
		// A plan whose selection takes every resource and copies to
		// us-east-1 copies none of a stream's records.
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.Kinesis.Streams = []state.KinesisStream{
			{Meta: state.Meta{ARN: arn("kinesis", "eu-west-1", "stream/clicks"), Region: "eu-west-1"}, Name: "clicks",
				Described: true, EncryptionType: "KMS", KMSKeyID: "alias/aws/kinesis", RetentionHours: 168, PolicyRead: true},
			{Meta: state.Meta{ARN: arn("kinesis", "us-east-1", "stream/plain"), Region: "us-east-1"}, Name: "plain",
				Described: true, EncryptionType: "NONE", RetentionHours: 24, PolicyRead: true,
				Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kinesis:GetRecords","Resource":"*"}]}`},
			{Meta: state.Meta{ARN: arn("kinesis", "us-east-1", "stream/unread"), Region: "us-east-1"}, Name: "unread"},
		}
	})
	m := Build(a, pol(nil))
	cases := []struct {
		arn, custody, detail string
		exposure             string
		exposureDetail       string
	}{
		{arn("kinesis", "eu-west-1", "stream/clicks"), "aws_managed", "168 hours", Private, ""},
		{arn("kinesis", "us-east-1", "stream/plain"), "none", "24 hours", Public, "stream resource policy"},
		{arn("kinesis", "us-east-1", "stream/unread"), "unknown", "until they expire", Unknown, "policy not reported"},
	}
	for _, tc := range cases {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "stream" || s.Service != "kinesis" || s.Encryption.Custody != tc.custody {
			t.Errorf("%s: kind %s service %s custody %s, want stream kinesis %s", tc.arn, s.Kind, s.Service, s.Encryption.Custody, tc.custody)
		}
		if s.Exposure.Level != tc.exposure || !strings.Contains(s.Exposure.Detail+fmt.Sprint(s.Exposure.SharedWith), tc.exposureDetail) {
			t.Errorf("%s: exposure %+v, want %s (%q)", tc.arn, s.Exposure, tc.exposure, tc.exposureDetail)
		}
		if s.Backup.State != Unprotected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), tc.detail) {
			t.Errorf("%s: backup %+v, want unprotected with %q", tc.arn, s.Backup, tc.detail)
		}
		for _, c := range s.Copies {
			if c.Kind == "backup-copy" {
				t.Errorf("%s: copy %+v, want no AWS Backup copies (AWS Backup does not cover Kinesis)", tc.arn, c)
			}
		}
	}
}

// TestFirehoseStores: a delivery stream that takes records directly is a
// store (custody from Firehose's own encryption, no AWS Backup copies);
// one that reads a Kinesis data stream is not, its records rest in the
// source stream.
func TestFirehoseStores(t *testing.T) {
	lake := arn("firehose", "eu-west-1", "deliverystream/to-lake")
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.Firehose.DeliveryStreams = []state.DeliveryStream{
			{Meta: state.Meta{ARN: lake, Region: "eu-west-1"}, Name: "to-lake", Described: true, Type: "DirectPut",
				EncryptionStatus: "ENABLED", KeyType: "AWS_OWNED_CMK", Destinations: []string{"s3"}},
			{Meta: state.Meta{ARN: arn("firehose", "eu-west-1", "deliverystream/from-clicks"), Region: "eu-west-1"}, Name: "from-clicks",
				Described: true, Type: "KinesisStreamAsSource", SourceStreamARN: arn("kinesis", "eu-west-1", "stream/clicks")},
		}
	})
	m := Build(a, pol(nil))
	for _, s := range m.Stores {
		if s.Name == "from-clicks" {
			t.Errorf("a delivery stream that reads a Kinesis data stream is listed as a store of its own: %+v", s)
		}
	}
	s := storeOf(t, m, lake)
	if s.Kind != "delivery-stream" || s.Service != "firehose" || s.Encryption.Custody != "aws_owned" {
		t.Errorf("kind %s service %s custody %s, want delivery-stream firehose aws_owned", s.Kind, s.Service, s.Encryption.Custody)
	}
	if s.Exposure.Level != Private || s.Backup.State != Unprotected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), "s3") {
		t.Errorf("exposure %+v backup %+v, want private and unprotected until delivery to s3", s.Exposure, s.Backup)
	}
	if len(s.Copies) != 0 {
		t.Errorf("copies %+v, want none (AWS Backup does not cover Firehose)", s.Copies)
	}
}
