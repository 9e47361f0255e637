package aws

import (
	"context"
	"regexp"
	"sort"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func (c *collector) ec2Client(region string) *ec2.Client {
	return ec2.NewFromConfig(c.cfg, func(o *ec2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("ec2", region))
	})
}

func ec2Tags(ts []types.Tag) map[string]string {
	return tagMap(ts, func(t types.Tag) (*string, *string) { return t.Key, t.Value })
}

// ec2ARN builds an EC2 resource ARN. Snapshots and images have no account
// in their ARN (AWS's format: arn:aws:ec2:REGION::snapshot/ID).
func (c *collector) ec2ARN(region, resource string) string {
	return c.arn("ec2", region, c.accountID, resource)
}

// regions reads the partition's regions and decides which to scan. Its
// error is Options.VetRegions' refusal of an asked region.
func (c *collector) regions(ctx context.Context) ([]string, error) {
	home := c.home()
	cl := c.ec2Client(home)
	var list []types.Region
	err := c.do(ctx, "ec2", "DescribeRegions", "", "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: sdk.Bool(true)})
		if err == nil {
			list = out.Regions
		}
		return err
	})
	if c.opts.VetRegions != nil {
		var listed map[string]bool
		if err == nil {
			listed = map[string]bool{}
			for _, r := range list {
				listed[str(r.RegionName)] = true
			}
		}
		if err := c.opts.VetRegions(listed); err != nil {
			return nil, err
		}
	}
	want := map[string]bool{}
	for _, r := range c.opts.Regions {
		want[r] = true
	}
	var scan []string
	if err != nil {
		// Without the region list, scan what was asked for, or the home
		// region; the DescribeRegions gap says the rest is unknown.
		names := c.opts.Regions
		if len(names) == 0 {
			names = []string{home}
		}
		for _, r := range names {
			c.acct.Regions = append(c.acct.Regions, state.Region{Name: r, Enabled: true, Scanned: true})
			scan = append(scan, r)
		}
		return scan, nil
	}
	known := map[string]bool{}
	for _, r := range list {
		name := str(r.RegionName)
		known[name] = true
		// A region that needs opting in and was not is disabled: no
		// resource can exist there, so its checks are not applicable.
		enabled := str(r.OptInStatus) != "not-opted-in"
		scanned := enabled && (len(want) == 0 || want[name])
		c.acct.Regions = append(c.acct.Regions, state.Region{Name: name, OptInStatus: str(r.OptInStatus), Enabled: enabled, Scanned: scanned})
		if !enabled {
			c.acct.Gaps.Add(state.Gap{Service: state.AllOperations, Region: name, Operation: state.AllOperations, Reason: state.ReasonRegionDisabled,
				Message: "the region is not enabled for the account (opt-in status " + str(r.OptInStatus) + ")"})
		}
		if scanned {
			scan = append(scan, name)
		}
	}
	for _, r := range c.opts.Regions {
		if !known[r] {
			// Asked for, but the partition does not list it: try it anyway
			// (an emulator may not list every region) and say so if it fails.
			c.acct.Regions = append(c.acct.Regions, state.Region{Name: r, Enabled: true, Scanned: true})
			scan = append(scan, r)
		}
	}
	sort.Strings(scan)
	return scan, nil
}

// ec2 collects one region's EC2 resources and settings, one task per listing.
func (c *collector) ec2(ctx context.Context, region string) {
	cl := c.ec2Client(region)
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Instances(ctx, cl, region) }, "DescribeInstances")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2SecurityGroups(ctx, cl, region) }, "DescribeSecurityGroups", "DescribeNetworkInterfaces")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2NetworkACLs(ctx, cl, region) }, "DescribeNetworkAcls")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2VPCs(ctx, cl, region) }, "DescribeVpcs")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Subnets(ctx, cl, region) }, "DescribeSubnets")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2RouteTables(ctx, cl, region) }, "DescribeRouteTables")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2FlowLogs(ctx, cl, region) }, "DescribeFlowLogs")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Volumes(ctx, cl, region) }, "DescribeVolumes")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Snapshots(ctx, cl, region) }, "DescribeSnapshots")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Images(ctx, cl, region) }, "DescribeImages")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2VPN(ctx, cl, region) }, "DescribeVpnConnections")
	c.sub("ec2", region, "", func(ctx context.Context) { c.ec2Endpoints(ctx, cl, region) }, "DescribeVpcEndpoints")
	c.ec2Network(region, cl)
	c.ec2Settings(ctx, cl, region)
}

func (c *collector) ec2Settings(ctx context.Context, cl *ec2.Client, region string) {
	s := state.EC2RegionSettings{Region: region}
	_ = c.do(ctx, "ec2", "GetEbsEncryptionByDefault", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{})
		if err == nil {
			s.EBSEncryptionByDefault = b(out.EbsEncryptionByDefault)
		}
		return err
	})
	_ = c.do(ctx, "ec2", "GetEbsDefaultKmsKeyId", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetEbsDefaultKmsKeyId(ctx, &ec2.GetEbsDefaultKmsKeyIdInput{})
		if err == nil {
			s.EBSDefaultKMSKeyID = str(out.KmsKeyId)
		}
		return err
	})
	_ = c.do(ctx, "ec2", "GetSnapshotBlockPublicAccessState", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetSnapshotBlockPublicAccessState(ctx, &ec2.GetSnapshotBlockPublicAccessStateInput{})
		if err == nil {
			s.SnapshotBlockPublicAccess = string(out.State)
		}
		return err
	})
	_ = c.do(ctx, "ec2", "GetImageBlockPublicAccessState", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetImageBlockPublicAccessState(ctx, &ec2.GetImageBlockPublicAccessStateInput{})
		if err == nil {
			s.ImageBlockPublicAccess = str(out.ImageBlockPublicAccessState)
		}
		return err
	})
	_ = c.do(ctx, "ec2", "GetInstanceMetadataDefaults", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetInstanceMetadataDefaults(ctx, &ec2.GetInstanceMetadataDefaultsInput{})
		if err == nil && out.AccountLevel != nil {
			s.IMDSDefaultHTTPTokens = string(out.AccountLevel.HttpTokens)
		}
		return err
	})
	c.vpcBlockPublicAccess(ctx, cl, region, &s)
	c.rec.Update(func(a *state.Account) { a.EC2.RegionSettings = append(a.EC2.RegionSettings, s) })
}

func (c *collector) ec2Instances(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.Instance
	err := c.do(ctx, "ec2", "DescribeInstances", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeInstancesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeInstances(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Reservations {
				for _, in := range r.Instances {
					out = append(out, c.instance(region, in))
				}
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	c.rec.Update(func(a *state.Account) { a.EC2.Instances = append(a.EC2.Instances, out...) })
	// The AMIs running instances were launched from, whoever owns them:
	// one DescribeImages by ID list (owned ones come back too and are
	// dropped; the owned-images listing has them).
	ids := map[string]bool{}
	var list []string
	for _, in := range out {
		if in.ImageID != "" && !ids[in.ImageID] {
			ids[in.ImageID] = true
			list = append(list, in.ImageID)
		}
	}
	sort.Strings(list)
	for len(list) > 0 {
		n := min(len(list), 200)
		batch := list[:n]
		list = list[n:]
		var imgs []state.Image
		err := c.do(ctx, "ec2", "DescribeImages", region, "", nil, func(ctx context.Context) error {
			// A filter, not ImageIds: ImageIds fails the whole call when one
			// AMI was deregistered since the instance launched.
			res, err := cl.DescribeImages(ctx, &ec2.DescribeImagesInput{IncludeDeprecated: sdk.Bool(true),
				Filters: []types.Filter{{Name: sdk.String("image-id"), Values: batch}}})
			if err != nil {
				return err
			}
			for _, im := range res.Images {
				if str(im.OwnerId) == c.accountID {
					continue
				}
				img := c.image(region, im)
				img.InUseOnly = true
				imgs = append(imgs, img)
			}
			return nil
		})
		if err != nil {
			return
		}
		c.rec.Update(func(a *state.Account) { a.EC2.Images = append(a.EC2.Images, imgs...) })
	}
}

func (c *collector) instance(region string, in types.Instance) state.Instance {
	x := state.Instance{
		Meta:       meta(c.ec2ARN(region, "instance/"+str(in.InstanceId)), region, ec2Tags(in.Tags)),
		ID:         str(in.InstanceId),
		Type:       string(in.InstanceType),
		ImageID:    str(in.ImageId),
		LaunchTime: tm(in.LaunchTime),
		VPCID:      str(in.VpcId),
		SubnetID:   str(in.SubnetId),
		PublicIP:   str(in.PublicIpAddress),
		PrivateIP:  str(in.PrivateIpAddress),
		KeyName:    str(in.KeyName),
		Platform:   string(in.Platform),
		ENICount:   len(in.NetworkInterfaces),

		VirtualizationType:  string(in.VirtualizationType),
		SourceDestCheck:     in.SourceDestCheck,
		StateTransitionTime: transitionTime(str(in.StateTransitionReason)),
	}
	if in.State != nil {
		x.State = string(in.State.Name)
	}
	for _, g := range in.SecurityGroups {
		x.SecurityGroups = append(x.SecurityGroups, str(g.GroupId))
	}
	if in.IamInstanceProfile != nil {
		x.InstanceProfileARN = str(in.IamInstanceProfile.Arn)
	}
	if m := in.MetadataOptions; m != nil {
		x.MetadataHTTPTokens = string(m.HttpTokens)
		x.MetadataHTTPEndpoint = string(m.HttpEndpoint)
		x.MetadataHopLimit = i32(m.HttpPutResponseHopLimit)
	}
	for _, bd := range in.BlockDeviceMappings {
		if bd.Ebs != nil && bd.Ebs.VolumeId != nil {
			x.VolumeIDs = append(x.VolumeIDs, str(bd.Ebs.VolumeId))
		}
	}
	if in.Monitoring != nil {
		x.MonitoringEnabled = in.Monitoring.State == types.MonitoringStateEnabled
	}
	return x
}

// transitionRE finds the time in a StateTransitionReason such as
// "User initiated (2026-01-02 10:00:00 GMT)".
var transitionRE = regexp.MustCompile(`\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)`)

func transitionTime(reason string) *time.Time {
	m := transitionRE.FindStringSubmatch(reason)
	if m == nil {
		return nil
	}
	t, err := time.Parse("2006-01-02 15:04:05", m[1])
	if err != nil {
		return nil
	}
	return &t
}

func sgRules(ps []types.IpPermission) []state.SGRule {
	var out []state.SGRule
	for _, p := range ps {
		r := state.SGRule{Protocol: str(p.IpProtocol), FromPort: -1, ToPort: -1}
		if p.FromPort != nil {
			r.FromPort = i32(p.FromPort)
		}
		if p.ToPort != nil {
			r.ToPort = i32(p.ToPort)
		}
		for _, x := range p.IpRanges {
			r.CIDRs = append(r.CIDRs, str(x.CidrIp))
			if r.Description == "" {
				r.Description = str(x.Description)
			}
		}
		for _, x := range p.Ipv6Ranges {
			r.IPv6 = append(r.IPv6, str(x.CidrIpv6))
			if r.Description == "" {
				r.Description = str(x.Description)
			}
		}
		for _, x := range p.UserIdGroupPairs {
			r.SourceGroups = append(r.SourceGroups, str(x.GroupId))
			if r.Description == "" {
				r.Description = str(x.Description)
			}
		}
		for _, x := range p.PrefixListIds {
			r.PrefixLists = append(r.PrefixLists, str(x.PrefixListId))
			if r.Description == "" {
				r.Description = str(x.Description)
			}
		}
		out = append(out, r)
	}
	return out
}

func (c *collector) ec2SecurityGroups(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.SecurityGroup
	err := c.do(ctx, "ec2", "DescribeSecurityGroups", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeSecurityGroupsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeSecurityGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.SecurityGroups {
				out = append(out, state.SecurityGroup{
					Meta:        meta(c.ec2ARN(region, "security-group/"+str(g.GroupId)), region, ec2Tags(g.Tags)),
					ID:          str(g.GroupId),
					Name:        str(g.GroupName),
					Description: str(g.Description),
					VPCID:       str(g.VpcId),
					Ingress:     sgRules(g.IpPermissions),
					Egress:      sgRules(g.IpPermissionsEgress),
				})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	// Which groups are in use: count the network interfaces of each.
	uses := map[string]int{}
	_ = c.do(ctx, "ec2", "DescribeNetworkInterfaces", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeNetworkInterfacesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeNetworkInterfaces(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, n := range page.NetworkInterfaces {
				for _, g := range n.Groups {
					uses[str(g.GroupId)]++
				}
			}
			return page.NextToken, nil
		})
	})
	for i := range out {
		out[i].AttachedENIs = uses[out[i].ID]
	}
	c.rec.Update(func(a *state.Account) { a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, out...) })
}

func (c *collector) ec2NetworkACLs(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.NetworkACL
	err := c.do(ctx, "ec2", "DescribeNetworkAcls", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeNetworkAclsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeNetworkAcls(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, n := range page.NetworkAcls {
				acl := state.NetworkACL{
					Meta:      meta(c.ec2ARN(region, "network-acl/"+str(n.NetworkAclId)), region, ec2Tags(n.Tags)),
					ID:        str(n.NetworkAclId),
					VPCID:     str(n.VpcId),
					IsDefault: b(n.IsDefault),
				}
				for _, e := range n.Entries {
					en := state.ACLEntry{RuleNumber: i32(e.RuleNumber), Egress: b(e.Egress), Protocol: str(e.Protocol),
						Action: string(e.RuleAction), CIDR: str(e.CidrBlock), IPv6CIDR: str(e.Ipv6CidrBlock)}
					if e.PortRange != nil {
						en.FromPort, en.ToPort = i32(e.PortRange.From), i32(e.PortRange.To)
					}
					acl.Entries = append(acl.Entries, en)
				}
				for _, as := range n.Associations {
					acl.SubnetIDs = append(acl.SubnetIDs, str(as.SubnetId))
				}
				out = append(out, acl)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.NetworkACLs = append(a.EC2.NetworkACLs, out...) })
	}
}

func (c *collector) ec2VPCs(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.VPC
	err := c.do(ctx, "ec2", "DescribeVpcs", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeVpcsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeVpcs(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, v := range page.Vpcs {
				out = append(out, state.VPC{Meta: meta(c.ec2ARN(region, "vpc/"+str(v.VpcId)), region, ec2Tags(v.Tags)),
					ID: str(v.VpcId), CIDR: str(v.CidrBlock), IsDefault: b(v.IsDefault), State: string(v.State)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.VPCs = append(a.EC2.VPCs, out...) })
	}
}

func (c *collector) ec2Subnets(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.Subnet
	err := c.do(ctx, "ec2", "DescribeSubnets", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeSubnetsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeSubnets(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Subnets {
				out = append(out, state.Subnet{Meta: meta(c.ec2ARN(region, "subnet/"+str(s.SubnetId)), region, ec2Tags(s.Tags)),
					ID: str(s.SubnetId), VPCID: str(s.VpcId), CIDR: str(s.CidrBlock), AvailabilityZone: str(s.AvailabilityZone),
					MapPublicIPOnLaunch: b(s.MapPublicIpOnLaunch), DefaultForAZ: b(s.DefaultForAz)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.Subnets = append(a.EC2.Subnets, out...) })
	}
}

func routeTarget(r types.Route) string {
	for _, s := range []*string{r.GatewayId, r.NatGatewayId, r.TransitGatewayId, r.VpcPeeringConnectionId, r.InstanceId,
		r.NetworkInterfaceId, r.EgressOnlyInternetGatewayId, r.CarrierGatewayId, r.LocalGatewayId, r.CoreNetworkArn} {
		if s != nil && *s != "" {
			return *s
		}
	}
	return ""
}

func (c *collector) ec2RouteTables(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.RouteTable
	err := c.do(ctx, "ec2", "DescribeRouteTables", region, "", nil, func(ctx context.Context) error {
		// DescribeRouteTables pages hold at most 100.
		params := ec2.DescribeRouteTablesInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeRouteTables(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, t := range page.RouteTables {
				rt := state.RouteTable{Meta: meta(c.ec2ARN(region, "route-table/"+str(t.RouteTableId)), region, ec2Tags(t.Tags)),
					ID: str(t.RouteTableId), VPCID: str(t.VpcId)}
				for _, as := range t.Associations {
					if b(as.Main) {
						rt.Main = true
					}
					if as.SubnetId != nil {
						rt.SubnetIDs = append(rt.SubnetIDs, str(as.SubnetId))
					}
				}
				for _, r := range t.Routes {
					dst := str(r.DestinationCidrBlock)
					if dst == "" {
						dst = str(r.DestinationIpv6CidrBlock)
					}
					if dst == "" {
						dst = str(r.DestinationPrefixListId)
					}
					rt.Routes = append(rt.Routes, state.Route{Destination: dst, Target: routeTarget(r)})
				}
				out = append(out, rt)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.RouteTables = append(a.EC2.RouteTables, out...) })
	}
}

func (c *collector) ec2FlowLogs(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.FlowLog
	err := c.do(ctx, "ec2", "DescribeFlowLogs", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeFlowLogsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeFlowLogs(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, f := range page.FlowLogs {
				dest := str(f.LogDestination)
				if dest == "" {
					dest = str(f.LogGroupName)
				}
				out = append(out, state.FlowLog{Meta: meta(c.ec2ARN(region, "vpc-flow-log/"+str(f.FlowLogId)), region, ec2Tags(f.Tags)),
					ID: str(f.FlowLogId), ResourceID: str(f.ResourceId), TrafficType: string(f.TrafficType), Status: str(f.FlowLogStatus),
					DestType: string(f.LogDestinationType), Destination: dest})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.FlowLogs = append(a.EC2.FlowLogs, out...) })
	}
}

func (c *collector) ec2Volumes(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.Volume
	err := c.do(ctx, "ec2", "DescribeVolumes", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeVolumesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeVolumes(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, v := range page.Volumes {
				vol := state.Volume{Meta: meta(c.ec2ARN(region, "volume/"+str(v.VolumeId)), region, ec2Tags(v.Tags)),
					ID: str(v.VolumeId), SizeGiB: i32(v.Size), Type: string(v.VolumeType), State: string(v.State),
					Encrypted: b(v.Encrypted), KMSKeyID: str(v.KmsKeyId), CreateTime: tm(v.CreateTime)}
				for _, at := range v.Attachments {
					vol.AttachedTo = str(at.InstanceId)
				}
				out = append(out, vol)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.Volumes = append(a.EC2.Volumes, out...) })
	}
}

// ec2Snapshots lists the account's snapshots, then the public ones in bulk
// (DescribeSnapshots RestorableByUserIds=all, as AWS Config's
// ebs-snapshot-public-restorable-check does), then, as a detail (see
// collect.Details), each one's createVolumePermission: AWS has no bulk form
// for the account IDs a snapshot is shared with, and EC2 allows 20 such
// calls a second per region.
func (c *collector) ec2Snapshots(ctx context.Context, cl *ec2.Client, region string) {
	list := func(in *ec2.DescribeSnapshotsInput, each func(types.Snapshot)) error {
		return c.do(ctx, "ec2", "DescribeSnapshots", region, "", nil, func(ctx context.Context) error {
			params := *in
			return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
				params.NextToken = token
				page, err := cl.DescribeSnapshots(ctx, &params)
				if err != nil {
					return nil, err
				}
				for _, s := range page.Snapshots {
					each(s)
				}
				return page.NextToken, nil
			})
		})
	}
	var out []state.Snapshot
	err := list(&ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, MaxResults: sdk.Int32(1000)}, func(s types.Snapshot) {
		if !c.ownSnapshot(s) {
			return
		}
		out = append(out, state.Snapshot{Meta: meta(c.arn("ec2", region, "", "snapshot/"+str(s.SnapshotId)), region, ec2Tags(s.Tags)),
			ID: str(s.SnapshotId), VolumeID: str(s.VolumeId), Encrypted: b(s.Encrypted), KMSKeyID: str(s.KmsKeyId),
			StartTime: tm(s.StartTime), SizeGiB: i32(s.VolumeSize)})
	})
	if err != nil {
		return
	}
	public := map[string]bool{}
	listed := len(out) == 0 || list(&ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}, RestorableByUserIds: []string{"all"}, MaxResults: sdk.Int32(1000)},
		func(s types.Snapshot) {
			if c.ownSnapshot(s) {
				public[str(s.SnapshotId)] = true
			}
		}) == nil
	// read[i] is set by snapshot i's own attribute read, which wins; where
	// it is missing (skipped or failed) the bulk listing says whether it is
	// public, unless a snapshot read proved the listing wrong (an endpoint
	// that ignores RestorableByUserIds lists every snapshot as public).
	read := make([]bool, len(out))
	done := c.perItem(len(out), func() {
		for i := range out {
			if read[i] && public[out[i].ID] && !out[i].Public() {
				listed = false
			}
		}
		for i := range out {
			if listed && !read[i] && public[out[i].ID] {
				out[i].SharedWith = append(out[i].SharedWith, "all")
			}
		}
		c.rec.Update(func(a *state.Account) {
			a.EC2.Snapshots = append(a.EC2.Snapshots, out...)
			if listed {
				a.EC2.PublicSnapshotRegions = append(a.EC2.PublicSnapshotRegions, region)
			}
		})
	})
	if c.skipDetail("ec2", "DescribeSnapshotAttribute", region, len(out)) {
		for range out {
			done()
		}
		return
	}
	for i := range out {
		s := &out[i]
		c.item("ec2", region, s.ARN, done, func(ctx context.Context) {
			err := c.do(ctx, "ec2", "DescribeSnapshotAttribute", region, s.ARN, nil, func(ctx context.Context) error {
				res, err := cl.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{SnapshotId: sdk.String(s.ID), Attribute: types.SnapshotAttributeNameCreateVolumePermission})
				if err != nil {
					return err
				}
				for _, p := range res.CreateVolumePermissions {
					if p.Group == types.PermissionGroupAll {
						s.SharedWith = append(s.SharedWith, "all")
					} else if p.UserId != nil {
						s.SharedWith = append(s.SharedWith, str(p.UserId))
					}
				}
				return nil
			})
			read[i] = err == nil
		}, "DescribeSnapshotAttribute")
	}
}

// ownSnapshot reports whether a listed snapshot belongs to the scanned
// account. The listings ask for OwnerIds=self, but some emulators ignore
// the filter and answer with every public snapshot of the region: those of
// other accounts are not the account's, and not its exposure. A snapshot
// without an owner is kept (AWS always sends one; dropping it could hide
// the account's own).
func (c *collector) ownSnapshot(s types.Snapshot) bool {
	owner := str(s.OwnerId)
	return owner == "" || owner == c.accountID
}

func (c *collector) image(region string, im types.Image) state.Image {
	owner := str(im.OwnerId)
	x := state.Image{
		Meta:         meta(c.arn("ec2", region, "", "image/"+str(im.ImageId)), region, ec2Tags(im.Tags)),
		ID:           str(im.ImageId),
		Name:         str(im.Name),
		OwnerID:      owner,
		CreationDate: parseTime(im.CreationDate),
		Public:       b(im.Public),
		State:        string(im.State),
	}
	if im.DeprecationTime != nil {
		if t := parseTime(im.DeprecationTime); !t.IsZero() {
			x.DeprecationTime = &t
		}
	}
	ebs, enc := 0, 0
	for _, bd := range im.BlockDeviceMappings {
		if bd.Ebs != nil {
			ebs++
			if b(bd.Ebs.Encrypted) {
				enc++
			}
		}
	}
	x.EncryptedSnapshots = ebs > 0 && ebs == enc
	return x
}

// ec2Images lists the AMIs the account owns, then reads each one's launch
// permission (the accounts it is shared with; Public comes in bulk).
func (c *collector) ec2Images(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.Image
	err := c.do(ctx, "ec2", "DescribeImages", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeImagesInput{Owners: []string{"self"}, MaxResults: sdk.Int32(1000), IncludeDeprecated: sdk.Bool(true)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeImages(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, im := range page.Images {
				out = append(out, c.image(region, im))
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(out), func() {
		c.rec.Update(func(a *state.Account) { a.EC2.Images = append(a.EC2.Images, out...) })
	})
	for i := range out {
		im := &out[i]
		c.item("ec2", region, im.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "ec2", "DescribeImageAttribute", region, im.ARN, nil, func(ctx context.Context) error {
				res, err := cl.DescribeImageAttribute(ctx, &ec2.DescribeImageAttributeInput{ImageId: sdk.String(im.ID), Attribute: types.ImageAttributeNameLaunchPermission})
				if err != nil {
					return err
				}
				for _, p := range res.LaunchPermissions {
					switch {
					case p.Group == types.PermissionGroupAll:
						im.Public = true
					case p.UserId != nil:
						im.SharedWith = append(im.SharedWith, str(p.UserId))
					case p.OrganizationArn != nil:
						im.SharedWith = append(im.SharedWith, str(p.OrganizationArn))
					case p.OrganizationalUnitArn != nil:
						im.SharedWith = append(im.SharedWith, str(p.OrganizationalUnitArn))
					}
				}
				return nil
			})
		}, "DescribeImageAttribute")
	}
}

func algos[T any](xs []T, v func(T) *string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, str(v(x)))
	}
	return out
}

func dhGroups[T any](xs []T, v func(T) *int32) []int {
	var out []int
	for _, x := range xs {
		out = append(out, i32(v(x)))
	}
	return out
}

func (c *collector) ec2VPN(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.VPNConnection
	err := c.do(ctx, "ec2", "DescribeVpnConnections", region, "", nil, func(ctx context.Context) error {
		// DescribeVpnConnections has no pagination.
		res, err := cl.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{})
		if err != nil {
			return err
		}
		for _, v := range res.VpnConnections {
			x := state.VPNConnection{Meta: meta(c.ec2ARN(region, "vpn-connection/"+str(v.VpnConnectionId)), region, ec2Tags(v.Tags)),
				ID: str(v.VpnConnectionId), State: string(v.State), Type: string(v.Type), VPNGatewayID: str(v.VpnGatewayId),
				TransitGatewayID: str(v.TransitGatewayId), CustomerGatewayID: str(v.CustomerGatewayId)}
			opts := map[string]types.TunnelOption{}
			if v.Options != nil {
				for _, t := range v.Options.TunnelOptions {
					opts[str(t.OutsideIpAddress)] = t
				}
			}
			seen := map[string]bool{}
			add := func(ip, status, msg string) {
				seen[ip] = true
				t := state.VPNTunnel{OutsideIP: ip, Status: status, StatusMessage: msg}
				if o, ok := opts[ip]; ok {
					t.IKEVersions = algos(o.IkeVersions, func(x types.IKEVersionsListValue) *string { return x.Value })
					t.Phase1Encryption = algos(o.Phase1EncryptionAlgorithms, func(x types.Phase1EncryptionAlgorithmsListValue) *string { return x.Value })
					t.Phase1Integrity = algos(o.Phase1IntegrityAlgorithms, func(x types.Phase1IntegrityAlgorithmsListValue) *string { return x.Value })
					t.Phase1DHGroups = dhGroups(o.Phase1DHGroupNumbers, func(x types.Phase1DHGroupNumbersListValue) *int32 { return x.Value })
					t.Phase2Encryption = algos(o.Phase2EncryptionAlgorithms, func(x types.Phase2EncryptionAlgorithmsListValue) *string { return x.Value })
					t.Phase2Integrity = algos(o.Phase2IntegrityAlgorithms, func(x types.Phase2IntegrityAlgorithmsListValue) *string { return x.Value })
					t.Phase2DHGroups = dhGroups(o.Phase2DHGroupNumbers, func(x types.Phase2DHGroupNumbersListValue) *int32 { return x.Value })
					if o.LogOptions != nil && o.LogOptions.CloudWatchLogOptions != nil {
						t.LoggingEnabled = b(o.LogOptions.CloudWatchLogOptions.LogEnabled)
					}
				}
				x.Tunnels = append(x.Tunnels, t)
			}
			for _, tel := range v.VgwTelemetry {
				add(str(tel.OutsideIpAddress), string(tel.Status), str(tel.StatusMessage))
			}
			if v.Options != nil {
				for _, t := range v.Options.TunnelOptions {
					if ip := str(t.OutsideIpAddress); !seen[ip] {
						add(ip, "", "")
					}
				}
			}
			out = append(out, x)
		}
		return nil
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.VPNConnections = append(a.EC2.VPNConnections, out...) })
	}
}

func (c *collector) ec2Endpoints(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.VPCEndpoint
	err := c.do(ctx, "ec2", "DescribeVpcEndpoints", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeVpcEndpointsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeVpcEndpoints(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, e := range page.VpcEndpoints {
				out = append(out, state.VPCEndpoint{Meta: meta(c.ec2ARN(region, "vpc-endpoint/"+str(e.VpcEndpointId)), region, ec2Tags(e.Tags)),
					ID: str(e.VpcEndpointId), VPCID: str(e.VpcId), ServiceName: str(e.ServiceName), Type: string(e.VpcEndpointType),
					Policy: str(e.PolicyDocument)})
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EC2.VPCEndpoints = append(a.EC2.VPCEndpoints, out...) })
	}
}
