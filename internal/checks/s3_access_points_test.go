package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// apARN is the test access point's ARN.
const apARN = "arn:aws:s3:eu-west-1:" + testAccountID + ":accesspoint/reports"

// withAP adds an access point in eu-west-1 with the given Block Public
// Access (nil: not read).
func withAP(p *state.PublicAccessBlock) func(*state.Account) {
	return func(a *state.Account) {
		a.S3.AccessPoints = append(a.S3.AccessPoints, state.S3AccessPoint{Meta: state.Meta{ARN: apARN, Region: "eu-west-1"},
			Name: "reports", Bucket: "acme-reports", NetworkOrigin: "Internet", PublicAccessBlock: p})
	}
}

func s3AccessPointCases() map[string][]checkCase {
	all := &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	noPolicy := *all
	noPolicy.BlockPublicPolicy, noPolicy.RestrictPublicBuckets = false, false
	return map[string][]checkCase{
		"s3_access_point_block_public_access": {
			{name: "all four on", acct: baseAccount(withAP(all)), want: dsWant(dsP), msg: "reports"},
			{name: "policy settings off", acct: baseAccount(withAP(&noPolicy)), want: dsWant(dsF), msg: "BlockPublicPolicy, RestrictPublicBuckets off"},
			{name: "all off", acct: baseAccount(withAP(&state.PublicAccessBlock{})), want: dsWant(dsF), msg: "BlockPublicAcls, IgnorePublicAcls"},
			// Nothing to judge: no results, as for the other regional listings.
			{name: "no access points", acct: baseAccount(), want: nil},
			{name: "listing denied", acct: baseAccount(dsGap("s3control", "eu-west-1", "ListAccessPoints", "")), want: dsWant(dsU)},
			{name: "listing denied hides listed ones", acct: baseAccount(withAP(all), dsGap("s3control", "eu-west-1", "ListAccessPoints", "")), want: dsWant(dsU)},
			{name: "GetAccessPoint denied", acct: baseAccount(withAP(nil), dsGap("s3control", "eu-west-1", "GetAccessPoint", apARN)), want: dsWant(dsU), msg: "GetAccessPoint"},
			{name: "settings never read", acct: baseAccount(withAP(nil)), want: dsWant(dsU), msg: "not read"},
			{name: "region not scanned", acct: baseAccount(withAP(all), withGap(state.Gap{Service: state.AllOperations, Region: "eu-west-1",
				Operation: state.AllOperations, Reason: state.ReasonRegionDisabled, Message: "disabled"})), want: dsWant(dsU)},
		},
	}
}
