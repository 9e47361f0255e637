package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3MultiRegionAccessPointChecks are the customer's duties on S3
// Multi-Region Access Points.
func s3MultiRegionAccessPointChecks() []check.Check {
	return []check.Check{s3MultiRegionAccessPointBlockPublicAccess()}
}

func s3MultiRegionAccessPointBlockPublicAccess() check.Check {
	return check.Check{
		ID:    "s3_multi_region_access_point_block_public_access",
		Title: "S3 Multi-Region Access Points have all four Block Public Access settings on",
		Description: "A Multi-Region Access Point fronts buckets in several regions and carries its own Block Public Access, " +
			"fixed when it is created. With any setting off it relies on the account's and every bucket's settings " +
			"to keep each region's data private.",
		Area:     check.AccessSharing,
		Service:  "s3",
		Severity: check.High,
		Remediation: check.Remediation{
			Console: "Its Block Public Access cannot be edited: S3 > Multi-Region Access Points > Create Multi-Region Access Point " +
				"over the same buckets with 'Block all public access' ticked, move clients to the new alias, then delete the old one.",
			CLI: "aws s3control create-multi-region-access-point --region us-west-2 --account-id <ACCOUNT_ID> --details " +
				"'Name=<NEW_NAME>,PublicAccessBlock={BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true},Regions=[{Bucket=<BUCKET>}]'\n" +
				"aws s3control delete-multi-region-access-point --region us-west-2 --account-id <ACCOUNT_ID> --details Name=<OLD_NAME>",
			Terraform: "resource \"aws_s3control_multi_region_access_point\" \"this\" {\n  details {\n    name = \"<NAME>\"\n" +
				"    public_access_block {\n      block_public_acls       = true\n      ignore_public_acls      = true\n" +
				"      block_public_policy     = true\n      restrict_public_buckets = true\n    }\n" +
				"    region {\n      bucket = aws_s3_bucket.this.id\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// One account-level listing: when it failed, the (empty) list
			// says nothing.
			if g, ok := listingGap(a, "", state.InputS3MultiRegionAccessPoints); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, m := range a.S3.MultiRegionAccessPoints {
				// The listing always carries the settings; none recorded
				// means nobody read them.
				out = append(out, ownBPAResult(m, "Multi-Region Access Point "+m.Name, m.PublicAccessBlock))
			}
			return out
		},
	}
}
