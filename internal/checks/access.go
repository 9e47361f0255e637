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
			var out []check.Result
			if g, ok := listingGap(a, "s3", "", "ListBuckets"); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			accountIgnores := a.S3.AccountPublicAccessBlock != nil && a.S3.AccountPublicAccessBlock.IgnorePublicAcls
			for _, b := range a.S3.Buckets {
				if b.ObjectOwnership == "BucketOwnerEnforced" {
					out = append(out, check.PassR(b, "ACLs are disabled (BucketOwnerEnforced)"))
					continue
				}
				if g, ok := a.Gaps.Find("s3", b.Region, "GetBucketAcl", b.ARN); ok {
					out = append(out, check.GapR(b, g))
					continue
				}
				var public []string
				for _, gr := range b.ACLGrants {
					if who := publicGrantee(gr); who != "" {
						public = append(public, gr.Permission+" to "+who)
					}
				}
				// A public grant is harmless when either Block Public Access
				// (account or bucket) ignores public ACLs; one that could not
				// be read may be the one that does.
				accountGap, accountUnread := a.Gaps.Find("s3control", "", "GetPublicAccessBlock", "")
				bucketGap, bucketUnread := a.Gaps.Find("s3", b.Region, "GetPublicAccessBlock", b.ARN)
				switch {
				case len(public) == 0:
					out = append(out, check.PassR(b, "no ACL grant to AllUsers or AuthenticatedUsers"))
				case accountIgnores || (b.PublicAccessBlock != nil && b.PublicAccessBlock.IgnorePublicAcls):
					out = append(out, check.PassR(b, "ACL grants %s but Block Public Access ignores public ACLs", strings.Join(public, ", ")))
				case accountUnread:
					out = append(out, check.GapR(b, accountGap))
				case bucketUnread:
					out = append(out, check.GapR(b, bucketGap))
				default:
					out = append(out, check.FailR(b, "ACL grants %s", strings.Join(public, ", ")))
				}
			}
			return out
		},
	}
}
