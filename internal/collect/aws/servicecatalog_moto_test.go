package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/servicecatalog"
	sctypes "github.com/aws/aws-sdk-go-v2/service/servicecatalog/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// scExternalAccounts are the accounts the insecure regions' portfolio is
// shared with account to account.
var scExternalAccounts = []string{"111122223333", "444455556666"}

// buildServiceCatalog creates portfolio "golden-paths" in the region: when
// secure it is shared with the organization only (an organization node);
// otherwise account to account with two external accounts. Every region
// also gets portfolio "sandbox", shared with no one.
func buildServiceCatalog(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := servicecatalog.NewFromConfig(cfg)
	p := must(c.CreatePortfolio(ctx, &servicecatalog.CreatePortfolioInput{DisplayName: sdk.String("golden-paths"),
		ProviderName: sdk.String("platform"), IdempotencyToken: sdk.String("golden-paths-" + r)}))
	if secure {
		must(c.CreatePortfolioShare(ctx, &servicecatalog.CreatePortfolioShareInput{PortfolioId: p.PortfolioDetail.Id,
			OrganizationNode: &sctypes.OrganizationNode{Type: sctypes.OrganizationNodeTypeOrganization, Value: sdk.String("o-a1b2c3d4e5")}}))
	} else {
		for _, acct := range scExternalAccounts {
			must(c.CreatePortfolioShare(ctx, &servicecatalog.CreatePortfolioShareInput{PortfolioId: p.PortfolioDetail.Id, AccountId: sdk.String(acct)}))
		}
	}
	must(c.CreatePortfolio(ctx, &servicecatalog.CreatePortfolioInput{DisplayName: sdk.String("sandbox"),
		ProviderName: sdk.String("platform"), IdempotencyToken: sdk.String("sandbox-" + r)}))
}

// TestMotoServiceCatalog: the portfolios and each one's account-to-account
// shares are read back with what ServiceCatalog.1 judges, in every region;
// a share to the organization is not an account share.
func TestMotoServiceCatalog(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			name := func(x state.ServiceCatalogPortfolio) string { return x.Region + "/" + x.DisplayName }
			p := find(t, "portfolio", res.Account.ServiceCatalog.Portfolios, name, r+"/golden-paths")
			eq(t, "arn region", p.ARN, "arn:aws:catalog:"+r+":"+motoAccount+":portfolio/"+p.ID)
			eq(t, "provider", p.ProviderName, "platform")
			eq(t, "shares read", p.SharesRead, true)
			var got []string
			for _, s := range p.AccountShares {
				eq(t, "share type", s.Type, "ACCOUNT")
				got = append(got, s.PrincipalID)
			}
			want := scExternalAccounts
			if secure {
				want = nil
			}
			eq(t, "account shares", len(got), len(want))
			for i := range want {
				if i < len(got) {
					eq(t, "shared with", got[i], want[i])
				}
			}
			sb := find(t, "portfolio", res.Account.ServiceCatalog.Portfolios, name, r+"/sandbox")
			eq(t, "sandbox shares read", sb.SharesRead, true)
			eq(t, "sandbox shares", len(sb.AccountShares), 0)
			if _, ok := res.Account.Gaps.Find("servicecatalog", r, "DescribePortfolioShares", p.ARN); ok {
				t.Errorf("gap on %s", p.ARN)
			}
		})
	}
}
