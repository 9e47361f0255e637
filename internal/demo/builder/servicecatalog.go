package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// serviceCatalog adds Alpenglow's AWS Service Catalog portfolios
// (svc-catalog): the Frankfurt platform team's golden paths are shared
// through the organization only (no account-to-account share); the
// marketing agency's landing-zone portfolio in N. Virginia is shared
// account to account with the agency's own account and with the trusted
// partner, both by ID.
func (x *b) serviceCatalog() {
	fra, iad := "eu-central-1", "us-east-1"
	port := func(region, id, name, provider string, shares ...string) state.ServiceCatalogPortfolio {
		p := state.ServiceCatalogPortfolio{Meta: state.Meta{ARN: x.arn("catalog", region, "portfolio/"+id), Region: region}, ID: id,
			DisplayName: name, ProviderName: provider, SharesRead: true}
		for _, s := range shares {
			p.AccountShares = append(p.AccountShares, state.PortfolioShare{PrincipalID: s, Type: "ACCOUNT", Accepted: true})
		}
		return p
	}
	x.a.ServiceCatalog.Portfolios = append(x.a.ServiceCatalog.Portfolios,
		port(fra, "port-alpg4goldenp1", "platform-golden-paths", "alpenglow-platform"),
		port(iad, "port-alpg4agencyz1", "agency-landing-zone", "agency-ops", UntrustedPartner, TrustedPartner),
	)
}
