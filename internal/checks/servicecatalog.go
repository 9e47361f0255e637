package checks

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// serviceCatalogChecks are the customer's duties on AWS Service Catalog
// (svc-catalog): AWS stores the portfolios and provisions their products,
// but who a portfolio is shared with is the owner's decision.
func serviceCatalogChecks() []check.Check {
	return []check.Check{{
		ID: "servicecatalog_portfolio_shared_within_organization_only",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "servicecatalog", []state.Input{state.InputServiceCatalogPortfolios}, a.ServiceCatalog.Portfolios,
				func(x state.ServiceCatalogPortfolio) check.Result {
					if g, ok := a.Gaps.ForInput(state.InputServiceCatalogPortfolioShares, x.Region, x.ARN); ok {
						return check.GapR(x, g)
					}
					if !x.SharesRead {
						return check.UnknownR(x, "portfolio %s's account shares were not reported", x.DisplayName)
					}
					return portfolioSharedInOrg(a, x)
				})
		},
	}}
}

// portfolioSharedInOrg: FSBP ServiceCatalog.1 (AWS Config
// service-catalog-shared-within-organization), the portfolio has no share
// of type ACCOUNT. The API calls such a share "an external account to
// account share": it is made by account ID, outside the organization's
// sharing, and stays when the account leaves the organization. Shares to
// the organization, an OU or a member account through the organization
// pass. A recipient the organization's account list (read by the
// management account or a delegated administrator) names as a member is
// told apart in the message: its share still fails, as in Security Hub.
func portfolioSharedInOrg(a *state.Account, x state.ServiceCatalogPortfolio) check.Result {
	if len(x.AccountShares) == 0 {
		return check.PassR(x, "portfolio %s has no account-to-account share: it is shared, if at all, through the organization only", x.DisplayName)
	}
	var tree *state.OrgTree
	if a.Organization != nil {
		tree = a.Organization.Tree
	}
	ids := make([]string, 0, len(x.AccountShares))
	for _, s := range x.AccountShares {
		ids = append(ids, s.PrincipalID)
	}
	slices.Sort(ids)
	for i, id := range ids {
		if _, member := tree.Account(id); member {
			ids[i] += " (a member account, shared by ID instead of through the organization)"
		}
	}
	return check.FailR(x, "portfolio %s is shared account to account, outside the organization's sharing, with %s", x.DisplayName, strings.Join(ids, ", "))
}
