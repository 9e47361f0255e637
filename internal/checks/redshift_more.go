package checks

import (
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// redshiftMoreChecks are svc-gaps3's Redshift duty: the security groups of
// a cluster admit its port only from restricted origins (FSBP
// Redshift.15), judged by the one security group rule of the EC2 checks
// (openPorts over the sgResolver: rule CIDRs and prefix list entries, the
// union that covers the internet, unread lists unknown).
func redshiftMoreChecks() []check.Check {
	return []check.Check{{ID: "redshift_cluster_port_restricted", Run: redshiftClusterPortRestricted}}
}

func redshiftClusterPortRestricted(a *state.Account, _ *policy.Policy) []check.Result {
	res := newSGResolver(a)
	groups := make(map[string]state.SecurityGroup, len(a.EC2.SecurityGroups))
	for _, g := range a.EC2.SecurityGroups {
		groups[g.Region+"/"+g.ID] = g
	}
	return eachRedshift(a, func(c state.RedshiftCluster) check.Result {
		switch {
		case c.Port == 0:
			return check.UnknownR(c, "%s: its port was not reported", c.ID)
		case len(c.SecurityGroups) == 0:
			return check.UnknownR(c, "%s: no VPC security group was reported", c.ID)
		}
		if g, ok := listingGap(a, c.Region, state.InputEC2SecurityGroups); ok {
			return check.GapR(c, g)
		}
		port := strconv.Itoa(c.Port)
		var open, unknown []string
		for _, id := range c.SecurityGroups {
			g, ok := groups[c.Region+"/"+id]
			if !ok {
				unknown = append(unknown, id+" (not among the region's security groups)")
				continue
			}
			o, unread := openPorts(res.ingress(g), []int{c.Port})
			for _, x := range o {
				open = append(open, id+" admits "+x)
			}
			for _, u := range unread {
				unknown = append(unknown, id+": "+u.String())
			}
		}
		switch {
		case len(open) > 0:
			public := ""
			if c.PubliclyAccessible {
				public = "; the cluster is publicly accessible"
			}
			return check.FailR(c, "%s: %s%s", c.ID, strings.Join(open, ", "), public)
		case len(unknown) > 0:
			return check.UnknownR(c, "%s: who its security groups admit on port %s is unknown: %s", c.ID, port, strings.Join(unknown, "; "))
		}
		return check.PassR(c, "%s: its security groups %s admit port %s from no internet-wide source", c.ID, strings.Join(c.SecurityGroups, ", "), port)
	})
}
