package awsfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// directoryAccount holds three directory buckets in eu-central-1 and one
// in us-east-1 (svc-s3dir).
func directoryAccount() *state.Account {
	a := &state.Account{AccountID: "210987654321", Partition: "aws", CollectedAt: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Regions: []state.Region{{Name: "eu-central-1", Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"},
			{Name: "us-east-1", Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"}}}
	created := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	bucket := func(region, name string, f func(*state.DirectoryBucket)) {
		b := state.DirectoryBucket{Meta: state.Meta{ARN: "arn:aws:s3express:" + region + ":210987654321:bucket/" + name, Region: region}, Name: name, CreationDate: &created}
		if f != nil {
			f(&b)
		}
		a.S3Express.Buckets = append(a.S3Express.Buckets, b)
	}
	bucket("eu-central-1", "ticks--euc1-az1--x-s3", func(b *state.DirectoryBucket) {
		b.Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3express:CreateSession","Resource":"*"}]}`
		b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "arn:aws:kms:eu-central-1:210987654321:key/k1", BucketKeyEnabled: true}
		b.LifecycleRules = []state.LifecycleRule{{ID: "expire", Enabled: true, ExpirationDays: 7}}
	})
	bucket("eu-central-1", "scratch--euc1-az2--x-s3", nil)
	bucket("eu-central-1", "tmp--euc1-az3--x-s3", nil)
	bucket("us-east-1", "ml--use1-az4--x-s3", nil)
	return a
}

// TestS3ExpressWireFormat: the SDK's S3 client (session auth off, as the
// collector has it) reads the fake's directory buckets page by page at the
// region's control endpoint, the default encryption S3 reports when none
// was chosen (SSE-S3), and S3's "not configured" error codes.
func TestS3ExpressWireFormat(t *testing.T) {
	r := start(t, directoryAccount(), awsfake.Options{})
	cfg := aws.Config{Region: "eu-central-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "secret", ""),
		BaseEndpoint: aws.String(r.URL), RetryMaxAttempts: 3}
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.DisableS3ExpressSessionAuth = aws.Bool(true); o.UsePathStyle = true })
	ctx := context.Background()
	var names []string
	p := s3.NewListDirectoryBucketsPaginator(c, &s3.ListDirectoryBucketsInput{MaxDirectoryBuckets: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, b := range out.Buckets {
			names = append(names, aws.ToString(b.Name))
			if aws.ToString(b.BucketRegion) != "eu-central-1" || b.CreationDate == nil || aws.ToString(b.BucketArn) == "" {
				t.Errorf("bucket %+v", b)
			}
		}
	}
	if pages != 2 || len(names) != 3 {
		t.Errorf("%d pages, buckets %v: want 2 pages of eu-central-1's 3", pages, names)
	}
	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("scratch--euc1-az2--x-s3")})
	if err != nil || enc.ServerSideEncryptionConfiguration == nil || enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != "AES256" {
		t.Errorf("default encryption: %+v, %v", enc, err)
	}
	code := func(err error) string {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return ae.ErrorCode()
		}
		return ""
	}
	if _, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("scratch--euc1-az2--x-s3")}); code(err) != "NoSuchLifecycleConfiguration" {
		t.Errorf("lifecycle of a bucket without one: %v", err)
	}
	if _, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("scratch--euc1-az2--x-s3")}); code(err) != "NoSuchBucketPolicy" {
		t.Errorf("policy of a bucket without one: %v", err)
	}
	// Another region's control endpoint does not know the bucket.
	if _, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("ml--use1-az4--x-s3")}); code(err) != "NoSuchBucket" {
		t.Errorf("a us-east-1 bucket asked in eu-central-1: %v", err)
	}
	// A write is refused.
	if _, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String("ticks--euc1-az1--x-s3")}); err == nil {
		t.Error("DeleteBucketPolicy was accepted")
	}
}

// TestS3ExpressEndpointURLRouting: with only AWS_ENDPOINT_URL pointing at
// the fake (no --endpoint-url), the SDK routes the directory bucket reads
// there too, signed for s3express, and the collector reads every region's
// buckets back as they are, without a CreateSession.
func TestS3ExpressEndpointURLRouting(t *testing.T) {
	want := directoryAccount()
	r := start(t, want, awsfake.Options{})
	t.Setenv("AWS_ENDPOINT_URL", r.URL)
	o := collectOptions(r, want, nil)
	o.EndpointURL = ""
	o.LoadOptions = append(o.LoadOptions, func(lo *config.LoadOptions) error {
		lo.Credentials = credentials.NewStaticCredentialsProvider("AKIDFAKEFAKEFAKE", "fake-secret", "")
		return nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := collectaws.Collect(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Account.S3Express.Buckets
	if len(got) != len(want.S3Express.Buckets) {
		t.Fatalf("read %d directory buckets, want %d: %+v", len(got), len(want.S3Express.Buckets), got)
	}
	for _, g := range res.Account.Gaps.All() {
		if g.Service == "s3express" {
			t.Errorf("gap %s", g)
		}
	}
	for _, b := range got {
		if b.Name == "ticks--euc1-az1--x-s3" && (b.Policy == "" || b.Encryption == nil || b.Encryption.KMSKeyID == "" || len(b.LifecycleRules) != 1) {
			t.Errorf("ticks = %+v", b)
		}
		if b.Encryption == nil {
			t.Errorf("%s: no default encryption read", b.Name)
		}
	}
	st := r.Stats()
	for _, k := range []string{"s3express:ListDirectoryBuckets", "s3express:GetBucketPolicy", "s3express:GetBucketEncryption", "s3express:GetBucketLifecycleConfiguration"} {
		if st.Calls[k] == 0 {
			t.Errorf("the fake saw no %s (calls %v)", k, st.Keys())
		}
	}
	if n := st.Calls["s3express:CreateSession"]; n != 0 {
		t.Errorf("%d CreateSession calls", n)
	}
}
