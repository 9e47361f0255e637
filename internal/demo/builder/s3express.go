package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// s3Express adds Alpenglow's S3 directory buckets (svc-s3dir): Frankfurt's
// ML feature store in zone euc1-az1, under the data lake key, expiring its
// features after three days, with no bucket policy; and the agency's ad
// bidding scratch bucket in N. Virginia's use1-az4, left on SSE-S3
// without any lifecycle rule and shared by its policy with the demand-side
// platform's account (not a trusted one).
func (x *b) s3Express() {
	fra, iad := "eu-central-1", "us-east-1"
	features, bids := "ml-features--euc1-az1--x-s3", "ad-bids--use1-az4--x-s3"
	created := days(120)
	x.a.S3Express.Buckets = append(x.a.S3Express.Buckets,
		state.DirectoryBucket{Meta: state.Meta{ARN: x.arn("s3express", fra, "bucket/"+features), Region: fra}, Name: features, CreationDate: &created,
			Encryption:     &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: x.datalakeKey(fra), BucketKeyEnabled: true},
			LifecycleRules: []state.LifecycleRule{{ID: "expire-features", Enabled: true, ExpirationDays: 3, AbortIncompleteDays: 1}}},
		state.DirectoryBucket{Meta: state.Meta{ARN: x.arn("s3express", iad, "bucket/"+bids), Region: iad}, Name: bids, CreationDate: &created,
			Encryption: &state.BucketEncryption{Algorithm: "AES256"},
			Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"DSPReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},` +
				`"Action":"s3express:CreateSession","Resource":"` + x.arn("s3express", iad, "bucket/"+bids) + `"}]}`},
	)
}
