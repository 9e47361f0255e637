package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsKeyARN = "arn:aws:kms:eu-west-1:" + testAccountID + ":key/k1"

// dsKey adds a customer managed symmetric key k1 in eu-west-1, edited by mut.
func dsKey(mut func(k *state.Key)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.Key{Meta: state.Meta{ARN: dsKeyARN, Region: "eu-west-1"}, ID: "k1", Aliases: []string{"alias/app"},
			Manager: "CUSTOMER", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT"}
		if mut != nil {
			mut(&k)
		}
		a.KMS.Keys = append(a.KMS.Keys, k)
	}
}

func dsAWSKey(a *state.Account) {
	a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: state.Meta{ARN: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/aws-ebs", Region: "eu-west-1"},
		ID: "aws-ebs", Aliases: []string{"alias/aws/ebs"}, Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Spec: "SYMMETRIC_DEFAULT"})
}

func pendingDeletion(k *state.Key) {
	k.State = "PendingDeletion"
	d := testTime.Add(5 * 24 * time.Hour)
	k.DeletionDate = &d
}

func kmsCases() map[string][]checkCase {
	keyOp := func(op string) checkCase {
		return checkCase{name: op + " denied", acct: baseAccount(dsKey(nil), dsGap("kms", "eu-west-1", op, dsKeyARN)), want: dsWant(dsU)}
	}
	listDenied := checkCase{name: "list denied in eu", acct: baseAccount(dsKey(nil), dsGap("kms", "eu-west-1", "ListKeys", "")), want: dsWant(dsU)}
	trusting := &policy.Policy{TrustedAccounts: []string{"444455556666"}}
	grant := func(principal string) func(*state.Key) {
		return func(k *state.Key) {
			k.Grants = []state.Grant{{ID: "g1", GranteePrincipal: principal, Operations: []string{"Decrypt"}}}
		}
	}
	// A confidential RDS instance encrypted under ref in eu-west-1.
	db := func(ref string, tags map[string]string) func(*state.Account) {
		return func(a *state.Account) {
			a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: state.Meta{ARN: "arn:aws:rds:eu-west-1:" + testAccountID + ":db:orders", Region: "eu-west-1", Tags: tags},
				ID: "orders", Engine: "postgres", StorageEncrypted: ref != "", KMSKeyID: ref})
		}
	}
	return map[string][]checkCase{
		"kms_key_rotation_enabled": {
			{name: "rotating", acct: baseAccount(dsKey(func(k *state.Key) { k.RotationEnabled, k.RotationPeriodDays = true, 365 })), want: dsWant(dsP), msg: "365 days"},
			{name: "not rotating", acct: baseAccount(dsKey(nil)), want: dsWant(dsF), msg: "alias/app"},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA), msg: "AWS managed"},
			{name: "asymmetric", acct: baseAccount(dsKey(func(k *state.Key) { k.Spec, k.Usage = "RSA_2048", "SIGN_VERIFY" })), want: dsWant(dsNA)},
			{name: "imported", acct: baseAccount(dsKey(func(k *state.Key) { k.Origin = "EXTERNAL" })), want: dsWant(dsNA), msg: "EXTERNAL"},
			{name: "pending deletion", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsNA)},
			keyOp("GetKeyRotationStatus"),
			listDenied,
		},
		"kms_key_not_pending_deletion": {
			{name: "enabled", acct: baseAccount(dsKey(nil)), want: dsWant(dsP)},
			{name: "pending", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsF), msg: "in 5 days"},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA)},
			keyOp("DescribeKey"),
			listDenied,
		},
		"kms_key_pending_deletion_in_use": {
			{name: "unused", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsP)},
			{name: "protects a database by ARN", acct: baseAccount(dsKey(pendingDeletion), db(dsKeyARN, nil)), want: dsWant(dsF), msg: "db:orders"},
			{name: "protects a bucket by alias", acct: baseAccount(dsKey(pendingDeletion), dsBucket("data", func(b *state.Bucket) {
				b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "alias/app"}
			})), want: dsWant(dsF), msg: "arn:aws:s3:::data"},
			{name: "protects a recovery point", acct: baseAccount(dsKey(pendingDeletion), func(a *state.Account) {
				a.Backup.RecoveryPoints = []state.RecoveryPoint{{Meta: state.Meta{ARN: "arn:aws:backup:eu-west-1:" + testAccountID + ":recovery-point:rp1", Region: "eu-west-1"}, EncryptionKeyARN: dsKeyARN, Encrypted: true}}
			}), want: dsWant(dsF), msg: "recovery-point:rp1"},
			{name: "enabled key is not reported", acct: baseAccount(dsKey(nil), db(dsKeyARN, nil)), want: nil},
			{name: "unused but RDS listing failed", acct: baseAccount(dsKey(pendingDeletion), dsGap("rds", "eu-west-1", "DescribeDBInstances", "")), want: dsWant(dsU), msg: "incomplete"},
			{name: "unused, listing failed elsewhere", acct: baseAccount(dsKey(pendingDeletion), dsGap("rds", "us-east-1", "DescribeDBInstances", "")), want: dsWant(dsP)},
			listDenied,
		},
		"kms_key_grants_trusted": {
			{name: "own account", acct: baseAccount(dsKey(grant("arn:aws:iam::" + testAccountID + ":role/app"))), want: dsWant(dsP)},
			{name: "trusted partner", acct: baseAccount(dsKey(grant("arn:aws:iam::444455556666:role/etl"))), pol: trusting, want: dsWant(dsP)},
			{name: "untrusted partner", acct: baseAccount(dsKey(grant("arn:aws:iam::777788889999:role/etl"))), pol: trusting, want: dsWant(dsF), msg: "777788889999"},
			{name: "partner without policy", acct: baseAccount(dsKey(grant("arn:aws:iam::444455556666:role/etl"))), want: dsWant(dsF)},
			{name: "service principal", acct: baseAccount(dsKey(grant("dynamodb.amazonaws.com"))), want: dsWant(dsP)},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA)},
			keyOp("ListGrants"),
		},
		"kms_data_store_custody": {
			{name: "sensitive on cmk", acct: baseAccount(dsKey(nil), db(dsKeyARN, dsSensitive)), want: dsWant(dsP), msg: "customer_managed"},
			{name: "sensitive on aws managed", acct: baseAccount(dsAWSKey, db("alias/aws/rds", dsSensitive)), want: dsWant(dsF), msg: "aws_managed"},
			{name: "sensitive unencrypted", acct: baseAccount(db("", dsSensitive)), want: dsWant(dsF), msg: "none"},
			{name: "internal", acct: baseAccount(db("", dsInternal)), want: dsWant(dsNA)},
			{name: "policy wildcard", acct: baseAccount(db("alias/aws/rds", dsInternal)), pol: &policy.Policy{RequiredCustody: map[string]string{"*": "aws_managed"}}, want: dsWant(dsP)},
			{name: "policy per class beats wildcard", acct: baseAccount(dsKey(nil), db(dsKeyARN, dsSensitive)),
				pol: &policy.Policy{RequiredCustody: map[string]string{"*": "aws_managed", "Confidential": "cloudhsm"}}, want: dsWant(dsF), msg: "below the required cloudhsm"},
			{name: "policy silent on class", acct: baseAccount(db("", dsSensitive)), pol: &policy.Policy{RequiredCustody: map[string]string{"public": "none"}}, want: dsWant(dsNA)},
			{name: "bad policy level", acct: baseAccount(db("", dsSensitive)), pol: &policy.Policy{RequiredCustody: map[string]string{"*": "vault"}}, want: dsWant(dsU), msg: "invalid"},
			{name: "key not collected", acct: baseAccount(db("arn:aws:kms:eu-west-1:999999999999:key/x", dsSensitive)), want: dsWant(dsU), msg: "not in the collected"},
			{name: "bucket encryption denied", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Tags = dsSensitive }), dsGap("s3", "eu-west-1", "GetBucketEncryption", "arn:aws:s3:::data")),
				want: dsWant(dsU)},
			{name: "listing failed", acct: baseAccount(db(dsKeyARN, dsSensitive), dsKey(nil), dsGap("dynamodb", "us-east-1", "ListTables", "")), want: dsWant(dsU, dsP)},
		},
	}
}
