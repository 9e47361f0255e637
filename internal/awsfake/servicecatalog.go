package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- AWS Service Catalog (awsJson1.1, X-Amz-Target
// AWS242ServiceCatalogService.*, signing name servicecatalog; bodies by
// hand: the SDK's Service Catalog client has no schema serializers.
// Member names are the deserializer's: upper camel case) ---- svc-catalog

func (s *Server) serviceCatalogService() *service {
	return &service{name: "servicecatalog", proto: protoJSON, ops: map[string]handler{
		"ListPortfolios":          scListPortfolios,
		"DescribePortfolioShares": scDescribePortfolioShares,
	}}
}

// scListPortfolios pages with PageSize (0..20, default 20) and PageToken.
func scListPortfolios(c *call) (*reply, error) {
	ps := c.s.idx.portfolios[c.region]
	mx, err := c.num("PageSize", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(ps), c.str("PageToken"), mx, 20, 20)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, p := range ps[start:end] {
		x := map[string]any{"Id": p.ID, "ARN": p.ARN, "DisplayName": p.DisplayName, "CreatedTime": 1767225600}
		if p.ProviderName != "" {
			x["ProviderName"] = p.ProviderName
		}
		items = append(items, x)
	}
	out := map[string]any{"PortfolioDetails": items}
	if next != "" {
		out["NextPageToken"] = next
	}
	return c.rawJSON(out)
}

// scDescribePortfolioShares answers the shares of the portfolio PortfolioId
// of the share type Type (required), paged with PageSize (0..100, default
// 100) and PageToken. The fake keeps only account-to-account shares, so the
// organization share types answer an empty list.
func scDescribePortfolioShares(c *call) (*reply, error) {
	id, typ := c.str("PortfolioId"), c.str("Type")
	switch typ {
	case "ACCOUNT", "ORGANIZATION", "ORGANIZATIONAL_UNIT", "ORGANIZATION_MEMBER_ACCOUNT":
	default:
		return nil, errf(400, "InvalidParametersException", "Type must be ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT or ORGANIZATION_MEMBER_ACCOUNT, not %q", typ)
	}
	for _, p := range c.s.idx.portfolios[c.region] {
		if p.ID != id {
			continue
		}
		var shares []state.PortfolioShare
		if typ == "ACCOUNT" {
			shares = p.AccountShares
		}
		mx, err := c.num("PageSize", 0)
		if err != nil {
			return nil, err
		}
		start, end, next, err := page(c.action+"/"+typ, len(shares), c.str("PageToken"), mx, 100, 100)
		if err != nil {
			return nil, err
		}
		items := make([]map[string]any, 0, end-start)
		for _, s := range shares[start:end] {
			items = append(items, map[string]any{"PrincipalId": s.PrincipalID, "Type": typ, "Accepted": s.Accepted,
				"ShareTagOptions": false, "SharePrincipals": false})
		}
		out := map[string]any{"PortfolioShareDetails": items}
		if next != "" {
			out["NextPageToken"] = next
		}
		return c.rawJSON(out)
	}
	return nil, errf(400, "ResourceNotFoundException", "Portfolio %s not found.", id)
}

// expressibleServiceCatalog is what collecting the fake's Service Catalog
// answers gives back for c's portfolios: ACCOUNT as each account share's
// type, and no shares where DescribePortfolioShares is refused.
func expressibleServiceCatalog(c *state.Account) {
	for i := range c.ServiceCatalog.Portfolios {
		p := &c.ServiceCatalog.Portfolios[i]
		p.Tags = nil
		if _, unread := c.Gaps.Find("servicecatalog", p.Region, "DescribePortfolioShares", p.ARN); unread {
			p.SharesRead, p.AccountShares = false, nil
			continue
		}
		p.SharesRead = true
		if len(p.AccountShares) == 0 {
			p.AccountShares = nil
			continue
		}
		shares := make([]state.PortfolioShare, len(p.AccountShares))
		for j, s := range p.AccountShares {
			s.Type = "ACCOUNT"
			shares[j] = s
		}
		p.AccountShares = shares
	}
}
