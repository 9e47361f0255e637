package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsDirBucket    = "ticks--euw1-az1--x-s3"
	dsDirBucketARN = "arn:aws:s3express:eu-west-1:" + testAccountID + ":bucket/" + dsDirBucket
)

// dsDirectoryBucket adds directory bucket "ticks" in eu-west-1's zone
// euw1-az1: SSE-KMS under the customer key dsKeyARN, one enabled lifecycle
// rule, no policy; edited by mut (svc-s3dir).
func dsDirectoryBucket(mut func(b *state.DirectoryBucket)) func(*state.Account) {
	return func(a *state.Account) {
		b := state.DirectoryBucket{Meta: state.Meta{ARN: dsDirBucketARN, Region: "eu-west-1"}, Name: dsDirBucket,
			Encryption:     &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: dsKeyARN, BucketKeyEnabled: true},
			LifecycleRules: []state.LifecycleRule{{ID: "expire", Enabled: true, ExpirationDays: 7}}}
		if mut != nil {
			mut(&b)
		}
		a.S3Express.Buckets = append(a.S3Express.Buckets, b)
	}
}

func s3ExpressCases() map[string][]checkCase {
	c := func(name string, m func(*state.DirectoryBucket), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDirectoryBucket(m)), want: dsWant(want), msg: msg}
	}
	denied := func(op string) []checkCase {
		return []checkCase{
			{name: "listing denied", acct: baseAccount(dsDirectoryBucket(nil), dsGap("s3express", "eu-west-1", "ListDirectoryBuckets", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsDirectoryBucket(nil), dsGap("s3express", "us-east-1", "ListDirectoryBuckets", "")), want: dsWant(dsU, dsP)},
			{name: op + " denied", acct: baseAccount(dsDirectoryBucket(nil), dsGap("s3express", "eu-west-1", op, dsDirBucketARN)), want: dsWant(dsU), msg: op},
		}
	}
	const other = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3express:CreateSession","Resource":"*"}]}`
	const partner = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3express:CreateSession","Resource":"*"}]}`
	trusted := &policy.Policy{TrustedAccounts: []string{"444455556666"}}
	return map[string][]checkCase{
		"s3_directory_bucket_lifecycle": append([]checkCase{
			c("enabled rule", nil, dsP, "1 enabled lifecycle rule"),
			c("only disabled rules", func(b *state.DirectoryBucket) { b.LifecycleRules[0].Enabled = false }, dsF, "all 1 lifecycle rules are disabled"),
			c("no lifecycle", func(b *state.DirectoryBucket) { b.LifecycleRules = nil }, dsF, "no lifecycle configuration"),
		}, denied("GetBucketLifecycleConfiguration")...),
		"s3_directory_bucket_encryption_kms": append([]checkCase{
			c("sse-kms", nil, dsP, "aws:kms with "+dsKeyARN),
			c("sse-s3", func(b *state.DirectoryBucket) { b.Encryption = &state.BucketEncryption{Algorithm: "AES256"} }, dsF, "SSE-S3"),
			c("not reported", func(b *state.DirectoryBucket) { b.Encryption = nil }, dsU, "reported no default encryption"),
		}, denied("GetBucketEncryption")...),
		"s3_directory_bucket_policy_trusted": append([]checkCase{
			c("no policy", nil, dsP, "no bucket policy"),
			c("untrusted account", func(b *state.DirectoryBucket) { b.Policy = other }, dsF, "999988887777"),
			{name: "trusted partner", acct: baseAccount(dsDirectoryBucket(func(b *state.DirectoryBucket) { b.Policy = partner })), pol: trusted, want: dsWant(dsP)},
			c("unparseable", func(b *state.DirectoryBucket) { b.Policy = "{" }, dsU, ""),
		}, denied("GetBucketPolicy")...),
		"s3_directory_bucket_in_allowed_region": storeCases("s3express", "ListDirectoryBuckets", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.S3Express.Buckets = append(a.S3Express.Buckets, state.DirectoryBucket{Meta: nwMetaIn(r, "s3express", "bucket/b--z1--x-s3"), Name: "b--z1--x-s3"})
			}
		}),
	}
}

// TestDirectoryBucketCustody: kms_data_store_custody judges directory
// buckets by the general purpose bucket's key rule (custody.BucketKey):
// SSE-S3 is an AWS owned key, below a customer managed requirement; the
// customer key passes; an unread encryption is unknown.
func TestDirectoryBucketCustody(t *testing.T) {
	pol := &policy.Policy{RequiredCustody: map[string]string{"*": "customer_managed"}}
	var custodyCheck check.Check
	for _, c := range All() {
		if c.ID == "kms_data_store_custody" {
			custodyCheck = c
		}
	}
	for _, tc := range []struct {
		name string
		mut  func(*state.Account)
		want check.Status
	}{
		{"customer key", dsDirectoryBucket(nil), check.Pass},
		{"sse-s3", dsDirectoryBucket(func(b *state.DirectoryBucket) { b.Encryption = &state.BucketEncryption{Algorithm: "AES256"} }), check.Fail},
		{"encryption denied", func(a *state.Account) {
			dsDirectoryBucket(nil)(a)
			dsGap("s3express", "eu-west-1", "GetBucketEncryption", dsDirBucketARN)(a)
		}, check.Unknown},
		{"not reported", dsDirectoryBucket(func(b *state.DirectoryBucket) { b.Encryption = nil }), check.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := baseAccount(dsKey(nil), tc.mut)
			got, msg, ok := statusOn(t, custodyCheck, a, pol, dsDirBucketARN)
			if !ok || got != tc.want {
				t.Errorf("kms_data_store_custody on the directory bucket = %s (%v), want %s: %s", got, ok, tc.want, msg)
			}
		})
	}
}
