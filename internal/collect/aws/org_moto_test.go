package aws

import (
	"context"
	"sync"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// motoOrgAccount is the management account of the organization moto
// serves to these tests; it is not the scenario's account, whose state
// the other tests assert (moto keeps organizations per account).
const motoOrgAccount = "777788889999"

var motoOrgOnce sync.Once

// motoOrg creates, once, an organization managed by motoOrgAccount: an OU
// Workloads with a nested OU Prod holding one created account. It returns
// the options of a caller in the management account.
func motoOrg(t *testing.T) Options {
	t.Helper()
	ctx := context.Background()
	roleARN := "arn:aws:iam::" + motoOrgAccount + ":role/OrgAdmin"
	motoOrgOnce.Do(func() {
		base, err := config.LoadDefaultConfig(ctx, append(testCreds(), config.WithBaseEndpoint(moto.URL(t)))...)
		if err != nil {
			t.Fatal(err)
		}
		base.Credentials = sdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(base), roleARN))
		o := organizations.NewFromConfig(base)
		if _, err := o.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
			t.Fatal(err)
		}
		roots, err := o.ListRoots(ctx, &organizations.ListRootsInput{})
		if err != nil || len(roots.Roots) != 1 {
			t.Fatalf("roots %v, %v", roots, err)
		}
		root := sdk.ToString(roots.Roots[0].Id)
		work, err := o.CreateOrganizationalUnit(ctx, &organizations.CreateOrganizationalUnitInput{ParentId: sdk.String(root), Name: sdk.String("Workloads")})
		if err != nil {
			t.Fatal(err)
		}
		prod, err := o.CreateOrganizationalUnit(ctx, &organizations.CreateOrganizationalUnitInput{ParentId: work.OrganizationalUnit.Id, Name: sdk.String("Prod")})
		if err != nil {
			t.Fatal(err)
		}
		acct, err := o.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: sdk.String("prod"), Email: sdk.String("prod@example.com")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.MoveAccount(ctx, &organizations.MoveAccountInput{AccountId: acct.CreateAccountStatus.AccountId,
			SourceParentId: sdk.String(root), DestinationParentId: prod.OrganizationalUnit.Id}); err != nil {
			t.Fatal(err)
		}
	})
	return Options{EndpointURL: moto.URL(t), LoadOptions: testCreds(), RoleARN: roleARN}
}

// TestMotoDiscover: the organization's tree as Organizations lists it to
// its management account, with the created account under Workloads/Prod.
func TestMotoDiscover(t *testing.T) {
	d, err := Discover(context.Background(), motoOrg(t))
	if err != nil {
		t.Fatal(err)
	}
	if d.CallerAccount != motoOrgAccount || d.Organization == nil || !d.Organization.IsManagementAccount || d.Organization.Tree == nil {
		t.Fatalf("discovery: %+v (gaps %v)", d, d.Gaps)
	}
	tree := d.Organization.Tree
	paths := map[string]string{}
	for _, a := range tree.Accounts {
		paths[a.Name] = tree.Path(a.ID)
		if a.Status != "ACTIVE" {
			t.Errorf("account %s status %q", a.ID, a.Status)
		}
	}
	if len(tree.Units) != 2 || paths["prod"] != "Root/Workloads/Prod" {
		t.Errorf("units %v, paths %v", tree.Units, paths)
	}
}
