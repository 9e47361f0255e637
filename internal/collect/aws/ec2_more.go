package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2Network collects the region's transit gateways, launch templates
// (their default versions, in bulk), Client VPN endpoints and managed
// prefix lists.
func (c *collector) ec2Network(region string, cl *ec2.Client) {
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2TransitGateways(ctx, cl, region) }, "DescribeTransitGateways")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2LaunchTemplates(ctx, cl, region) }, "DescribeLaunchTemplateVersions")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2ClientVPN(ctx, cl, region) }, "DescribeClientVpnEndpoints")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2PrefixLists(ctx, cl, region) }, "DescribeManagedPrefixLists")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2SpotFleets(ctx, cl, region) }, "DescribeSpotFleetRequests") // svc-gaps3
}

// vpcBlockPublicAccess reads the region's VPC Block Public Access mode into s.
func (c *collector) vpcBlockPublicAccess(ctx context.Context, cl *ec2.Client, region string, s *state.EC2RegionSettings) {
	_ = c.do(ctx, "ec2", "DescribeVpcBlockPublicAccessOptions", region, "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeVpcBlockPublicAccessOptions(ctx, &ec2.DescribeVpcBlockPublicAccessOptionsInput{})
		if err == nil && out.VpcBlockPublicAccessOptions != nil {
			s.VPCBlockPublicAccess = string(out.VpcBlockPublicAccessOptions.InternetGatewayBlockMode)
		}
		return err
	})
}

func (c *collector) ec2TransitGateways(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.TransitGateway
	err := c.do(ctx, "ec2", "DescribeTransitGateways", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeTransitGatewaysInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeTransitGateways(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.TransitGateways {
				// Only the account's own gateways: shared ones are the owner's duty.
				if owner := str(g.OwnerId); owner != "" && owner != c.accountID {
					continue
				}
				arn := str(g.TransitGatewayArn)
				if arn == "" {
					arn = c.ec2ARN(region, "transit-gateway/"+str(g.TransitGatewayId))
				}
				x := state.TransitGateway{Meta: meta(arn, region, ec2Tags(g.Tags)), ID: str(g.TransitGatewayId), State: string(g.State)}
				if g.Options != nil {
					x.AutoAcceptSharedAttachments = g.Options.AutoAcceptSharedAttachments == types.AutoAcceptSharedAttachmentsValueEnable
				}
				out = append(out, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.TransitGateways = append(a.EC2.TransitGateways, out...) })
	}
}

// ec2LaunchTemplates reads the default version of every launch template
// in one paginated call ($Default without a template ID means all of them).
func (c *collector) ec2LaunchTemplates(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.LaunchTemplate
	err := c.do(ctx, "ec2", "DescribeLaunchTemplateVersions", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{"$Default"}, MaxResults: sdk.Int32(200)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeLaunchTemplateVersions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, v := range page.LaunchTemplateVersions {
				id := str(v.LaunchTemplateId)
				x := state.LaunchTemplate{Meta: meta(c.ec2ARN(region, "launch-template/"+id), region, nil), ID: id,
					Name: str(v.LaunchTemplateName), DefaultVersion: sdk.ToInt64(v.VersionNumber)}
				if d := v.LaunchTemplateData; d != nil {
					for _, n := range d.NetworkInterfaces {
						if b(n.AssociatePublicIpAddress) {
							x.AssociatePublicIP = true
						}
					}
					if m := d.MetadataOptions; m != nil {
						x.MetadataHTTPTokens, x.MetadataHTTPEndpoint = string(m.HttpTokens), string(m.HttpEndpoint)
					}
					for _, m := range d.BlockDeviceMappings { // svc-gaps: EC2.181
						if m.Ebs != nil {
							x.EBSVolumes = append(x.EBSVolumes, state.TemplateVolume{Device: str(m.DeviceName), Encrypted: m.Ebs.Encrypted})
						}
					}
				}
				out = append(out, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.LaunchTemplates = append(a.EC2.LaunchTemplates, out...) })
	}
}

// ec2ClientVPN lists the Client VPN endpoints, then reads each one's
// authorization rules (no bulk form exists).
func (c *collector) ec2ClientVPN(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.ClientVPNEndpoint
	err := c.do(ctx, "ec2", "DescribeClientVpnEndpoints", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeClientVpnEndpointsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeClientVpnEndpoints(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, e := range page.ClientVpnEndpoints {
				id := str(e.ClientVpnEndpointId)
				x := state.ClientVPNEndpoint{Meta: meta(c.ec2ARN(region, "client-vpn-endpoint/"+id), region, ec2Tags(e.Tags)), ID: id,
					SplitTunnel: b(e.SplitTunnel), ClientCIDR: str(e.ClientCidrBlock)}
				if e.Status != nil {
					x.Status = string(e.Status.Code)
				}
				for _, a := range e.AuthenticationOptions {
					x.AuthenticationTypes = append(x.AuthenticationTypes, string(a.Type))
				}
				if e.ConnectionLogOptions != nil {
					x.ConnectionLogging = b(e.ConnectionLogOptions.Enabled)
				}
				out = append(out, x)
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(out), func() {
		c.rec.Update(func(a *state.Account) { a.EC2.ClientVPNEndpoints = append(a.EC2.ClientVPNEndpoints, out...) })
	})
	for i := range out {
		e := &out[i]
		c.item("ec2", region, e.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "ec2", "DescribeClientVpnAuthorizationRules", region, e.ARN, nil, func(ctx context.Context) error {
				params := ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: sdk.String(e.ID), MaxResults: sdk.Int32(1000)}
				var rules []state.ClientVPNAuthRule
				if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.DescribeClientVpnAuthorizationRules(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, r := range page.AuthorizationRules {
						rules = append(rules, state.ClientVPNAuthRule{DestinationCIDR: str(r.DestinationCidr), AccessAll: b(r.AccessAll), GroupID: str(r.GroupId)})
					}
					return page.NextToken, nil
				}); err != nil {
					return err
				}
				e.AuthorizationRules = rules
				return nil
			})
		}, "DescribeClientVpnAuthorizationRules")
	}
}

// ec2PrefixLists lists the managed prefix lists visible in the region, then
// reads the entries of each list AWS does not own. AWS-managed lists
// (com.amazonaws.<region>.s3, ...) hold AWS's service ranges, which the
// checks do not judge by address (see docs/snapshot-format.md), so their
// entries are not read.
func (c *collector) ec2PrefixLists(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.PrefixList
	err := c.do(ctx, "ec2", "DescribeManagedPrefixLists", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeManagedPrefixListsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeManagedPrefixLists(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, l := range page.PrefixLists {
				id := str(l.PrefixListId)
				arn := str(l.PrefixListArn)
				if arn == "" {
					arn = c.arn("ec2", region, str(l.OwnerId), "prefix-list/"+id)
				}
				out = append(out, state.PrefixList{Meta: meta(arn, region, ec2Tags(l.Tags)), ID: id, Name: str(l.PrefixListName),
					OwnerID: str(l.OwnerId), AddressFamily: str(l.AddressFamily)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(out), func() {
		c.rec.Update(func(a *state.Account) { a.EC2.PrefixLists = append(a.EC2.PrefixLists, out...) })
	})
	for i := range out {
		l := &out[i]
		if l.AWSManaged() {
			done()
			continue
		}
		c.item("ec2", region, l.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "ec2", "GetManagedPrefixListEntries", region, l.ARN, nil, func(ctx context.Context) error {
				params := ec2.GetManagedPrefixListEntriesInput{PrefixListId: sdk.String(l.ID), MaxResults: sdk.Int32(100)}
				var entries []string
				if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.NextToken = token
					page, err := cl.GetManagedPrefixListEntries(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, e := range page.Entries {
						entries = append(entries, str(e.Cidr))
					}
					return page.NextToken, nil
				}); err != nil {
					return err
				}
				l.Entries = entries
				return nil
			})
		}, "GetManagedPrefixListEntries")
	}
}
