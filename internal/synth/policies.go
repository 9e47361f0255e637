package synth

// resourcePolicies (exposure-gaps) gives the stores whose resource policy
// the collectors now read their policy, after everything else so no
// earlier value changes: every data stream's and MSK cluster's policy
// was read, and about one in ten has one, mostly granting a partner
// account access (the untrusted one a third of the time), now and then
// pinned to the organization.
func (g *gen) resourcePolicies() {
	for i := range g.a.Kinesis.Streams {
		s := &g.a.Kinesis.Streams[i]
		s.PolicyRead = true
		if !g.chance(10) {
			continue
		}
		s.Policy = synthPolicy(g, s.ARN, "kinesis:GetRecords", "kinesis:DescribeStreamSummary")
	}
	// MSK clusters: every policy read, about one in eight with one
	// (cross-account multi-VPC connectivity).
	for i := range g.a.MSK.Clusters {
		k := &g.a.MSK.Clusters[i]
		k.PolicyRead = true
		if !g.chance(12) {
			continue
		}
		k.Policy = synthPolicy(g, k.ARN, "kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeClusterV2")
	}
}

// synthPolicy is a resource policy on arn allowing actions to a partner
// account (trusted or not) or to the organization's principals.
func synthPolicy(g *gen, arn string, actions ...string) string {
	acts := ""
	for i, a := range actions {
		if i > 0 {
			acts += ","
		}
		acts += `"` + a + `"`
	}
	principal, cond := `{"AWS":"arn:aws:iam::`+g.pick("444455556666", "444455556666", "777788889999")+`:root"}`, ""
	if g.chance(20) {
		principal, cond = `"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-synth00001"}}`
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":[` + acts + `],"Resource":"` + arn + `"` + cond + `}]}`
}
