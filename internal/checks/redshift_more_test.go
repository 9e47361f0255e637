package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// rsPortCluster is dsRedshift's cluster "wh" on port 5439 behind sg-wh.
func rsPortCluster(mut func(c *state.RedshiftCluster)) func(*state.Account) {
	return dsRedshift(func(c *state.RedshiftCluster) {
		c.Port, c.SecurityGroups = 5439, []string{"sg-wh"}
		if mut != nil {
			mut(c)
		}
	})
}

func redshiftMoreCases() map[string][]checkCase {
	c := func(name string, want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(more...), want: dsWant(want), msg: msg}
	}
	sg := func(in ...state.SGRule) func(*state.Account) { return nwSG("sg-wh", "warehouse", 1, in...) }
	return map[string][]checkCase{
		"redshift_cluster_port_restricted": {
			c("vpc only", dsP, "5439", rsPortCluster(nil), sg(nwTCP(5439, 5439, "10.0.0.0/16"))),
			c("internet on another port", dsP, "", rsPortCluster(nil), sg(nwTCP(443, 443, "0.0.0.0/0"))),
			c("internet on the port", dsF, "5439 from 0.0.0.0/0", rsPortCluster(nil), sg(nwTCP(5000, 6000, "0.0.0.0/0"))),
			c("internet in two halves", dsF, "publicly accessible", rsPortCluster(func(c *state.RedshiftCluster) { c.PubliclyAccessible = true }),
				sg(nwTCP(5439, 5439, "0.0.0.0/1", "128.0.0.0/1"))),
			c("ipv6 internet", dsF, "::/0", rsPortCluster(nil), sg(nwTCP(5439, 5439, "::/0"))),
			c("unread prefix list", dsU, "pl-1", rsPortCluster(nil), sg(nwPLRule(5439, 5439, "pl-1"))),
			c("group not listed", dsU, "sg-wh", rsPortCluster(nil)),
			c("groups denied", dsU, "", rsPortCluster(nil), sg(nwTCP(5439, 5439, "0.0.0.0/0")), nwEUGap("ec2", "DescribeSecurityGroups")),
			c("port not reported", dsU, "port", rsPortCluster(func(c *state.RedshiftCluster) { c.Port = 0 }), sg()),
			c("clusters denied", dsU, "", rsPortCluster(nil), sg(), dsGap("redshift", "eu-west-1", "DescribeClusters", "")),
		},
	}
}

// TestRedshiftPortAgreesWithSGRule: for one group, Redshift.15 answers as
// the EC2 security group rule does on the cluster's port (one rule).
func TestRedshiftPortAgreesWithSGRule(t *testing.T) {
	for _, rules := range [][]state.SGRule{
		{nwTCP(5439, 5439, "10.0.0.0/8")},
		{nwTCP(0, 65535, "0.0.0.0/0")},
		{nwTCP(5439, 5439, "0.0.0.0/1", "128.0.0.0/1")},
		{nwTCP(5439, 5439, "::/0")},
		{nwPLRule(5439, 5439, "pl-1")},
		{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}},
		{{Protocol: "udp", FromPort: 5439, ToPort: 5439, CIDRs: []string{"0.0.0.0/0"}}},
	} {
		a := baseAccount(rsPortCluster(nil), nwSG("sg-wh", "warehouse", 1, rules...))
		want := judgeSGPorts(a.EC2.SecurityGroups[0], newSGResolver(a).ingress(a.EC2.SecurityGroups[0]), []int{5439}, "port 5439").Status
		got := redshiftClusterPortRestricted(a, &policy.Policy{})
		if len(got) != 1 || got[0].Status != want {
			t.Errorf("rules %+v: redshift %+v, security group rule %s", rules, got, want)
		}
	}
}
