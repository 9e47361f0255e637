package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func accessChecks() []check.Check {
	return []check.Check{
		s3BucketACLNotPublic(),
	}
}

func s3BucketACLNotPublic() check.Check {
	return check.Check{
		ID:          "s3_bucket_acl_not_public",
		Title:       "S3 bucket ACLs grant nothing to everyone or to all AWS users",
		Description: "A grant to AllUsers or AuthenticatedUsers makes the bucket readable (or writable) by anyone on the internet or any AWS account.",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Object Ownership: choose Bucket owner enforced (disables ACLs); turn on Block Public Access for the bucket and the account.",
			CLI:       "aws s3api put-bucket-ownership-controls --bucket <BUCKET> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\naws s3api put-public-access-block --bucket <BUCKET> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
			Terraform: "resource \"aws_s3_bucket_ownership_controls\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule { object_ownership = \"BucketOwnerEnforced\" }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachListedBucket(a, func(b *state.Bucket) check.Result {
				v := bucketACLVerdict(a, b, anyPublicAccess)
				switch {
				case v.exposure == exposureOpen:
					return check.FailR(b, "ACL grants %s", strings.Join(v.grants, ", "))
				case v.exposure == exposureUndecided:
					return v.unknownResult(b)
				case b.ObjectOwnership == "BucketOwnerEnforced":
					return check.PassR(b, "ACLs are disabled (BucketOwnerEnforced)")
				case v.exposure == exposureBlocked && len(v.grants) > 0:
					return check.PassR(b, "ACL grants %s but Block Public Access ignores public ACLs (%s)", strings.Join(v.grants, ", "), v.blockedBy)
				case v.exposure == exposureBlocked:
					return check.PassR(b, "Block Public Access ignores any public ACL (%s)", v.blockedBy)
				default:
					return check.PassR(b, "no ACL grant to AllUsers or AuthenticatedUsers")
				}
			})
		},
	}
}
