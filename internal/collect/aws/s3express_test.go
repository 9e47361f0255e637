package aws

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestStubDirectoryBuckets (svc-s3dir): moto serves no directory buckets,
// so the stub answers ListDirectoryBuckets and the three bucket reads as
// the s3express-control endpoint does; the SDK reads them back through the
// collector with S3 Express session auth off (no CreateSession is sent:
// TestMotoOperationsDeclaredAndReadOnly sees every stub request).
func TestStubDirectoryBuckets(t *testing.T) {
	a := stubCollected(t).Account
	logs := find(t, "directory bucket", a.S3Express.Buckets, func(b state.DirectoryBucket) string { return b.Name }, "logs--euc1-az1--x-s3")
	eq(t, "arn", logs.ARN, "arn:aws:s3express:eu-west-1:"+stubAccount+":bucket/logs--euc1-az1--x-s3")
	eq(t, "region", logs.Region, "eu-west-1")
	eq(t, "zone", logs.Zone(), "euc1-az1")
	if logs.CreationDate == nil || logs.CreationDate.Format("2006-01-02") != "2026-01-02" {
		t.Errorf("creation date = %v", logs.CreationDate)
	}
	if logs.Policy == "" || logs.Encryption == nil || logs.Encryption.Algorithm != "aws:kms" || !logs.Encryption.BucketKeyEnabled ||
		logs.Encryption.KMSKeyID != "arn:aws:kms:eu-west-1:"+stubAccount+":key/1111-2222" {
		t.Errorf("logs = %+v", logs)
	}
	if len(logs.LifecycleRules) != 1 || !logs.LifecycleRules[0].Enabled || logs.LifecycleRules[0].ExpirationDays != 30 || logs.LifecycleRules[0].AbortIncompleteDays != 7 {
		t.Errorf("lifecycle = %+v", logs.LifecycleRules)
	}
	// No BucketArn in the answer: the ARN is built from the region and account.
	scratch := find(t, "directory bucket", a.S3Express.Buckets, func(b state.DirectoryBucket) string { return b.Name }, "scratch--euw1-az2--x-s3")
	eq(t, "arn", scratch.ARN, "arn:aws:s3express:eu-west-1:"+stubAccount+":bucket/scratch--euw1-az2--x-s3")
	if scratch.Policy != "" || len(scratch.LifecycleRules) != 0 || scratch.Encryption == nil || scratch.Encryption.Algorithm != "AES256" {
		t.Errorf("scratch = %+v", scratch)
	}
	// "No policy" and "no lifecycle" are absences, not gaps.
	for _, g := range a.Gaps.All() {
		if g.Service == "s3express" {
			t.Errorf("gap %s", g)
		}
	}
}
