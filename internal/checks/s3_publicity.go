package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Whether an S3 bucket is public is the one rule in internal/exposure
// (exposure.JudgeBucket, BucketPolicy, BucketACL), which
// s3_bucket_policy_not_public, s3_bucket_acl_not_public,
// s3_bucket_no_public_write, cloudtrail_bucket_not_public and the data map
// all apply; s3_publicity_test.go runs the checks on every shape and
// asserts they agree.

// unknownChannel is the unknown result of an undecided channel.
func unknownChannel(r state.Resource, v exposure.ChannelVerdict) check.Result {
	if v.Gap != nil {
		return check.GapR(r, *v.Gap)
	}
	return check.UnknownR(r, "%s", v.Reason)
}

// eachListedBucket evaluates every bucket, or answers unknown for the
// account when the bucket listing failed. Unlike eachBucket it leaves the
// per-setting gaps to judge.
func eachListedBucket(a *state.Account, judge func(b *state.Bucket) check.Result) []check.Result {
	if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	out := check.Results(a, len(a.S3.Buckets))
	for i := range a.S3.Buckets {
		out = append(out, judge(&a.S3.Buckets[i]))
	}
	return out
}
