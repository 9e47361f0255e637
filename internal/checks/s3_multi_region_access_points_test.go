package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// mrapARN is the test Multi-Region Access Point's ARN (global: no region).
const mrapARN = "arn:aws:s3::" + testAccountID + ":accesspoint/mfzwi23gnjvgw.mrap"

// withMRAP adds a Multi-Region Access Point over two buckets with the given
// Block Public Access (nil: not read).
func withMRAP(p *state.PublicAccessBlock) func(*state.Account) {
	return func(a *state.Account) {
		a.S3.MultiRegionAccessPoints = append(a.S3.MultiRegionAccessPoints, state.S3MultiRegionAccessPoint{Meta: state.Meta{ARN: mrapARN},
			Name: "global-assets", Alias: "mfzwi23gnjvgw.mrap", Status: "READY", PublicAccessBlock: p,
			Regions: []state.S3MultiRegionAccessPointRegion{{Bucket: "acme-assets-eu", Region: "eu-west-1"}, {Bucket: "acme-assets-us", Region: "us-east-1"}}})
	}
}

func s3MultiRegionAccessPointCases() map[string][]checkCase {
	all := &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	noACLs := *all
	noACLs.BlockPublicAcls, noACLs.IgnorePublicAcls = false, false
	return map[string][]checkCase{
		"s3_multi_region_access_point_block_public_access": {
			{name: "all four on", acct: baseAccount(withMRAP(all)), want: dsWant(dsP), msg: "global-assets"},
			{name: "ACL settings off", acct: baseAccount(withMRAP(&noACLs)), want: dsWant(dsF), msg: "BlockPublicAcls, IgnorePublicAcls off"},
			{name: "all off", acct: baseAccount(withMRAP(&state.PublicAccessBlock{})), want: dsWant(dsF), msg: "RestrictPublicBuckets"},
			// Nothing to judge: no results.
			{name: "none", acct: baseAccount(), want: nil},
			{name: "listing denied", acct: baseAccount(dsGap("s3control", "", "ListMultiRegionAccessPoints", "")), want: dsWant(dsU)},
			{name: "listing denied hides listed ones", acct: baseAccount(withMRAP(all), dsGap("s3control", "", "ListMultiRegionAccessPoints", "")),
				want: dsWant(dsU), msg: "ListMultiRegionAccessPoints"},
			{name: "settings never read", acct: baseAccount(withMRAP(nil)), want: dsWant(dsU), msg: "not read"},
			// Other s3control gaps do not hide this listing.
			{name: "account BPA unread", acct: baseAccount(withMRAP(all), dsGap("s3control", "", "GetPublicAccessBlock", "")), want: dsWant(dsP)},
		},
	}
}
