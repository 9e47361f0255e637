package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// organizations reads the account's organization and, where allowed, its
// service control policies. Only the management account (or a delegated
// administrator) may list policies: a member account's AccessDenied is
// normal and recorded as a gap, so SCP-aware checks say unknown.
func (c *collector) organizations(ctx context.Context, _ string) {
	cl := client(c, "organizations", "", func() *organizations.Client {
		return organizations.NewFromConfig(c.cfg, func(o *organizations.Options) {
			o.Region = c.home()
			o.APIOptions = append(o.APIOptions, c.instrument("organizations", ""))
		})
	})
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
	if err != nil || org == nil {
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
			p := organizations.NewListPoliciesPaginator(cl, &organizations.ListPoliciesInput{Filter: kind.filter})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					return err
				}
				for _, s := range page.Policies {
					*kind.into = append(*kind.into, state.SCP{Meta: meta(str(s.Arn), "", nil), ID: str(s.Id), Name: str(s.Name)})
				}
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
				p := organizations.NewListTargetsForPolicyPaginator(cl, &organizations.ListTargetsForPolicyInput{PolicyId: sdk.String(s.ID)})
				var targets []string
				for p.HasMorePages() {
					page, err := p.NextPage(ctx)
					if err != nil {
						return err
					}
					for _, t := range page.Targets {
						targets = append(targets, str(t.TargetId))
					}
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
		p := organizations.NewListDelegatedAdministratorsPaginator(cl, &organizations.ListDelegatedAdministratorsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			for _, d := range page.DelegatedAdministrators {
				admins = append(admins, state.DelegatedAdmin{AccountID: str(d.Id), Name: str(d.Name)})
			}
		}
		return nil
	})
	if err == nil {
		for i := range admins {
			d := &admins[i]
			arn := c.arn("organizations", "", org.MasterAccountID, "account/"+org.ID+"/"+d.AccountID)
			_ = c.do(ctx, "organizations", "ListDelegatedServicesForAccount", "", arn, nil, func(ctx context.Context) error {
				p := organizations.NewListDelegatedServicesForAccountPaginator(cl, &organizations.ListDelegatedServicesForAccountInput{AccountId: sdk.String(d.AccountID)})
				for p.HasMorePages() {
					page, err := p.NextPage(ctx)
					if err != nil {
						return err
					}
					for _, s := range page.DelegatedServices {
						d.ServicePrincipals = append(d.ServicePrincipals, str(s.ServicePrincipal))
					}
				}
				return nil
			})
		}
		org.DelegatedAdmins = admins
	}
	_ = c.do(ctx, "organizations", "ListAWSServiceAccessForOrganization", "", "", nil, func(ctx context.Context) error {
		p := organizations.NewListAWSServiceAccessForOrganizationPaginator(cl, &organizations.ListAWSServiceAccessForOrganizationInput{})
		var out []string
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			for _, s := range page.EnabledServicePrincipals {
				out = append(out, str(s.ServicePrincipal))
			}
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
