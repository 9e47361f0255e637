package awsfake

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// EC2 speaks ec2Query: form-encoded requests, <ActionResponse> XML with
// lists as <xxxSet><item>...</item></xxxSet>. Its SDK client has no
// schemas, so the responses are written by hand with the element names of
// the client's deserializer.

const ec2NS = "http://ec2.amazonaws.com/doc/2016-11-15/"

func (s *Server) ec2Service() *service {
	return &service{name: "ec2", proto: protoEC2, xmlns: ec2NS, ops: map[string]handler{
		"DescribeRegions":                     ec2DescribeRegions,
		"DescribeInstances":                   ec2DescribeInstances,
		"DescribeSecurityGroups":              ec2DescribeSecurityGroups,
		"DescribeNetworkInterfaces":           ec2DescribeNetworkInterfaces,
		"DescribeNetworkAcls":                 ec2DescribeNetworkAcls,
		"DescribeVpcs":                        ec2DescribeVpcs,
		"DescribeSubnets":                     ec2DescribeSubnets,
		"DescribeRouteTables":                 ec2DescribeRouteTables,
		"DescribeFlowLogs":                    ec2DescribeFlowLogs,
		"DescribeVolumes":                     ec2DescribeVolumes,
		"DescribeSnapshots":                   ec2DescribeSnapshots,
		"DescribeSnapshotAttribute":           ec2DescribeSnapshotAttribute,
		"DescribeImages":                      ec2DescribeImages,
		"DescribeImageAttribute":              ec2DescribeImageAttribute,
		"GetEbsEncryptionByDefault":           ec2GetEbsEncryptionByDefault,
		"GetEbsDefaultKmsKeyId":               ec2GetEbsDefaultKmsKeyID,
		"GetSnapshotBlockPublicAccessState":   ec2GetSnapshotBlockPublicAccessState,
		"GetImageBlockPublicAccessState":      ec2GetImageBlockPublicAccessState,
		"GetInstanceMetadataDefaults":         ec2GetInstanceMetadataDefaults,
		"DescribeVpnConnections":              ec2DescribeVpnConnections,
		"DescribeVpcEndpoints":                ec2DescribeVpcEndpoints,
		"DescribeTransitGateways":             ec2DescribeTransitGateways,
		"DescribeLaunchTemplateVersions":      ec2DescribeLaunchTemplateVersions,
		"DescribeClientVpnEndpoints":          ec2DescribeClientVpnEndpoints,
		"DescribeClientVpnAuthorizationRules": ec2DescribeClientVpnAuthorizationRules,
		"DescribeVpcBlockPublicAccessOptions": ec2DescribeVpcBlockPublicAccessOptions,
		"DescribeManagedPrefixLists":          ec2DescribeManagedPrefixLists,
		"GetManagedPrefixListEntries":         ec2GetManagedPrefixListEntries,
		"DescribeSpotFleetRequests":           ec2DescribeSpotFleetRequests, // svc-gaps3
	}}
}

// ec2Filters reads Filter.N.Name / Filter.N.Value.M.
func (c *call) ec2Filters() map[string][]string {
	out := map[string][]string{}
	for i := 1; ; i++ {
		name := c.form.Get("Filter." + strconv.Itoa(i) + ".Name")
		if name == "" {
			return out
		}
		out[name] = c.strs("Filter." + strconv.Itoa(i) + ".Value")
	}
}

// ec2Start opens <ActionResponse xmlns><requestId/>.
func (c *call) ec2Start() *xw {
	w := &xw{b: make([]byte, 0, 4096)}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.openNS(c.action+"Response", ec2NS)
	w.elem("requestId", "fake")
	return w
}

func (c *call) ec2End(w *xw) *reply {
	w.close(c.action + "Response")
	return &reply{ctype: "text/xml;charset=UTF-8", body: w.b}
}

// ec2Page pages a regional listing: MaxResults (5..1000) when sent, else
// everything in one answer, as EC2 does for unpaginated calls.
func (c *call) ec2Page(n int) (start, end int, next string, err error) {
	max, err := c.num("MaxResults", 0)
	if err != nil {
		return 0, 0, "", err
	}
	limit := ec2PageLimit(c.action)
	if max != 0 && (max < 5 || max > limit) {
		return 0, 0, "", errf(400, "InvalidParameterValue", "Value ( %d ) for parameter maxResults is invalid. Expecting a value between 5 and %d.", max, limit)
	}
	if max == 0 && c.str("NextToken") == "" {
		return 0, n, "", nil
	}
	if max == 0 {
		max = limit
	}
	return page(c.action, n, c.str("NextToken"), max, limit, limit)
}

// ec2PageLimit is the largest MaxResults an EC2 listing accepts: 1,000 for
// most, 100 for route tables and managed prefix lists and their entries.
func ec2PageLimit(action string) int {
	switch action {
	case "DescribeRouteTables", "DescribeManagedPrefixLists", "GetManagedPrefixListEntries":
		return 100
	}
	return 1000
}

// ec2List renders a paged listing of n items whose set element is setName.
// Filters are refused unless the handler consumed them: a collector that
// depends on a filter the fake ignores would read wrong data silently.
func ec2List(c *call, setName string, n int, item func(w *xw, i int)) (*reply, error) {
	if f := c.ec2Filters(); len(f) > 0 {
		return nil, errf(400, "InvalidParameterValue", "awsfake does not support filters on %s", c.action)
	}
	// The whole request is the key: parameters such as RestorableBy narrow
	// the list, so two calls differing only in them must not share a page.
	return c.cached(c.form.Encode(), func() (*reply, error) {
		start, end, next, err := c.ec2Page(n)
		if err != nil {
			return nil, err
		}
		w := c.ec2Start()
		w.open(setName)
		for i := start; i < end; i++ {
			w.open("item")
			item(w, i)
			w.close("item")
		}
		w.close(setName)
		w.str("nextToken", next)
		return c.ec2End(w), nil
	})
}

func ec2Tags(w *xw, m map[string]string) {
	if len(m) == 0 {
		return
	}
	w.open("tagSet")
	for _, k := range sortedKeys(m) {
		w.open("item")
		w.elem("key", k)
		w.elem("value", m[k])
		w.close("item")
	}
	w.close("tagSet")
}

func ec2StringSet(w *xw, set, elem string, vs []string) {
	w.open(set)
	for _, v := range vs {
		w.open("item")
		w.elem(elem, v)
		w.close("item")
	}
	w.close(set)
}

func shortHash(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])[:17]
}

func ec2DescribeRegions(c *call) (*reply, error) {
	all := c.form.Get("AllRegions") == "true"
	names := c.strs("RegionName")
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	w := c.ec2Start()
	w.open("regionInfo")
	for _, r := range c.s.acct.Regions {
		if !all && !r.Enabled {
			continue
		}
		if len(want) > 0 && !want[r.Name] {
			continue
		}
		w.open("item")
		w.elem("regionName", r.Name)
		w.elem("regionEndpoint", "ec2."+r.Name+".amazonaws.com")
		w.str("optInStatus", r.OptInStatus)
		w.close("item")
	}
	w.close("regionInfo")
	return c.ec2End(w), nil
}

func ec2DescribeInstances(c *call) (*reply, error) {
	xs := c.s.idx.instances[c.region]
	acct := c.s.acct.AccountID
	return ec2ListSet(c, "reservationSet", len(xs), func(w *xw, i int) {
		in := xs[i]
		w.elem("reservationId", "r-"+shortHash(in.ID))
		w.elem("ownerId", acct)
		//w.raw("<groupSet/>")
		w.open("instancesSet")
		w.open("item")
		w.elem("instanceId", in.ID)
		w.str("imageId", in.ImageID)
		w.open("instanceState")
		w.integer("code", instanceStateCode(in.State))
		w.elem("name", in.State)
		w.close("instanceState")
		w.str("keyName", in.KeyName)
		w.str("instanceType", in.Type)
		w.timestamp("launchTime", in.LaunchTime)
		w.open("monitoring")
		if in.MonitoringEnabled {
			w.elem("state", "enabled")
		} else {
			w.elem("state", "disabled")
		}
		w.close("monitoring")
		w.str("subnetId", in.SubnetID)
		w.str("vpcId", in.VPCID)
		w.str("privateIpAddress", in.PrivateIP)
		w.str("ipAddress", in.PublicIP)
		w.str("platform", in.Platform)
		w.str("virtualizationType", in.VirtualizationType)
		if in.SourceDestCheck != nil {
			w.boolean("sourceDestCheck", *in.SourceDestCheck)
		}
		if t := in.StateTransitionTime; t != nil {
			w.elem("reason", "User initiated ("+t.UTC().Format("2006-01-02 15:04:05")+" GMT)")
		}
		w.open("groupSet")
		for _, g := range in.SecurityGroups {
			w.open("item")
			w.elem("groupId", g)
			w.close("item")
		}
		w.close("groupSet")
		w.open("blockDeviceMapping")
		for j, v := range in.VolumeIDs {
			w.open("item")
			w.elem("deviceName", "/dev/xvd"+string(rune('a'+j%26)))
			w.open("ebs")
			w.elem("volumeId", v)
			w.elem("status", "attached")
			w.close("ebs")
			w.close("item")
		}
		w.close("blockDeviceMapping")
		if in.InstanceProfileARN != "" {
			w.open("iamInstanceProfile")
			w.elem("arn", in.InstanceProfileARN)
			w.elem("id", fakeID("AIPA", in.InstanceProfileARN))
			w.close("iamInstanceProfile")
		}
		w.open("networkInterfaceSet")
		for j := 0; j < in.ENICount; j++ {
			w.open("item")
			w.elem("networkInterfaceId", "eni-"+shortHash(in.ID+strconv.Itoa(j)))
			w.close("item")
		}
		w.close("networkInterfaceSet")
		if in.MetadataHTTPTokens != "" || in.MetadataHTTPEndpoint != "" || in.MetadataHopLimit != 0 {
			w.open("metadataOptions")
			w.elem("state", "applied")
			w.str("httpTokens", in.MetadataHTTPTokens)
			if in.MetadataHopLimit != 0 {
				w.integer("httpPutResponseHopLimit", in.MetadataHopLimit)
			}
			w.str("httpEndpoint", in.MetadataHTTPEndpoint)
			w.close("metadataOptions")
		}
		ec2Tags(w, in.Tags)
		w.close("item")
		w.close("instancesSet")
	})
}

// ec2ListSet is ec2List for instances: the only filter it honours is
// instance-id (not needed by the collectors, refused like the others).
func ec2ListSet(c *call, set string, n int, item func(w *xw, i int)) (*reply, error) {
	return ec2List(c, set, n, item)
}

func instanceStateCode(s string) int {
	switch s {
	case "pending":
		return 0
	case "running":
		return 16
	case "shutting-down":
		return 32
	case "terminated":
		return 48
	case "stopping":
		return 64
	case "stopped":
		return 80
	}
	return 16
}

func writeSGRules(w *xw, set string, rules []state.SGRule) {
	w.open(set)
	for _, r := range rules {
		w.open("item")
		w.elem("ipProtocol", r.Protocol)
		// For all traffic (-1) EC2 sends no ports at all.
		if r.Protocol != "-1" {
			w.integer("fromPort", r.FromPort)
			w.integer("toPort", r.ToPort)
		}
		w.open("groups")
		for _, g := range r.SourceGroups {
			w.open("item")
			w.elem("groupId", g)
			w.str("description", r.Description)
			w.close("item")
		}
		w.close("groups")
		w.open("ipRanges")
		for _, cidr := range r.CIDRs {
			w.open("item")
			w.elem("cidrIp", cidr)
			w.str("description", r.Description)
			w.close("item")
		}
		w.close("ipRanges")
		w.open("ipv6Ranges")
		for _, cidr := range r.IPv6 {
			w.open("item")
			w.elem("cidrIpv6", cidr)
			w.str("description", r.Description)
			w.close("item")
		}
		w.close("ipv6Ranges")
		w.open("prefixListIds")
		for _, pl := range r.PrefixLists {
			w.open("item")
			w.elem("prefixListId", pl)
			w.str("description", r.Description)
			w.close("item")
		}
		w.close("prefixListIds")
		w.close("item")
	}
	w.close(set)
}

func ec2DescribeSecurityGroups(c *call) (*reply, error) {
	xs := c.s.idx.securityGroups[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "securityGroupInfo", len(xs), func(w *xw, i int) {
		g := xs[i]
		w.elem("ownerId", acct)
		w.elem("groupId", g.ID)
		w.elem("groupName", g.Name)
		w.elem("groupDescription", g.Description)
		w.str("vpcId", g.VPCID)
		w.elem("securityGroupArn", g.ARN)
		writeSGRules(w, "ipPermissions", g.Ingress)
		writeSGRules(w, "ipPermissionsEgress", g.Egress)
		ec2Tags(w, g.Tags)
	})
}

// ec2DescribeNetworkInterfaces serves, for each security group, as many
// interfaces as the group's AttachedENIs, each in that group only: the
// state records the count per group, which is all the collectors read.
func ec2DescribeNetworkInterfaces(c *call) (*reply, error) {
	type eni struct {
		sg *state.SecurityGroup
		k  int
	}
	var enis []eni
	for _, g := range c.s.idx.securityGroups[c.region] {
		for k := 0; k < g.AttachedENIs; k++ {
			enis = append(enis, eni{g, k})
		}
	}
	acct := c.s.acct.AccountID
	return ec2List(c, "networkInterfaceSet", len(enis), func(w *xw, i int) {
		e := enis[i]
		w.elem("networkInterfaceId", "eni-"+shortHash(e.sg.ID+"/"+strconv.Itoa(e.k)))
		w.str("vpcId", e.sg.VPCID)
		w.elem("ownerId", acct)
		w.elem("status", "in-use")
		w.elem("interfaceType", "interface")
		w.open("groupSet")
		w.open("item")
		w.elem("groupId", e.sg.ID)
		w.elem("groupName", e.sg.Name)
		w.close("item")
		w.close("groupSet")
	})
}

func ec2DescribeNetworkAcls(c *call) (*reply, error) {
	xs := c.s.idx.networkACLs[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "networkAclSet", len(xs), func(w *xw, i int) {
		n := xs[i]
		w.elem("networkAclId", n.ID)
		w.elem("vpcId", n.VPCID)
		w.boolean("default", n.IsDefault)
		w.elem("ownerId", acct)
		w.open("entrySet")
		for _, e := range n.Entries {
			w.open("item")
			w.integer("ruleNumber", e.RuleNumber)
			w.elem("protocol", e.Protocol)
			w.elem("ruleAction", e.Action)
			w.boolean("egress", e.Egress)
			w.str("cidrBlock", e.CIDR)
			w.str("ipv6CidrBlock", e.IPv6CIDR)
			if e.FromPort != 0 || e.ToPort != 0 {
				w.open("portRange")
				w.integer("from", e.FromPort)
				w.integer("to", e.ToPort)
				w.close("portRange")
			}
			w.close("item")
		}
		w.close("entrySet")
		w.open("associationSet")
		for _, sn := range n.SubnetIDs {
			w.open("item")
			w.elem("networkAclAssociationId", "aclassoc-"+shortHash(n.ID+sn))
			w.elem("networkAclId", n.ID)
			w.elem("subnetId", sn)
			w.close("item")
		}
		w.close("associationSet")
		ec2Tags(w, n.Tags)
	})
}

func ec2DescribeVpcs(c *call) (*reply, error) {
	xs := c.s.idx.vpcs[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "vpcSet", len(xs), func(w *xw, i int) {
		v := xs[i]
		w.elem("vpcId", v.ID)
		w.elem("ownerId", acct)
		w.str("state", v.State)
		w.elem("cidrBlock", v.CIDR)
		w.boolean("isDefault", v.IsDefault)
		w.elem("instanceTenancy", "default")
		ec2Tags(w, v.Tags)
	})
}

func ec2DescribeSubnets(c *call) (*reply, error) {
	xs := c.s.idx.subnets[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "subnetSet", len(xs), func(w *xw, i int) {
		s := xs[i]
		w.elem("subnetId", s.ID)
		w.elem("subnetArn", s.ARN)
		w.elem("state", "available")
		w.elem("ownerId", acct)
		w.elem("vpcId", s.VPCID)
		w.elem("cidrBlock", s.CIDR)
		w.elem("availabilityZone", s.AvailabilityZone)
		w.boolean("defaultForAz", s.DefaultForAZ)
		w.boolean("mapPublicIpOnLaunch", s.MapPublicIPOnLaunch)
		ec2Tags(w, s.Tags)
	})
}

// routeTargetElem names the element that holds a route's target, by the
// target ID's prefix.
func routeTargetElem(t string) string {
	switch {
	case strings.HasPrefix(t, "nat-"):
		return "natGatewayId"
	case strings.HasPrefix(t, "pcx-"):
		return "vpcPeeringConnectionId"
	case strings.HasPrefix(t, "tgw-"):
		return "transitGatewayId"
	case strings.HasPrefix(t, "eni-"):
		return "networkInterfaceId"
	case strings.HasPrefix(t, "i-"):
		return "instanceId"
	case strings.HasPrefix(t, "eigw-"):
		return "egressOnlyInternetGatewayId"
	case strings.HasPrefix(t, "lgw-"):
		return "localGatewayId"
	case strings.HasPrefix(t, "cagw-"):
		return "carrierGatewayId"
	}
	return "gatewayId" // local, igw-, vgw-, vpce-
}

func ec2DescribeRouteTables(c *call) (*reply, error) {
	xs := c.s.idx.routeTables[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "routeTableSet", len(xs), func(w *xw, i int) {
		t := xs[i]
		w.elem("routeTableId", t.ID)
		w.elem("vpcId", t.VPCID)
		w.elem("ownerId", acct)
		w.open("routeSet")
		for _, r := range t.Routes {
			w.open("item")
			switch {
			case strings.HasPrefix(r.Destination, "pl-"):
				w.elem("destinationPrefixListId", r.Destination)
			case strings.Contains(r.Destination, ":"):
				w.elem("destinationIpv6CidrBlock", r.Destination)
			default:
				w.elem("destinationCidrBlock", r.Destination)
			}
			w.elem(routeTargetElem(r.Target), r.Target)
			w.elem("state", "active")
			w.elem("origin", "CreateRoute")
			w.close("item")
		}
		w.close("routeSet")
		w.open("associationSet")
		if t.Main {
			w.open("item")
			w.elem("routeTableAssociationId", "rtbassoc-"+shortHash(t.ID))
			w.elem("routeTableId", t.ID)
			w.elem("main", "true")
			w.close("item")
		}
		for _, sn := range t.SubnetIDs {
			w.open("item")
			w.elem("routeTableAssociationId", "rtbassoc-"+shortHash(t.ID+sn))
			w.elem("routeTableId", t.ID)
			w.elem("subnetId", sn)
			w.elem("main", "false")
			w.close("item")
		}
		w.close("associationSet")
		ec2Tags(w, t.Tags)
	})
}

func ec2DescribeFlowLogs(c *call) (*reply, error) {
	xs := c.s.idx.flowLogs[c.region]
	return ec2List(c, "flowLogSet", len(xs), func(w *xw, i int) {
		f := xs[i]
		w.elem("flowLogId", f.ID)
		w.elem("resourceId", f.ResourceID)
		w.elem("trafficType", f.TrafficType)
		w.str("flowLogStatus", f.Status)
		w.elem("deliverLogsStatus", "SUCCESS")
		w.str("logDestinationType", f.DestType)
		w.str("logDestination", f.Destination)
		ec2Tags(w, f.Tags)
	})
}

func ec2DescribeVolumes(c *call) (*reply, error) {
	xs := c.s.idx.volumes[c.region]
	return ec2List(c, "volumeSet", len(xs), func(w *xw, i int) {
		v := xs[i]
		w.elem("volumeId", v.ID)
		w.integer("size", v.SizeGiB)
		w.elem("availabilityZone", v.Region+"a")
		w.elem("status", v.State)
		w.timestamp("createTime", v.CreateTime)
		w.str("volumeType", v.Type)
		w.boolean("encrypted", v.Encrypted)
		w.str("kmsKeyId", v.KMSKeyID)
		w.open("attachmentSet")
		if v.AttachedTo != "" {
			w.open("item")
			w.elem("volumeId", v.ID)
			w.elem("instanceId", v.AttachedTo)
			w.elem("device", "/dev/xvda")
			w.elem("status", "attached")
			w.close("item")
		}
		w.close("attachmentSet")
		ec2Tags(w, v.Tags)
	})
}

// ownedBySelf reads the owner restriction of DescribeSnapshots (OwnerId)
// and DescribeImages (Owner): the collectors list what the account owns.
func (c *call) ownerIDs(param string) []string {
	var out []string
	for _, o := range c.strs(param) {
		if o == "self" {
			o = c.s.acct.AccountID
		}
		out = append(out, o)
	}
	return out
}

func ec2DescribeSnapshots(c *call) (*reply, error) {
	owners := c.ownerIDs("Owner")
	if len(owners) == 0 {
		owners = c.ownerIDs("OwnerId")
	}
	if len(owners) == 0 {
		// Without an owner, EC2 lists every snapshot the account can
		// restore, including public ones of the whole region: no scanner
		// wants that, and the fake refuses it to catch the mistake.
		return nil, errf(400, "InvalidParameterValue", "awsfake: DescribeSnapshots without OwnerIds=self would list every public snapshot")
	}
	xs := c.s.idx.snapshots[c.region]
	acct := c.s.acct.AccountID
	if n := c.s.opts.ForeignSnapshots; n > 0 {
		return ec2SnapshotsIgnoringFilters(c, xs, n)
	}
	if !containsStr(owners, acct) {
		xs = nil
	}
	// RestorableByUserIds narrows the list to the snapshots those accounts
	// (or, with "all", everyone) may restore; the owner can restore its own.
	if by := c.strs("RestorableBy"); len(by) > 0 {
		var keep []*state.Snapshot
		for _, s := range xs {
			for _, id := range by {
				if id == acct || containsStr(s.SharedWith, id) {
					keep = append(keep, s)
					break
				}
			}
		}
		xs = keep
	}
	return ec2List(c, "snapshotSet", len(xs), func(w *xw, i int) { writeSnapshot(w, xs[i], acct) })
}

func writeSnapshot(w *xw, s *state.Snapshot, owner string) {
	w.elem("snapshotId", s.ID)
	w.str("volumeId", s.VolumeID)
	w.elem("status", "completed")
	w.timestamp("startTime", s.StartTime)
	w.elem("progress", "100%")
	w.elem("ownerId", owner)
	w.integer("volumeSize", s.SizeGiB)
	if s.SourceRegion != "" {
		w.elem("description", "[Copied "+s.ID+" from "+s.SourceRegion+"]")
	}
	w.boolean("encrypted", s.Encrypted)
	w.str("kmsKeyId", s.KMSKeyID)
	ec2Tags(w, s.Tags)
}

// ec2SnapshotsIgnoringFilters answers DescribeSnapshots as an emulator that
// ignores OwnerIds and RestorableByUserIds: the account's snapshots, then n
// public snapshots of ForeignOwner (see Options.ForeignSnapshots).
func ec2SnapshotsIgnoringFilters(c *call, own []*state.Snapshot, n int) (*reply, error) {
	acct := c.s.acct.AccountID
	return ec2List(c, "snapshotSet", len(own)+n, func(w *xw, i int) {
		if i < len(own) {
			writeSnapshot(w, own[i], acct)
			return
		}
		k := i - len(own)
		writeSnapshot(w, &state.Snapshot{ID: fmt.Sprintf("snap-f%016x", k), VolumeID: fmt.Sprintf("vol-f%016x", k), SizeGiB: 8,
			StartTime: c.s.acct.CollectedAt}, ForeignOwner)
	})
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func ec2DescribeSnapshotAttribute(c *call) (*reply, error) {
	id := c.str("SnapshotId")
	c.resource = id
	if attr := c.str("Attribute"); attr != "createVolumePermission" {
		return nil, errf(400, "InvalidParameterValue", "awsfake serves only the createVolumePermission attribute, not %q", attr)
	}
	s := c.s.idx.snapshotByID[c.region+"/"+id]
	if s == nil {
		return nil, errf(400, "InvalidSnapshot.NotFound", "The snapshot '%s' does not exist.", id)
	}
	w := c.ec2Start()
	w.elem("snapshotId", id)
	w.open("createVolumePermission")
	for _, x := range s.SharedWith {
		w.open("item")
		if x == "all" {
			w.elem("group", "all")
		} else {
			w.elem("userId", x)
		}
		w.close("item")
	}
	w.close("createVolumePermission")
	return c.ec2End(w), nil
}

func ec2DescribeImages(c *call) (*reply, error) {
	owners := c.ownerIDs("Owner")
	ids := c.strs("ImageId")
	filters := c.ec2Filters()
	if v, ok := filters["image-id"]; ok {
		ids = append(ids, v...)
		delete(filters, "image-id")
	}
	if len(filters) > 0 {
		return nil, errf(400, "InvalidParameterValue", "awsfake supports only the image-id filter on DescribeImages")
	}
	if len(owners) == 0 && len(ids) == 0 {
		return nil, errf(400, "InvalidParameterValue", "awsfake: DescribeImages without Owners or ImageIds would list every public AMI")
	}
	var xs []*state.Image
	for _, im := range c.s.idx.images[c.region] {
		if len(owners) > 0 && !containsStr(owners, im.OwnerID) {
			continue
		}
		if len(ids) > 0 && !containsStr(ids, im.ID) {
			continue
		}
		xs = append(xs, im)
	}
	key := strings.Join(owners, ",") + "|" + strings.Join(ids, ",")
	return c.cached(key+"|"+c.form.Get("MaxResults")+"|"+c.form.Get("NextToken"), func() (*reply, error) {
		start, end, next, err := c.ec2Page(len(xs))
		if err != nil {
			return nil, err
		}
		w := c.ec2Start()
		w.open("imagesSet")
		for _, im := range xs[start:end] {
			w.open("item")
			w.elem("imageId", im.ID)
			w.str("name", im.Name)
			w.str("imageState", im.State)
			w.elem("imageOwnerId", im.OwnerID)
			w.boolean("isPublic", im.Public)
			w.elem("creationDate", im.CreationDate.UTC().Format("2006-01-02T15:04:05.000Z"))
			if im.DeprecationTime != nil {
				w.elem("deprecationTime", im.DeprecationTime.UTC().Format("2006-01-02T15:04:05.000Z"))
			}
			w.elem("imageType", "machine")
			w.elem("rootDeviceType", "ebs")
			w.open("blockDeviceMapping")
			w.open("item")
			w.elem("deviceName", "/dev/xvda")
			w.open("ebs")
			w.elem("snapshotId", "snap-"+shortHash(im.ID))
			w.boolean("encrypted", im.EncryptedSnapshots)
			w.close("ebs")
			w.close("item")
			w.close("blockDeviceMapping")
			ec2Tags(w, im.Tags)
			w.close("item")
		}
		w.close("imagesSet")
		w.str("nextToken", next)
		return c.ec2End(w), nil
	})
}

func ec2DescribeImageAttribute(c *call) (*reply, error) {
	id := c.str("ImageId")
	c.resource = id
	if attr := c.str("Attribute"); attr != "launchPermission" {
		return nil, errf(400, "InvalidParameterValue", "awsfake serves only the launchPermission attribute, not %q", attr)
	}
	im := c.s.idx.imageByID[c.region+"/"+id]
	if im == nil {
		return nil, errf(400, "InvalidAMIID.NotFound", "The image id '[%s]' does not exist", id)
	}
	w := c.ec2Start()
	w.elem("imageId", id)
	w.open("launchPermission")
	if im.Public {
		w.open("item")
		w.elem("group", "all")
		w.close("item")
	}
	for _, x := range im.SharedWith {
		w.open("item")
		switch {
		case strings.Contains(x, ":organization/"):
			w.elem("organizationArn", x)
		case strings.Contains(x, ":ou/"):
			w.elem("organizationalUnitArn", x)
		default:
			w.elem("userId", x)
		}
		w.close("item")
	}
	w.close("launchPermission")
	return c.ec2End(w), nil
}

func (c *call) regionSettings() state.EC2RegionSettings {
	if s, ok := c.s.acct.EC2.Settings(c.region); ok {
		return s
	}
	return state.EC2RegionSettings{Region: c.region, EBSDefaultKMSKeyID: "alias/aws/ebs", SnapshotBlockPublicAccess: "unblocked", ImageBlockPublicAccess: "unblocked"}
}

func ec2GetEbsEncryptionByDefault(c *call) (*reply, error) {
	w := c.ec2Start()
	w.boolean("ebsEncryptionByDefault", c.regionSettings().EBSEncryptionByDefault)
	w.elem("sseType", "sse-ebs")
	return c.ec2End(w), nil
}

func ec2GetEbsDefaultKmsKeyID(c *call) (*reply, error) {
	w := c.ec2Start()
	w.elem("kmsKeyId", orDefault(c.regionSettings().EBSDefaultKMSKeyID, "alias/aws/ebs"))
	return c.ec2End(w), nil
}

func ec2GetSnapshotBlockPublicAccessState(c *call) (*reply, error) {
	w := c.ec2Start()
	w.elem("state", orDefault(c.regionSettings().SnapshotBlockPublicAccess, "unblocked"))
	w.elem("managedBy", "account")
	return c.ec2End(w), nil
}

func ec2GetImageBlockPublicAccessState(c *call) (*reply, error) {
	w := c.ec2Start()
	w.elem("imageBlockPublicAccessState", orDefault(c.regionSettings().ImageBlockPublicAccess, "unblocked"))
	w.elem("managedBy", "account")
	return c.ec2End(w), nil
}

func ec2GetInstanceMetadataDefaults(c *call) (*reply, error) {
	w := c.ec2Start()
	w.open("accountLevel")
	w.str("httpTokens", c.regionSettings().IMDSDefaultHTTPTokens)
	w.elem("managedBy", "account")
	w.close("accountLevel")
	return c.ec2End(w), nil
}

func ec2DescribeVpnConnections(c *call) (*reply, error) {
	if f := c.ec2Filters(); len(f) > 0 {
		return nil, errf(400, "InvalidParameterValue", "awsfake does not support filters on %s", c.action)
	}
	w := c.ec2Start()
	w.open("vpnConnectionSet")
	for _, v := range c.s.idx.vpns[c.region] {
		w.open("item")
		w.elem("vpnConnectionId", v.ID)
		w.elem("state", v.State)
		w.str("type", v.Type)
		w.str("customerGatewayId", v.CustomerGatewayID)
		w.str("vpnGatewayId", v.VPNGatewayID)
		w.str("transitGatewayId", v.TransitGatewayID)
		w.elem("category", "VPN")
		w.open("vgwTelemetry")
		for _, t := range v.Tunnels {
			w.open("item")
			w.elem("outsideIpAddress", t.OutsideIP)
			w.elem("status", t.Status)
			w.str("statusMessage", t.StatusMessage)
			w.close("item")
		}
		w.close("vgwTelemetry")
		w.open("options")
		w.elem("staticRoutesOnly", "false")
		w.open("tunnelOptionSet")
		for _, t := range v.Tunnels {
			w.open("item")
			w.elem("outsideIpAddress", t.OutsideIP)
			vpnValues(w, "ikeVersionSet", t.IKEVersions)
			vpnValues(w, "phase1EncryptionAlgorithmSet", t.Phase1Encryption)
			vpnValues(w, "phase1IntegrityAlgorithmSet", t.Phase1Integrity)
			vpnInts(w, "phase1DHGroupNumberSet", t.Phase1DHGroups)
			vpnValues(w, "phase2EncryptionAlgorithmSet", t.Phase2Encryption)
			vpnValues(w, "phase2IntegrityAlgorithmSet", t.Phase2Integrity)
			vpnInts(w, "phase2DHGroupNumberSet", t.Phase2DHGroups)
			w.open("logOptions")
			w.open("cloudWatchLogOptions")
			w.boolean("logEnabled", t.LoggingEnabled)
			w.close("cloudWatchLogOptions")
			w.close("logOptions")
			w.close("item")
		}
		w.close("tunnelOptionSet")
		w.close("options")
		ec2Tags(w, v.Tags)
		w.close("item")
	}
	w.close("vpnConnectionSet")
	return c.ec2End(w), nil
}

func vpnValues(w *xw, set string, vs []string) {
	if len(vs) == 0 {
		return
	}
	ec2StringSet(w, set, "value", vs)
}

func vpnInts(w *xw, set string, vs []int) {
	if len(vs) == 0 {
		return
	}
	w.open(set)
	for _, v := range vs {
		w.open("item")
		w.integer("value", v)
		w.close("item")
	}
	w.close(set)
}

func ec2DescribeVpcEndpoints(c *call) (*reply, error) {
	xs := c.s.idx.endpoints[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "vpcEndpointSet", len(xs), func(w *xw, i int) {
		e := xs[i]
		w.elem("vpcEndpointId", e.ID)
		w.elem("vpcEndpointType", e.Type)
		w.elem("vpcId", e.VPCID)
		w.elem("serviceName", e.ServiceName)
		w.elem("state", "available")
		w.str("policyDocument", e.Policy)
		w.elem("ownerId", acct)
		ec2Tags(w, e.Tags)
	})
}
