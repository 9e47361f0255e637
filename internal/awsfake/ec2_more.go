package awsfake

import (
	"strconv"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// The EC2 listings of transit gateways, launch templates (default
// versions), Client VPN endpoints and their rules, managed prefix lists
// and their entries, and the VPC Block Public Access mode.

func ec2DescribeTransitGateways(c *call) (*reply, error) {
	xs := c.s.idx.transitGateways[c.region]
	acct := c.s.acct.AccountID
	return ec2List(c, "transitGatewaySet", len(xs), func(w *xw, i int) {
		g := xs[i]
		w.elem("transitGatewayId", g.ID)
		w.elem("transitGatewayArn", g.ARN)
		w.str("state", g.State)
		w.elem("ownerId", acct)
		w.timestamp("creationTime", c.s.acct.CollectedAt)
		w.open("options")
		if g.AutoAcceptSharedAttachments {
			w.elem("autoAcceptSharedAttachments", "enable")
		} else {
			w.elem("autoAcceptSharedAttachments", "disable")
		}
		w.close("options")
		ec2Tags(w, g.Tags)
	})
}

// ec2DescribeLaunchTemplateVersions answers the default version of every
// template ($Default without template IDs), as the collectors ask.
func ec2DescribeLaunchTemplateVersions(c *call) (*reply, error) {
	if v := c.strs("LaunchTemplateVersion"); len(v) != 1 || v[0] != "$Default" {
		return nil, errf(400, "InvalidParameterValue", "awsfake serves only Versions=$Default, got %v", v)
	}
	xs := c.s.idx.launchTemplates[c.region]
	max, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	if max != 0 && (max < 1 || max > 200) {
		return nil, errf(400, "InvalidParameterValue", "MaxResults must be between 1 and 200")
	}
	start, end, next, err := page(c.action, len(xs), c.str("NextToken"), max, 200, 200)
	if err != nil {
		return nil, err
	}
	w := c.ec2Start()
	w.open("launchTemplateVersionSet")
	for _, t := range xs[start:end] {
		w.open("item")
		w.elem("launchTemplateId", t.ID)
		w.elem("launchTemplateName", t.Name)
		w.elem("versionNumber", strconv.FormatInt(t.DefaultVersion, 10))
		w.boolean("defaultVersion", true)
		w.timestamp("createTime", c.s.acct.CollectedAt)
		w.open("launchTemplateData")
		w.open("networkInterfaceSet")
		w.open("item")
		w.elem("deviceIndex", "0")
		w.boolean("associatePublicIpAddress", t.AssociatePublicIP)
		w.close("item")
		w.close("networkInterfaceSet")
		if len(t.EBSVolumes) > 0 { // svc-gaps: EC2.181
			w.open("blockDeviceMappingSet")
			for _, v := range t.EBSVolumes {
				w.open("item")
				w.elem("deviceName", v.Device)
				w.open("ebs")
				if v.Encrypted != nil {
					w.boolean("encrypted", *v.Encrypted)
				}
				w.elem("volumeType", "gp3")
				w.close("ebs")
				w.close("item")
			}
			w.close("blockDeviceMappingSet")
		}
		if t.MetadataHTTPTokens != "" || t.MetadataHTTPEndpoint != "" {
			w.open("metadataOptions")
			w.str("httpTokens", t.MetadataHTTPTokens)
			w.str("httpEndpoint", t.MetadataHTTPEndpoint)
			w.close("metadataOptions")
		}
		w.close("launchTemplateData")
		w.close("item")
	}
	w.close("launchTemplateVersionSet")
	w.str("nextToken", next)
	return c.ec2End(w), nil
}

func ec2DescribeClientVpnEndpoints(c *call) (*reply, error) {
	xs := c.s.idx.clientVPNs[c.region]
	return ec2List(c, "clientVpnEndpoint", len(xs), func(w *xw, i int) {
		e := xs[i]
		w.elem("clientVpnEndpointId", e.ID)
		w.str("clientCidrBlock", e.ClientCIDR)
		w.boolean("splitTunnel", e.SplitTunnel)
		w.open("status")
		w.elem("code", orDefault(e.Status, "available"))
		w.close("status")
		w.open("authenticationOptions")
		for _, t := range e.AuthenticationTypes {
			w.open("item")
			w.elem("type", t)
			w.close("item")
		}
		w.close("authenticationOptions")
		w.open("connectionLogOptions")
		w.boolean("Enabled", e.ConnectionLogging)
		w.close("connectionLogOptions")
		ec2Tags(w, e.Tags)
	})
}

func ec2DescribeClientVpnAuthorizationRules(c *call) (*reply, error) {
	id := c.str("ClientVpnEndpointId")
	var e *state.ClientVPNEndpoint
	for _, x := range c.s.idx.clientVPNs[c.region] {
		if x.ID == id {
			e = x
		}
	}
	if e == nil {
		return nil, errf(400, "InvalidClientVpnEndpointId.NotFound", "Endpoint %s does not exist", id)
	}
	return ec2ItemList(c, id, "authorizationRule", len(e.AuthorizationRules), func(w *xw, i int) {
		r := e.AuthorizationRules[i]
		w.elem("clientVpnEndpointId", e.ID)
		w.elem("destinationCidr", r.DestinationCIDR)
		w.boolean("accessAll", r.AccessAll)
		w.str("groupId", r.GroupID)
		w.raw("<status><code>active</code></status>")
	})
}

// ec2ItemList renders a paged listing of n things of one resource (its ID
// in key) whose set element is setName.
func ec2ItemList(c *call, key, setName string, n int, item func(w *xw, i int)) (*reply, error) {
	return c.cached(key+"|"+c.form.Get("MaxResults")+"|"+c.form.Get("NextToken"), func() (*reply, error) {
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

func ec2DescribeVpcBlockPublicAccessOptions(c *call) (*reply, error) {
	w := c.ec2Start()
	w.open("vpcBlockPublicAccessOptions")
	w.elem("awsAccountId", c.s.acct.AccountID)
	w.elem("awsRegion", c.region)
	w.elem("state", "default-state")
	w.elem("internetGatewayBlockMode", orDefault(c.regionSettings().VPCBlockPublicAccess, "off"))
	w.close("vpcBlockPublicAccessOptions")
	return c.ec2End(w), nil
}

func ec2DescribeManagedPrefixLists(c *call) (*reply, error) {
	xs := c.s.idx.prefixLists[c.region]
	return ec2List(c, "prefixListSet", len(xs), func(w *xw, i int) {
		l := xs[i]
		w.elem("prefixListId", l.ID)
		w.str("addressFamily", l.AddressFamily)
		w.elem("state", "create-complete")
		w.elem("prefixListArn", l.ARN)
		w.str("prefixListName", l.Name)
		w.str("ownerId", l.OwnerID)
		if !l.AWSManaged() {
			w.integer("maxEntries", max(len(l.Entries), 1))
			w.integer("version", 1)
		}
		ec2Tags(w, l.Tags)
	})
}

func ec2GetManagedPrefixListEntries(c *call) (*reply, error) {
	id := c.str("PrefixListId")
	c.resource = id
	var l *state.PrefixList
	for _, x := range c.s.idx.prefixLists[c.region] {
		if x.ID == id {
			l = x
		}
	}
	if l == nil {
		return nil, errf(400, "InvalidPrefixListID.NotFound", "The prefix list ID '%s' does not exist", id)
	}
	return ec2ItemList(c, id, "entrySet", len(l.Entries), func(w *xw, i int) { w.elem("cidr", l.Entries[i]) })
}
