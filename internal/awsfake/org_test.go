package awsfake_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

const (
	orgMgmt = "100000000001"
	orgProd = "200000000002"
	orgDev  = "300000000003"
)

// startTestOrg serves a management account and 7 members (6 under one OU,
// so the listing pages) with small synthetic states.
func startTestOrg(t *testing.T) *awsfake.RunningOrg {
	t.Helper()
	acct := func(id string) *state.Account {
		a, err := synth.ForAccount(synth.Options{Seed: 7, Regions: []string{"eu-west-1"}, Resources: 40}, id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	o := awsfake.OrgOptions{
		RootID: "r-ab12",
		Units: []state.OrgUnit{
			{ID: "ou-ab12-work0001", Name: "Workloads", ParentID: "r-ab12"},
			{ID: "ou-ab12-prod0001", Name: "Prod", ParentID: "ou-ab12-work0001"},
		},
		Management: awsfake.OrgMember{Account: acct(orgMgmt), Name: "management", Options: awsfake.Options{Latency: 2 * time.Millisecond}},
		Members: []awsfake.OrgMember{
			{Account: acct(orgDev), Name: "dev", Parent: "ou-ab12-work0001", Options: awsfake.Options{Latency: 2 * time.Millisecond}},
			{Account: acct(orgProd), Name: "prod", Parent: "ou-ab12-prod0001", NoRole: true},
		},
	}
	for _, id := range []string{"200000000010", "200000000011", "200000000012", "200000000013", "200000000014"} {
		o.Members = append(o.Members, awsfake.OrgMember{Account: acct(id), Name: "p" + id[10:], Parent: "ou-ab12-prod0001", Status: "ACTIVE"})
	}
	o.Members[4].Status = "SUSPENDED" // 200000000012
	r, err := awsfake.StartOrg(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

func orgOptions(r *awsfake.RunningOrg, key string) collectaws.Options {
	return collectaws.Options{
		EndpointURL: r.URL, HomeRegion: "us-east-1", CallTimeout: 10 * time.Second, MaxBackoff: 100 * time.Millisecond,
		LoadOptions: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(key, "fake-secret", "")),
		},
	}
}

// TestOrgDiscover: the management account's key lists the whole tree
// (paged: 6 accounts under one OU at the fake's 3 a page), with names,
// states and parents; a member's key is denied the tree, which is a gap
// and no error; an unknown key is refused.
func TestOrgDiscover(t *testing.T) {
	r := startTestOrg(t)
	ctx := context.Background()
	d, err := collectaws.Discover(ctx, orgOptions(r, awsfake.AccessKey(orgMgmt)))
	if err != nil {
		t.Fatal(err)
	}
	if d.CallerAccount != orgMgmt || d.Organization == nil || !d.Organization.IsManagementAccount || d.Organization.Tree == nil {
		t.Fatalf("discovery: %+v", d)
	}
	tree := d.Organization.Tree
	if len(tree.Accounts) != 8 || len(tree.Units) != 2 || len(tree.Roots) != 1 {
		t.Fatalf("tree: %d accounts, %d units, %d roots", len(tree.Accounts), len(tree.Units), len(tree.Roots))
	}
	if p := tree.Path(orgProd); p != "Root/Workloads/Prod" {
		t.Errorf("path of prod %q", p)
	}
	if a, _ := tree.Account("200000000012"); a.Status != "SUSPENDED" || a.Name != "p12" {
		t.Errorf("suspended account: %+v", a)
	}
	calls := r.Server(orgMgmt).Stats().Calls
	// 3 nodes: 1 ListRoots, 3 unit listings, accounts 1 (root) + 1 (Workloads) + 2 pages (Prod: 6 accounts).
	if calls["organizations:ListRoots"] != 1 || calls["organizations:ListOrganizationalUnitsForParent"] != 3 || calls["organizations:ListAccountsForParent"] != 4 {
		t.Errorf("calls %v", calls)
	}
	if len(d.Gaps) != 0 {
		t.Errorf("gaps %v", d.Gaps)
	}

	d, err = collectaws.Discover(ctx, orgOptions(r, awsfake.AccessKey(orgDev)))
	if err != nil {
		t.Fatal(err)
	}
	if d.CallerAccount != orgDev || d.Organization == nil || d.Organization.Tree != nil || len(d.Gaps) != 1 ||
		d.Gaps[0].Operation != "ListRoots" || d.Gaps[0].Reason != state.ReasonAccessDenied {
		t.Errorf("member discovery: %+v, gaps %v", d, d.Gaps)
	}

	if _, err := collectaws.Discover(ctx, orgOptions(r, "AKIDNOBODY")); err == nil || !strings.Contains(err.Error(), "InvalidClientTokenId") {
		t.Errorf("unknown key: %v", err)
	}
}

// TestOrgAssumeRole: the management account gets each active member's own
// credentials; a missing role, a suspended account, a role name other than
// the member role and a member reaching into another member are refused.
func TestOrgAssumeRole(t *testing.T) {
	r := startTestOrg(t)
	ctx := context.Background()
	client := func(key string) *sts.Client {
		cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"), config.WithBaseEndpoint(r.URL),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(key, "x", "")))
		if err != nil {
			t.Fatal(err)
		}
		return sts.NewFromConfig(cfg)
	}
	assume := func(key, role string) (string, error) {
		out, err := client(key).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: sdk.String(role), RoleSessionName: sdk.String("t")})
		if err != nil {
			return "", err
		}
		id, err := client(sdk.ToString(out.Credentials.AccessKeyId)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return "", err
		}
		return sdk.ToString(id.Account), nil
	}
	role := func(acct, name string) string { return "arn:aws:iam::" + acct + ":role/" + name }
	mgmt := awsfake.AccessKey(orgMgmt)
	if got, err := assume(mgmt, role(orgDev, "ShoulderAudit")); err != nil || got != orgDev {
		t.Errorf("management into dev: %q, %v", got, err)
	}
	for _, tc := range []struct{ key, role string }{
		{mgmt, role(orgProd, "ShoulderAudit")},        // role missing
		{mgmt, role("200000000012", "ShoulderAudit")}, // suspended
		{mgmt, role(orgDev, "Other")},                 // not the member role
		{mgmt, role("999999999999", "ShoulderAudit")}, // not in the organization
		{awsfake.AccessKey(orgDev), role("200000000010", "ShoulderAudit")},
	} {
		_, err := assume(tc.key, tc.role)
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" {
			t.Errorf("%s assuming %s: %v, want AccessDenied", tc.key, tc.role, err)
		}
	}
}

// TestOrgPerAccountLimits: each account has its own token buckets, as AWS
// meters quotas per account: one account spending its bucket does not
// throttle another.
func TestOrgPerAccountLimits(t *testing.T) {
	acct := func(id string) *state.Account { return &state.Account{AccountID: id, Partition: "aws"} }
	limit := awsfake.Options{Limits: []awsfake.Limit{{Service: "sts", Action: "GetCallerIdentity", Rate: 0.001, Burst: 1}}}
	r, err := awsfake.StartOrg(awsfake.OrgOptions{
		Management: awsfake.OrgMember{Account: acct(orgMgmt), Options: limit},
		Members:    []awsfake.OrgMember{{Account: acct(orgDev), Options: limit}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	call := func(id string) error {
		cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"), config.WithBaseEndpoint(r.URL), config.WithRetryMaxAttempts(1),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(awsfake.AccessKey(id), "x", "")))
		if err != nil {
			t.Fatal(err)
		}
		_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	}
	if err := call(orgMgmt); err != nil {
		t.Fatalf("first call of the management account: %v", err)
	}
	if err := call(orgMgmt); err == nil || !strings.Contains(err.Error(), "Throttl") {
		t.Errorf("second call of the management account: %v, want throttled", err)
	}
	if err := call(orgDev); err != nil {
		t.Errorf("the member's first call, throttled by the management account's bucket: %v", err)
	}
}
