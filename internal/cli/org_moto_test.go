package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/shoulder-dev/shoulder/internal/collect/mototest"
)

// TestScanOrgMoto: moto holds an organization managed by the caller's
// account (Workloads/Prod and Workloads/Dev, one created account each,
// and one in the root); scan --org --ous Workloads reads the two accounts
// under it (nested OUs included) through AssumeRole, each report filed
// under its own account, with the OU paths in accounts.json, and leaves
// the management and root accounts out.
func TestScanOrgMoto(t *testing.T) {
	url := mototest.StartT(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "us-east-1")
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithBaseEndpoint(url))
	if err != nil {
		t.Fatal(err)
	}
	o := organizations.NewFromConfig(cfg)
	if _, err := o.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
		t.Fatal(err)
	}
	roots, err := o.ListRoots(ctx, &organizations.ListRootsInput{})
	if err != nil {
		t.Fatal(err)
	}
	root := roots.Roots[0].Id
	ou := func(parent *string, name string) *string {
		out, err := o.CreateOrganizationalUnit(ctx, &organizations.CreateOrganizationalUnitInput{ParentId: parent, Name: sdk.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		return out.OrganizationalUnit.Id
	}
	work := ou(root, "Workloads")
	prod, dev := ou(work, "Prod"), ou(work, "Dev")
	account := func(name string, parent *string) string {
		out, err := o.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: sdk.String(name), Email: sdk.String(name + "@example.com")})
		if err != nil {
			t.Fatal(err)
		}
		id := out.CreateAccountStatus.AccountId
		if parent != root {
			if _, err := o.MoveAccount(ctx, &organizations.MoveAccountInput{AccountId: id, SourceParentId: root, DestinationParentId: parent}); err != nil {
				t.Fatal(err)
			}
		}
		// The account's own resource, made through the member role.
		mcfg := cfg.Copy()
		mcfg.Credentials = sdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), "arn:aws:iam::"+*id+":role/ShoulderAudit"))
		if _, err := s3.NewFromConfig(mcfg, func(o *s3.Options) { o.UsePathStyle = true }).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdk.String("bucket-of-" + *id),
			CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}); err != nil {
			t.Fatal(err)
		}
		return *id
	}
	prodID, devID, sandboxID := account("prod", prod), account("dev", dev), account("sandbox", root)

	dir := t.TempDir()
	code, _, errOut := run(t, "scan", "--org", "--ous", *work, "-q", "--endpoint-url", url, "--regions", "eu-west-1",
		"--fail-on", "none", "--format", "json", "-o", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	reads := readAccountsFile(t, dir)
	got := map[string]accountRead{}
	for _, r := range reads {
		got[r.AccountID] = r
	}
	if len(reads) != 2 || got[prodID].OUPath != "Root/Workloads/Prod" || got[devID].OUPath != "Root/Workloads/Dev" ||
		got[prodID].Name != "prod" || got[prodID].Read == "none" || got[devID].Read == "none" {
		t.Errorf("accounts.json: %+v", reads)
	}
	if _, in := got[sandboxID]; in {
		t.Errorf("the root's account %s was read", sandboxID)
	}
	for _, id := range []string{prodID, devID} {
		b, err := os.ReadFile(filepath.Join(dir, id, "report.json"))
		if err != nil {
			t.Fatal(err)
		}
		var rep struct {
			AccountID string `json:"account_id"`
		}
		if json.Unmarshal(b, &rep) != nil || rep.AccountID != id || !strings.Contains(string(b), "bucket-of-"+id) {
			t.Errorf("report of %s: account %q, has its bucket %v", id, rep.AccountID, strings.Contains(string(b), "bucket-of-"+id))
		}
	}
}
