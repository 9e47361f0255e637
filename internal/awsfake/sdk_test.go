package awsfake

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/shoulder-dev/shoulder/internal/demo"
)

func sdkConfig(url, region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDFAKE", "secret", ""),
		BaseEndpoint: aws.String(url),
	}
}

func startDemo(t *testing.T, o Options) *Running {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(a, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestSDKIAM(t *testing.T) {
	r := startDemo(t, Options{})
	ctx := context.Background()
	cfg := sdkConfig(r.URL, "us-east-1")
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if *id.Account != r.Account().AccountID {
		t.Errorf("account %s", *id.Account)
	}
	c := iam.NewFromConfig(cfg)
	n := 0
	pg := iam.NewGetAccountAuthorizationDetailsPaginator(c, &iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(5)})
	for pg.HasMorePages() {
		out, err := pg.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.UserDetailList) + len(out.RoleDetailList) + len(out.GroupDetailList) + len(out.Policies)
		for _, u := range out.UserDetailList {
			t.Logf("user %s groups %v pols %d", *u.UserName, u.GroupList, len(u.AttachedManagedPolicies))
		}
	}
	ia := r.Account().IAM
	if want := len(ia.Users) + len(ia.Roles) + len(ia.Groups) + len(ia.Policies); n != want {
		t.Errorf("got %d entities, want %d", n, want)
	}
	cr, err := c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", cr.Content[:300])
	sum, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(sum.SummaryMap)
	_, err = c.GetAccountPasswordPolicy(ctx, nil)
	t.Log(err)
	_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("x")})
	t.Log(err)
	t.Log(r.Stats())
}
