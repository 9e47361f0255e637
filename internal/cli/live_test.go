package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/collect/mototest"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func TestPermissionsPolicy(t *testing.T) {
	code, out, _ := run(t, "permissions")
	if code != ExitOK {
		t.Fatalf("exit = %d", code)
	}
	var doc collect.PolicyDocument
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(doc.Statement) != 1 || doc.Statement[0].Effect != "Allow" {
		t.Fatalf("policy = %+v", doc)
	}
	got := doc.Statement[0].Action
	want := collect.Permissions(collect.Operations())
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("the printed policy differs from the declaration:\n%v\n%v", got, want)
	}
	code, out, _ = run(t, "permissions", "--operations")
	if code != ExitOK || !strings.Contains(out, "s3control") || !strings.Contains(out, "s3:GetAccountPublicAccessBlock") || !strings.Contains(out, "per-item") || !strings.Contains(out, "per-item (detail, see --details)") {
		t.Errorf("--operations output:\n%s", out)
	}
}

func TestLiveFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "--rate", "ec2"},
		{"scan", "--rate", "ec2=fast"},
		{"scan", "--rate", "ec2=5/0"},
		{"scan", "--rate", "ec2:DescribeInstaces=5"},
		{"scan", "--external-id", "x"},
		{"scan", "--details", "deep"},
		{"datamap", "--details", "ALL"},
		{"collect"},
	} {
		code, _, errOut := run(t, args...)
		if code != ExitError || !strings.Contains(errOut, "shoulder:") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 with a message", args, code, errOut)
		}
	}
}

// TestDetailsDefaults: a scan reads details only where they are quick; a
// saved snapshot and the data map read them all.
func TestDetailsDefaults(t *testing.T) {
	for cmd, want := range map[string]string{"scan": "auto", "matrix": "auto", "collect": "all", "datamap": "all"} {
		code, out, _ := run(t, cmd, "--help")
		if code != ExitOK || !strings.Contains(out, "--details mode") || !strings.Contains(out, `(default "`+want+`")`) {
			t.Errorf("%s --help: exit %d, want --details defaulting to %s:\n%s", cmd, code, want, out)
		}
	}
}

func TestScanWithoutCredentials(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	code, _, errOut := run(t, "scan")
	if code != ExitError {
		t.Fatalf("exit = %d, want 2", code)
	}
	for _, want := range []string{"no AWS credentials", "environment", "profile", "SSO", "web identity", "instance metadata", "--snapshot"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}
}

// End to end against moto: collect a live account to a snapshot (with
// --stats), scan the snapshot, and scan live; the public bucket is found.
func TestCollectAndScanLiveMoto(t *testing.T) {
	url := mototest.StartT(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "us-east-1")
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("eu-west-1"), config.WithBaseEndpoint(url),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")))
	if err != nil {
		t.Fatal(err)
	}
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdk.String("cli-public"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s3c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: sdk.String("cli-public"), ACL: s3types.BucketCannedACLPublicReadWrite}); err != nil {
		t.Fatal(err)
	}

	snap := filepath.Join(t.TempDir(), "moto.json")
	code, out, errOut := run(t, "collect", "--endpoint-url", url, "--regions", "eu-west-1", "-o", snap, "--stats")
	if code != ExitOK {
		t.Fatalf("collect exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("collect writes nothing to stdout, got %q", out)
	}
	for _, want := range []string{"ListBuckets", "THROTTLES", "total", "saved account 123456789012", "coverage gaps", "not_implemented"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("collect stderr lacks %q:\n%s", want, errOut)
		}
	}
	a, err := state.LoadSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	if a.AccountID != mototest.Account || a.Source != "live" || len(a.S3.Buckets) != 1 || a.S3.Buckets[0].Region != "eu-west-1" {
		t.Errorf("snapshot: account %s source %s buckets %+v", a.AccountID, a.Source, a.S3.Buckets)
	}
	for _, args := range [][]string{
		{"scan", "--snapshot", snap, "--check", "s3_bucket_acl_not_public", "--format", "json"},
		{"scan", "--endpoint-url", url, "--regions", "eu-west-1", "-q", "--check", "s3_bucket_acl_not_public", "--format", "json"},
	} {
		code, out, errOut = run(t, args...)
		if code != ExitFindings {
			t.Fatalf("%v: exit %d, want 1 (a public bucket): %s", args, code, errOut)
		}
		var doc struct {
			Results []struct{ CheckID, Status, Resource string } `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		failed := false
		for _, r := range doc.Results {
			failed = failed || (r.Status == "fail" && r.Resource == "arn:aws:s3:::cli-public")
		}
		if !failed {
			t.Errorf("%v: the public bucket does not fail: %s", args, out)
		}
	}
}
