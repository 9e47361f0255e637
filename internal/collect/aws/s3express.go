package aws

import (
	"context"
	"fmt"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3ExpressClient returns the S3 client that reads a region's directory
// buckets (svc-s3dir). The SDK's endpoint rules send ListDirectoryBuckets
// and the bucket-level reads to the region's s3express-control endpoint
// (or an override, path-style), signed with the signing name s3express.
// S3 Express session auth is disabled: against an override the rules
// would otherwise ask for sigv4-s3express, which first makes a
// CreateSession call (not a declared read) and cannot sign
// ListDirectoryBuckets at all; AWS signs these control-plane operations
// with plain SigV4 anyway.
func (c *collector) s3ExpressClient(region string) *s3.Client {
	return s3.NewFromConfig(c.cfg, func(o *s3.Options) {
		o.Region = region
		o.DisableS3ExpressSessionAuth = sdk.Bool(true)
		o.APIOptions = append(o.APIOptions, c.instrument("s3express", region))
		if o.BaseEndpoint != nil {
			o.UsePathStyle = true
		}
	})
}

// directoryBucketActions are the per-bucket reads, in the order they run.
var directoryBucketActions = []string{"GetBucketPolicy", "GetBucketEncryption", "GetBucketLifecycleConfiguration"}

// s3Express lists a region's directory buckets (ListDirectoryBuckets, up
// to 1,000 a page), then reads each one's policy, default encryption and
// lifecycle: the listing carries names and creation dates only.
func (c *collector) s3Express(ctx context.Context, region string) {
	cl := c.s3ExpressClient(region)
	var buckets []state.DirectoryBucket
	foreign := 0
	err := c.do(ctx, "s3express", "ListDirectoryBuckets", region, "", nil, func(ctx context.Context) error {
		params := s3.ListDirectoryBucketsInput{MaxDirectoryBuckets: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.ContinuationToken = token
			page, err := cl.ListDirectoryBuckets(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, bk := range page.Buckets {
				// A directory bucket belongs to the region that lists it
				// (BucketRegion, when the answer says).
				if r := str(bk.BucketRegion); r != "" && r != region {
					continue
				}
				name := str(bk.Name)
				if state.DirectoryBucketZone(name) == "" {
					// Not a directory bucket name (NAME--ZONEID--x-s3): an
					// endpoint that does not serve directory buckets
					// answered with its general purpose buckets (moto does).
					foreign++
					continue
				}
				arn := str(bk.BucketArn)
				if arn == "" {
					arn = "arn:" + c.partition + ":s3express:" + region + ":" + c.accountID + ":bucket/" + name
				}
				x := state.DirectoryBucket{Meta: meta(arn, region, nil), Name: name}
				if bk.CreationDate != nil {
					t := bk.CreationDate.UTC()
					x.CreationDate = &t
				}
				buckets = append(buckets, x)
			}
			return page.ContinuationToken, nil
		})
	})
	if err != nil {
		return
	}
	if foreign > 0 {
		c.rec.Gap(state.Gap{Service: "s3express", Region: region, Operation: "ListDirectoryBuckets", Reason: state.ReasonNotImplemented,
			Message: fmt.Sprintf("the endpoint answered with %d bucket(s) whose names are not directory bucket names (NAME--ZONEID--x-s3): it does not serve directory buckets", foreign)})
		return
	}
	done := c.perItem(len(buckets), func() {
		c.rec.Update(func(a *state.Account) { a.S3Express.Buckets = append(a.S3Express.Buckets, buckets...) })
	})
	for i := range buckets {
		bk := &buckets[i]
		c.item("s3express", region, bk.ARN, done, func(ctx context.Context) { c.directoryBucket(ctx, cl, region, bk) }, directoryBucketActions...)
	}
}

// directoryBucket reads one directory bucket's settings. "Not configured"
// answers are the absence of the setting, not a gap.
func (c *collector) directoryBucket(ctx context.Context, cl *s3.Client, region string, bk *state.DirectoryBucket) {
	name := sdk.String(bk.Name)
	get := func(action string, absent []string, fn func(context.Context) error) {
		_ = c.do(ctx, "s3express", action, region, bk.ARN, absent, fn)
	}
	get("GetBucketPolicy", []string{"NoSuchBucketPolicy"}, func(ctx context.Context) error {
		out, err := cl.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: name})
		if err == nil {
			bk.Policy = str(out.Policy)
		}
		return err
	})
	get("GetBucketEncryption", []string{"ServerSideEncryptionConfigurationNotFoundError"}, func(ctx context.Context) error {
		out, err := cl.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: name})
		if err == nil {
			bk.Encryption = bucketEncryption(out.ServerSideEncryptionConfiguration)
		}
		return err
	})
	get("GetBucketLifecycleConfiguration", []string{"NoSuchLifecycleConfiguration"}, func(ctx context.Context) error {
		out, err := cl.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: name})
		if err == nil {
			bk.LifecycleRules = lifecycleRules(out.Rules)
		}
		return err
	})
}
