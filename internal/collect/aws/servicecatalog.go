package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/servicecatalog"
	sctypes "github.com/aws/aws-sdk-go-v2/service/servicecatalog/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// serviceCatalogPortfolios lists a region's AWS Service Catalog portfolios
// (20 a page) and reads each one's account-to-account shares: who a
// portfolio is shared with is in no listing (svc-catalog).
func (c *collector) serviceCatalogPortfolios(ctx context.Context, region string) {
	cl := servicecatalog.NewFromConfig(c.cfg, func(o *servicecatalog.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("servicecatalog", region))
	})
	var ports []state.ServiceCatalogPortfolio
	err := c.do(ctx, "servicecatalog", "ListPortfolios", region, "", nil, func(ctx context.Context) error {
		params := servicecatalog.ListPortfoliosInput{PageSize: 20}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.PageToken = token
			page, err := cl.ListPortfolios(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.PortfolioDetails {
				ports = append(ports, state.ServiceCatalogPortfolio{Meta: meta(str(x.ARN), region, nil), ID: str(x.Id),
					DisplayName: str(x.DisplayName), ProviderName: str(x.ProviderName)})
			}
			return page.NextPageToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(ports), func() {
		c.rec.Update(func(a *state.Account) { a.ServiceCatalog.Portfolios = append(a.ServiceCatalog.Portfolios, ports...) })
	})
	for i := range ports {
		x := &ports[i]
		c.item("servicecatalog", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "servicecatalog", "DescribePortfolioShares", region, x.ARN, nil, func(ctx context.Context) error {
				var shares []state.PortfolioShare
				params := servicecatalog.DescribePortfolioSharesInput{PortfolioId: sdk.String(x.ID), Type: sctypes.DescribePortfolioShareTypeAccount, PageSize: 100}
				err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.PageToken = token
					page, err := cl.DescribePortfolioShares(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, s := range page.PortfolioShareDetails {
						shares = append(shares, state.PortfolioShare{PrincipalID: str(s.PrincipalId), Type: string(s.Type), Accepted: s.Accepted})
					}
					return page.NextPageToken, nil
				})
				if err != nil {
					return err
				}
				x.SharesRead, x.AccountShares = true, shares
				return nil
			})
		}, "DescribePortfolioShares")
	}
}
