package aws

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// onOperation is a test middleware that runs f before the named operation
// is sent.
func onOperation(action string, f func(ctx context.Context) error) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		return st.Finalize.Add(middleware.FinalizeMiddlewareFunc("test/on-"+action,
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if awsmiddleware.GetOperationName(ctx) == action {
					if err := f(ctx); err != nil {
						return middleware.FinalizeOutput{}, middleware.Metadata{}, err
					}
				}
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	}
}

// The SDK's own endpoint variables reach every client, S3 (path-style) included.
func TestMotoEndpointFromEnvironment(t *testing.T) {
	url := moto.URL(t)
	collected(t) // the scenario exists
	t.Setenv("AWS_ENDPOINT_URL", url)
	res, err := Collect(context.Background(), Options{LoadOptions: testCreds(), Regions: []string{insecureRegion}})
	if err != nil {
		t.Fatal(err)
	}
	find(t, "bucket", res.Account.S3.Buckets, func(b state.Bucket) string { return b.Name }, "shoulder-open")
	if len(res.Account.EC2.Instances) != 1 {
		t.Errorf("instances in %s = %d, want 1", insecureRegion, len(res.Account.EC2.Instances))
	}
	if _, ok := res.Account.Gaps.Find("s3", insecureRegion, "GetBucketAcl", "arn:aws:s3:::shoulder-open"); ok {
		t.Error("S3 calls failed through AWS_ENDPOINT_URL")
	}
}

// AWS_ENDPOINT_URL_<SERVICE> overrides one service: here STS, EC2 and S3
// go to moto while everything else goes to a closed port and fails.
func TestMotoServiceEndpointsFromEnvironment(t *testing.T) {
	url := moto.URL(t)
	collected(t)
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
	for _, svc := range []string{"STS", "EC2", "S3"} {
		t.Setenv("AWS_ENDPOINT_URL_"+svc, url)
	}
	res, err := Collect(context.Background(), Options{LoadOptions: testCreds(), Regions: []string{insecureRegion}, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	find(t, "bucket", res.Account.S3.Buckets, func(b state.Bucket) string { return b.Name }, "shoulder-open")
	if len(res.Account.EC2.Instances) != 1 {
		t.Errorf("instances = %d, want 1", len(res.Account.EC2.Instances))
	}
	if g, ok := res.Account.Gaps.Find("kms", insecureRegion, "ListKeys", ""); !ok || g.Reason != state.ReasonError {
		t.Errorf("KMS at the closed port: gap %+v, want error", g)
	}
}

// --role-arn: the collection runs as the assumed role (moto hands out
// credentials for any role).
func TestMotoAssumeRole(t *testing.T) {
	url := moto.URL(t)
	collected(t)
	res, err := Collect(context.Background(), Options{EndpointURL: url, LoadOptions: testCreds(), Regions: []string{secureRegion},
		RoleARN: "arn:aws:iam::" + motoAccount + ":role/app-role", ExternalID: "x-123"})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "account", res.Account.AccountID, motoAccount)
	if len(res.Account.EC2.Instances) != 1 {
		t.Errorf("instances = %d", len(res.Account.EC2.Instances))
	}
}

// Ctrl-C in the middle: the collection returns promptly with what it read,
// says Interrupted, and records what it did not read as cancelled gaps.
func TestMotoInterrupted(t *testing.T) {
	url := moto.URL(t)
	collected(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := Collect(ctx, Options{EndpointURL: url, LoadOptions: testCreds(), Regions: scenarioRegions, Concurrency: 2,
		APIOptions: []func(*middleware.Stack) error{onOperation("ListBuckets", func(context.Context) error { cancel(); return nil })}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted {
		t.Fatal("Interrupted = false after cancel")
	}
	if res.Account.AccountID != motoAccount {
		t.Error("what was read before the interrupt is kept")
	}
	n := res.Account.Gaps.CountByReason()[state.ReasonCancelled]
	if n == 0 {
		t.Fatal("no cancelled gaps")
	}
	// Every scanned region's EC2 was either read or recorded as cancelled.
	for _, r := range scenarioRegions {
		read := false
		for _, v := range res.Account.EC2.VPCs {
			read = read || v.Region == r
		}
		if _, gap := res.Account.Gaps.Find("ec2", r, "DescribeVpcs", ""); !read && !gap {
			t.Errorf("%s: VPCs neither read nor recorded as not read", r)
		}
	}
}

// A hung endpoint: the attempt times out after CallTimeout (long enough
// for moto under load to answer the others), is not
// retried, and becomes a timeout gap; the rest of the collection goes on.
func TestMotoCallTimeout(t *testing.T) {
	url := moto.URL(t)
	collected(t)
	hang := onOperation("DescribeVolumes", func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	res, err := Collect(context.Background(), Options{EndpointURL: url, LoadOptions: testCreds(), Regions: []string{secureRegion},
		CallTimeout: 5 * time.Second, APIOptions: []func(*middleware.Stack) error{hang}})
	if err != nil {
		t.Fatal(err)
	}
	g, ok := res.Account.Gaps.Find("ec2", secureRegion, "DescribeVolumes", "")
	if !ok || g.Reason != state.ReasonTimeout {
		t.Errorf("DescribeVolumes gap = %+v, want timeout", g)
	}
	for _, a := range res.Stats.Snapshot() {
		if a.Action == "DescribeVolumes" && (a.Calls != 1 || a.Errors != 1) {
			t.Errorf("DescribeVolumes: %d calls, %d errors; a timeout is not retried", a.Calls, a.Errors)
		}
	}
	if len(res.Account.EC2.Instances) != 1 {
		var b strings.Builder
		res.Stats.WriteTable(&b)
		t.Errorf("the rest of the collection must go on: %d instances\n%s", len(res.Account.EC2.Instances), b.String())
	}
}

// No credentials: a CredentialsError that names what was tried.
func TestNoCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	_, err := Collect(context.Background(), Options{EndpointURL: "http://127.0.0.1:9"})
	var ce *CredentialsError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a CredentialsError", err)
	}
	for _, want := range []string{"AWS_ACCESS_KEY_ID", "profile default", "SSO", "web identity", "container", "IMDS"} {
		if !containsFold(ce.Error(), want) {
			t.Errorf("the message does not mention %q:\n%s", want, ce.Error())
		}
	}
}
