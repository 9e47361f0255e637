package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3ExpressChecks are the customer's duties on S3 directory buckets
// (svc-s3dir; S3 Express One Zone): AWS runs the zonal storage and keeps
// Block Public Access on for every directory bucket, but how long data
// stays (lifecycle, FSBP S3.25), which key encrypts it and whom the bucket
// policy lets in are the owner's choices. Residency is in residency.go,
// key custody in kms_data_store_custody (custody.Stores).
func s3ExpressChecks() []check.Check {
	return []check.Check{
		directoryBucketCheck("s3_directory_bucket_lifecycle", state.InputS3DirectoryBucketLifecycle, func(b state.DirectoryBucket, _ *policy.Policy, _ exposure.Context) check.Result {
			return lifecycleResult(b, b.LifecycleRules)
		}),
		directoryBucketCheck("s3_directory_bucket_encryption_kms", state.InputS3DirectoryBucketEncryption, func(b state.DirectoryBucket, _ *policy.Policy, _ exposure.Context) check.Result {
			if b.Encryption == nil {
				// A directory bucket always has a default encryption: an
				// answer without one says nothing.
				return check.UnknownR(b, "directory bucket %s: GetBucketEncryption reported no default encryption", b.Name)
			}
			return kmsDefaultEncryption(b, *b.Encryption)
		}),
		directoryBucketCheck("s3_directory_bucket_policy_trusted", state.InputS3DirectoryBucketPolicy, func(b state.DirectoryBucket, _ *policy.Policy, c exposure.Context) check.Result {
			if strings.TrimSpace(b.Policy) == "" {
				return check.PassR(b, "directory bucket %s has no bucket policy: only the account's own IAM identities can open sessions on it", b.Name)
			}
			return sharingResult(b, "directory bucket "+b.Name, b.Policy, c)
		}),
	}
}

// directoryBucketCheck judges every listed directory bucket whose setting
// in could be read; the listing's or the setting's gap makes it unknown.
func directoryBucketCheck(id string, in state.Input, judge func(state.DirectoryBucket, *policy.Policy, exposure.Context) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			var c exposure.Context
			if in == state.InputS3DirectoryBucketPolicy {
				c = exposureContext(a, p)
			}
			return eachRegional(a, "s3express", []state.Input{state.InputS3DirectoryBuckets}, a.S3Express.Buckets, func(b state.DirectoryBucket) check.Result {
				if g, ok := a.Gaps.ForInput(in, b.Region, b.ARN); ok {
					return check.GapR(b, g)
				}
				return judge(b, p, c)
			})
		},
	}
}
