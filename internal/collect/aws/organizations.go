package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
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
	var scps []state.SCP
	err = c.do(ctx, "organizations", "ListPolicies", "", "", nil, func(ctx context.Context) error {
		p := organizations.NewListPoliciesPaginator(cl, &organizations.ListPoliciesInput{Filter: types.PolicyTypeServiceControlPolicy})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			for _, s := range page.Policies {
				scps = append(scps, state.SCP{Meta: meta(str(s.Arn), "", nil), ID: str(s.Id), Name: str(s.Name)})
			}
		}
		return nil
	})
	if err != nil {
		c.rec.Update(func(a *state.Account) { a.Organization = org })
		return
	}
	done := c.perItem(len(scps), func() {
		org.SCPs = scps
		c.rec.Update(func(a *state.Account) { a.Organization = org })
	})
	for i := range scps {
		s := &scps[i]
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
