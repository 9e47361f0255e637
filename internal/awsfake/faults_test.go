package awsfake

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// oneShot is an SDK configuration without retries, so each call is one
// request (the fault answers here are small, clear of the SDK race that
// sdkConfig retries around).
func oneShot(url, region string) aws.Config {
	c := sdkConfig(url, region)
	c.RetryMaxAttempts = 1
	return c
}

// TestFaultCodes: each fault kind answers the error code the service
// really sends, for each protocol.
func TestFaultCodes(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(cfg aws.Config) error{
		"ec2": func(cfg aws.Config) error {
			_, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, nil)
			return err
		},
		"iam": func(cfg aws.Config) error {
			_, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, nil)
			return err
		},
		"kms": func(cfg aws.Config) error {
			_, err := kms.NewFromConfig(cfg).ListKeys(ctx, nil)
			return err
		},
		"s3": func(cfg aws.Config) error {
			_, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).ListBuckets(ctx, nil)
			return err
		},
		"guardduty": func(cfg aws.Config) error {
			_, err := guardduty.NewFromConfig(cfg).ListDetectors(ctx, nil)
			return err
		},
	}
	action := map[string]string{"ec2": "DescribeVpcs", "iam": "GetAccountSummary", "kms": "ListKeys", "s3": "ListBuckets", "guardduty": "ListDetectors"}
	cases := []struct {
		kind FaultKind
		want map[string]string
	}{
		{FaultThrottle, map[string]string{"ec2": "RequestLimitExceeded", "iam": "Throttling", "kms": "ThrottlingException", "s3": "SlowDown", "guardduty": "TooManyRequestsException"}},
		{FaultAccessDenied, map[string]string{"ec2": "UnauthorizedOperation", "iam": "AccessDenied", "kms": "AccessDeniedException", "s3": "AccessDenied", "guardduty": "AccessDeniedException"}},
		{FaultServerError, map[string]string{"ec2": "InternalError", "iam": "InternalFailure", "kms": "InternalFailure", "s3": "InternalError", "guardduty": "InternalFailure"}},
	}
	for _, tc := range cases {
		for svc, want := range tc.want {
			t.Run(tc.kind.String()+"/"+svc, func(t *testing.T) {
				r := startDemo(t, Options{Faults: []Fault{{Service: svc, Action: action[svc], Kind: tc.kind}}})
				err := calls[svc](oneShot(r.URL, "eu-central-1"))
				if got := apiCode(err); got != want {
					t.Errorf("code %q, want %q (%v)", got, want, err)
				}
				st := r.Stats()
				if st.Faulted[svc+":"+action[svc]] != 1 {
					t.Errorf("faulted %v", st.Faulted)
				}
				if (tc.kind == FaultThrottle) != (st.Throttled[svc+":"+action[svc]] == 1) {
					t.Errorf("throttled %v", st.Throttled)
				}
			})
		}
	}
}

// TestFaultScope: a fault hits only its action, region and resource.
func TestFaultScope(t *testing.T) {
	r := startDemo(t, Options{Faults: []Fault{
		{Service: "ec2", Action: "DescribeVpcs", Region: "eu-west-1", Kind: FaultAccessDenied},
		{Service: "s3", Action: "GetBucketPolicy", Resource: "arn:aws:s3:::alpenglow-datalake-raw", Kind: FaultAccessDenied},
	}})
	ctx := context.Background()
	if _, err := ec2.NewFromConfig(oneShot(r.URL, "eu-central-1")).DescribeVpcs(ctx, nil); err != nil {
		t.Errorf("other region: %v", err)
	}
	if _, err := ec2.NewFromConfig(oneShot(r.URL, "eu-west-1")).DescribeSubnets(ctx, nil); err != nil {
		t.Errorf("other action: %v", err)
	}
	if _, err := ec2.NewFromConfig(oneShot(r.URL, "eu-west-1")).DescribeVpcs(ctx, nil); apiCode(err) != "UnauthorizedOperation" {
		t.Errorf("faulted call: %v", err)
	}
	sc := s3.NewFromConfig(oneShot(r.URL, "eu-central-1"), func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := sc.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("alpenglow-datalake-raw")}); apiCode(err) != "AccessDenied" {
		t.Errorf("faulted bucket: %v", err)
	}
	if _, err := sc.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("alpenglow-customer-exports")}); apiCode(err) == "AccessDenied" {
		t.Errorf("other bucket denied: %v", err)
	}
}

// TestStorm: Fail of every Of calls fail, the rest succeed.
func TestStorm(t *testing.T) {
	r := startDemo(t, Options{Faults: []Fault{{Service: "ec2", Action: "DescribeVpcs", Kind: FaultThrottle, Fail: 2, Of: 3}}})
	c := ec2.NewFromConfig(oneShot(r.URL, "eu-central-1"))
	var got []bool
	for i := 0; i < 6; i++ {
		_, err := c.DescribeVpcs(context.Background(), nil)
		got = append(got, err == nil)
	}
	want := []bool{false, false, true, false, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("successes %v, want %v", got, want)
		}
	}
}

// TestTimeoutHangsUntilClientGivesUp: the request never answers; the
// client's deadline ends it, and the server is not left holding it.
func TestTimeoutHangsUntilClientGivesUp(t *testing.T) {
	r := startDemo(t, Options{Faults: []Fault{{Service: "kms", Action: "ListKeys", Kind: FaultTimeout}}})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := kms.NewFromConfig(oneShot(r.URL, "eu-central-1")).ListKeys(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("want a timeout, got %v", err)
		}
	}
}

// TestTokenBucket: a bucket of burst 3 and a negligible rate admits 3
// calls and throttles the 4th with the service's code.
func TestTokenBucket(t *testing.T) {
	r := startDemo(t, Options{Limits: []Limit{{Service: "ec2", Rate: 0.001, Burst: 3}}})
	c := ec2.NewFromConfig(oneShot(r.URL, "eu-central-1"))
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := c.DescribeVpcs(ctx, nil); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := c.DescribeVpcs(ctx, nil); apiCode(err) != "RequestLimitExceeded" {
		t.Fatalf("4th call: %v", err)
	}
	// Each action has its own bucket, as in EC2.
	if _, err := c.DescribeSubnets(ctx, nil); err != nil {
		t.Fatalf("other action: %v", err)
	}
	if got := r.Stats().Throttled["ec2:DescribeVpcs"]; got != 1 {
		t.Errorf("throttled %d", got)
	}
}

// TestSharedBucket: RDS meters all its calls together.
func TestSharedBucket(t *testing.T) {
	l := newLimiter([]Limit{{Service: "rds", Shared: true, Rate: 0.001, Burst: 2}})
	if !l.allow("rds", "eu-west-1", "DescribeDBInstances") || !l.allow("rds", "eu-west-1", "DescribeDBClusters") {
		t.Fatal("burst refused")
	}
	if l.allow("rds", "eu-west-1", "DescribeEventSubscriptions") {
		t.Fatal("shared bucket not shared")
	}
	if !l.allow("rds", "us-east-1", "DescribeDBInstances") {
		t.Fatal("buckets are per region")
	}
}

// TestDisabledRegion: a region the account has not opted in to refuses
// the credentials, as AWS does.
func TestDisabledRegion(t *testing.T) {
	r := startDemo(t, Options{})
	_, err := ec2.NewFromConfig(oneShot(r.URL, "af-south-1")).DescribeVpcs(context.Background(), nil)
	if apiCode(err) != "AuthFailure" {
		t.Fatalf("got %v", err)
	}
}

// TestLatency: every answer waits the configured latency.
func TestLatency(t *testing.T) {
	r := startDemo(t, Options{Latency: 30 * time.Millisecond})
	t0 := time.Now()
	if _, err := ec2.NewFromConfig(oneShot(r.URL, "eu-central-1")).DescribeVpcs(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 30*time.Millisecond {
		t.Fatalf("answered in %s", d)
	}
}

// TestPageTokens: a token is tied to its listing and offset.
func TestPageTokens(t *testing.T) {
	tok := encodeToken("DescribeVpcs", 40)
	if off, err := decodeToken("DescribeVpcs", tok); err != nil || off != 40 {
		t.Fatalf("decode: %d %v", off, err)
	}
	if _, err := decodeToken("DescribeSubnets", tok); err == nil {
		t.Fatal("token of another listing accepted")
	}
	start, end, next, err := page("X", 10, "", 4, 100, 1000)
	if err != nil || start != 0 || end != 4 || next == "" {
		t.Fatalf("first page %d %d %q %v", start, end, next, err)
	}
	start, end, next, err = page("X", 10, encodeToken("X", 8), 4, 100, 1000)
	if err != nil || start != 8 || end != 10 || next != "" {
		t.Fatalf("last page %d %d %q %v", start, end, next, err)
	}
	if _, _, _, err := page("X", 10, "", 2000, 100, 1000); err == nil {
		t.Fatal("page size above the maximum accepted")
	}
}
