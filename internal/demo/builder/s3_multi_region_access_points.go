package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// s3MultiRegionAccessPoints gives the account two Multi-Region Access
// Points: the data lake one over the raw bucket and its replica with Block
// Public Access on, and the marketing one over the website and marketing
// buckets, created with the policy settings left off (FSBP S3.24 fails).
func (x *b) s3MultiRegionAccessPoints() {
	for _, m := range []struct {
		name, alias string
		age         int
		regions     []state.S3MultiRegionAccessPointRegion
		pab         *state.PublicAccessBlock
	}{
		{"datalake-global", "m4x2qk7pz1vbd.mrap", 210, []state.S3MultiRegionAccessPointRegion{
			{Bucket: "alpenglow-datalake-raw", Region: "eu-central-1"}, {Bucket: "alpenglow-datalake-raw-replica", Region: "eu-west-1"}},
			&state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}},
		{"marketing-global", "hq3n8w5rtc6ya.mrap", 45, []state.S3MultiRegionAccessPointRegion{
			{Bucket: "alpenglow-public-website", Region: "eu-central-1"}, {Bucket: "alpenglow-marketing-assets", Region: "us-east-1"}},
			&state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true}},
	} {
		x.a.S3.MultiRegionAccessPoints = append(x.a.S3.MultiRegionAccessPoints, state.S3MultiRegionAccessPoint{
			Meta: state.Meta{ARN: x.arn("s3", "", "accesspoint/"+m.alias)}, Name: m.name, Alias: m.alias,
			CreatedAt: tp(days(m.age)), Status: "READY", Regions: m.regions, PublicAccessBlock: m.pab})
	}
}
