package aws

import (
	"context"
	"errors"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// organizations reads the account's organization and, where allowed, its
// service control policies. Only the management account (or a delegated
// administrator) may list policies: a member account's AccessDenied is
// normal and recorded as a gap, so SCP-aware checks say unknown.
func (c *collector) organizations(ctx context.Context, _ string) {
	cl := c.orgClient()
	org, err := c.describeOrganization(ctx, cl)
	if err != nil || org == nil {
		return
	}
	switch {
	case c.opts.OrgTree != nil:
		// Read once by discovery for the whole run: attached, not re-read.
		org.Tree = c.opts.OrgTree
	case c.opts.ReadOrgTree:
		org.Tree = c.orgTree(ctx, cl)
	}
	if c.opts.OrgFactsRead && !org.IsManagementAccount {
		// Read once for the run from the source account; what a member
		// may not read anyway (AWS answers AccessDenied) is not asked.
		c.skipOrgFacts()
		c.rec.Update(func(a *state.Account) { a.Organization = org })
		return
	}
	c.orgFacts(ctx, cl, org)
	// One ListPolicies call (and its pages) per policy type; the three
	// kinds share the per-policy reads below.
	var scps, backups, tags []state.SCP
	err = c.do(ctx, "organizations", "ListPolicies", "", "", nil, func(ctx context.Context) error {
		for _, kind := range []struct {
			filter types.PolicyType
			into   *[]state.SCP
		}{
			{types.PolicyTypeServiceControlPolicy, &scps},
			{types.PolicyTypeBackupPolicy, &backups},
			{types.PolicyTypeTagPolicy, &tags},
		} {
			params := organizations.ListPoliciesInput{Filter: kind.filter}
			if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
				params.NextToken = token
				page, err := cl.ListPolicies(ctx, &params)
				if err != nil {
					return nil, err
				}
				for _, s := range page.Policies {
					*kind.into = append(*kind.into, state.SCP{Meta: meta(str(s.Arn), "", nil), ID: str(s.Id), Name: str(s.Name)})
				}
				return page.NextToken, nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		c.rec.Update(func(a *state.Account) { a.Organization = org })
		return
	}
	all := make([]*state.SCP, 0, len(scps)+len(backups)+len(tags))
	for _, list := range [][]state.SCP{scps, backups, tags} {
		for i := range list {
			all = append(all, &list[i])
		}
	}
	done := c.perItem(len(all), func() {
		org.SCPs, org.BackupPolicies, org.TagPolicies = scps, backups, tags
		c.rec.Update(func(a *state.Account) { a.Organization = org })
	})
	for _, s := range all {
		s := s
		c.item("organizations", "", s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "organizations", "DescribePolicy", "", s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribePolicy(ctx, &organizations.DescribePolicyInput{PolicyId: sdk.String(s.ID)})
				if err == nil && out.Policy != nil {
					s.Document = str(out.Policy.Content)
				}
				return err
			})
			_ = c.do(ctx, "organizations", "ListTargetsForPolicy", "", s.ARN, nil, func(ctx context.Context) error {
				params := organizations.ListTargetsForPolicyInput{PolicyId: sdk.String(s.ID)}
				var targets []string
				if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.ListTargetsForPolicy(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, t := range page.Targets {
						targets = append(targets, str(t.TargetId))
					}
					return page.NextToken, nil
				}); err != nil {
					return err
				}
				s.Targets = targets
				return nil
			})
		}, "DescribePolicy", "ListTargetsForPolicy")
	}
}

// orgFacts reads the organization-wide facts only the management account
// (or a delegated administrator) may read: the delegated administrators
// and their services, the services with trusted access, and centralised
// root access. A member's AccessDenied is recorded as a gap, so the checks
// that need them say unknown unless the management account's facts are
// applied (state.Account.ApplyOrgFacts).
func (c *collector) orgFacts(ctx context.Context, cl *organizations.Client, org *state.Organization) {
	var admins []state.DelegatedAdmin
	err := c.do(ctx, "organizations", "ListDelegatedAdministrators", "", "", nil, func(ctx context.Context) error {
		params := organizations.ListDelegatedAdministratorsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListDelegatedAdministrators(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.DelegatedAdministrators {
				admins = append(admins, state.DelegatedAdmin{AccountID: str(d.Id), Name: str(d.Name)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		for i := range admins {
			d := &admins[i]
			arn := c.arn("organizations", "", org.MasterAccountID, "account/"+org.ID+"/"+d.AccountID)
			_ = c.do(ctx, "organizations", "ListDelegatedServicesForAccount", "", arn, nil, func(ctx context.Context) error {
				params := organizations.ListDelegatedServicesForAccountInput{AccountId: sdk.String(d.AccountID)}
				return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.ListDelegatedServicesForAccount(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, s := range page.DelegatedServices {
						d.ServicePrincipals = append(d.ServicePrincipals, str(s.ServicePrincipal))
					}
					return page.NextToken, nil
				})
			})
		}
		org.DelegatedAdmins = admins
	}
	_ = c.do(ctx, "organizations", "ListAWSServiceAccessForOrganization", "", "", nil, func(ctx context.Context) error {
		params := organizations.ListAWSServiceAccessForOrganizationInput{}
		var out []string
		if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListAWSServiceAccessForOrganization(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.EnabledServicePrincipals {
				out = append(out, str(s.ServicePrincipal))
			}
			return page.NextToken, nil
		}); err != nil {
			return err
		}
		org.TrustedServices = out
		return nil
	})
	_ = c.do(ctx, "iam", "ListOrganizationsFeatures", "", "", nil, func(ctx context.Context) error {
		out, err := c.iamClient().ListOrganizationsFeatures(ctx, &iam.ListOrganizationsFeaturesInput{})
		if err != nil {
			return err
		}
		for _, f := range out.EnabledFeatures {
			org.IAMFeatures = append(org.IAMFeatures, string(f))
		}
		return nil
	})
}

// skipOrgFacts records the organization-wide reads a member leaves to the
// run's source account (Options.OrgFactsRead) as skipped.
func (c *collector) skipOrgFacts() {
	for _, op := range []struct{ service, action string }{
		{"organizations", "ListPolicies"},
		{"organizations", "ListDelegatedAdministrators"},
		{"organizations", "ListAWSServiceAccessForOrganization"},
		{"iam", "ListOrganizationsFeatures"},
	} {
		c.rec.Gap(state.Gap{Service: op.service, Operation: op.action, Reason: state.ReasonSkipped,
			Message: "organization-wide fact: read once for the run from the management (or delegated-administrator) account and applied to this account"})
	}
}

// orgClient is the Organizations client (global: calls go to the home region).
func (c *collector) orgClient() *organizations.Client {
	return organizations.NewFromConfig(c.cfg, func(o *organizations.Options) {
		o.Region = c.home()
		o.APIOptions = append(o.APIOptions, c.instrument("organizations", ""))
	})
}

// describeOrganization reads the caller's organization; nil (and no gap)
// for a standalone account.
func (c *collector) describeOrganization(ctx context.Context, cl *organizations.Client) (*state.Organization, error) {
	var org *state.Organization
	// AWSOrganizationsNotInUseException: a standalone account (Organization stays nil).
	err := c.do(ctx, "organizations", "DescribeOrganization", "", "", []string{"AWSOrganizationsNotInUseException"}, func(ctx context.Context) error {
		out, err := cl.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
		if err == nil && out.Organization != nil {
			o := out.Organization
			org = &state.Organization{ID: str(o.Id), MasterAccountID: str(o.MasterAccountId), IsManagementAccount: str(o.MasterAccountId) == c.accountID}
		}
		return err
	})
	if errors.Is(err, errAbsent) {
		err = nil
	}
	return org, err
}

// orgTree reads the OU tree: ListRoots, then for each root and OU, breadth
// first, its child OUs and its accounts (the minimal plan; see ops.go). A
// call that fails is a coverage gap (a member account is denied every one
// of them) and the tree is then nil: a partial tree would silently leave
// accounts out of an organization run.
func (c *collector) orgTree(ctx context.Context, cl *organizations.Client) *state.OrgTree {
	tree := &state.OrgTree{}
	err := c.do(ctx, "organizations", "ListRoots", "", "", nil, func(ctx context.Context) error {
		tree.Roots = nil
		params := organizations.ListRootsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListRoots(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Roots {
				tree.Roots = append(tree.Roots, state.OrgRoot{ID: str(r.Id), Name: str(r.Name)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return nil
	}
	var queue []string
	for _, r := range tree.Roots {
		queue = append(queue, r.ID)
	}
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		var units []state.OrgUnit
		err := c.do(ctx, "organizations", "ListOrganizationalUnitsForParent", "", parent, nil, func(ctx context.Context) error {
			units = nil
			params := organizations.ListOrganizationalUnitsForParentInput{ParentId: sdk.String(parent)}
			return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
				params.NextToken = token
				page, err := cl.ListOrganizationalUnitsForParent(ctx, &params)
				if err != nil {
					return nil, err
				}
				for _, u := range page.OrganizationalUnits {
					units = append(units, state.OrgUnit{ID: str(u.Id), Name: str(u.Name), ParentID: parent})
				}
				return page.NextToken, nil
			})
		})
		if err != nil {
			return nil
		}
		var accounts []state.OrgAccount
		err = c.do(ctx, "organizations", "ListAccountsForParent", "", parent, nil, func(ctx context.Context) error {
			accounts = nil
			params := organizations.ListAccountsForParentInput{ParentId: sdk.String(parent)}
			return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
				params.NextToken = token
				page, err := cl.ListAccountsForParent(ctx, &params)
				if err != nil {
					return nil, err
				}
				for _, a := range page.Accounts {
					accounts = append(accounts, state.OrgAccount{ID: str(a.Id), Name: str(a.Name), Email: str(a.Email),
						Status: accountState(a), ParentID: parent})
				}
				return page.NextToken, nil
			})
		})
		if err != nil {
			return nil
		}
		tree.Units = append(tree.Units, units...)
		tree.Accounts = append(tree.Accounts, accounts...)
		for _, u := range units {
			queue = append(queue, u.ID)
		}
	}
	return tree
}

// accountState is an account's State, or its older Status where State is
// not set (the values are shared: ACTIVE, SUSPENDED, PENDING_CLOSURE).
func accountState(a types.Account) string {
	if a.State != "" {
		return string(a.State)
	}
	return string(a.Status)
}

// Discovery is what an organization run learns before reading accounts.
type Discovery struct {
	// CallerAccount is the account the base credentials belong to.
	CallerAccount string
	// Organization is the caller's organization with its Tree; nil when
	// the caller's account is in none. Tree is nil when it could not be
	// listed (Gaps say why).
	Organization *state.Organization
	// Gaps are the calls that failed.
	Gaps []state.Gap
	// Stats are the calls made.
	Stats *collect.Stats
}

// Discover reads the caller's identity, organization and OU tree with the
// options' credentials, under the same declaration, pacing and accounting
// as Collect; nothing else is read. It fails only when the caller cannot
// be identified; a tree that cannot be listed (a member account is denied)
// leaves Organization.Tree nil with the gaps saying why.
func Discover(ctx context.Context, o Options) (*Discovery, error) {
	o.defaults()
	decl, err := collect.NewDeclaration(o.Rates)
	if err != nil {
		return nil, err
	}
	c := &collector{opts: o, decl: decl, stats: collect.NewStats(), limiters: collect.NewLimiters(),
		acct: &state.Account{Source: "live", CollectedAt: o.Now().UTC()}}
	c.rec = collect.NewRecorder(c.acct)
	if c.http = o.sharedHTTP(); c.http != nil {
		defer c.http.use()()
	}
	if c.cfg, err = c.loadConfig(ctx); err != nil {
		return nil, err
	}
	if err := c.identify(ctx); err != nil {
		return nil, err
	}
	cl := c.orgClient()
	org, _ := c.describeOrganization(ctx, cl)
	if org != nil {
		org.Tree = c.orgTree(ctx, cl)
	}
	return &Discovery{CallerAccount: c.accountID, Organization: org, Gaps: c.acct.Gaps.All(), Stats: c.stats}, nil
}
