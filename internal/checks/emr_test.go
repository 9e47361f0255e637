package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsEMRClusterARN = "arn:aws:elasticmapreduce:eu-west-1:" + testAccountID + ":cluster/j-2AXXXXXXGAPLF"
	dsEMRConfigARN  = "arn:aws:elasticmapreduce:eu-west-1:" + testAccountID + ":security-configuration/encrypted"
)

// dsEMRCluster adds cluster "etl" (j-2AXXXXXXGAPLF) in eu-west-1, waiting,
// its primary node in a private subnet, edited by mut.
func dsEMRCluster(mut func(k *state.EMRCluster)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.EMRCluster{Meta: state.Meta{ARN: dsEMRClusterARN, Region: "eu-west-1"}, ID: "j-2AXXXXXXGAPLF", Name: "etl", State: "WAITING",
			Described: true, SubnetID: "subnet-0a1b2c3d", MasterPublicDNSName: "ip-10-0-1-23.eu-west-1.compute.internal", SecurityConfiguration: "encrypted"}
		if mut != nil {
			mut(&k)
		}
		a.EMR.Clusters = append(a.EMR.Clusters, k)
	}
}

// dsEMRConfig adds security configuration "encrypted" in eu-west-1,
// encrypting at rest and in transit, edited by mut.
func dsEMRConfig(mut func(s *state.EMRSecurityConfiguration)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.EMRSecurityConfiguration{Meta: state.Meta{ARN: dsEMRConfigARN, Region: "eu-west-1"}, Name: "encrypted", Described: true,
			AtRest: true, InTransit: true}
		if mut != nil {
			mut(&s)
		}
		a.EMR.SecurityConfigurations = append(a.EMR.SecurityConfigurations, s)
	}
}

// dsEMRBPA sets eu-west-1's block public access; us-east-1's is on with
// SSH permitted.
func dsEMRBPA(enabled bool, ports ...string) func(*state.Account) {
	return func(a *state.Account) {
		a.EMR.BlockPublicAccess = append(a.EMR.BlockPublicAccess, state.EMRBlockPublicAccess{Region: "eu-west-1", Enabled: enabled, PermittedPorts: ports},
			state.EMRBlockPublicAccess{Region: "us-east-1", Enabled: true, PermittedPorts: []string{"22"}})
	}
}

func emrCases() map[string][]checkCase {
	k := func(name string, mut func(*state.EMRCluster), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsEMRCluster(mut)), want: want}
	}
	s := func(name string, mut func(*state.EMRSecurityConfiguration), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsEMRConfig(mut)), want: want}
	}
	cfgUnknowns := []checkCase{
		{name: "description denied", acct: baseAccount(dsEMRConfig(nil), dsGap("elasticmapreduce", "eu-west-1", "DescribeSecurityConfiguration", dsEMRConfigARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsEMRConfig(nil), dsGap("elasticmapreduce", "eu-west-1", "ListSecurityConfigurations", "")), want: dsWant(dsU)},
		s("not described", func(s *state.EMRSecurityConfiguration) { s.Described = false }, dsU),
	}
	return map[string][]checkCase{
		"emr_cluster_master_no_public_ip": {
			k("private", nil, dsP),
			k("private, us-east-1 form", func(k *state.EMRCluster) { k.MasterPublicDNSName = "ip-10-0-1-23.ec2.internal" }, dsP),
			k("public", func(k *state.EMRCluster) { k.MasterPublicDNSName = "ec2-203-0-113-7.eu-west-1.compute.amazonaws.com" }, dsF),
			k("public, us-east-1 form", func(k *state.EMRCluster) { k.MasterPublicDNSName = "ec2-203-0-113-7.compute-1.amazonaws.com" }, dsF),
			k("starting, no name yet", func(k *state.EMRCluster) { k.State, k.MasterPublicDNSName = "STARTING", "" }, dsU),
			k("custom name", func(k *state.EMRCluster) { k.MasterPublicDNSName = "emr.example.com" }, dsU),
			k("not described", func(k *state.EMRCluster) { k.Described = false }, dsU),
			{name: "description denied", acct: baseAccount(dsEMRCluster(nil), dsGap("elasticmapreduce", "eu-west-1", "DescribeCluster", dsEMRClusterARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsEMRCluster(nil), dsGap("elasticmapreduce", "eu-west-1", "ListClusters", "")), want: dsWant(dsU)},
		},
		"emr_block_public_access_enabled": {
			{name: "on, ssh only", acct: baseAccount(dsEMRBPA(true, "22")), want: dsWant(dsP, dsP)},
			{name: "on, no exception", acct: baseAccount(dsEMRBPA(true)), want: dsWant(dsP, dsP)},
			{name: "on, more ports", acct: baseAccount(dsEMRBPA(true, "22", "8080-8090")), want: dsWant(dsF, dsP), msg: "8080-8090"},
			{name: "off", acct: baseAccount(dsEMRBPA(false)), want: dsWant(dsF, dsP)},
			{name: "not collected", acct: baseAccount(), want: dsWant(dsU, dsU)},
			{name: "read denied", acct: baseAccount(dsEMRBPA(true, "22"), dsGap("elasticmapreduce", "eu-west-1", "GetBlockPublicAccessConfiguration", "")), want: dsWant(dsU, dsP)},
			{name: "region not scanned", acct: baseAccount(dsEMRBPA(true, "22"), func(a *state.Account) {
				a.Regions = append(a.Regions, state.Region{Name: "eu-north-1", Enabled: true, OptInStatus: "opt-in-not-required"})
			}), want: dsWant(dsU, dsP, dsP)},
		},
		"emr_security_configuration_encrypted_at_rest": append([]checkCase{
			s("at rest", nil, dsP),
			s("in transit only", func(s *state.EMRSecurityConfiguration) { s.AtRest = false }, dsF),
		}, cfgUnknowns...),
		"emr_security_configuration_encrypted_in_transit": append([]checkCase{
			s("in transit", nil, dsP),
			s("at rest only", func(s *state.EMRSecurityConfiguration) { s.InTransit = false }, dsF),
		}, cfgUnknowns...),
	}
}

// TestDemoEMRVerdicts pins what the demo's EMR clusters, security
// configurations and block public access show: each EMR check passes
// somewhere and fails somewhere.
func TestDemoEMRVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range emrChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
