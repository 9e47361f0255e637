package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// serviceCatalog generates the account's AWS Service Catalog portfolios
// (svc-catalog), spread over the regions in turn (a platform team keeps a
// handful per estate, mostly in its home regions, so a per-region share
// would round to none): three in four are shared, if at all, through the
// organization (no account share); the rest are shared account to account
// with one or two accounts by ID, the pattern from before Organizations
// sharing.
func (g *gen) serviceCatalog(regions []string) {
	n := count(g.n, "portfolio")
	for i := 0; i < n && len(regions) > 0; i++ {
		r := regions[i%len(regions)]
		id := g.id("port-")
		p := state.ServiceCatalogPortfolio{Meta: state.Meta{ARN: g.arn("catalog", r, "portfolio/"+id), Region: r}, ID: id,
			DisplayName: g.id("portfolio-"), ProviderName: g.pick("platform", "cloud-center-of-excellence", "security"), SharesRead: true}
		if g.chance(25) {
			for _, acct := range g.accounts(2) {
				p.AccountShares = append(p.AccountShares, state.PortfolioShare{PrincipalID: acct, Type: "ACCOUNT", Accepted: g.chance(80)})
			}
		}
		g.a.ServiceCatalog.Portfolios = append(g.a.ServiceCatalog.Portfolios, p)
	}
}
