package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// s3AccessPoints gives three buckets an access point: the data lake one is
// confined to the Frankfurt VPC with Block Public Access on, the ML models
// one serves the trusted partner from the Internet with it on, and the
// customer exports one was created for the untrusted partner with the
// policy settings left off (FSBP S3.19 fails on it).
func (x *b) s3AccessPoints() {
	on := func() *state.PublicAccessBlock {
		return &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	}
	for _, ap := range []struct {
		name, bucket, region, vpc string
		pab                       *state.PublicAccessBlock
	}{
		{"datalake-etl", "alpenglow-datalake-raw", "eu-central-1", vpcOf("eu-central-1"), on()},
		{"ml-models-partner", "alpenglow-ml-models", "eu-west-1", "", on()},
		{"customer-exports-partner", "alpenglow-customer-exports", "eu-central-1", "",
			&state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true}},
	} {
		origin := "Internet"
		if ap.vpc != "" {
			origin = "VPC"
		}
		x.a.S3.AccessPoints = append(x.a.S3.AccessPoints, state.S3AccessPoint{
			Meta: state.Meta{ARN: x.arn("s3", ap.region, "accesspoint/"+ap.name), Region: ap.region},
			Name: ap.name, Bucket: ap.bucket, BucketAccountID: AccountID, NetworkOrigin: origin, VPCID: ap.vpc, PublicAccessBlock: ap.pab})
	}
}
