package awsfake

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Network Firewall (awsJson1.0, signing name network-firewall,
// X-Amz-Target NetworkFirewall_20201112.*) ---- svc-netfw
//
// The SDK has no schema serializer for network-firewall: bodies are built
// by hand with the member names of its awsJson1_0 deserializer.

func (s *Server) networkFirewallService() *service {
	return &service{name: "network-firewall", proto: protoJSON, jsonVersion: "1.0", ops: map[string]handler{
		"ListFirewalls":                nfwListFirewalls,
		"DescribeFirewall":             nfwDescribeFirewall,
		"DescribeLoggingConfiguration": nfwDescribeLogging,
		"ListFirewallPolicies":         nfwListPolicies,
		"DescribeFirewallPolicy":       nfwDescribePolicy,
		"ListRuleGroups":               nfwListRuleGroups,
		"DescribeRuleGroup":            nfwDescribeRuleGroup,
	}}
}

// nfwPage pages a Network Firewall listing: MaxResults 1..100, 100 when
// absent.
func (c *call) nfwPage(n int) (start, end int, next string, err error) {
	return c.pageOf(n, 100, 100)
}

// nfwList answers a listing of n items under member, each rendered by item.
func nfwList(c *call, member string, n int, item func(i int) map[string]any) (*reply, error) {
	start, end, next, err := c.nfwPage(n)
	if err != nil {
		return nil, err
	}
	xs := make([]map[string]any, 0, end-start)
	for i := start; i < end; i++ {
		xs = append(xs, item(i))
	}
	out := map[string]any{member: xs}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

func nfwListFirewalls(c *call) (*reply, error) {
	xs := c.s.idx.firewalls[c.region]
	return nfwList(c, "Firewalls", len(xs), func(i int) map[string]any {
		return map[string]any{"FirewallName": xs[i].Name, "FirewallArn": xs[i].ARN}
	})
}

// nfwFirewall finds the firewall the call names by FirewallArn or
// FirewallName.
func (c *call) nfwFirewall() (*state.Firewall, error) {
	arn, name := c.str("FirewallArn"), c.str("FirewallName")
	for _, f := range c.s.idx.firewalls[c.region] {
		if (arn != "" && f.ARN == arn) || (arn == "" && name != "" && f.Name == name) {
			return f, nil
		}
	}
	return nil, errf(400, "ResourceNotFoundException", "Firewall %s%s not found", arn, name)
}

func nfwDescribeFirewall(c *call) (*reply, error) {
	f, err := c.nfwFirewall()
	if err != nil {
		return nil, err
	}
	subnets := []map[string]any{}
	for _, s := range f.SubnetIDs {
		subnets = append(subnets, map[string]any{"SubnetId": s, "IPAddressType": "IPV4"})
	}
	id := f.ARN[strings.LastIndex(f.ARN, "/")+1:]
	fw := map[string]any{"FirewallName": f.Name, "FirewallArn": f.ARN, "FirewallId": id, "FirewallPolicyArn": f.PolicyARN,
		"VpcId": f.VPCID, "SubnetMappings": subnets, "DeleteProtection": f.DeleteProtection,
		"SubnetChangeProtection": f.SubnetChangeProtection, "FirewallPolicyChangeProtection": f.PolicyChangeProtection,
		"Tags": tagList(f.Tags)}
	return c.rawJSON(map[string]any{"UpdateToken": "token-" + id, "Firewall": fw,
		"FirewallStatus": map[string]any{"Status": "READY", "ConfigurationSyncStateSummary": "IN_SYNC"}})
}

func nfwDescribeLogging(c *call) (*reply, error) {
	f, err := c.nfwFirewall()
	if err != nil {
		return nil, err
	}
	cfgs := []map[string]any{}
	for i, t := range f.LogTypes {
		kind := "CloudWatchLogs"
		if i < len(f.LogDestinations) {
			kind = f.LogDestinations[i]
		}
		cfgs = append(cfgs, map[string]any{"LogType": t, "LogDestinationType": kind, "LogDestination": nfwDestination(kind, f.Name, t)})
	}
	return c.rawJSON(map[string]any{"FirewallArn": f.ARN, "LoggingConfiguration": map[string]any{"LogDestinationConfigs": cfgs}})
}

// nfwDestination is a log destination of the kind named, as AWS describes
// it (the name of a log group, bucket or delivery stream).
func nfwDestination(kind, firewall, logType string) map[string]string {
	name := "network-firewall/" + firewall + "/" + strings.ToLower(logType)
	switch kind {
	case "S3":
		return map[string]string{"bucketName": "firewall-logs", "prefix": name}
	case "KinesisDataFirehose":
		return map[string]string{"deliveryStream": strings.ReplaceAll(name, "/", "-")}
	}
	return map[string]string{"logGroup": "/" + name}
}

func nfwListPolicies(c *call) (*reply, error) {
	xs := c.s.idx.firewallPolicies[c.region]
	return nfwList(c, "FirewallPolicies", len(xs), func(i int) map[string]any {
		return map[string]any{"Name": xs[i].Name, "Arn": xs[i].ARN}
	})
}

func nfwDescribePolicy(c *call) (*reply, error) {
	arn, name := c.str("FirewallPolicyArn"), c.str("FirewallPolicyName")
	for _, x := range c.s.idx.firewallPolicies[c.region] {
		if (arn != "" && x.ARN != arn) || (arn == "" && x.Name != name) {
			continue
		}
		id := x.ARN[strings.LastIndex(x.ARN, "/")+1:]
		stateless := []map[string]any{}
		for i, g := range x.StatelessRuleGroupARNs {
			stateless = append(stateless, map[string]any{"ResourceArn": g, "Priority": i + 1})
		}
		stateful := []map[string]any{}
		for _, g := range x.StatefulRuleGroupARNs {
			stateful = append(stateful, map[string]any{"ResourceArn": g})
		}
		pol := map[string]any{"StatelessDefaultActions": nonNil(x.StatelessDefaultActions),
			"StatelessFragmentDefaultActions": nonNil(x.StatelessFragmentDefaultActions),
			"StatelessRuleGroupReferences":    stateless, "StatefulRuleGroupReferences": stateful}
		return c.rawJSON(map[string]any{"UpdateToken": "token-" + id, "FirewallPolicy": pol,
			"FirewallPolicyResponse": map[string]any{"FirewallPolicyName": x.Name, "FirewallPolicyArn": x.ARN, "FirewallPolicyId": id,
				"FirewallPolicyStatus": "ACTIVE", "Tags": tagList(x.Tags)}})
	}
	return nil, errf(400, "ResourceNotFoundException", "FirewallPolicy %s%s not found", arn, name)
}

// nfwListRuleGroups lists the account's rule groups of the type asked for
// (all when none is); the fake holds only stateless ones, and no managed
// rule groups.
func nfwListRuleGroups(c *call) (*reply, error) {
	var xs []*state.FirewallRuleGroup
	if c.str("Scope") != "MANAGED" {
		for _, g := range c.s.idx.firewallRuleGroups[c.region] {
			if t := c.str("Type"); t == "" || t == g.Type {
				xs = append(xs, g)
			}
		}
	}
	return nfwList(c, "RuleGroups", len(xs), func(i int) map[string]any {
		return map[string]any{"Name": xs[i].Name, "Arn": xs[i].ARN}
	})
}

func nfwDescribeRuleGroup(c *call) (*reply, error) {
	arn, name := c.str("RuleGroupArn"), c.str("RuleGroupName")
	for _, x := range c.s.idx.firewallRuleGroups[c.region] {
		if (arn != "" && x.ARN != arn) || (arn == "" && x.Name != name) {
			continue
		}
		id := x.ARN[strings.LastIndex(x.ARN, "/")+1:]
		rules := []map[string]any{}
		for i := range x.Rules {
			rules = append(rules, map[string]any{"Priority": i + 1, "RuleDefinition": map[string]any{
				"MatchAttributes": map[string]any{"Protocols": []int{6}}, "Actions": []string{"aws:forward_to_sfe"}}})
		}
		return c.rawJSON(map[string]any{"UpdateToken": "token-" + id,
			"RuleGroup": map[string]any{"RulesSource": map[string]any{"StatelessRulesAndCustomActions": map[string]any{"StatelessRules": rules}}},
			"RuleGroupResponse": map[string]any{"RuleGroupName": x.Name, "RuleGroupArn": x.ARN, "RuleGroupId": id, "Type": x.Type,
				"Capacity": max(x.Rules, 1), "NumberOfAssociations": x.Associations, "RuleGroupStatus": "ACTIVE", "Tags": tagList(x.Tags)}})
	}
	return nil, errf(400, "ResourceNotFoundException", "RuleGroup %s%s not found", arn, name)
}
