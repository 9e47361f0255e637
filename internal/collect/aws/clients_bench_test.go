package aws

import (
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
)

// BenchmarkNewClient measures what making an SDK client costs, with the
// shared HTTP client and one per-attempt middleware as the collectors add:
// the reason most collectors make theirs when they start instead of
// caching it (see clients in config.go).
func BenchmarkNewClient(b *testing.B) {
	cfg := sdk.Config{Region: "eu-west-1", HTTPClient: NewHTTPClient(8), Retryer: func() sdk.Retryer { return sdk.NopRetryer{} },
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")}
	mw := func(st *middleware.Stack) error { return nil }
	b.Run("ec2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.APIOptions = append(o.APIOptions, mw) })
		}
	})
	b.Run("s3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = s3.NewFromConfig(cfg, func(o *s3.Options) { o.APIOptions = append(o.APIOptions, mw) })
		}
	})
}
