package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsPortfolioARN = "arn:aws:catalog:eu-west-1:" + testAccountID + ":portfolio/port-abcdefghij123"

// dsPortfolio adds portfolio "golden-paths" in eu-west-1 with its account
// shares read and none; edited by mut.
func dsPortfolio(mut func(x *state.ServiceCatalogPortfolio)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.ServiceCatalogPortfolio{Meta: state.Meta{ARN: dsPortfolioARN, Region: "eu-west-1"}, ID: "port-abcdefghij123",
			DisplayName: "golden-paths", ProviderName: "platform", SharesRead: true}
		if mut != nil {
			mut(&x)
		}
		a.ServiceCatalog.Portfolios = append(a.ServiceCatalog.Portfolios, x)
	}
}

// dsOrgMembers puts the account in an organization whose account list
// (read by the management account) holds ids.
func dsOrgMembers(ids ...string) func(*state.Account) {
	return func(a *state.Account) {
		t := &state.OrgTree{Roots: []state.OrgRoot{{ID: "r-ab12"}}}
		for _, id := range append([]string{testAccountID}, ids...) {
			t.Accounts = append(t.Accounts, state.OrgAccount{ID: id, Status: "ACTIVE", ParentID: "r-ab12"})
		}
		a.Organization = &state.Organization{ID: "o-a1b2c3d4e5", MasterAccountID: testAccountID, IsManagementAccount: true, Tree: t}
	}
}

func serviceCatalogCases() map[string][]checkCase {
	c := func(name string, m func(*state.ServiceCatalogPortfolio), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsPortfolio(m)), want: dsWant(want), msg: msg}
	}
	shared := func(ids ...string) func(*state.ServiceCatalogPortfolio) {
		return func(x *state.ServiceCatalogPortfolio) {
			for _, id := range ids {
				x.AccountShares = append(x.AccountShares, state.PortfolioShare{PrincipalID: id, Type: "ACCOUNT", Accepted: true})
			}
		}
	}
	unread := func(x *state.ServiceCatalogPortfolio) { x.SharesRead, x.AccountShares = false, nil }
	return map[string][]checkCase{
		"servicecatalog_portfolio_shared_within_organization_only": {
			c("no account share", nil, dsP, "no account-to-account share"),
			c("shared with an external account", shared("444455556666"), dsF, "with 444455556666"),
			c("shared with two accounts", shared("777788889999", "444455556666"), dsF, "with 444455556666, 777788889999"),
			// A member account shared by ID still fails (Security Hub
			// fails every ACCOUNT share); the message says it is a member.
			{name: "member shared by account id", acct: baseAccount(dsOrgMembers("444455556666"), dsPortfolio(shared("444455556666", "777788889999"))),
				want: dsWant(dsF), msg: "444455556666 (a member account, shared by ID instead of through the organization), 777788889999"},
			c("not read", unread, dsU, "not reported"),
			{name: "shares denied", acct: baseAccount(dsPortfolio(unread), dsGap("servicecatalog", "eu-west-1", "DescribePortfolioShares", dsPortfolioARN)), want: dsWant(dsU), msg: "DescribePortfolioShares"},
			{name: "listing denied", acct: baseAccount(dsPortfolio(nil), dsGap("servicecatalog", "eu-west-1", "ListPortfolios", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsPortfolio(nil), dsGap("servicecatalog", "us-east-1", "ListPortfolios", "")), want: dsWant(dsU, dsP)},
		},
	}
}
