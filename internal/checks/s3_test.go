package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Shorthands for the data-store checks' cases.
const (
	dsP  = check.Pass
	dsF  = check.Fail
	dsU  = check.Unknown
	dsNA = check.NotApplicable
)

func dsWant(s ...check.Status) []check.Status { return s }

// dsGap records an access-denied gap.
func dsGap(service, region, op, resource string) func(*state.Account) {
	return withGap(state.Gap{Service: service, Region: region, Operation: op, Resource: resource, Reason: state.ReasonAccessDenied, Message: "denied"})
}

var (
	dsSensitive = map[string]string{"data-classification": "confidential"}
	dsInternal  = map[string]string{"data-classification": "internal"}
)

// dsBucket adds a bucket in eu-west-1 named name, edited by mut.
func dsBucket(name string, mut func(b *state.Bucket)) func(*state.Account) {
	return func(a *state.Account) {
		b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: "eu-west-1"}, Name: name}
		if mut != nil {
			mut(&b)
		}
		a.S3.Buckets = append(a.S3.Buckets, b)
	}
}

func dsListBucketsDenied() func(*state.Account) { return dsGap("s3", "", "ListBuckets", "") }

func s3Cases() map[string][]checkCase {
	all := &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	half := &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true}
	acctPAB := func(p *state.PublicAccessBlock) func(*state.Account) {
		return func(a *state.Account) { a.S3.AccountPublicAccessBlock = p }
	}
	const arn = "arn:aws:s3:::data"
	// bucketOp makes a case where the bucket's setting read by op was denied.
	bucketOp := func(op string) checkCase {
		return checkCase{name: op + " denied", acct: baseAccount(dsBucket("data", nil), dsGap("s3", "eu-west-1", op, arn)), want: dsWant(dsU)}
	}
	listDenied := checkCase{name: "list denied", acct: baseAccount(dsBucket("data", nil), dsListBucketsDenied()), want: dsWant(dsU)}
	return map[string][]checkCase{
		"s3_account_public_access_block": {
			{name: "all on", acct: baseAccount(acctPAB(all)), want: dsWant(dsP)},
			{name: "partial", acct: baseAccount(acctPAB(half)), want: dsWant(dsF), msg: "BlockPublicPolicy, RestrictPublicBuckets off"},
			{name: "none", acct: baseAccount(), want: dsWant(dsF), msg: "no account-level"},
			{name: "denied", acct: baseAccount(dsGap("s3", "", "GetAccountPublicAccessBlock", "")), want: dsWant(dsU)},
		},
		"s3_bucket_public_access_block": {
			{name: "account covers", acct: baseAccount(acctPAB(all), dsBucket("data", nil)), want: dsWant(dsP)},
			{name: "bucket covers", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.PublicAccessBlock = all })), want: dsWant(dsP)},
			{name: "combined covers", acct: baseAccount(acctPAB(half), dsBucket("data", func(b *state.Bucket) {
				b.PublicAccessBlock = &state.PublicAccessBlock{BlockPublicPolicy: true, RestrictPublicBuckets: true}
			})), want: dsWant(dsP)},
			{name: "neither", acct: baseAccount(acctPAB(half), dsBucket("data", nil)), want: dsWant(dsF), msg: "BlockPublicPolicy"},
			{name: "bucket setting denied", acct: baseAccount(acctPAB(half), dsBucket("data", nil), dsGap("s3", "eu-west-1", "GetPublicAccessBlock", arn)), want: dsWant(dsU)},
			{name: "account setting denied", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.PublicAccessBlock = half }), dsGap("s3", "", "GetAccountPublicAccessBlock", "")), want: dsWant(dsU)},
			{name: "account denied but bucket covers", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.PublicAccessBlock = all }), dsGap("s3", "", "GetAccountPublicAccessBlock", "")), want: dsWant(dsP)},
			listDenied,
		},
		"s3_bucket_acls_disabled": {
			{name: "enforced", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.ObjectOwnership = "BucketOwnerEnforced" })), want: dsWant(dsP)},
			{name: "preferred", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.ObjectOwnership = "BucketOwnerPreferred" })), want: dsWant(dsF), msg: "BucketOwnerPreferred"},
			{name: "unset", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF)},
			bucketOp("GetBucketOwnershipControls"),
			listDenied,
		},
		"s3_bucket_default_encryption_kms": {
			{name: "cmk", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/k1"}
			})), want: dsWant(dsP)},
			{name: "dsse default key", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms:dsse"} })), want: dsWant(dsP), msg: "aws/s3"},
			{name: "sse-s3", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Encryption = &state.BucketEncryption{Algorithm: "AES256"} })), want: dsWant(dsF)},
			{name: "no rule", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF), msg: "no default encryption"},
			bucketOp("GetBucketEncryption"),
		},
		"s3_bucket_versioning": {
			{name: "enabled", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Versioning = "Enabled" })), want: dsWant(dsP)},
			{name: "suspended", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Versioning = "Suspended" })), want: dsWant(dsF), msg: "suspended"},
			{name: "never", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF)},
			bucketOp("GetBucketVersioning"),
		},
		"s3_bucket_mfa_delete": {
			{name: "on", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Versioning, b.MFADelete = "Enabled", true })), want: dsWant(dsP)},
			{name: "versioned without mfa", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Versioning = "Enabled" })), want: dsWant(dsF), msg: "MFA delete is off"},
			{name: "not versioned", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF), msg: "versioning is not enabled"},
			bucketOp("GetBucketVersioning"),
		},
		"s3_bucket_object_lock": {
			{name: "sensitive locked", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.Tags = dsSensitive
				b.ObjectLock = &state.ObjectLock{Enabled: true, Mode: "COMPLIANCE", Years: 7}
			})), want: dsWant(dsP), msg: "7 years"},
			{name: "sensitive lock without retention", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.Tags = dsSensitive
				b.ObjectLock = &state.ObjectLock{Enabled: true}
			})), want: dsWant(dsF), msg: "no default retention"},
			{name: "sensitive unlocked", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Tags = dsSensitive })), want: dsWant(dsF)},
			{name: "internal", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Tags = dsInternal })), want: dsWant(dsNA), msg: "internal"},
			{name: "untagged", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsNA), msg: "untagged"},
			bucketOp("GetObjectLockConfiguration"),
		},
		"s3_bucket_lifecycle": {
			{name: "rule", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.LifecycleRules = []state.LifecycleRule{{ID: "x", Enabled: true, ExpirationDays: 30}}
			})), want: dsWant(dsP)},
			{name: "disabled rule", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.LifecycleRules = []state.LifecycleRule{{ID: "x"}} })), want: dsWant(dsF), msg: "disabled"},
			{name: "none", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF)},
			bucketOp("GetBucketLifecycleConfiguration"),
		},
		"s3_bucket_replication": {
			{name: "sensitive replicated", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.Tags = dsSensitive
				b.Replication = []state.ReplicationRule{{Enabled: true, DestinationBucket: "arn:aws:s3:::data-dr", DestinationRegion: "eu-central-1"}}
			})), want: dsWant(dsP), msg: "eu-central-1"},
			{name: "sensitive disabled rule", acct: baseAccount(dsBucket("data", func(b *state.Bucket) {
				b.Tags = dsSensitive
				b.Replication = []state.ReplicationRule{{DestinationBucket: "arn:aws:s3:::data-dr"}}
			})), want: dsWant(dsF)},
			{name: "internal", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Tags = dsInternal })), want: dsWant(dsNA)},
			bucketOp("GetBucketReplication"),
		},
		"s3_bucket_event_notifications": {
			{name: "on", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.EventNotifications = true })), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF)},
			bucketOp("GetBucketNotificationConfiguration"),
		},
		"s3_bucket_access_logging": {
			{name: "on", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Logging = &state.BucketLogging{TargetBucket: "logs", TargetPrefix: "data/"} })), want: dsWant(dsP), msg: "s3://logs/data/"},
			{name: "off", acct: baseAccount(dsBucket("data", nil)), want: dsWant(dsF)},
			{name: "two buckets, one denied", acct: baseAccount(dsBucket("data", nil), dsBucket("logs", func(b *state.Bucket) { b.Logging = &state.BucketLogging{TargetBucket: "x"} }),
				dsGap("s3", "eu-west-1", "GetBucketLogging", arn)), want: dsWant(dsU, dsP)},
			listDenied,
		},
	}
}
