package state

// ServiceCatalog holds the AWS Service Catalog portfolios of every scanned
// region with their account-to-account shares (svc-catalog).
//
// Gaps: ListPortfolios hides a region's portfolios;
// DescribePortfolioShares (Type ACCOUNT, the shares the check judges) is
// recorded per portfolio ARN.
type ServiceCatalog struct {
	Portfolios []ServiceCatalogPortfolio `json:"portfolios,omitempty"`
}

// ServiceCatalogPortfolio is a portfolio the account created (ListPortfolios
// lists the caller's own portfolios, not those imported from others) with
// the accounts it is shared with one by one.
type ServiceCatalogPortfolio struct {
	Meta
	// ID is the portfolio identifier (port-...).
	ID string `json:"id"`
	// DisplayName is the portfolio's name.
	DisplayName string `json:"display_name,omitempty"`
	// ProviderName is the team or vendor that owns the portfolio.
	ProviderName string `json:"provider_name,omitempty"`
	// SharesRead is true once DescribePortfolioShares answered for the
	// ACCOUNT share type; AccountShares is meaningless until then.
	SharesRead bool `json:"shares_read,omitempty"`
	// AccountShares are the portfolio's ACCOUNT shares: in the API's
	// words "an external account to account share", made by account ID
	// rather than through an organization node. Shares to the
	// organization, an OU or a member account through the organization
	// (types ORGANIZATION, ORGANIZATIONAL_UNIT, ORGANIZATION_MEMBER_ACCOUNT)
	// stay inside the organization and are not read.
	AccountShares []PortfolioShare `json:"account_shares,omitempty"`
}

// PortfolioShare is one share of a portfolio.
type PortfolioShare struct {
	// PrincipalID is the recipient: an account ID for an ACCOUNT share.
	PrincipalID string `json:"principal_id"`
	// Type is ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT or
	// ORGANIZATION_MEMBER_ACCOUNT.
	Type string `json:"type"`
	// Accepted is true once the recipient imported the share.
	Accepted bool `json:"accepted,omitempty"`
}
