package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func accessCases() map[string][]checkCase {
	const arn = "arn:aws:s3:::media"
	bucket := func(b state.Bucket) func(*state.Account) {
		return func(a *state.Account) {
			b.Meta = state.Meta{ARN: arn, Region: "eu-west-1"}
			b.Name = "media"
			a.S3.Buckets = append(a.S3.Buckets, b)
		}
	}
	publicRead := []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
	return map[string][]checkCase{
		"s3_bucket_acl_not_public": {
			{name: "owner enforced", acct: baseAccount(bucket(state.Bucket{ObjectOwnership: "BucketOwnerEnforced"})), want: []check.Status{check.Pass}},
			{name: "private acl", acct: baseAccount(bucket(state.Bucket{ACLGrants: []state.ACLGrant{{GranteeType: "CanonicalUser", GranteeID: "abc", Permission: "FULL_CONTROL"}}})), want: []check.Status{check.Pass}},
			{name: "public read", acct: baseAccount(bucket(state.Bucket{ACLGrants: publicRead})), want: []check.Status{check.Fail}, msg: "READ to AllUsers"},
			{name: "public read but BPA ignores", acct: baseAccount(bucket(state.Bucket{ACLGrants: publicRead, PublicAccessBlock: &state.PublicAccessBlock{IgnorePublicAcls: true}})), want: []check.Status{check.Pass}},
			{name: "acl denied", acct: baseAccount(bucket(state.Bucket{}), withGap(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketAcl", Resource: arn, Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
			{name: "list denied", acct: baseAccount(withGap(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
		},
	}
}
